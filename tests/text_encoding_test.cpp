// Which encoding an input is in, and reading it as UTF-8: what Excel saves (UTF-8, UTF-16,
// Windows-1252) is read; nothing else is guessed.
#include "base/text_encoding.h"

#include <doctest/doctest.h>

#include <string>

namespace accredit::internal {
namespace {

std::string Utf16(std::u16string_view text, bool little) {
  std::string out = little ? "\xff\xfe" : "\xfe\xff";
  for (char16_t c : text) {
    const char high = static_cast<char>(c >> 8);
    const char low = static_cast<char>(c & 0xFF);
    out += little ? low : high;
    out += little ? high : low;
  }
  return out;
}

TEST_CASE("UTF-8 is left as it is, with or without a byte order mark") {
  CHECK(DetectEncoding("learner,title\nL1,maths\n") == TextEncoding::kUtf8);
  CHECK(DetectEncoding("\xef\xbb\xbflearner\nZo\xc3\xab\n") == TextEncoding::kUtf8);
  CHECK_FALSE(ConvertToUtf8("anything", TextEncoding::kUtf8).has_value());
  std::string text = "Zo\xc3\xab";
  CHECK(ToUtf8(text) == TextEncoding::kUtf8);
  CHECK(text == "Zo\xc3\xab");
}

TEST_CASE("Excel's plain CSV is read as Windows-1252") {
  std::string text = "name\nZo\xeb \x80 \x93quoted\x94 caf\xe9\n";
  CHECK(DetectEncoding(text) == TextEncoding::kWindows1252);
  CHECK(ToUtf8(text) == TextEncoding::kWindows1252);
  CHECK(text == "name\nZo\xc3\xab \xe2\x82\xac \xe2\x80\x9cquoted\xe2\x80\x9d caf\xc3\xa9\n");
}

TEST_CASE(
    "text with valid UTF-8 in it is UTF-8 even with a bad byte, and nothing fits a byte "
    "Windows-1252 leaves undefined") {
  CHECK(DetectEncoding("Zo\xc3\xab and caf\xe9") == TextEncoding::kUtf8);
  CHECK(DetectEncoding("caf\xe9 \x81") == TextEncoding::kUtf8);
  CHECK(DetectEncoding(std::string("a\0\xe9", 3)) == TextEncoding::kUtf8);  // NUL: not text
}

TEST_CASE("Excel's Unicode text is read as UTF-16 by its byte order mark") {
  const std::u16string zoe = u"learner\tname\nL1\tZo\u00eb \U0001F600\n";
  for (bool little : {true, false}) {
    CAPTURE(little);
    std::string text = Utf16(zoe, little);
    CHECK(DetectEncoding(text) == (little ? TextEncoding::kUtf16Le : TextEncoding::kUtf16Be));
    CHECK(ToUtf8(text) != TextEncoding::kUtf8);
    CHECK(text == "\xef\xbb\xbflearner\tname\nL1\tZo\xc3\xab \xf0\x9f\x98\x80\n");
  }
}

TEST_CASE("UTF-16 that is not valid is left for the reader to refuse") {
  std::string unpaired = Utf16(u"L1", true) + std::string("\x00\xd8", 2);
  CHECK_FALSE(ConvertToUtf8(unpaired, TextEncoding::kUtf16Le).has_value());
  std::string odd = Utf16(u"L1", true) + "x";
  CHECK_FALSE(ConvertToUtf8(odd, TextEncoding::kUtf16Le).has_value());
  std::string low_first = Utf16(u"L1", true) + std::string("\x00\xdc", 2);
  CHECK(ToUtf8(low_first) == TextEncoding::kUtf8);  // unchanged
  CHECK(low_first.starts_with("\xff\xfe"));
}

}  // namespace
}  // namespace accredit::internal
