// Writing one cell of a CSV output: quoted as RFC 4180 needs, and never read by a spreadsheet
// as a formula.
//
// Outputs are opened in Excel or LibreOffice by people who did not write their inputs. A cell
// whose text begins with `=`, `+`, `-` or `@` (or a tab or carriage return) would be run as a
// formula there, and a learner id or a title from an export is not trusted text (OWASP, "CSV
// injection"). Such a cell gets a leading apostrophe, which spreadsheets show as text; a plain
// number (`-3`, `+2.5`) is left as it is.
#pragma once

#include <string>
#include <string_view>

namespace accredit::internal {

// Whether a spreadsheet would take `text` as a formula: it begins with `=`, `+`, `-` or `@` (or
// a tab or carriage return) and is not a plain number. The CSV and workbook outputs neutralise
// such text with a leading apostrophe.
bool StartsLikeFormula(std::string_view text);

// `text` as one CSV cell: neutralised as above, then quoted when it holds a comma, a quote or a
// line break (quotes doubled).
std::string CsvCell(std::string_view text);
// CsvCell(text), appended to `out`.
void AppendCsvCell(std::string& out, std::string_view text);

}  // namespace accredit::internal
