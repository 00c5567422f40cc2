// The expat handler that turns a worksheet's rows into CSV text, as xlsx_sheet.h describes
// the text: used by its readers, a sheet read in order or a piece of its rows. Set the knobs
// (where the text goes, the bounds, when to suspend), give it to an XmlParser as its context,
// Attach() it, and parse: a bound passed stops the parser with `fault` set.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "records/xlsx_package.h"
#include "records/xlsx_sheet.h"

namespace accredit::internal {

class SheetRows : public XmlContext {
 public:
  enum class Fault : std::uint8_t { kNone, kTooLarge, kRowTooLong, kGap };
  enum class CellType : std::uint8_t { kNumber, kShared, kBoolean, kOther };

  SheetRows(const XlsxStrings& strings, const std::vector<bool>& date_styles)
      : strings_(strings), date_styles_(date_styles) {}

  // Sets the parser's element and text handlers (XmlParser has set its user data).
  void Attach();

  std::string* out = nullptr;
  std::uint64_t line = 0;              // lines written
  int width = 0;                       // the header's columns
  std::uint64_t limit = UINT64_MAX;    // the most bytes `out` may hold
  std::size_t max_row_bytes = 0;       // the longest row's text; 0: any
  std::uint64_t max_gap = UINT64_MAX;  // the most rows the sheet may leave out before a row
  std::size_t suspend_at = SIZE_MAX;   // suspend at a row's end once out has this many bytes
  bool hand_over = false;              // suspend at the first row end a piece may start after
  bool handed_over = false;            // it did (then the parser is suspended)
  std::uint64_t hand_over_end = 0;     // the part's offset after the row end handed over at
  bool relative = false;      // a piece: lines counted from an unknown base until a numbered row
  XlsxRows* piece = nullptr;  // when relative: where the first numbered row is noted
  Fault fault = Fault::kNone;
  std::vector<std::string> open;  // the elements open outside any row, as named
  std::string row_name;           // the row element, as named

 private:
  static SheetRows& Of(void* data) {
    return static_cast<SheetRows&>(*static_cast<XmlContext*>(data));
  }

  static void OnStart(void* data, const XML_Char* name, const XML_Char** attributes);
  static void OnEnd(void* data, const XML_Char* name);
  static void OnText(void* data, const XML_Char* text, int length);
  void Start(const XML_Char* name, const XML_Char** attributes);
  void End(const XML_Char* name);
  void StartRow(const XML_Char* name, const XML_Char** attributes);
  void StartCell(const XML_Char** attributes);
  void EndCell();
  // The cell's text, as a CSV field, onto text_.
  void CellText();
  void Number();
  // The ISO date of whole serial `day` onto text_; false when it is no date.
  bool Date(long day);
  void EndRow();
  // Whether the rows after this point read the same in pieces: the header is read, and no row,
  // cell or text run is open.
  bool CanHandOver() const;
  void EmitRow();
  void Stop(Fault why);

  struct Cell {
    int column;
    std::size_t begin;
    std::size_t end;
  };
  std::string_view Text(const Cell& cell) const {
    return std::string_view(text_).substr(cell.begin, cell.end - cell.begin);
  }

  const XlsxStrings& strings_;
  const std::vector<bool>& date_styles_;
  std::uint64_t row_ = 0;
  bool numbered_ = false;
  int row_depth_ = 0;
  std::vector<Cell> cells_;
  std::string text_;  // the row's cells' text
  int column_ = 0;
  int next_column_ = 0;
  CellType type_ = CellType::kNumber;
  int style_ = 0;
  std::string value_;
  bool in_value_ = false;
  bool in_inline_ = false;
  bool in_text_ = false;
  int phonetic_ = 0;
};

}  // namespace accredit::internal
