// Wrapping prose for an 80-column terminal: the rules explained, a learner's explanation.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace accredit::internal {

// Columns `text` takes on a terminal: its UTF-8 code points.
inline std::size_t Columns(std::string_view text) {
  std::size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// Appends `text` wrapped at `width` columns, indented by `indent`, continuation lines by `hang`
// more, and a newline. Words longer than a line are left whole.
inline void Wrap(std::string& out, std::string_view text, std::size_t indent, std::size_t width,
                 std::size_t hang = 0) {
  std::string pad(indent, ' ');
  std::string continuation(indent + hang, ' ');
  std::size_t column = 0;
  std::size_t start = 0;
  bool first = true;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view word = text.substr(start, end - start);
    if (first) {
      out += pad;
      out += word;
      column = indent + Columns(word);
      first = false;
    } else if (column + 1 + Columns(word) > width) {
      out += "\n" + continuation;
      out += word;
      column = continuation.size() + Columns(word);
    } else {
      out += ' ';
      out += word;
      column += 1 + Columns(word);
    }
    start = end + 1;
  }
  out += "\n";
}

}  // namespace accredit::internal
