// Choosing a column mapping for an input by its header: a standard export (SIMS, Arbor,
// Bromcom, an Ofqual candidate file) needs no --map, and several inputs of different layouts
// can be read in one run, each with the mapping it fits. The rules are in column_map.h
// ("Choosing").
#pragma once

#include <cstdint>
#include <span>

#include "accredit/column_map.h"
#include "accredit/csv_reader.h"
#include "accredit/diagnostic.h"
#include "accredit/read_options.h"

namespace accredit::internal {

// How well `map` (null: canonical names) reads `header`.
struct MapFit {
  bool learner = false;    // a learner column is found
  bool fits = false;       // the mapping may be chosen for this header
  std::size_t placed = 0;  // columns read as a field, grade, attribute, or ignored
};
MapFit FitColumnMap(std::span<const CsvField> header, const ColumnMap* map);

// The mapping to read an input with header `header` by: `options.map` when given; else null
// (canonical) for a header with a `learner` column; else the one of the user's mappings (the
// first `options.preferred_maps` of `options.maps_to_try`) that fits and names most columns,
// else likewise of the rest (the shipped ones), with a `mapping-chosen` note at the header;
// when none fits, the user's one mapping if there is exactly one, else null. Sets `ok` false
// after an `ambiguous-mapping` error (two fit equally well): the input is refused.
const ColumnMap* ChooseColumnMap(std::span<const CsvField> header, SourceId source,
                                 std::uint32_t header_line, const ReadOptions& options, bool& ok,
                                 Diagnostics& diagnostics);

}  // namespace accredit::internal
