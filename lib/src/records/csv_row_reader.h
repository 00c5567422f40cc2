// Reading CSV rows into a grouping with buffers kept from one call to the next.
//
// An unsorted input (regrouped_csv_stream.h) reads each of its records with a call of its own,
// through a CsvReader restarted at the record; a row's buffers, and the line keys' state, made
// afresh for each record cost more than reading it.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "accredit/csv_reader.h"
#include "accredit/diagnostic.h"
#include "accredit/record_resolver.h"
#include "records/csv_line_keys.h"
#include "records/csv_rows.h"
#include "records/grouping.h"
#include "records/row_memo.h"

namespace accredit::internal {

// ReadCsvRows() (csv_rows.h), for the rows of readers with the header of `csv`, read with
// `header` from `source`; `header` and `grouping` must outlive it.
class CsvRowReader {
 public:
  CsvRowReader(const CsvReader& csv, const CsvColumns& header, SourceId source, Grouping& grouping);
  ~CsvRowReader();
  CsvRowReader(const CsvRowReader&) = delete;
  CsvRowReader& operator=(const CsvRowReader&) = delete;

  // Reads every remaining row of `csv` into the grouping, as ReadCsvRows().
  void Read(CsvReader& csv, bool usable, Diagnostics& diagnostics);

 private:
  const CsvColumns& header_;
  SourceId source_;
  Grouping& grouping_;
  CsvLineKeys keys_;
  FieldValues values_{};
  FieldLocations where_;
  std::string scratch_;
  CsvRow row_;
  std::vector<std::pair<std::string_view, std::string_view>> attributes_;
};

}  // namespace accredit::internal
