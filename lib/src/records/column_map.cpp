#include "accredit/column_map.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdio>

#include "base/text.h"
#include "rules/load_context.h"
#include "rules/yaml_tree.h"

namespace accredit {

using internal::LoadContext;
using internal::Normalize;
using internal::YamlNode;

std::optional<std::string> WideLayout::SubjectFor(std::string_view column) const {
  std::string name = Normalize(column);
  if (auto it = subjects.find(name); it != subjects.end()) return it->second;
  if (has_pattern && name.size() > pattern_prefix.size() + pattern_suffix.size() &&
      name.starts_with(pattern_prefix) && name.ends_with(pattern_suffix)) {
    // The capture is taken from the column as written, so its spelling goes through values:.
    std::string_view trimmed = internal::TrimSpace(column);
    std::string_view subject = trimmed.substr(
        pattern_prefix.size(), trimmed.size() - pattern_prefix.size() - pattern_suffix.size());
    subject = internal::TrimSpace(subject);
    if (!subject.empty()) return std::string(subject);
  }
  return std::nullopt;
}

std::optional<Field> ColumnMap::FieldFor(std::string_view column, std::size_t* preference) const {
  std::string name = Normalize(column);
  for (std::size_t f = 0; f < kFieldCount; ++f) {
    const std::vector<std::string>& names = columns[f];
    auto it = std::find(names.begin(), names.end(), name);
    if (it != names.end()) {
      if (preference != nullptr) *preference = static_cast<std::size_t>(it - names.begin());
      return static_cast<Field>(f);
    }
  }
  std::optional<Field> field = FieldByName(name);
  if (field && preference != nullptr) *preference = static_cast<std::size_t>(-1);
  return field;
}

bool ColumnMap::Ignores(std::string_view column) const {
  return std::find(ignore.begin(), ignore.end(), Normalize(column)) != ignore.end();
}

std::string_view ColumnMap::MapValue(Field field, std::string_view value) const {
  const auto& table = values[static_cast<std::size_t>(field)];
  if (table.empty() || value.empty()) return value;
  auto it = table.find(Normalize(value));
  return it == table.end() ? value : std::string_view(it->second);
}

std::optional<std::string> ColumnMap::GradeColumnSubject(std::string_view column) const {
  if (!wide) return std::nullopt;
  std::optional<std::string> subject = wide->SubjectFor(column);
  if (!subject || wide->subjects.count(Normalize(column)) > 0) return subject;
  std::string_view mapped = MapValue(Field::kSubject, *subject);
  if (mapped.data() != subject->data()) return std::string(mapped);
  std::string id;
  for (char c : internal::LowerAscii(*subject)) {
    bool word =
        (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80;
    if (word) {
      id += c;
    } else if (!id.empty() && id.back() != '-') {
      id += '-';
    }
  }
  while (!id.empty() && id.back() == '-') id.pop_back();
  return id.empty() ? *subject : id;
}

namespace {

constexpr std::array<std::string_view, 12> kMonths = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};

int DaysInMonth(int year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

// A whole number of 1 to `max_digits` digits, or -1.
int Digits(std::string_view text, std::size_t max_digits) {
  if (text.empty() || text.size() > max_digits) return -1;
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return -1;
    value = value * 10 + (c - '0');
  }
  return value;
}

std::string Iso(int year, int month, int day) {
  return fmt::format("{:04}-{:02}-{:02}", year, month, day);
}

std::optional<std::string> SeriesDate(std::string_view text) {
  std::string lowered = Normalize(text);
  std::size_t space = lowered.find_last_of(' ');
  if (space == std::string::npos) return std::nullopt;
  std::string_view word = internal::TrimSpace(std::string_view(lowered).substr(0, space));
  int year = std::string_view(lowered).size() - space - 1 == 4
                 ? Digits(std::string_view(lowered).substr(space + 1), 4)
                 : -1;
  if (year < 1900) return std::nullopt;
  int month = 0;
  if (word == "summer") month = 6;
  if (word == "autumn") month = 11;
  if (word == "winter") month = 1;
  for (std::size_t i = 0; i < kMonths.size() && month == 0; ++i) {
    if (word == kMonths[i] || word == kMonths[i].substr(0, 3)) month = static_cast<int>(i) + 1;
  }
  if (month == 0) return std::nullopt;
  return Iso(year, month, DaysInMonth(year, month));
}

std::optional<std::string> DayMonthYear(std::string_view text) {
  std::size_t first = text.find('/');
  std::size_t second = first == std::string_view::npos ? first : text.find('/', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  int day = Digits(text.substr(0, first), 2);
  int month = Digits(text.substr(first + 1, second - first - 1), 2);
  int year = text.size() - second - 1 == 4 ? Digits(text.substr(second + 1), 4) : -1;
  if (day < 1 || month < 1 || month > 12 || year < 1 || day > DaysInMonth(year, month)) {
    return std::nullopt;
  }
  return Iso(year, month, day);
}

std::string_view DescribeFormat(DateFormat format) {
  switch (format) {
    case DateFormat::kIso:
      return "an ISO date (YYYY-MM-DD)";
    case DateFormat::kSeries:
      return "an exam series like 'June 2024'";
    case DateFormat::kDayMonthYear:
      return "a date like 22/08/2024";
  }
  return "a date";
}

}  // namespace

std::optional<std::string> ConvertDate(std::string_view text, DateFormat format) {
  text = internal::TrimSpace(text);
  if (ParseDate(text)) return std::string(text);
  switch (format) {
    case DateFormat::kIso:
      return std::nullopt;
    case DateFormat::kSeries:
      return SeriesDate(text);
    case DateFormat::kDayMonthYear:
      return DayMonthYear(text);
  }
  return std::nullopt;
}

bool ApplyColumnMap(const ColumnMap& map, std::array<std::string_view, kFieldCount>& values,
                    std::string& scratch, const Location& date_location, Diagnostics& diagnostics) {
  const std::size_t date = static_cast<std::size_t>(Field::kDate);
  bool date_canonical = false;
  for (std::size_t f = 0; f < kFieldCount; ++f) {
    if (!values[f].empty()) {
      std::string_view mapped = map.MapValue(static_cast<Field>(f), values[f]);
      if (f == date) date_canonical = mapped.data() != values[f].data();
      values[f] = mapped;
    } else if (!map.set[f].empty()) {
      values[f] = map.set[f];
      if (f == date) date_canonical = true;
    }
  }
  if (values[date].empty() || date_canonical || map.dates == DateFormat::kIso) return true;
  std::optional<std::string> iso = ConvertDate(values[date], map.dates);
  if (!iso) {
    diagnostics.Error("bad-date",
                      fmt::format("date '{}' is not {}", values[date], DescribeFormat(map.dates)),
                      date_location);
    return false;
  }
  scratch = std::move(*iso);
  values[date] = scratch;
  return true;
}

}  // namespace accredit
