// Reading learner records from canonical long-form CSV.
//
// This is the records pipeline for a CSV input in canonical form (one row per achievement,
// columns named after the canonical fields of values.h): CsvReader (csv_reader.h) splits the
// text, the header is matched to fields, each row is resolved against the rules by
// ResolveAchievement (record_resolver.h), and rows are grouped into learners by id. An export
// in a school system's own layout needs a column mapping onto canonical columns first.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "accredit/csv_reader.h"
#include "accredit/diagnostic.h"
#include "accredit/records.h"
#include "accredit/rules.h"
#include "accredit/source.h"

namespace accredit {

struct ReadOptions {
  // csv (defaults) size bounds for the CSV reader
  CsvOptions csv;
  // check_identifiers (true) warn, as `bad-check-character`, on a learner id that looks like
  // a UPN and on a qan whose check character is wrong (identifiers.h)
  bool check_identifiers = true;
  // max_achievements (10,000) the most rows used for one learner: evaluation costs time in
  // proportion to a learner's achievements, so a learner with more is a data error, reported
  // once as `too-many-achievements` at the first row over the limit; that row and the
  // learner's later rows are rejected (counted, with no further diagnostic)
  std::size_t max_achievements = 10'000;
};

// Learners read from one input.
struct RecordSet {
  std::vector<Learner> learners;  // in order of first appearance
  Accounting accounting;          // rows_read == rows_used + rows_rejected
};

// Reads canonical long-form CSV `text` (registered as `source`; the caller keeps it alive for
// the call) against `rules`.
//
// Header: names match the canonical field names (values.h FieldName()) ignoring case and
// surrounding spaces, in any order; `learner` is required and the other columns are optional.
// Columns with other names are ignored, with one `unknown-column` note naming them all (with a
// "did you mean" for each close to a field name). The input is rejected, with one error and
// every data row counted as rejected, when it has no header row (`missing-column`), no
// `learner` column (`missing-column`), a field named by two columns (`duplicate-column`), a
// bad encoding (`bad-encoding`) or a malformed header row (the CSV reader's error).
//
// An input with a usable header and no data rows gets a `no-rows` warning.
//
// Rows: rows_read counts every data row (not the header, nor blank lines). Each row ends in
// exactly one of: an Achievement of its learner (used); an `ignored-result` note (used, no
// Achievement: see ResolveAchievement); or a diagnostic (rejected) from the CSV reader, from
// ResolveAchievement, or `duplicate-row`, a warning for a row equal in every field to an
// earlier row of the same learner, or `too-many-achievements` (see ReadOptions). Learners are
// grouped by id in any row order; a learner whose row is rejected for an error has
// Learner::rejected_rows incremented, so that it is reported as having a data error; a duplicate
// row does not count there, since no data is lost. A row rejected before its learner id is known
// (empty, or not readable) is counted in the accounting only.
//
// Identifiers: with ReadOptions::check_identifiers, a `bad-check-character` warning for a
// learner id (once, at its first row) and for a qan of a used row; neither is rejected.
RecordSet ReadCsvRecords(SourceId source, std::string_view text, const RuleSet& rules,
                         const ReadOptions& options, Diagnostics& diagnostics);

}  // namespace accredit
