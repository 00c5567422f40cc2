// What every records reader takes and gives: the reading options (bounds, a column mapping)
// and the learners read from one input.
//
// The readers are csv_records.h (canonical or mapped CSV), json_reader.h (JSON and JSON Lines)
// and, over both, record_input.h (files and bytes in memory, merged by learner) and
// record_stream.h (one input read in pieces).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "accredit/csv_reader.h"
#include "accredit/records.h"

namespace accredit {

struct ColumnMap;  // column_map.h

struct ReadOptions {
  // csv (defaults) size bounds for the CSV reader
  CsvOptions csv;
  // check_identifiers (true) warn, as `bad-check-character`, on a learner id that looks like
  // a UPN and on a qan whose check character is wrong (identifiers.h)
  bool check_identifiers = true;
  // map (none) a column mapping (column_map.h) to read a school system's export with: its
  // column names, value spellings, constants, date format and wide layout. Not owned; it must
  // outlive the call. JSON inputs use its `columns:` names as keys and its `values`, `set`
  // and `dates`, but not `wide` or `ignore`.
  const ColumnMap* map = nullptr;
  // maps_to_try (none) when `map` is null, the mappings a CSV input's (or a sheet's) header is
  // matched against to choose one (column_map.h, "Choosing"): the shipped ones, or several
  // given at once. Not owned; they must outlive the call.
  std::vector<const ColumnMap*> maps_to_try;
  // preferred_maps (0) how many of `maps_to_try`, from the first, are the user's (--map): they
  // are matched first, the rest (the shipped ones) only when none of them fits. One alone is
  // also the mapping of a JSON input, and of a CSV input that nothing fits.
  std::size_t preferred_maps = 0;

  // The mapping a JSON input is read with: `map`, else the user's one mapping, else none.
  const ColumnMap* JsonMap() const {
    if (map != nullptr) return map;
    return preferred_maps == 1 ? maps_to_try.front() : nullptr;
  }
  // max_learner_rows (10,000) the most rows one learner may have in one input; the first row
  // past it is reported as `too-large`, and it and every later row of that learner rejected.
  // Reading and evaluating a learner costs time in proportion to (and, for duplicate rows, in
  // the square of) their rows; a real learner has a few hundred at most
  std::uint64_t max_learner_rows = 10'000;
  // max_json_depth (64) the deepest nesting of arrays and objects in a JSON input
  // (`too-deep` otherwise; the whole input is rejected)
  std::uint32_t max_json_depth = 64;
  // max_file_bytes (2 GiB) the largest input file ReadRecordInputs() reads (`too-large`)
  std::uint64_t max_file_bytes = std::uint64_t{2} << 30;
};

// Learners read from one input.
struct RecordSet {
  std::vector<Learner> learners;  // in order of first appearance
  Accounting accounting;          // rows_read == rows_used + rows_rejected
  // ReadRecordInputs(): the inputs refused in whole or in part, by name as given ("bad.csv",
  // "<stdin>", "results.xlsx"): the learners' rows in them are not known.
  std::vector<std::string> refused_inputs;
};

}  // namespace accredit
