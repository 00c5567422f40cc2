#include "accredit/values.h"

#include <cmath>
#include <cstdio>
#include <string>

#include "base/parse_double.h"

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

std::string FormatNumber(double value) {
  char buf[32];
  if (value == std::floor(value) && std::fabs(value) < 1e15) {
    std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(value));
  } else {
    std::snprintf(buf, sizeof buf, "%.1f", value);
  }
  return buf;
}

std::string LongDate(Date date) {
  static constexpr const char* kMonths[] = {"January",   "February", "March",    "April",
                                            "May",       "June",     "July",     "August",
                                            "September", "October",  "November", "December"};
  CivilDate c = ToCivil(date);
  return std::to_string(c.day) + " " + kMonths[c.month - 1] + " " + std::to_string(c.year);
}

std::optional<double> ParseNumber(std::string_view text) {
  if (text.empty()) return std::nullopt;
  // Plain decimals only: no "inf", "nan", hex or exponent.
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+')) return std::nullopt;
  }
  std::string_view t = text;
  if (t.front() == '+') t.remove_prefix(1);
  double value = 0;
  if (!internal::ParseDouble(t, value) || !std::isfinite(value)) return std::nullopt;
  return value;
}

namespace {

// Reads a plain unsigned decimal number at the start of `text`, moving past it.
std::optional<double> TakeNumber(std::string_view& text) {
  std::size_t n = 0;
  while (n < text.size() && ((text[n] >= '0' && text[n] <= '9') || text[n] == '.')) ++n;
  std::optional<double> value = ParseNumber(text.substr(0, n));
  if (value) text.remove_prefix(n);
  return value;
}

void SkipSpaces(std::string_view& text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
}

// Reads a unit of time at the start of `text`: 60 for minutes, 1 for hours, 0 for none.
double TakeUnit(std::string_view& text) {
  static constexpr std::pair<std::string_view, double> kUnits[] = {
      {"minutes", 60}, {"minute", 60}, {"mins", 60}, {"min", 60}, {"m", 60},
      {"hours", 1},    {"hour", 1},    {"hrs", 1},   {"hr", 1},   {"h", 1},
  };
  std::string lower;
  for (char c : text) lower += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  for (const auto& [word, per_hour] : kUnits) {
    if (std::string_view(lower).starts_with(word)) {
      text.remove_prefix(word.size());
      return per_hour;
    }
  }
  return 0;
}

}  // namespace

std::optional<double> ParseHours(std::string_view text) {
  if (std::optional<double> plain = ParseNumber(text)) {
    if (*plain < 0) return std::nullopt;
    return plain;
  }
  std::string_view rest = text;
  SkipSpaces(rest);
  std::optional<double> first = TakeNumber(rest);
  if (!first) return std::nullopt;
  // h:mm
  if (!rest.empty() && rest.front() == ':') {
    const std::string_view mm = rest.substr(1);
    if (mm.size() != 2 || mm[0] < '0' || mm[0] > '5' || mm[1] < '0' || mm[1] > '9') {
      return std::nullopt;
    }
    if (*first != std::floor(*first)) return std::nullopt;  // "1.5:30" is no time
    return *first + ((mm[0] - '0') * 10 + (mm[1] - '0')) / 60.0;
  }
  SkipSpaces(rest);
  const double unit = TakeUnit(rest);
  if (unit == 0) return std::nullopt;
  double hours = *first / unit;
  SkipSpaces(rest);
  if (!rest.empty() && unit == 1) {  // "1h 30m": minutes may follow hours
    std::optional<double> minutes = TakeNumber(rest);
    SkipSpaces(rest);
    if (!minutes || TakeUnit(rest) != 60) return std::nullopt;
    hours += *minutes / 60;
    SkipSpaces(rest);
  }
  if (!rest.empty()) return std::nullopt;
  return hours;
}

}  // namespace accredit
