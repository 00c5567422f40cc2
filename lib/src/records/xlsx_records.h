// Learner records from a workbook: each worksheet read as CSV records (xlsx_reader.h), the
// sheets chosen and their learners merged.
#pragma once

#include <string>
#include <string_view>

#include "accredit/diagnostic.h"
#include "accredit/read_options.h"
#include "accredit/rules.h"
#include "accredit/source.h"

namespace accredit::internal {

// Splits "results.xlsx#KS5" into the file and the sheet; `sheet` is "" without a '#' after a
// name ending in .xlsx.
std::string_view SplitSheet(std::string_view path, std::string& sheet);

// Whether the header of a sheet read as CSV text `csv` names a learner column (by
// `options.map`, or canonically).
bool HasLearnerColumn(std::string_view csv, const ReadOptions& options);

// Reads workbook `bytes` named `name`: the sheet `sheet`, or, when "", every sheet whose header
// names a learner column (with `options.map`, the mapping's); a sheet without one is left out
// with an `unknown-column` note, unless no sheet has one (then every sheet is read, and says
// why it cannot be). Each sheet is registered in `sources` as "NAME[SHEET]", its rows on the
// lines of its spreadsheet rows, and read as CSV records (ReadCsvRecords); learners are merged
// by id across sheets.
RecordSet ReadWorkbookRecords(const std::string& name, std::string_view bytes,
                              std::string_view sheet, const RuleSet& rules,
                              const ReadOptions& options, SourceSet& sources,
                              Diagnostics& diagnostics);

}  // namespace accredit::internal
