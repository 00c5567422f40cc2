#include "accredit/column_map.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdio>

#include "base/text.h"
#include "records/xlsx_reader.h"
#include "rules/load_context.h"
#include "rules/yaml_tree.h"

namespace accredit {

using internal::LoadContext;
using internal::Normalize;
using internal::YamlNode;

std::optional<GradeColumn> WideLayout::ColumnFor(std::string_view column) const {
  std::string name = Normalize(column);
  if (auto it = subjects.find(name); it != subjects.end()) return it->second;
  for (const ColumnPattern& pattern : patterns) {
    if (name.size() <= pattern.prefix.size() + pattern.suffix.size() ||
        !name.starts_with(pattern.prefix) || !name.ends_with(pattern.suffix)) {
      continue;
    }
    // The capture is taken from the column as written, so its spelling goes through values:.
    std::string_view trimmed = internal::TrimSpace(column);
    std::string_view subject = internal::TrimSpace(trimmed.substr(
        pattern.prefix.size(), trimmed.size() - pattern.prefix.size() - pattern.suffix.size()));
    if (!subject.empty()) {
      return GradeColumn{std::string(subject), pattern.type, pattern.level, true};
    }
  }
  return std::nullopt;
}

std::optional<Field> ColumnMap::FieldFor(std::string_view column, std::size_t* preference) const {
  std::string normalized = Normalize(column);
  for (std::size_t f = 0; f < kFieldCount; ++f) {
    const std::vector<std::string>& names = columns[f];
    auto it = std::find(names.begin(), names.end(), normalized);
    if (it != names.end()) {
      if (preference != nullptr) *preference = static_cast<std::size_t>(it - names.begin());
      return static_cast<Field>(f);
    }
  }
  std::optional<Field> field = FieldByName(normalized);
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

std::string_view ColumnMap::AttributeFor(std::string_view column, std::size_t* preference) const {
  std::string normalized = Normalize(column);
  for (const auto& [attribute, names] : attributes) {
    auto it = std::find(names.begin(), names.end(), normalized);
    if (it != names.end()) {
      if (preference != nullptr) *preference = static_cast<std::size_t>(it - names.begin());
      return attribute;
    }
  }
  return {};
}

std::optional<GradeColumn> ColumnMap::GradeColumnFor(std::string_view column) const {
  if (!wide) return std::nullopt;
  std::optional<GradeColumn> found = wide->ColumnFor(column);
  if (!found || !found->from_pattern) return found;
  found->from_pattern = false;
  std::string_view mapped = MapValue(Field::kSubject, found->subject);
  if (mapped.data() != found->subject.data()) {
    found->subject = std::string(mapped);
    return found;
  }
  std::string id = internal::IdForm(found->subject);
  if (!id.empty()) found->subject = std::move(id);
  return found;
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

// `first/second/year` with the day first (UK) or the month first (US, only when declared).
std::optional<std::string> SlashDate(std::string_view text, bool day_first) {
  std::size_t first = text.find('/');
  std::size_t second = first == std::string_view::npos ? first : text.find('/', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  int day = Digits(text.substr(0, first), 2);
  int month = Digits(text.substr(first + 1, second - first - 1), 2);
  if (!day_first) std::swap(day, month);
  int year = text.size() - second - 1 == 4 ? Digits(text.substr(second + 1), 4) : -1;
  if (day < 1 || month < 1 || month > 12 || year < 1 || day > DaysInMonth(year, month)) {
    return std::nullopt;
  }
  return Iso(year, month, day);
}

// `22 Aug 2024`, `22 August 2024`, `22-Aug-2024` (a month name or its first three letters).
std::optional<std::string> DayMonthName(std::string_view text) {
  std::string lowered = Normalize(text);
  for (char& c : lowered) {
    if (c == '-') c = ' ';
  }
  std::size_t first = lowered.find(' ');
  std::size_t last = lowered.rfind(' ');
  if (first == std::string::npos || first == last) return std::nullopt;
  std::string_view all(lowered);
  int day = Digits(all.substr(0, first), 2);
  std::string_view word = internal::TrimSpace(all.substr(first + 1, last - first - 1));
  int year = all.size() - last - 1 == 4 ? Digits(all.substr(last + 1), 4) : -1;
  int month = 0;
  for (std::size_t i = 0; i < kMonths.size() && month == 0; ++i) {
    if (word == kMonths[i] || word == kMonths[i].substr(0, 3)) month = static_cast<int>(i) + 1;
  }
  if (day < 1 || month == 0 || year < 1 || day > DaysInMonth(year, month)) return std::nullopt;
  return Iso(year, month, day);
}

// An Excel serial day number, as a workbook's date cell becomes when saved as CSV with a
// general format: 45526 is 2024-08-22. Five digits at least (10000 is 1927-05-18), so that a
// year alone ("2024") is never read as a day of 1905; a time of day after a point is ignored.
std::optional<std::string> SerialDate(std::string_view text) {
  const std::string_view whole = text.substr(0, text.find('.'));
  if (whole.size() < 5 || whole.size() > 7) return std::nullopt;
  if (whole.size() < text.size() &&
      text.substr(whole.size() + 1).find_first_not_of("0123456789") != std::string_view::npos) {
    return std::nullopt;
  }
  std::string iso = internal::ExcelSerialDate(Digits(whole, 7));
  if (iso.empty()) return std::nullopt;
  return iso;
}

std::string_view DescribeFormat(DateFormat format) {
  switch (format) {
    case DateFormat::kIso:
      return "an ISO date (YYYY-MM-DD)";
    case DateFormat::kSeries:
      return "an exam series like 'June 2024'";
    case DateFormat::kDayMonthYear:
      return "a date like 22/08/2024 (day/month/year)";
    case DateFormat::kMonthDayYear:
      return "a date like 08/22/2024 (month/day/year)";
    case DateFormat::kDayMonName:
      return "a date like 22 Aug 2024";
  }
  return "a date";
}

}  // namespace

std::optional<std::string> ConvertDate(std::string_view text, DateFormat format) {
  text = internal::TrimSpace(text);
  if (ParseDate(text)) return std::string(text);
  if (format == DateFormat::kIso) return std::nullopt;
  if (!text.empty() && text.front() >= '0' && text.front() <= '9' &&
      text.find_first_not_of("0123456789.") == std::string_view::npos) {
    return SerialDate(text);
  }
  switch (format) {
    case DateFormat::kIso:
      return std::nullopt;
    case DateFormat::kSeries:
      return SeriesDate(text);
    case DateFormat::kDayMonthYear:
      return SlashDate(text, true);
    case DateFormat::kMonthDayYear:
      return SlashDate(text, false);
    case DateFormat::kDayMonName:
      return DayMonthName(text);
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
