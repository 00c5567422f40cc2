// Small helpers for the sentences of next steps (next_steps.cpp, explain_summary.cpp).
#pragma once

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

namespace accredit::internal {

// The text with its first letter a capital.
inline std::string Capitalized(std::string text) {
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 32);
  return text;
}

// "a", "a and b", "a, b and c".
inline std::string JoinAnd(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " and " : ", ";
    out += items[i];
  }
  return out;
}

// At most `most` names, then "N more", joined with semicolons: "A level Sociology, D, A level
// History, C" would read as one list.
inline std::string JoinNames(const std::vector<std::string>& names, std::size_t most) {
  std::vector<std::string> shown(names.begin(),
                                 names.begin() + static_cast<long>(std::min(most, names.size())));
  if (names.size() > most) shown.push_back(fmt::format("{} more", names.size() - most));
  std::string out;
  for (std::size_t i = 0; i < shown.size(); ++i) {
    if (i > 0) out += "; ";
    out += shown[i];
  }
  return out;
}

}  // namespace accredit::internal
