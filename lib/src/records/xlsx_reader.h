// Reading a workbook (.xlsx, Office Open XML) as the records readers read text: each worksheet
// becomes CSV text, one line per spreadsheet row (row N on line N, so a diagnostic's line is the
// row a person finds in Excel), each cell as the text Excel shows for it.
//
// The container is read with libzip and the XML with expat, streamed part by part: no part is
// held whole, and nothing is inflated or parsed here by hand. Cells: shared and inline strings,
// numbers (shortest form: 0.1, not 0.10000000000000001), booleans (TRUE, FALSE), formula results
// as cached, and numbers in a date style as ISO dates (Excel serials, with the 1900 leap-year
// quirk). Line breaks inside a cell become spaces, so rows and lines stay one to one. Merged
// cells hold their value in the first cell only, as Excel stores them.
//
// A workbook is untrusted: the bytes inflated in all are bounded (a zip bomb is refused, not
// inflated), XML with a document type declaration is refused (no entities, so no "billion
// laughs"), and a part's name is only ever looked up in the container, never opened as a path.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "accredit/diagnostic.h"
#include "accredit/source.h"

namespace accredit::internal {

struct XlsxSheet {
  std::string name;  // as the workbook names it ("KS5")
  std::string csv;   // the rows, as CSV text
};

// Whether an input named `name` holding `bytes` is a workbook: by the extension `.xlsx`, else
// by the bytes of a zip archive.
bool IsXlsx(std::string_view name, std::string_view bytes);

// The worksheets of workbook `bytes`, in workbook order; only the one named `sheet` when it is
// not empty. Errors are located at `source`: `bad-workbook` (not a zip, a part missing or not
// XML, no sheet named `sheet`, a document type declaration) and `too-large` (more than
// `max_bytes` inflated, or than a hundred times the workbook's size). Returns what was read
// before an error: nothing, or the sheets before the one that failed.
std::vector<XlsxSheet> ReadXlsxSheets(std::string_view bytes, std::string_view sheet,
                                      std::uint64_t max_bytes, SourceId source,
                                      Diagnostics& diagnostics);

// The ISO date of Excel serial `serial` (1900 date system: 1 is 1900-01-01, and 60 the
// 1900-02-29 that never was, read as 1900-02-28), or "" when it is before 1 or past 9999.
std::string ExcelSerialDate(double serial);

}  // namespace accredit::internal
