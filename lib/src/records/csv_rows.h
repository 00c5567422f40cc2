// The two halves of reading canonical (or mapped) CSV records, shared by ReadCsvRecords(),
// which reads a whole input, and the record stream (record_stream.h), which reads the header
// once and then the data rows in pieces, several at a time.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "accredit/column_map.h"
#include "accredit/csv_reader.h"
#include "accredit/diagnostic.h"
#include "accredit/read_options.h"
#include "accredit/values.h"
#include "records/grouping.h"

namespace accredit::internal {

// What each column of a CSV header is read as.
struct CsvColumns {
  std::array<int, kFieldCount> column_of;  // column index of each field, or -1
  std::vector<std::pair<std::size_t, GradeColumn>> grade_columns;  // wide: column, its cells
  // Learner attributes: column, attribute id (the first listed alternative of each).
  std::vector<std::pair<std::size_t, std::string>> attribute_columns;
  const ColumnMap* map = nullptr;  // the mapping the rows are read with, or none
  // The number of columns and each field's column, as text: what tells layouts apart to the
  // row memo's keys (RowMemo::BindLayout, csv_line_keys.h).
  std::string layout;
  std::size_t Column(Field field) const {
    return static_cast<std::size_t>(column_of[static_cast<std::size_t>(field)]);
  }
};

// Matches the header to fields (and, in a wide layout, to grade columns) by the mapping of
// `options` or, without one, by the mapping of `options.maps_to_try` the header fits
// (map_choice.h), into `out` (`out.map` is the mapping chosen), with the diagnostics
// ReadCsvRecords() documents for a header; returns false after an error that rejects the input.
// With `rules`, a column the mapping does not read whose header names one of the rules'
// subjects is a warning (unread-subject-column), not a note among the unknown columns.
bool MapCsvColumns(std::span<const CsvField> header, SourceId source, std::uint32_t header_line,
                   const ReadOptions& options, CsvColumns& out, Diagnostics& diagnostics,
                   const RuleSet* rules = nullptr);

// Reads every remaining row of `csv` into `grouping` (mapped by `header.map` when not null).
// With `usable` false (the header was rejected) every row is counted as rejected.
// (CsvRowReader, csv_row_reader.h, reads them keeping its buffers from one call to the next.)
void ReadCsvRows(CsvReader& csv, const CsvColumns& header, bool usable, SourceId source,
                 Grouping& grouping, Diagnostics& diagnostics);

}  // namespace accredit::internal
