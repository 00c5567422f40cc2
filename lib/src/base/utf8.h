// UTF-8 validation shared by the records readers: inputs from school systems are checked
// byte for byte, so an invalid sequence is reported where it is rather than passed on.
#pragma once

#include <cstddef>
#include <string_view>

namespace accredit::internal {

// The offset of the first byte of `text` that is not part of valid UTF-8 (RFC 3629: no
// overlong forms, no surrogates, nothing above U+10FFFF), or npos when all of it is valid.
std::size_t FirstInvalidUtf8(std::string_view text);

}  // namespace accredit::internal
