// CSV rows known by their bytes alone.
//
// The row memo (row_memo.h) resolves a row that a cohort repeats once, but each repeat was
// still split into fields, trimmed, hashed field by field and compared field by field before
// the memo found it. Skipping that took the 1M-learner benchmark's read-only floor to 0.80 of
// its time (bench/RESULTS.md, stop 33). In a canonical layout with the learner id first and the
// date, if any, last, a plain line (ASCII, no quote) less its first and last fields is a key: two
// lines with the same key split into the same middle fields. So once a line has been read in full
// and its row is in the memo, a later line with the same key is that row, with its own learner id
// and date, found with one hash and one comparison of the key's bytes.
//
// A line is known only by a key learned from a line read in full, with as many fields as the
// header, in the same layout (RowMemo::BindLayout), so what ReadKnownLine() reads is exactly
// what reading the line in full would read: the same values, given to Grouping::AddRow(), which
// does everything else as for any row (tests/csv_line_keys_test.cpp compares the two).
#pragma once

#include <cstdint>
#include <string>

#include "accredit/csv_reader.h"
#include "accredit/source.h"
#include "records/csv_rows.h"
#include "records/grouping.h"

namespace accredit::internal {

class CsvLineKeys {
 public:
  // For the data rows of `csv`, read with `header` from `source` into `grouping`.
  CsvLineKeys(const CsvReader& csv, const CsvColumns& header, SourceId source, Grouping& grouping);

  // Whether the layout allows keys: no mapping, no learner attributes, the learner id the
  // first column and the date, if any, the last, and at least three columns.
  bool usable() const { return usable_; }

  // Reads the next record of `csv` into the grouping when it is a plain line whose key the
  // memo knows; false, having read nothing, otherwise (Next() then reads it in full).
  bool ReadKnownLine(CsvReader& csv);

  // After Grouping::AddRow() was given the row `row` that `csv` read last: when it was a plain
  // line with as many fields as the header, and the memo found or remembered a row for it,
  // learns its key.
  void Learn(const CsvReader& csv, const CsvRow& row);

 private:
  const CsvColumns& header_;
  SourceId source_;
  Grouping& grouping_;
  bool usable_ = false;
  bool date_last_ = false;   // the date is the last column (else there is none)
  std::size_t columns_ = 0;  // the header's
  char delimiter_ = ',';
  std::size_t max_field_bytes_ = 0;
  FieldValues values_{};
  FieldLocations where_;
};

// For tests: whether ReadCsvRows() reads lines by their keys (as by default), or every line in
// full. Both must read alike.
void SetCsvLineKeys(bool on);

}  // namespace accredit::internal
