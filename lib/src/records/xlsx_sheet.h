// A worksheet's cells as CSV text, one line per spreadsheet row (row N on line N, so that a
// diagnostic's line is the row a person finds in Excel), each cell as the text Excel shows for
// it: shared and inline strings, numbers in their shortest form (0.1, not
// 0.10000000000000001), booleans (TRUE, FALSE), formula results as cached, and numbers in a
// date style as ISO dates (Excel serials, with the 1900 leap-year quirk). Line breaks inside a
// cell become spaces, so rows and lines stay one to one; a row is as wide as the header (the
// first row with a cell), as a CSV export of the sheet would be.
//
// The sheet's XML is read with expat a block at a time, and may be read in two ways that give
// the same text:
//   - in order, from the start of the part (XlsxSheetReader): the whole sheet, or its first
//     rows until the caller hands the rest over;
//   - a piece of whole rows at a time, the pieces cut where a row ends in the inflated bytes
//     (XlsxRowSplitter) and converted apart, on any thread (ConvertXlsxRows), then put back in
//     order (StitchXlsxRows), which fills in the line numbers a piece could not know. A piece
//     is parsed inside the elements that were open where the pieces began, so each must be
//     well-formed on its own: a cut that is not at a real row end (inside a comment or CDATA)
//     makes a piece fail, never read differently.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "records/xlsx_package.h"

namespace accredit::internal {

// Excel's last row: read in pieces, a sheet may leave out at most this many rows at once (a
// sheet that leaves out more is read in order).
inline constexpr std::uint64_t kXlsxMaxRow = 1'048'576;

class SheetRows;

// What the pieces of a sheet's rows are read against.
struct XlsxRowsContext {
  const XlsxStrings* strings = nullptr;
  const std::vector<bool>* date_styles = nullptr;
  std::string open_tags;   // the elements open where the pieces start: "<worksheet><sheetData>"
  std::string close_tags;  // and their ends: "</sheetData></worksheet>"
  std::string row_end;     // a row's end tag, as the sheet writes it: "</row>"
  int width = 0;           // the header's columns
  std::size_t max_row_bytes = 0;     // the longest row's text (a longer one is a fault)
  std::uint64_t max_piece_text = 0;  // the most text of a piece (more is a fault)
};

// A piece of a sheet's rows read apart. Until its first numbered row (<row r="N">) a piece
// cannot know its line numbers: its rows before that one are on the lines after the previous
// piece's, and the lines the sheet leaves out before it are filled in by StitchXlsxRows().
struct XlsxRows {
  std::string csv;                 // the rows, a line each
  std::uint64_t lines = 0;         // the line of its last row: counted from 0 before the piece when
                                   // `numbered` is false, else absolute
  bool numbered = false;           // it has a numbered row
  std::uint64_t first_number = 0;  // that row's number
  std::uint64_t lines_before = 0;  // the rows before that one
  std::size_t number_offset = 0;   // where in `csv` that row starts
  bool failed = false;             // the piece is not well-formed, or a row is too long
};

// Reads piece `xml` (whole rows, cut where a row ends) inside `context`'s open elements, into
// `into` (whose `csv` is cleared, its memory kept).
void ConvertXlsxRows(std::string_view xml, const XlsxRowsContext& context, XlsxRows& into);

// Appends the rows of `piece` to `out`, after `line` lines already there (updated); false when
// the piece cannot follow them as reading the sheet in order would (it failed, or it numbers a
// row before `line`).
bool StitchXlsxRows(const XlsxRows& piece, std::uint64_t& line, std::string& out);

// Reads a sheet's part in order, from its first byte.
class XlsxSheetReader {
 public:
  enum class Status { kMore, kEnd, kHandOver, kFault };

  // `part` is the sheet's part, open in `package` (which must outlive the reader).
  XlsxSheetReader(const XlsxPackage& package, std::unique_ptr<XlsxPart> part);
  ~XlsxSheetReader();
  XlsxSheetReader(const XlsxSheetReader&) = delete;
  XlsxSheetReader& operator=(const XlsxSheetReader&) = delete;

  // Stop with kFault when the text appended by one Read() would pass `bytes` (the whole
  // sheet's bound), when a row's text is longer than `row_bytes` (0: any), and when the sheet
  // leaves out more than `gap` rows before a row.
  void SetLimits(std::uint64_t bytes, std::size_t row_bytes, std::uint64_t gap = UINT64_MAX);

  // Appends rows to `out` until it has grown by at least `want` bytes (ending at a row's end)
  // or the sheet ends: kMore, or kEnd once the whole part is read. With `hand_over`, stops
  // instead (kHandOver) at the first row end after that where the rest of the sheet can be
  // read in pieces: the header is read and no cell is open; the reader is then done, and
  // TakeRest() and Context() say how to go on.
  Status Read(std::string& out, std::size_t want, bool hand_over = false);

  // After kFault: why. `sheet` names the sheet in the message.
  XlsxFault fault(std::string_view sheet) const;

  // After kHandOver: the bytes of the part inflated but not read (the rest is read from
  // part()), and what the pieces are read against.
  std::string TakeRest();
  XlsxRowsContext Context(std::size_t max_row_bytes, std::uint64_t max_piece_text) const;
  XlsxPart& part() { return *part_; }
  std::uint64_t line() const;  // the lines appended so far

 private:
  const XlsxPackage& package_;
  std::unique_ptr<XlsxPart> part_;
  std::unique_ptr<SheetRows> rows_;
  std::unique_ptr<XmlParser> parser_;
  XlsxFault fault_;
  std::uint64_t limit_ = UINT64_MAX;
  bool suspended_ = false;
  bool last_fed_ = false;
  bool ended_ = false;
  char* block_ = nullptr;          // expat's buffer holding the last block read
  std::uint64_t block_start_ = 0;  // the part's offset of its first byte
  std::size_t block_size_ = 0;
  std::string rest_;
};

// Cuts the rest of a sheet handed over (XlsxSheetReader::kHandOver) into pieces of whole rows,
// each ending with a row's end tag, inflating the part as needed.
class XlsxRowSplitter {
 public:
  enum class Cut { kPiece, kTail, kFault };

  // `rest` is what the reader inflated but did not read; `row_end` the row's end tag
  // (XlsxRowsContext::row_end). A piece longer than `max_piece` bytes is a fault.
  XlsxRowSplitter(XlsxPart& part, std::string_view rest, std::string row_end,
                  std::size_t max_piece);

  // The next piece, into `piece`: the bytes up to the end of the last row end tag in the first
  // `target` (or, when none ends there, of the first one after them): kPiece. At the end of
  // the part, what follows the last row end (kTail). kFault (`fault` says why) when the part
  // is damaged, over budget, or no row ends within `max_piece` bytes.
  Cut Next(std::size_t target, std::string& piece, XlsxFault& fault);
  // The bytes inflated and not yet cut.
  std::size_t pending() const { return end_ - begin_; }

 private:
  std::string_view Pending() const { return {data_.get() + begin_, end_ - begin_}; }
  // Room for `size` more bytes after the pending ones (not zeroed: inflated into at once).
  char* Room(std::size_t size);

  XlsxPart& part_;
  std::unique_ptr<char[]> data_;
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
  std::size_t capacity_ = 0;
  std::string row_end_;
  std::size_t max_piece_;
  bool at_end_ = false;
};

// Reads the tail of a sheet handed over (the bytes after its last row end) to its end, inside
// `context`'s open elements, after `line` lines (updated); false when it is not well-formed.
bool ReadXlsxTail(std::string_view tail, const XlsxRowsContext& context, std::uint64_t& line,
                  std::string& out);

// The ISO date of Excel serial `serial` (1900 date system: 1 is 1900-01-01, and 60 the
// 1900-02-29 that never was, read as 1900-02-28), or "" when it is before 1 or past 9999.
std::string ExcelSerialDate(double serial);

}  // namespace accredit::internal
