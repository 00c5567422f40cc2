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
//   fits: [Subject, [Grade, Result]]    # columns a header must have (a list: any one of
//                                       # them) besides a learner column, for this mapping to
//                                       # be chosen automatically (see "Choosing" below)
//   attributes:                         # learner attributes <- source column(s), by preference
//     name: [Name, Full Name]
//     forename: [Forename, Preferred Forename]
//     surname: [Surname, Legal Surname]
//     form: [Reg Group, Form, Tutor Group]
//     pupil-premium: [PP, Pupil Premium]
//   wide:                               # only for broadsheets: one grade column per subject
//     id: [UPN]                         # the learner column (default: columns: learner)
//     type: gcse                        # the type of a grade cell unless its column says
//     subjects:                         # column -> subject, or -> subject with its own type
//       Maths: mathematics              #   and level (a mixed broadsheet)
//       "Combined Sci": {subject: combined-science, type: gcse-combined-science}
//       "BTEC Sport": {subject: sport, type: btec-tech-award, level: 2}
//     pattern: "GCSE {subject}"         # and/or: any column named like this is a subject
//                                       # (the {subject} text through `values: subject`,
//                                       # else as an id: "Computer Science" computer-science)
//     patterns:                         # or several patterns, each with its own type, level
//       - {pattern: "{subject} (GCSE)", type: gcse}
//       - {pattern: "{subject} (A level)", type: a-level}
//
// Matching: column names and value spellings are matched ignoring ASCII case and surrounding
// spaces. A column named exactly after a canonical field (`grade`) still fills that field, as
// its last alternative. When several alternatives of one field are in the header, the first
// listed wins and the others are noted as `unused-column`. A value with no
// entry in `values:` passes through unchanged, so it is still checked against the rules (with a
// "did you mean"). `set:` fills a field whose cell is missing or empty; its values are
// canonical and are not mapped.
//
// Choosing: an input given no mapping is matched, by its header, against the mappings to try
// (ReadOptions::maps_to_try: those given with --map first, then the shipped ones, tried only
// when none of those fits). A header with a `learner` column is canonical and read without
// one. Otherwise a mapping fits when its
// learner column and every entry of its `fits:` are in the header (without `fits:`: a grade
// column of its wide layout, or another column it names); of those that fit, the one that
// names most of the header's columns is used, with a `mapping-chosen` note. Two that name as
// many are an `ambiguous-mapping` error naming both; none leaves the input canonical.
//
// Attributes: a learner's name, form group, year group, gender, pupil premium, SEND, EAL or any
// other attribute named (an id: lower-case letters, digits, hyphens), read from the first row
// of that learner where the cell is not empty. They are shown where a person reads about the
// learner (a transcript, a report broken down by an attribute), never in a diagnostic.
//
// Dates: `iso` reads YYYY-MM-DD. `dd/mm/yyyy` reads UK spreadsheet dates (d/m/yyyy too);
// `mm/dd/yyyy` the American order, only when declared. `d mon yyyy` reads `22 Aug 2024` and
// `22 August 2024`.
// `series` reads an exam series, `June 2024` (a month name or its first three letters) or
// `Summer 2024` (summer = June, autumn = November, winter = January), as the LAST day of that
// month: results are issued after the exams of a series end, so the last day is the earliest
// date by which the qualification was surely achieved; a programme that starts in the middle
// of a series month therefore never counts that series as earlier work done before it. Every
// format also accepts an ISO date as it is, and every format but `iso` an Excel serial day
// number of five digits or more (45526 is 2024-08-22), as a date column of a workbook saved as
// CSV may hold. A value that does not fit is `bad-date`.
//
// Wide layout: each non-empty grade cell is one row (one achievement) in the accounting, at
// the cell's line and column; empty cells are not rows. Row-wide columns named by `columns:`
// (a date, a status) apply to every cell of the row. A record the CSV reader cannot split
// counts as one rejected row, since its cells cannot be trusted.
//
// Personal data: a column is copied into a Learner only as an attribute the mapping names;
// columns listed under `ignore:` are not read and not reported as unknown columns either.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "accredit/diagnostic.h"
#include "accredit/source.h"
#include "accredit/values.h"

namespace accredit {

enum class DateFormat : std::uint8_t {
  kIso,           // 2024-08-22
  kSeries,        // June 2024, Summer 2024 (the last day of the month)
  kDayMonthYear,  // 22/08/2024
  kMonthDayYear,  // 08/22/2024
  kDayMonName,    // 22 Aug 2024, 22 August 2024
};
// As written after `dates:`.
inline constexpr EnumName<DateFormat> kDateFormatNames[] = {
    {DateFormat::kIso, "iso", "ISO 8601"},
    {DateFormat::kSeries, "series", "Exam series"},
    {DateFormat::kDayMonthYear, "dd/mm/yyyy", "Day/month/year"},
    {DateFormat::kMonthDayYear, "mm/dd/yyyy", "Month/day/year"},
    {DateFormat::kDayMonName, "d mon yyyy", "Day, month name, year"},
};
static_assert(InDeclarationOrder(kDateFormatNames));

// What a grade column of a wide layout holds: the subject, and the type and level of its
// cells when the column says (else the layout's `type:`, the row's or `set:`).
struct GradeColumn {
  std::string subject;
  std::string type;           // empty: the layout's
  std::string level;          // empty: the row's, or none
  bool from_pattern = false;  // the subject is the text a pattern matched, not yet mapped
};

// One `pattern:` of a wide layout, split at "{subject}", normalised.
struct ColumnPattern {
  std::string prefix;
  std::string suffix;
  std::string type;   // empty: the layout's
  std::string level;  // empty: none
};

// The `wide:` part of a mapping.
struct WideLayout {
  std::vector<std::string> id;  // learner column alternatives, normalised; empty = columns:
  std::string type;             // the type of a grade cell; empty = from the row or set:
  std::unordered_map<std::string, GradeColumn> subjects;  // normalised column -> its cells
  std::vector<ColumnPattern> patterns;                    // in the order written

  // What grade column `column` holds (`subject` as written in `subjects:`, or the text
  // `{subject}` matched in the column name), or nullopt when it is not a grade column.
  std::optional<GradeColumn> ColumnFor(std::string_view column) const;
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
  // `fits:` columns a header must have to be chosen, each one name or a list of alternatives
  // (normalised)
  std::vector<std::vector<std::string>> fits;
  // Learner attributes: attribute id -> source column alternatives (normalised), in the order
  // written.
  std::vector<std::pair<std::string, std::vector<std::string>>> attributes;
  std::string description;  // `description:`, or ""
  std::string name;         // the file it was read from, for notes ("mappings/sims.map.yaml")

  // The attribute a source column fills, or "" (with its preference among the alternatives).
  std::string_view AttributeFor(std::string_view column, std::size_t* preference = nullptr) const;

  // The field a source column fills: by `columns:`, else by its canonical name.
  // `preference` receives the index of the alternative (0 = first listed; a canonical name
  // ranks after every alternative).
  std::optional<Field> FieldFor(std::string_view column, std::size_t* preference = nullptr) const;
  // True when `column` is listed under `ignore:`.
  bool Ignores(std::string_view column) const;
  // The canonical value for `value` of `field` by `values:`, else `value` unchanged.
  std::string_view MapValue(Field field, std::string_view value) const;
  // With a `wide:` layout, what grade column `column` holds, or nullopt when it is not a
  // grade column: as listed in `wide: subjects`, else the `{subject}` text of a pattern
  // through `values: subject`, else that text written as an id (lower case, runs of spaces
  // and punctuation as one hyphen: `Computer Science` -> `computer-science`).
  std::optional<GradeColumn> GradeColumnFor(std::string_view column) const;
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

// The mappings shipped in rules/mappings/ (embedded in the binary), each registered in
// `sources` as `rules/mappings/FILE` and named by its file's stem (`sims-results`), in file
// order. They are what an input without a mapping is matched against (ReadOptions::maps_to_try).
std::vector<ColumnMap> LoadShippedColumnMaps(SourceSet& sources);

// Converts `text` written in `format` to an ISO date "YYYY-MM-DD", or nullopt.
std::optional<std::string> ConvertDate(std::string_view text, DateFormat format);

}  // namespace accredit
