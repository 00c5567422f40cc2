#include "base/text_encoding.h"

#include <fmt/format.h>

#include <cstring>

#include "base/utf8.h"

namespace accredit::internal {

namespace {

// Windows-1252's 0x80..0x9F (0 where it defines no character); the rest of its upper half is
// Latin-1, the same code points as the bytes.
constexpr char16_t kWindows1252High[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

void AppendUtf8(char32_t c, std::string& out) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

// Whether `bytes` hold at least one valid multi-byte UTF-8 sequence: text that does is UTF-8
// with some bad bytes, not Windows-1252 (which would turn "é" into "Ã©").
bool HasUtf8Sequence(std::string_view bytes) {
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    const std::size_t length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    if (length == 0 || c > 0xF4 || i + length > bytes.size()) continue;
    if (FirstInvalidUtf8(bytes.substr(i, length)) == std::string_view::npos) return true;
  }
  return false;
}

std::optional<std::string> FromUtf16(std::string_view bytes, bool little) {
  if (bytes.size() % 2 != 0) return std::nullopt;
  std::string out;
  out.reserve(bytes.size());
  auto unit = [&](std::size_t i) {
    const auto a = static_cast<unsigned char>(bytes[i]);
    const auto b = static_cast<unsigned char>(bytes[i + 1]);
    return static_cast<char32_t>(little ? a | (b << 8) : (a << 8) | b);
  };
  for (std::size_t i = 0; i < bytes.size(); i += 2) {
    char32_t c = unit(i);
    if (c >= 0xDC00 && c <= 0xDFFF) return std::nullopt;  // a low surrogate first
    if (c >= 0xD800 && c <= 0xDBFF) {
      if (i + 4 > bytes.size()) return std::nullopt;
      const char32_t low = unit(i + 2);
      if (low < 0xDC00 || low > 0xDFFF) return std::nullopt;
      c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
      i += 2;
    }
    AppendUtf8(c, out);
  }
  return out;
}

}  // namespace

TextEncoding DetectEncoding(std::string_view bytes) {
  if (bytes.starts_with("\xff\xfe")) return TextEncoding::kUtf16Le;
  if (bytes.starts_with("\xfe\xff")) return TextEncoding::kUtf16Be;
  if (FirstInvalidUtf8(bytes) == std::string_view::npos) return TextEncoding::kUtf8;
  if (std::memchr(bytes.data(), '\0', bytes.size()) != nullptr) return TextEncoding::kUtf8;
  for (char b : bytes) {
    const auto c = static_cast<unsigned char>(b);
    if (c >= 0x80 && c < 0xA0 && kWindows1252High[c - 0x80] == 0) return TextEncoding::kUtf8;
  }
  if (HasUtf8Sequence(bytes)) return TextEncoding::kUtf8;
  return TextEncoding::kWindows1252;
}

std::optional<std::string> ConvertToUtf8(std::string_view bytes, TextEncoding encoding) {
  switch (encoding) {
    case TextEncoding::kUtf8:
      return std::nullopt;
    case TextEncoding::kUtf16Le:
      return FromUtf16(bytes, true);
    case TextEncoding::kUtf16Be:
      return FromUtf16(bytes, false);
    case TextEncoding::kWindows1252: {
      std::string out;
      out.reserve(bytes.size() + bytes.size() / 8);
      for (char b : bytes) {
        const auto c = static_cast<unsigned char>(b);
        if (c < 0x80) {
          out += b;
        } else if (c < 0xA0) {
          AppendUtf8(kWindows1252High[c - 0x80], out);
        } else {
          AppendUtf8(c, out);
        }
      }
      return out;
    }
  }
  return std::nullopt;
}

TextEncoding ToUtf8(std::string& text) {
  const TextEncoding encoding = DetectEncoding(text);
  std::optional<std::string> converted = ConvertToUtf8(text, encoding);
  if (!converted) return TextEncoding::kUtf8;
  text = std::move(*converted);
  return encoding;
}

void NoteEncoding(TextEncoding encoding, SourceId source, Diagnostics& diagnostics) {
  if (encoding == TextEncoding::kUtf8) return;
  diagnostics.Add(Severity::kNote, "assumed-encoding",
                  fmt::format("the input is not UTF-8: read as {}; lines and columns here count "
                              "the text as read",
                              TitleOf(kTextEncodingNames, encoding)),
                  Location{source, 0, 0, {}});
}

}  // namespace accredit::internal
