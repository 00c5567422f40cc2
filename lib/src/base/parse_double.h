// A floating-point number read from the whole of a piece of text, the same on every standard
// library: std::from_chars where the library has it for double (libstdc++, the native builds),
// strtod on a copy where it has not (the libc++ of Debian's emscripten, the browser build).
// Both read "C"-locale decimals and exponents; nothing here depends on the user's locale,
// which the browser build does not have.
#pragma once

#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <string>
#include <string_view>
#include <system_error>

namespace accredit::internal {

// The number `text` holds, all of it; false (and `value` unchanged) when it holds anything
// else or overflows.
inline bool ParseDouble(std::string_view text, double& value) {
  if (text.empty()) return false;
#if defined(_LIBCPP_VERSION) && _LIBCPP_VERSION < 170000
  const std::string copy(text);  // strtod needs the terminating NUL
  if (copy.front() == ' ' || copy.front() == '\t' || copy.front() == '\n') return false;
  char* stop = nullptr;
  errno = 0;
  const double read = std::strtod(copy.c_str(), &stop);
  if (errno == ERANGE || stop != copy.c_str() + copy.size()) return false;
  value = read;
  return true;
#else
  double read = 0;
  auto [stop, error] = std::from_chars(text.data(), text.data() + text.size(), read);
  if (error != std::errc() || stop != text.data() + text.size()) return false;
  value = read;
  return true;
#endif
}

}  // namespace accredit::internal
