// Column mappings: reading a school system's own export as canonical records.
//
// SIMS, Arbor, Bromcom and Ofqual's templates name their columns and spell their values their
// own way (`UPN`, `QN`, `Result`, `ExamSeries`; `Maths`, `GCSE (9-1)`, `Distinction*`). A
// mapping file says, once per export layout, how to read it; the records readers
// (csv_records.h, json_reader.h) apply it row by row before ResolveAchievement sees the row,
// so what the rules check is always canonical. A mapping file is YAML:
//
//   accredit-map: 1                     # format version, required, first
//   columns:                            # canonical field <- source column(s), by preference
//     learner: [UPN, Adno, Admission Number, CandNo]
//     qan: [QAN, QN, QualificationNumber]
//     type: [Qualification, QualificationType]
//     subject: [Subject, SpecificationTitle]
//     grade: [Result, Grade]
//     date: [Series, ExamSeries, Date]
//   values:                             # per field: source spelling -> canonical value
//     type: {"GCSE (9-1)": gcse, "GCE A Level": a-level}
//     subject: {Maths: mathematics, "English Language": english-language}
//     grade: {"Distinction*": "D*", Distinction: D, Merit: M, Pass: P}
//   set: {kind: qualification}          # constants for fields the export lacks
//   dates: series                       # iso (default) | series | dd/mm/yyyy
//   ignore: [Forename, Surname, "Reg Group"]   # known columns that are not read
//   wide:                               # only for broadsheets: one grade column per subject
//     id: [UPN]                         # the learner column (default: columns: learner)
//     type: gcse                        # the type of every grade cell
//     subjects: {Maths: mathematics, "Eng Lang": english-language}
//     pattern: "GCSE {subject}"         # and/or: any column named like this is a subject
//                                       # (the {subject} text through `values: subject`,
//                                       # else as an id: "Computer Science" computer-science)
//
// Matching: column names and value spellings are matched ignoring ASCII case and surrounding
// spaces. A column named exactly after a canonical field (`grade`) still fills that field, as
// its last alternative. When several alternatives of one field are in the header, the first
// listed wins and the others are noted as `unused-column`. A value with no
// entry in `values:` passes through unchanged, so it is still checked against the rules (with a
// "did you mean"). `set:` fills a field whose cell is missing or empty; its values are
// canonical and are not mapped.
//
// Dates: `iso` reads YYYY-MM-DD. `dd/mm/yyyy` reads UK spreadsheet dates (d/m/yyyy too).
// `series` reads an exam series, `June 2024` (a month name or its first three letters) or
// `Summer 2024` (summer = June, autumn = November, winter = January), as the LAST day of that
// month: results are issued after the exams of a series end, so the last day is the earliest
// date by which the qualification was surely achieved; a programme that starts in the middle
// of a series month therefore never counts that series as earlier work done before it. Every
// format also accepts an ISO date as it is. A value that does not fit is `bad-date`.
//
// Wide layout: each non-empty grade cell is one row (one achievement) in the accounting, at
// the cell's line and column; empty cells are not rows. Row-wide columns named by `columns:`
// (a date, a status) apply to every cell of the row. A record the CSV reader cannot split
// counts as one rejected row, since its cells cannot be trusted.
//
// Personal data: columns such as names are never copied into a Learner; list them under
// `ignore:` so that they are not reported as unknown columns either.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "accredit/diagnostic.h"
#include "accredit/source.h"
#include "accredit/values.h"

namespace accredit {

enum class DateFormat : std::uint8_t {
  kIso,           // 2024-08-22
  kSeries,        // June 2024, Summer 2024 (the last day of the month)
  kDayMonthYear,  // 22/08/2024
};
// As written after `dates:`.
inline constexpr EnumName<DateFormat> kDateFormatNames[] = {
    {DateFormat::kIso, "iso", "ISO 8601"},
    {DateFormat::kSeries, "series", "Exam series"},
    {DateFormat::kDayMonthYear, "dd/mm/yyyy", "Day/month/year"},
};
static_assert(InDeclarationOrder(kDateFormatNames));

// The `wide:` part of a mapping.
struct WideLayout {
  std::vector<std::string> id;  // learner column alternatives, normalised; empty = columns:
  std::string type;             // the type of every grade cell; empty = from the row or set:
  std::unordered_map<std::string, std::string> subjects;  // normalised column -> subject
  std::string pattern_prefix;  // `pattern:` split at "{subject}", normalised
  std::string pattern_suffix;
  bool has_pattern = false;

  // The subject (as written in `subjects:`, or the text `{subject}` matched in the column
  // name) of a grade column, or nullopt when `column` is not a grade column.
  std::optional<std::string> SubjectFor(std::string_view column) const;
};

// A loaded mapping. Names and spellings are stored normalised (trimmed, lower case).
struct ColumnMap {
  SourceId source = kNoSource;
  std::array<std::vector<std::string>, kFieldCount> columns;
  std::array<std::unordered_map<std::string, std::string>, kFieldCount> values;
  std::array<std::string, kFieldCount> set;  // empty: no constant
  DateFormat dates = DateFormat::kIso;
  std::vector<std::string> ignore;
  std::optional<WideLayout> wide;

  // The field a source column fills: by `columns:`, else by its canonical name.
  // `preference` receives the index of the alternative (0 = first listed; a canonical name
  // ranks after every alternative).
  std::optional<Field> FieldFor(std::string_view column, std::size_t* preference = nullptr) const;
  // True when `column` is listed under `ignore:`.
  bool Ignores(std::string_view column) const;
  // The canonical value for `value` of `field` by `values:`, else `value` unchanged.
  std::string_view MapValue(Field field, std::string_view value) const;
  // With a `wide:` layout, the subject of grade column `column`, or nullopt when it is not a
  // grade column: as listed in `wide: subjects`, else the `{subject}` text of the pattern
  // through `values: subject`, else that text written as an id (lower case, runs of spaces
  // and punctuation as one hyphen: `Computer Science` -> `computer-science`).
  std::optional<std::string> GradeColumnSubject(std::string_view column) const;
};

// Loads a mapping file `text` registered as `source`. Returns nullopt after at least one error.
// Emits: `yaml-syntax`, `too-deep`, `duplicate-key` (the YAML reader); `missing-key` (no
// `accredit-map`), `bad-version` (a version other than 1); `unknown-key` for an unknown
// top-level or `wide:` key and `unknown-field` for a field name that is not canonical (each
// with a "did you mean"); `bad-node` for a value of the wrong shape; `bad-value` for an unknown
// date format, a `set:` of `learner`, a `pattern:` without `{subject}`, or a `wide:` with
// neither `subjects:` nor `pattern:`; `duplicate-column` for a source column named for two
// fields. Every problem is located in the mapping file.
std::optional<ColumnMap> LoadColumnMap(SourceId source, std::string_view text,
                                       Diagnostics& diagnostics);

// Applies a mapping to the field texts of one row, in place: each non-empty value through
// `values:`, then `set:` into empty fields, then the date through `dates:` (a date given by
// `values:` or `set:` is canonical already). A converted date is kept in `scratch`, which
// must outlive the use of `values`. Returns false after a `bad-date` error at `date_location`,
// when the date does not fit the mapping's format; the caller rejects the row.
bool ApplyColumnMap(const ColumnMap& map, std::array<std::string_view, kFieldCount>& values,
                    std::string& scratch, const Location& date_location, Diagnostics& diagnostics);

// Converts `text` written in `format` to an ISO date "YYYY-MM-DD", or nullopt.
std::optional<std::string> ConvertDate(std::string_view text, DateFormat format);

}  // namespace accredit
