#include "accredit/identifiers.h"

#include <fmt/format.h>

#include <cstddef>

namespace accredit {

namespace {

constexpr std::string_view kUpnAlphabet = "ABCDEFGHJKLMNPQRTUVWXYZ";

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

char Upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

bool IsLetter(char c) { return Upper(c) >= 'A' && Upper(c) <= 'Z'; }

// The seven digits of a QAN-shaped string and its check character.
struct QanParts {
  char digits[7];
  char check;
};

QanParts SplitQan(std::string_view qan) {
  QanParts parts{};
  std::size_t k = 0;
  for (std::size_t i = 0; i + 1 < qan.size(); ++i) {
    if (IsDigit(qan[i])) parts.digits[k++] = qan[i];
  }
  parts.check = Upper(qan.back());
  return parts;
}

}  // namespace

bool LooksLikeUpn(std::string_view id) {
  if (id.size() != 13 || !IsLetter(id[0])) return false;
  for (std::size_t i = 1; i < 12; ++i) {
    if (!IsDigit(id[i])) return false;
  }
  return IsDigit(id[12]) || kUpnAlphabet.find(Upper(id[12])) != std::string_view::npos;
}

char UpnCheckLetter(std::string_view id) {
  std::size_t sum = 0;
  for (std::size_t i = 1; i < 13; ++i) {
    char c = id[i];
    std::size_t value =
        IsDigit(c) ? static_cast<std::size_t>(c - '0') : kUpnAlphabet.find(Upper(c));
    sum += value * (i + 1);
  }
  return kUpnAlphabet[sum % 23];
}

bool LooksLikeQan(std::string_view qan) {
  auto check_ok = [](char c) { return IsDigit(c) || Upper(c) == 'X'; };
  if (qan.size() == 8) {
    for (std::size_t i = 0; i < 7; ++i) {
      if (!IsDigit(qan[i])) return false;
    }
    return check_ok(qan[7]);
  }
  if (qan.size() == 10) {
    for (std::size_t i = 0; i < 9; ++i) {
      bool slash = i == 3 || i == 8;
      if (slash ? qan[i] != '/' : !IsDigit(qan[i])) return false;
    }
    return check_ok(qan[9]);
  }
  return false;
}

char QanCheckCharacter(std::string_view qan) {
  QanParts parts = SplitQan(qan);
  int sum = 0;
  for (int i = 0; i < 7; ++i) sum += (parts.digits[i] - '0') * (8 - i);
  int check = sum % 11;
  return check == 10 ? 'X' : static_cast<char>('0' + check);
}

bool CheckUpn(std::string_view id, const Location& location, Diagnostics& diagnostics) {
  if (!LooksLikeUpn(id)) return true;
  char expected = UpnCheckLetter(id);
  if (Upper(id[0]) == expected) return true;
  diagnostics.Warning("bad-check-character",
                      fmt::format("bad check letter in UPN '{}': expected '{}'", id, expected),
                      location);
  return false;
}

bool CheckQan(std::string_view qan, const Location& location, Diagnostics& diagnostics) {
  if (!LooksLikeQan(qan)) return true;
  char expected = QanCheckCharacter(qan);
  if (SplitQan(qan).check == expected) return true;
  diagnostics.Warning("bad-check-character",
                      fmt::format("bad check character in qan '{}': expected '{}'", qan, expected),
                      location);
  return false;
}

}  // namespace accredit
