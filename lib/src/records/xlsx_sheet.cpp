#include "records/xlsx_sheet.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "accredit/values.h"

namespace accredit::internal {

namespace {

// The local part of an XML name: "c" of "x:c". Names are short: a plain scan is cheapest.
const char* LocalName(const XML_Char* name) {
  const char* local = name;
  for (const char* p = name; *p != '\0'; ++p) {
    if (*p == ':') local = p + 1;
  }
  return local;
}

bool Is(const char* local, const char* name) { return std::strcmp(local, name) == 0; }

// A run of 1 to 9 ASCII digits as a number, or -1: the common case of the number atol() reads.
long Digits(const char* text) {
  long value = 0;
  int n = 0;
  for (; text[n] >= '0' && text[n] <= '9'; ++n) {
    if (n == 9) return -1;
    value = value * 10 + (text[n] - '0');
  }
  return n > 0 && text[n] == '\0' ? value : -1;
}

long Long(const char* text) {
  const long value = Digits(text);
  return value >= 0 ? value : std::atol(text);
}

// The 0-based column of cell reference "C12" (its letters), or -1.
int ColumnOf(const char* reference) {
  int column = 0;
  std::size_t i = 0;
  for (; reference[i] >= 'A' && reference[i] <= 'Z'; ++i) {
    column = column * 26 + (reference[i] - 'A' + 1);
    if (column > 16384) return -1;  // past XFD, Excel's last column
  }
  return i == 0 ? -1 : column - 1;
}

// Whether `value` is a whole number that its shortest form writes as it is: "0", "-12",
// "40" (not "040", "1e3" nor one of more than 15 digits).
bool PlainInteger(std::string_view value) {
  std::size_t i = !value.empty() && value[0] == '-' ? 1 : 0;
  const std::size_t digits = value.size() - i;
  if (digits == 0 || digits > 15) return false;
  if (value[i] == '0') return digits == 1 && i == 0;
  for (; i < value.size(); ++i) {
    if (value[i] < '0' || value[i] > '9') return false;
  }
  return true;
}

// Excel's serial of 9999-12-31, its last date.
constexpr long kLastSerial = 2958465;

// The ISO date of whole Excel serial `day` (1900 date system: 1 is 1900-01-01, and 60 the
// 1900-02-29 that never was, read as 1900-02-28) into `out`; false when it is before 1 or
// past 9999.
bool SerialDate(long day, char (&out)[10]) {
  if (day < 1 || day > kLastSerial) return false;
  // Excel counts 1900-02-29, which never was (serial 60): later serials are a day ahead.
  if (day >= 60) --day;
  static const std::int32_t epoch = FromCivil(CivilDate{1899, 12, 31}).days;
  const CivilDate civil = ToCivil(accredit::Date{epoch + static_cast<std::int32_t>(day)});
  auto digits = [&](int value, std::size_t at, std::size_t count) {
    for (std::size_t i = count; i-- > 0; value /= 10)
      out[at + i] = static_cast<char>('0' + value % 10);
  };
  digits(civil.year, 0, 4);
  out[4] = '-';
  digits(civil.month, 5, 2);
  out[7] = '-';
  digits(civil.day, 8, 2);
  return true;
}

enum class CellType : std::uint8_t { kNumber, kShared, kBoolean, kOther };

CellType TypeOf(const char* t) {
  if (t[0] == 's' && t[1] == '\0') return CellType::kShared;
  if (t[0] == 'b' && t[1] == '\0') return CellType::kBoolean;
  if (t[0] == 'n' && t[1] == '\0') return CellType::kNumber;
  return CellType::kOther;  // str, inlineStr, e (an error such as #N/A), d (an ISO date)
}

}  // namespace

// The expat handler that turns a sheet's rows into CSV text.
class SheetRows : public XmlContext {
 public:
  enum class Fault : std::uint8_t { kNone, kTooLarge, kRowTooLong, kGap };

  SheetRows(const XlsxStrings& strings, const std::vector<bool>& date_styles)
      : strings_(strings), date_styles_(date_styles) {}

  void Attach() {
    XML_SetElementHandler(parser, &SheetRows::OnStart, &SheetRows::OnEnd);
    XML_SetCharacterDataHandler(parser, &SheetRows::OnText);
  }

  std::string* out = nullptr;
  std::uint64_t line = 0;              // lines written
  int width = 0;                       // the header's columns
  std::uint64_t limit = UINT64_MAX;    // the most bytes `out` may hold
  std::size_t max_row_bytes = 0;       // the longest row's text; 0: any
  std::uint64_t max_gap = UINT64_MAX;  // the most rows the sheet may leave out before a row
  std::size_t suspend_at = SIZE_MAX;   // suspend at a row's end once out has this many bytes
  bool hand_over = false;              // suspend at the first row end a piece may start after
  bool handed_over = false;
  std::uint64_t hand_over_end = 0;  // the part's offset after the row end handed over at
  bool relative = false;  // a piece: lines counted from an unknown base until a numbered row
  XlsxRows* piece = nullptr;
  Fault fault = Fault::kNone;
  std::vector<std::string> open;  // the elements open outside any row, as named
  std::string row_name;           // the row element, as named

 private:
  static SheetRows& Of(void* data) {
    return static_cast<SheetRows&>(*static_cast<XmlContext*>(data));
  }

  static void OnStart(void* data, const XML_Char* name, const XML_Char** attributes) {
    Of(data).Start(name, attributes);
  }
  static void OnEnd(void* data, const XML_Char* name) { Of(data).End(name); }
  static void OnText(void* data, const XML_Char* text, int length) {
    SheetRows& self = Of(data);
    // Text in both a value and an inline string's run counts twice, as it always has.
    if (self.in_value_) self.value_.append(text, static_cast<std::size_t>(length));
    if (self.in_inline_ && self.in_text_) {
      self.value_.append(text, static_cast<std::size_t>(length));
    }
  }

  void Start(const XML_Char* name, const XML_Char** attributes) {
    const char* local = LocalName(name);
    switch (local[0]) {
      case 'c':
        if (local[1] == '\0') StartCell(attributes);
        break;
      case 'v':
        if (local[1] == '\0') in_value_ = true;
        break;
      case 'r':
        if (Is(local, "row")) {
          StartRow(name, attributes);
          return;
        }
        break;
      case 'i':
        if (Is(local, "is")) in_inline_ = true;
        break;
      default:
        break;
    }
    if (in_inline_) {
      // The text of <t> elements, phonetic runs (<rPh>) left out.
      if (Is(local, "rPh")) ++phonetic_;
      if (Is(local, "t") && phonetic_ == 0) in_text_ = true;
    }
    if (row_depth_ == 0) open.emplace_back(name);
  }

  void End(const XML_Char* name) {
    const char* local = LocalName(name);
    if (in_inline_) {
      if (Is(local, "rPh") && phonetic_ > 0) --phonetic_;
      if (Is(local, "t")) in_text_ = false;
    }
    switch (local[0]) {
      case 'v':
        if (local[1] == '\0') in_value_ = false;
        break;
      case 'i':
        if (Is(local, "is")) in_inline_ = false;
        break;
      case 'c':
        if (local[1] == '\0') EndCell();
        break;
      case 'r':
        if (Is(local, "row")) {
          EndRow();
          return;
        }
        break;
      default:
        break;
    }
    if (row_depth_ == 0 && !open.empty()) open.pop_back();
  }

  void StartRow(const XML_Char* name, const XML_Char** attributes) {
    if (row_name.empty()) row_name = name;
    ++row_depth_;
    const XML_Char* r = nullptr;
    for (std::size_t i = 0; attributes[i] != nullptr; i += 2) {
      if (Is(LocalName(attributes[i]), "r")) {
        r = attributes[i + 1];
        break;
      }
    }
    const long number = r != nullptr ? Long(r) : 0;
    numbered_ = number > 0;
    row_ = numbered_ ? static_cast<std::uint64_t>(number) : line + 1;
    cells_.clear();
    text_.clear();
  }

  void StartCell(const XML_Char** attributes) {
    const XML_Char* reference = nullptr;
    const XML_Char* type = nullptr;
    const XML_Char* style = nullptr;
    const XML_Char* unused = nullptr;
    for (std::size_t i = 0; attributes[i] != nullptr; i += 2) {
      const char* local = LocalName(attributes[i]);
      if (local[0] == '\0' || local[1] != '\0') continue;
      // The first of each, whatever its prefix.
      const XML_Char*& slot = local[0] == 'r'   ? reference
                              : local[0] == 't' ? type
                              : local[0] == 's' ? style
                                                : unused;
      if (slot == nullptr) slot = attributes[i + 1];
    }
    column_ = reference != nullptr ? ColumnOf(reference) : next_column_;
    type_ = type != nullptr ? TypeOf(type) : CellType::kNumber;
    if (style == nullptr) {
      style_ = 0;
    } else {
      const long digits = Digits(style);
      style_ = digits >= 0 ? static_cast<int>(digits) : std::atoi(style);
    }
    value_.clear();
    in_value_ = false;
  }

  void EndCell() {
    if (column_ < 0) return;
    next_column_ = column_ + 1;
    const std::size_t begin = text_.size();
    CellText();
    if (text_.size() > begin) cells_.push_back(Cell{column_, begin, text_.size()});
  }

  // The cell's text, as a CSV field, onto text_.
  void CellText() {
    switch (type_) {
      case CellType::kShared: {
        const long index = value_.empty() ? 0 : Long(value_.c_str());
        if (index >= 0 && static_cast<std::size_t>(index) < strings_.size()) {
          text_ += strings_.Field(static_cast<std::size_t>(index));
        }
        return;
      }
      case CellType::kBoolean:
        if (value_ == "1") {
          text_ += "TRUE";
        } else if (value_ == "0") {
          text_ += "FALSE";
        } else {
          AppendCsvField(value_, text_);
        }
        return;
      case CellType::kNumber:
        if (!value_.empty()) {
          Number();
          return;
        }
        break;
      case CellType::kOther:
        break;
    }
    AppendCsvField(value_, text_);
  }

  void Number() {
    const bool date = style_ >= 0 && static_cast<std::size_t>(style_) < date_styles_.size() &&
                      date_styles_[static_cast<std::size_t>(style_)];
    if (PlainInteger(value_)) {
      // A whole number is written as it is, and a whole date serial (as Excel stores a date)
      // needs no floating point.
      if (!date || !Date(Long(value_.c_str()))) text_ += value_;
      return;
    }
    double number = 0;
    const char* end = value_.data() + value_.size();
    auto [stop, error] = std::from_chars(value_.data(), end, number);
    if (error != std::errc() || stop != end || !std::isfinite(number)) {
      AppendCsvField(value_, text_);
      return;
    }
    if (date && number >= 1 && number < kLastSerial + 1 &&
        Date(static_cast<long>(std::floor(number)))) {
      return;
    }
    fmt::format_to(std::back_inserter(text_), "{}", number);
  }

  // The ISO date of whole serial `day` onto text_; false when it is no date.
  bool Date(long day) {
    char date[10];
    if (!SerialDate(day, date)) return false;
    text_.append(date, sizeof date);
    return true;
  }

  void EndRow() {
    if (row_depth_ > 0) --row_depth_;
    EmitRow();
    next_column_ = 0;
    if (fault != Fault::kNone) return;
    if (hand_over && CanHandOver()) {
      handed_over = true;
      hand_over_end = static_cast<std::uint64_t>(XML_GetCurrentByteIndex(parser) +
                                                 XML_GetCurrentByteCount(parser));
      XML_StopParser(parser, XML_TRUE);
    } else if (out->size() >= suspend_at) {
      XML_StopParser(parser, XML_TRUE);
    }
  }

  // Whether the rows after this point read the same in pieces: the header is read, and no row,
  // cell or text run is open.
  bool CanHandOver() const {
    if (row_depth_ != 0 || width == 0 || in_value_ || in_inline_ || in_text_ || phonetic_ != 0 ||
        open.empty()) {
      return false;
    }
    for (const std::string& name : open) {
      const char* local = LocalName(name.c_str());
      if (Is(local, "c") || Is(local, "v") || Is(local, "is") || Is(local, "t") ||
          Is(local, "rPh") || Is(local, "row")) {
        return false;
      }
    }
    return true;
  }

  void EmitRow() {
    std::string& csv = *out;
    const std::size_t start = csv.size();
    if (relative && numbered_ && !piece->numbered) {
      // The piece's first numbered row: the lines before it are filled in when the piece is
      // put in its place.
      piece->numbered = true;
      piece->first_number = row_;
      piece->lines_before = line;
      piece->number_offset = start;
      line = row_ - 1;
    }
    // Row N on line N: blank lines for the rows the sheet leaves out.
    if (line + 1 < row_) {
      const std::uint64_t gap = row_ - line - 1;
      if (gap > limit - std::min<std::uint64_t>(limit, csv.size())) {
        Stop(Fault::kTooLarge);
        return;
      }
      if (gap > max_gap) {
        Stop(Fault::kGap);
        return;
      }
      csv.append(gap, '\n');
      line = row_ - 1;
    }
    const std::size_t row_start = csv.size();
    const auto by_column = [](const Cell& a, const Cell& b) { return a.column < b.column; };
    if (!std::is_sorted(cells_.begin(), cells_.end(), by_column) ||
        std::adjacent_find(cells_.begin(), cells_.end(), [](const Cell& a, const Cell& b) {
          return a.column == b.column;
        }) != cells_.end()) {
      std::sort(cells_.begin(), cells_.end(), [&](const Cell& a, const Cell& b) {
        if (a.column != b.column) return a.column < b.column;
        return Text(a) < Text(b);
      });
    }
    int column = 0;
    for (const Cell& cell : cells_) {
      if (column < cell.column) {
        csv.append(static_cast<std::size_t>(cell.column - column), ',');
        column = cell.column;
      }
      csv += Text(cell);
    }
    // A spreadsheet leaves a row's empty cells out, trailing ones too: the row is as wide as
    // the header (the first row with a cell), as a CSV export of it would be.
    if (!cells_.empty()) {
      if (width == 0) width = cells_.back().column + 1;
      const int last = cells_.back().column;
      if (last + 1 < width) csv.append(static_cast<std::size_t>(width - last - 1), ',');
    }
    csv += '\n';
    ++line;
    if (csv.size() > limit) {
      Stop(Fault::kTooLarge);
    } else if (max_row_bytes > 0 && csv.size() - row_start > max_row_bytes) {
      Stop(Fault::kRowTooLong);
    }
  }

  void Stop(Fault why) {
    if (fault == Fault::kNone) fault = why;
    XML_StopParser(parser, XML_FALSE);
  }

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

namespace {

// Parses `parts` in turn, the last one final, with `rows` as the handler; false on an error.
bool ParseWhole(SheetRows& rows, std::initializer_list<std::string_view> parts) {
  XmlParser parser(rows);
  rows.Attach();
  std::size_t i = 0;
  for (std::string_view part : parts) {
    const bool last = ++i == parts.size();
    // Pieces are far smaller than 2 GiB (a piece is cut at a bounded size).
    if (XML_Parse(parser.get(), part.data(), static_cast<int>(part.size()), last ? 1 : 0) !=
        XML_STATUS_OK) {
      return false;
    }
  }
  return rows.fault == SheetRows::Fault::kNone;
}

}  // namespace

void ConvertXlsxRows(std::string_view xml, const XlsxRowsContext& context, XlsxRows& piece) {
  std::string csv = std::move(piece.csv);
  csv.clear();
  piece = XlsxRows{};
  piece.csv = std::move(csv);
  SheetRows rows(*context.strings, *context.date_styles);
  rows.out = &piece.csv;
  rows.width = context.width;
  rows.max_row_bytes = context.max_row_bytes;
  rows.limit = context.max_piece_text;
  rows.max_gap = kXlsxMaxRow;
  rows.relative = true;
  rows.piece = &piece;
  piece.failed = !ParseWhole(rows, {context.open_tags, xml, context.close_tags});
  piece.lines = rows.line;
}

bool StitchXlsxRows(const XlsxRows& piece, std::uint64_t& line, std::string& out) {
  if (piece.failed) return false;
  if (!piece.numbered) {
    out += piece.csv;
    line += piece.lines;
    return true;
  }
  // Reading in order, the first numbered row comes after the rows before it, on its own line
  // or later: else the piece's lines after it are not those the sheet read in order gives.
  const std::uint64_t next = line + piece.lines_before + 1;
  if (piece.first_number < next || piece.first_number - next > kXlsxMaxRow) return false;
  out.append(piece.csv, 0, piece.number_offset);
  out.append(piece.first_number - next, '\n');
  out.append(piece.csv, piece.number_offset, std::string::npos);
  line = piece.lines;
  return true;
}

bool ReadXlsxTail(std::string_view tail, const XlsxRowsContext& context, std::uint64_t& line,
                  std::string& out) {
  SheetRows rows(*context.strings, *context.date_styles);
  rows.out = &out;
  rows.width = context.width;
  rows.max_row_bytes = context.max_row_bytes;
  rows.limit = out.size() + context.max_piece_text;
  rows.max_gap = kXlsxMaxRow;
  rows.line = line;
  const bool ok = ParseWhole(rows, {context.open_tags, tail});
  line = rows.line;
  return ok;
}

XlsxSheetReader::XlsxSheetReader(const XlsxPackage& package, std::unique_ptr<XlsxPart> part)
    : package_(package),
      part_(std::move(part)),
      rows_(std::make_unique<SheetRows>(package.strings(), package.date_styles())),
      parser_(std::make_unique<XmlParser>(*rows_)) {
  rows_->Attach();
}

XlsxSheetReader::~XlsxSheetReader() = default;

void XlsxSheetReader::SetLimits(std::uint64_t bytes, std::size_t row_bytes, std::uint64_t gap) {
  limit_ = bytes;
  rows_->max_row_bytes = row_bytes;
  rows_->max_gap = gap;
}

std::uint64_t XlsxSheetReader::line() const { return rows_->line; }

XlsxSheetReader::Status XlsxSheetReader::Read(std::string& out, std::size_t want, bool hand_over) {
  if (ended_) return Status::kEnd;
  if (!fault_.ok()) return Status::kFault;
  rows_->out = &out;
  rows_->limit = limit_ > UINT64_MAX - out.size() ? UINT64_MAX : out.size() + limit_;
  rows_->suspend_at = want > SIZE_MAX - out.size() ? SIZE_MAX : out.size() + want;
  rows_->hand_over = hand_over;
  constexpr std::size_t kBlock = std::size_t{1} << 16;
  for (;;) {
    XML_Status status;
    if (suspended_) {
      suspended_ = false;
      status = XML_ResumeParser(parser_->get());
    } else {
      void* buffer = XML_GetBuffer(parser_->get(), static_cast<int>(kBlock));
      if (buffer == nullptr) {
        fault_ = {"too-large", "the workbook cannot be read: out of memory"};
        return Status::kFault;
      }
      const std::int64_t got = part_->Read(static_cast<char*>(buffer), kBlock, fault_);
      if (got < 0) return Status::kFault;
      block_ = static_cast<char*>(buffer);
      block_start_ += block_size_;
      block_size_ = static_cast<std::size_t>(got);
      last_fed_ = got == 0;
      status = XML_ParseBuffer(parser_->get(), static_cast<int>(got), last_fed_ ? 1 : 0);
    }
    if (status == XML_STATUS_ERROR) {
      if (rows_->fault == SheetRows::Fault::kNone) fault_ = parser_->Failure(part_->name());
      return Status::kFault;
    }
    if (status == XML_STATUS_SUSPENDED) {
      suspended_ = true;
      if (rows_->handed_over) {
        // The bytes after the row's end tag, in the block being parsed (the tag ends there,
        // unless its end was read ahead of parsing it: then the reader goes on in order).
        const std::uint64_t end = rows_->hand_over_end;
        if (end > block_start_ && end <= block_start_ + block_size_) {
          const auto used = static_cast<std::size_t>(end - block_start_);
          rest_.assign(block_ + used, block_size_ - used);
          ended_ = true;
          return Status::kHandOver;
        }
        rows_->handed_over = false;
      }
      return Status::kMore;
    }
    if (last_fed_) {
      ended_ = true;
      return Status::kEnd;
    }
  }
}

XlsxFault XlsxSheetReader::fault(std::string_view sheet) const {
  switch (rows_->fault) {
    case SheetRows::Fault::kNone:
      return fault_;
    case SheetRows::Fault::kTooLarge:
      return {"too-large", fmt::format("the workbook's sheet '{}' holds more than {} bytes of "
                                       "text",
                                       sheet, limit_)};
    case SheetRows::Fault::kRowTooLong:
      return {"too-large", fmt::format("the workbook's sheet '{}' has a row of more than {} "
                                       "bytes of text",
                                       sheet, rows_->max_row_bytes)};
    case SheetRows::Fault::kGap:
      return {"too-large", fmt::format("the workbook's sheet '{}' leaves out more than {} rows "
                                       "at once",
                                       sheet, rows_->max_gap)};
  }
  return fault_;
}

std::string XlsxSheetReader::TakeRest() { return std::move(rest_); }

XlsxRowsContext XlsxSheetReader::Context(std::size_t max_row_bytes,
                                         std::uint64_t max_piece_text) const {
  XlsxRowsContext context;
  context.strings = &package_.strings();
  context.date_styles = &package_.date_styles();
  for (const std::string& name : rows_->open) context.open_tags += "<" + name + ">";
  for (auto it = rows_->open.rbegin(); it != rows_->open.rend(); ++it) {
    context.close_tags += "</" + *it + ">";
  }
  context.row_end = "</" + rows_->row_name + ">";
  context.width = rows_->width;
  context.max_row_bytes = max_row_bytes;
  context.max_piece_text = max_piece_text;
  return context;
}

XlsxRowSplitter::XlsxRowSplitter(XlsxPart& part, std::string_view rest, std::string row_end,
                                 std::size_t max_piece)
    : part_(part), row_end_(std::move(row_end)), max_piece_(max_piece) {
  if (!rest.empty()) std::memcpy(Room(rest.size()), rest.data(), rest.size());
  end_ += rest.size();
}

char* XlsxRowSplitter::Room(std::size_t size) {
  const std::size_t held = end_ - begin_;
  if (capacity_ - end_ < size) {
    if (capacity_ - held >= size && held <= capacity_ / 2) {
      std::memmove(data_.get(), data_.get() + begin_, held);
    } else {
      const std::size_t capacity = std::max(capacity_ * 2, held + size);
      std::unique_ptr<char[]> data(new char[capacity]);
      if (held > 0) std::memcpy(data.get(), data_.get() + begin_, held);
      data_ = std::move(data);
      capacity_ = capacity;
    }
    begin_ = 0;
    end_ = held;
  }
  return data_.get() + end_;
}

XlsxRowSplitter::Cut XlsxRowSplitter::Next(std::size_t target, std::string& piece,
                                           XlsxFault& fault) {
  constexpr std::size_t kBlock = std::size_t{1} << 16;
  target = std::max(target, row_end_.size());
  std::size_t searched = 0;  // the pending bytes have no row end before this
  for (;;) {
    const std::string_view pending = Pending();
    if (pending.size() >= target || at_end_) {
      std::size_t cut = std::string_view::npos;
      const std::size_t limit = std::min(target, pending.size());
      if (limit >= row_end_.size()) {
        const std::size_t at = pending.rfind(row_end_, limit - row_end_.size());
        if (at != std::string_view::npos) cut = at + row_end_.size();
      }
      if (cut == std::string_view::npos) {
        const std::size_t at = pending.find(row_end_, searched);
        if (at != std::string_view::npos) cut = at + row_end_.size();
      }
      if (cut == std::string_view::npos && at_end_) {
        piece.assign(pending);
        begin_ = end_ = 0;
        return Cut::kTail;
      }
      if (cut != std::string_view::npos) {
        piece.assign(pending.substr(0, cut));
        begin_ += cut;
        return Cut::kPiece;
      }
      searched = pending.size() - std::min(pending.size(), row_end_.size() - 1);
    }
    if (pending.size() > max_piece_) {
      fault = {"too-large", "a row of the workbook's sheet is too long to read"};
      return Cut::kFault;
    }
    const std::int64_t got = part_.Read(Room(kBlock), kBlock, fault);
    if (got < 0) return Cut::kFault;
    if (got == 0) at_end_ = true;
    end_ += static_cast<std::size_t>(got);
  }
}

std::string ExcelSerialDate(double serial) {
  char date[10];
  if (!std::isfinite(serial) || serial < 1 || serial >= kLastSerial + 1 ||
      !SerialDate(static_cast<long>(std::floor(serial)), date)) {
    return "";
  }
  return std::string(date, sizeof date);
}

}  // namespace accredit::internal
