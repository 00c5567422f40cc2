// Small value types shared by rules and records: canonical fields, RQF levels, dates.
//
// These are the vocabulary both sides of the pipeline agree on: a rule filter names a Field,
// a records reader fills one; a level written "entry2" or "3" parses to the same Level on both
// sides. All parsers here are strict and return std::nullopt on anything else.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "accredit/enum_table.h"

namespace accredit {

// The canonical achievement fields (design.md section 2). Order is stable: it is the column
// order of canonical long-form CSV.
enum class Field : std::uint8_t {
  kLearner,
  kKind,
  kType,
  kSubject,
  kLevel,
  kGrade,
  kHours,
  kStrand,
  kStatus,
  kDate,
  kQan,
  kTitle,
  kProvider,
  kEvidence,
  kCategory,
};
inline constexpr EnumName<Field> kFieldNames[] = {
    {Field::kLearner, "learner", "Learner"},
    {Field::kKind, "kind", "Kind"},
    {Field::kType, "type", "Type"},
    {Field::kSubject, "subject", "Subject"},
    {Field::kLevel, "level", "Level"},
    {Field::kGrade, "grade", "Grade"},
    {Field::kHours, "hours", "Hours"},
    {Field::kStrand, "strand", "Strand"},
    {Field::kStatus, "status", "Status"},
    {Field::kDate, "date", "Date"},
    {Field::kQan, "qan", "QAN"},
    {Field::kTitle, "title", "Title"},
    {Field::kProvider, "provider", "Provider"},
    {Field::kEvidence, "evidence", "Evidence"},
    {Field::kCategory, "category", "Category"},
};
static_assert(InDeclarationOrder(kFieldNames));
inline constexpr std::size_t kFieldCount = std::size(kFieldNames);

// "learner", "kind", ... ; FieldByName is the inverse.
inline std::string_view FieldName(Field field) { return NameOf(kFieldNames, field); }
inline std::optional<Field> FieldByName(std::string_view name) {
  return ValueOf(kFieldNames, name);
}
// Every field name, in Field order (NamesOf(kFieldNames) gives them as strings for "did you
// mean").
const std::array<std::string_view, kFieldCount>& FieldNames();

// What an achievement is.
enum class Kind : std::uint8_t { kQualification, kProject, kActivity };
inline constexpr EnumName<Kind> kKindNames[] = {
    {Kind::kQualification, "qualification", "Qualification"},
    {Kind::kProject, "project", "Project"},
    {Kind::kActivity, "activity", "Activity"},
};
static_assert(InDeclarationOrder(kKindNames));
inline std::string_view KindName(Kind kind) { return NameOf(kKindNames, kind); }
inline std::optional<Kind> KindByName(std::string_view name) { return ValueOf(kKindNames, name); }

// Status of an achievement: only kAchieved (and kPredicted with --predicted) ever count.
enum class Status : std::uint8_t { kAchieved, kPredicted, kInProgress, kWithdrawn };
inline constexpr EnumName<Status> kStatusNames[] = {
    {Status::kAchieved, "achieved", "Achieved"},
    {Status::kPredicted, "predicted", "Predicted"},
    {Status::kInProgress, "in-progress", "In progress"},
    {Status::kWithdrawn, "withdrawn", "Withdrawn"},
};
static_assert(InDeclarationOrder(kStatusNames));
inline std::string_view StatusName(Status status) { return NameOf(kStatusNames, status); }
inline std::optional<Status> StatusByName(std::string_view name) {
  return ValueOf(kStatusNames, name);
}

// An RQF level: Entry 1-3 then Levels 1-8, ordered. Stored as entry1 = -2, entry2 = -1,
// entry3 = 0, level N = N.
struct Level {
  std::int8_t value = 0;
  friend auto operator<=>(const Level&, const Level&) = default;
};
// Accepts "entry1".."entry3" (also "e1".."e3", "entry 1"), "1".."8" (also "level 3", "l3").
std::optional<Level> ParseLevel(std::string_view text);
std::string FormatLevel(Level level);    // "entry1", "3"
std::string DescribeLevel(Level level);  // "Entry 1", "Level 3"

// A calendar date, as days since 1970-01-01 (proleptic Gregorian).
struct Date {
  std::int32_t days = 0;
  friend auto operator<=>(const Date&, const Date&) = default;
};
// Strict ISO 8601 calendar date "YYYY-MM-DD" with a real day of month.
std::optional<Date> ParseDate(std::string_view text);
std::string FormatDate(Date date);
// A number as people write it: "12", "12.5" (one decimal place at most).
std::string FormatNumber(double value);
// The date as people write it: "12 August 2027".
std::string LongDate(Date date);
// Year, month (1-12), day of a date.
struct CivilDate {
  int year;
  int month;
  int day;
};
CivilDate ToCivil(Date date);
Date FromCivil(CivilDate civil);

// Parses a finite decimal number ("12", "12.5", "-3"); nullopt on anything else, including
// NaN, infinities, hex and trailing text.
std::optional<double> ParseNumber(std::string_view text);

// Hours as people write them in a log: a plain number of hours ("12", "1.5"), hours and
// minutes ("1:30"), or a number with a unit, hours ("10 hrs", "1.5h", "2 hours") or minutes
// ("90 mins", "45 minutes"), or both ("1h 30m", "1 hr 30 mins"); units in any case, spaces
// between the parts optional. Minutes of "h:mm" are two digits below 60. Returns the hours,
// or nullopt for anything else (a negative or non-finite number included).
std::optional<double> ParseHours(std::string_view text);

// The built-in personal-development strands and component roles.
inline constexpr std::array<std::string_view, 3> kBuiltinStrands = {
    "leadership-service", "creative-cultural", "physical-outdoor"};
inline constexpr std::array<std::string_view, 6> kBuiltinRoles = {
    "core-maths", "core-english",     "core-learning",
    "breadth",    "personal-project", "personal-development"};

}  // namespace accredit
