#include "records/json_scan.h"

#include <fmt/format.h>

#include <algorithm>

namespace accredit::internal {

namespace {

// ScanJson() but for the encoding.
JsonScanFault ScanStructure(std::string_view text, std::uint32_t max_depth) {
  std::vector<char> open;  // the closing bracket each open one needs
  bool in_string = false;
  bool escaped = false;
  bool ended = false;  // a complete top-level value has been read
  std::size_t string_start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
        if (open.empty()) ended = true;
      } else if (static_cast<unsigned char>(c) < 0x20) {
        return {DiagnosticCode("bad-json"), "a control character inside a string must be escaped",
                i};
      }
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    if (ended) {
      return {DiagnosticCode("bad-json"), "unexpected text after the end of the JSON value", i};
    }
    switch (c) {
      case '"':
        in_string = true;
        string_start = i;
        break;
      case '[':
      case '{':
        if (open.size() >= max_depth) {
          return {DiagnosticCode("too-deep"),
                  fmt::format("nesting is deeper than the limit of {}", max_depth), i};
        }
        open.push_back(c == '[' ? ']' : '}');
        break;
      case ']':
      case '}':
        if (open.empty() || open.back() != c) {
          return {DiagnosticCode("bad-json"),
                  open.empty() ? fmt::format("unexpected '{}'", c)
                               : fmt::format("expected '{}' before '{}'", open.back(), c),
                  i};
        }
        open.pop_back();
        if (open.empty()) ended = true;
        break;
      default:
        // A scalar at the top level ends at the next space, which is all this scan needs.
        if (open.empty()) {
          while (i + 1 < text.size() && text[i + 1] != ' ' && text[i + 1] != '\t' &&
                 text[i + 1] != '\n' && text[i + 1] != '\r') {
            ++i;
          }
          ended = true;
        }
        break;
    }
  }
  if (in_string) return {DiagnosticCode("bad-json"), "a string is never closed", string_start};
  if (!open.empty()) {
    return {DiagnosticCode("bad-json"),
            fmt::format("the input ends before a closing '{}'", open.back()), text.size()};
  }
  return {};
}

}  // namespace

JsonScanFault ScanJson(std::string_view text, std::uint32_t max_depth) {
  if (std::size_t bad = FirstInvalidUtf8(text); bad != std::string_view::npos) {
    return {DiagnosticCode("bad-utf8"), "the input is not valid UTF-8", bad};
  }
  return ScanStructure(text, max_depth);
}

bool ScanJsonPasses(std::string_view text, std::uint32_t max_depth) {
  return ScanStructure(text, max_depth).ok() && FirstInvalidUtf8(text) == std::string_view::npos;
}

LineIndex::LineIndex(std::string_view text) {
  starts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') starts_.push_back(i + 1);
  }
}

std::uint32_t LineIndex::Line(std::size_t offset) const {
  auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  return static_cast<std::uint32_t>(it - starts_.begin());
}

std::uint32_t LineIndex::Column(std::size_t offset) const {
  return static_cast<std::uint32_t>(offset - starts_[Line(offset) - 1] + 1);
}

std::string PointerToken(std::string_view key) {
  std::string out;
  out.reserve(key.size());
  AppendPointerToken(out, key);
  return out;
}

void AppendPointerToken(std::string& out, std::string_view key) {
  // Not find_first_of("~/"): libstdc++ calls memchr on the two-byte set for every byte of the
  // key, and every field of every JSON achievement comes through here.
  if (std::none_of(key.begin(), key.end(), [](char c) { return c == '~' || c == '/'; })) {
    out += key;
    return;
  }
  for (char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
}

}  // namespace accredit::internal
