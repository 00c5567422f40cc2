// Reading learner records from canonical long-form CSV.
//
// This is the records pipeline for a CSV input in canonical form (one row per achievement,
// columns named after the canonical fields of values.h): CsvReader (csv_reader.h) splits the
// text, the header is matched to fields, each row is resolved against the rules by
// ResolveAchievement (record_resolver.h), and rows are grouped into learners by id. An export
// in a school system's own layout is read through a column mapping (column_map.h).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "accredit/csv_reader.h"
#include "accredit/diagnostic.h"
#include "accredit/read_options.h"
#include "accredit/records.h"
#include "accredit/rules.h"
#include "accredit/source.h"

namespace accredit {

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
// earlier row of the same learner. Learners are grouped by id in any row order; a learner
// whose row is rejected for an error has Learner::rejected_rows incremented, so that it is
// reported as having a data error; a duplicate row does not count there, since no data is
// lost. A row rejected before its learner id is known (empty, or not readable) is counted in
// the accounting only.
//
// Mapping: with ReadOptions::map (column_map.h), header names are matched by the mapping
// instead (its `columns:`, then canonical names; `ignore:` columns are not reported; a second
// alternative of one field is an `unused-column` note rather than a `duplicate-column` error),
// and each row goes through ApplyColumnMap() first (`bad-date` rejects it). A mapping with a
// `wide:` layout reads one row per non-empty grade cell, as column_map.h describes; with no
// grade column the input is rejected (`missing-column`).
//
// Bound: a learner's rows past ReadOptions::max_learner_rows are rejected (`too-large`, once).
//
// Identifiers: with ReadOptions::check_identifiers, a `bad-check-character` warning for a
// learner id (once, at its first row) and for a qan of a used row; neither is rejected.
RecordSet ReadCsvRecords(SourceId source, std::string_view text, const RuleSet& rules,
                         const ReadOptions& options, Diagnostics& diagnostics);

}  // namespace accredit
