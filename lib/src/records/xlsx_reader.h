// Reading a workbook (.xlsx, Office Open XML) whole, as the records readers read text: each
// worksheet becomes CSV text (xlsx_sheet.h: one line per spreadsheet row, row N on line N, each
// cell as the text Excel shows for it), read from a package (xlsx_package.h) with its bounds:
// the bytes inflated are bounded (a zip bomb is refused, not inflated), XML with a document
// type declaration is refused, and a part's name is never opened as a path. The record stream
// reads one sheet in pieces instead (stream/xlsx_stream.h), in memory that does not grow with
// the sheet.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "accredit/diagnostic.h"
#include "accredit/record_input.h"
#include "accredit/source.h"
#include "records/xlsx_sheet.h"

namespace accredit::internal {

struct XlsxSheet {
  std::string name;             // as the workbook names it ("KS5")
  std::string csv;              // the rows, as CSV text
  std::uint64_t xml_bytes = 0;  // the size its part says it inflates to
};

// A sheet keeps its text in the SourceSet, so that diagnostics show its lines, when its text is
// at most kKeepSourceTextBytes (as a text input) and its part says it inflates to at most this:
// known before the sheet is read, so that streaming a large sheet never builds its text.
inline constexpr std::uint64_t kKeepSheetXmlBytes = 4 * kKeepSourceTextBytes;

// Whether an input named `name` holding `bytes` is a workbook: by the extension `.xlsx`, else
// by the bytes of a zip archive.
bool IsXlsx(std::string_view name, std::string_view bytes);

// The worksheets of workbook `bytes`, in workbook order; only the one named `sheet` when it is
// not empty. Errors are located at `source`: `bad-workbook` (not a zip, a part missing or not
// XML, no sheet named `sheet`, a document type declaration)
// and `too-large` (more than `max_bytes` inflated, or than a hundred times the workbook's
// size; a sheet of more than `max_bytes` of text). Returns what was read before an error:
// nothing, or the sheets before the one that failed.
std::vector<XlsxSheet> ReadXlsxSheets(std::string_view bytes, std::string_view sheet,
                                      std::uint64_t max_bytes, SourceId source,
                                      Diagnostics& diagnostics);

// The `bad-workbook` error for a sheet name the workbook lacks: "the workbook has no sheet
// 'KS5' (it has 'Results', 'Notes')".
std::string NoSuchSheet(std::string_view sheet, const std::vector<XlsxSheetEntry>& sheets);

}  // namespace accredit::internal
