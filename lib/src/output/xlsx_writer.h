// Writing an Excel workbook: the one file that sees libxlsxwriter. The workbook outputs
// (report_xlsx.cpp, outcomes_xlsx.cpp) add sheets of tables through it and take the bytes.
//
// Every sheet is a table: a bold header row frozen in view, an autofilter over every column and
// row, column widths fitted to what was written (within bounds). Cells are written in row order
// (libxlsxwriter's constant-memory mode, so a large cohort costs little memory). Text is always
// a text cell, never a formula, and text a spreadsheet would take as a formula
// (StartsLikeFormula) gets a leading apostrophe, as in the CSV outputs.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accredit/values.h"
#include "accredit/workbook.h"

namespace accredit::internal {

// How a cell looks. kMet, kClose and kNotMet are the status palette (one colour-blind-safe set
// of fills, each with a darker text of the same hue), used wherever a status is shown.
enum class CellStyle { kText, kWrapped, kCount, kPercent, kDate, kMet, kClose, kNotMet };

// The fill and text colours of the status palette, 0xRRGGBB (for the About sheet's legend and
// for any format that shows the same statuses).
struct StatusColours {
  unsigned fill;
  unsigned text;
};
StatusColours ColoursOf(CellStyle status);

// A column: its heading and the widest it is made (in characters) however long its text.
struct XlsxColumn {
  std::string heading;
  double max_width = 40;
};

class XlsxWriter {
 public:
  // `created`: the workbook's creation date in its properties (fixed, for a deterministic
  // workbook). A failure to start (no temporary file) is said by Finish().
  explicit XlsxWriter(std::optional<Date> created);
  ~XlsxWriter();
  XlsxWriter(const XlsxWriter&) = delete;
  XlsxWriter& operator=(const XlsxWriter&) = delete;

  // Starts a sheet (ending the one before) with `columns` as its header row; the next row
  // written is row 1. `name` must be a valid sheet name (at most 31 characters, none of []:*?/\).
  void AddSheet(std::string_view name, std::vector<XlsxColumn> columns);
  // Moves to the next row of the current sheet; cells are written left to right, each call
  // to Text/Number/Date/Blank filling the next column.
  void NextRow();
  void Text(std::string_view text, CellStyle style = CellStyle::kText);
  void Number(double value, CellStyle style = CellStyle::kCount);
  void Day(Date date);
  void Blank();

  // Ends the workbook: its bytes, or why it could not be made.
  Workbook Finish();

 private:
  struct State;
  void EndSheet();
  void Fail(std::string message);
  std::unique_ptr<State> state_;
};

}  // namespace accredit::internal
