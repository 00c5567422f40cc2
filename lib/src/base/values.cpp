#include "accredit/values.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>

namespace accredit {

namespace {

std::string LowerNoSpace(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == ' ' || c == '_' || c == '-') continue;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

}  // namespace

const std::array<std::string_view, kFieldCount>& FieldNames() {
  static constexpr std::array<std::string_view, kFieldCount> kNames = [] {
    std::array<std::string_view, kFieldCount> names;
    for (std::size_t i = 0; i < kFieldCount; ++i) names[i] = kFieldNames[i].name;
    return names;
  }();
  return kNames;
}

std::optional<Level> ParseLevel(std::string_view text) {
  std::string t = LowerNoSpace(text);
  if (t.rfind("entry", 0) == 0) {
    t = t.substr(5);
  } else if (t.size() == 2 && t[0] == 'e') {
    t = t.substr(1);
  } else {
    if (t.rfind("level", 0) == 0) {
      t = t.substr(5);
    } else if (t.size() == 2 && t[0] == 'l') {
      t = t.substr(1);
    }
    if (t.size() == 1 && t[0] >= '1' && t[0] <= '8') {
      return Level{static_cast<std::int8_t>(t[0] - '0')};
    }
    return std::nullopt;
  }
  if (t.size() == 1 && t[0] >= '1' && t[0] <= '3') {
    return Level{static_cast<std::int8_t>(t[0] - '0' - 3)};
  }
  return std::nullopt;
}

std::string FormatLevel(Level level) {
  if (level.value <= 0) return "entry" + std::to_string(level.value + 3);
  return std::to_string(level.value);
}

std::string DescribeLevel(Level level) {
  if (level.value <= 0) return "Entry " + std::to_string(level.value + 3);
  return "Level " + std::to_string(level.value);
}

// Civil-from-days and days-from-civil after Howard Hinnant's public-domain algorithms.
CivilDate ToCivil(Date date) {
  int z = date.days + 719468;
  int era = (z >= 0 ? z : z - 146096) / 146097;
  int doe = z - era * 146097;
  int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int y = yoe + era * 400;
  int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int mp = (5 * doy + 2) / 153;
  int d = doy - (153 * mp + 2) / 5 + 1;
  int m = mp < 10 ? mp + 3 : mp - 9;
  return CivilDate{m <= 2 ? y + 1 : y, m, d};
}

Date FromCivil(CivilDate civil) {
  int y = civil.month <= 2 ? civil.year - 1 : civil.year;
  int era = (y >= 0 ? y : y - 399) / 400;
  int yoe = y - era * 400;
  int mp = civil.month > 2 ? civil.month - 3 : civil.month + 9;
  int doy = (153 * mp + 2) / 5 + civil.day - 1;
  int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return Date{era * 146097 + doe - 719468};
}

std::optional<Date> ParseDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto digits = [&](std::size_t from, std::size_t count) -> int {
    int value = 0;
    for (std::size_t i = from; i < from + count; ++i) {
      if (text[i] < '0' || text[i] > '9') return -1;
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  int year = digits(0, 4);
  int month = digits(5, 2);
  int day = digits(8, 2);
  if (year < 1900 || month < 1 || month > 12 || day < 1) return std::nullopt;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  int max_day = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
  if (day > max_day) return std::nullopt;
  return FromCivil(CivilDate{year, month, day});
}

std::string FormatDate(Date date) {
  CivilDate c = ToCivil(date);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.year, c.month, c.day);
  return buf;
}

std::optional<double> ParseNumber(std::string_view text) {
  if (text.empty()) return std::nullopt;
  // from_chars accepts "inf"/"nan" and hex only with explicit formats; we allow plain decimals.
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+')) return std::nullopt;
  }
  std::string_view t = text;
  if (t.front() == '+') t.remove_prefix(1);
  double value = 0;
  auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
  if (ec != std::errc() || ptr != t.data() + t.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

}  // namespace accredit
