// Small text helpers shared by the records readers and the column mapping: names and values
// from school exports are matched ignoring ASCII case and surrounding spaces.
#pragma once

#include <string>
#include <string_view>

namespace accredit::internal {

// `text` without spaces and tabs at either end.
inline std::string_view TrimSpace(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// `text` with ASCII letters in lower case.
inline std::string LowerAscii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// The form names and spellings are compared in: trimmed, lower case.
inline std::string Normalize(std::string_view text) { return LowerAscii(TrimSpace(text)); }

// `text` written as an id: lower case, runs of spaces and punctuation as one hyphen
// ("Computer Science" -> "computer-science"), other bytes kept, as a wide pattern's subject is.
inline std::string IdForm(std::string_view text) {
  std::string id;
  for (char c : LowerAscii(text)) {
    const bool word =
        (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80;
    if (word) {
      id += c;
    } else if (!id.empty() && id.back() != '-') {
      id += '-';
    }
  }
  while (!id.empty() && id.back() == '-') id.pop_back();
  return id;
}

}  // namespace accredit::internal
