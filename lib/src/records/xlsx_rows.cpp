#include "records/xlsx_rows.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <iterator>

#include "accredit/values.h"
#include "base/parse_double.h"

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

SheetRows::CellType TypeOf(const char* t) {
  using CellType = SheetRows::CellType;
  if (t[0] == 's' && t[1] == '\0') return CellType::kShared;
  if (t[0] == 'b' && t[1] == '\0') return CellType::kBoolean;
  if (t[0] == 'n' && t[1] == '\0') return CellType::kNumber;
  return CellType::kOther;  // str, inlineStr, e (an error such as #N/A), d (an ISO date)
}

}  // namespace

void SheetRows::Attach() {
  XML_SetElementHandler(parser, &SheetRows::OnStart, &SheetRows::OnEnd);
  XML_SetCharacterDataHandler(parser, &SheetRows::OnText);
}

void SheetRows::OnStart(void* data, const XML_Char* name, const XML_Char** attributes) {
  Of(data).Start(name, attributes);
}

void SheetRows::OnEnd(void* data, const XML_Char* name) { Of(data).End(name); }

void SheetRows::OnText(void* data, const XML_Char* text, int length) {
  SheetRows& self = Of(data);
  // Text in both a value and an inline string's run counts twice, as it always has.
  if (self.in_value_) self.value_.append(text, static_cast<std::size_t>(length));
  if (self.in_inline_ && self.in_text_) {
    self.value_.append(text, static_cast<std::size_t>(length));
  }
}

void SheetRows::Start(const XML_Char* name, const XML_Char** attributes) {
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

void SheetRows::End(const XML_Char* name) {
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

void SheetRows::StartRow(const XML_Char* name, const XML_Char** attributes) {
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

void SheetRows::StartCell(const XML_Char** attributes) {
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

void SheetRows::EndCell() {
  if (column_ < 0) return;
  next_column_ = column_ + 1;
  const std::size_t begin = text_.size();
  CellText();
  if (text_.size() > begin) cells_.push_back(Cell{column_, begin, text_.size()});
}

void SheetRows::CellText() {
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

void SheetRows::Number() {
  const bool date = style_ >= 0 && static_cast<std::size_t>(style_) < date_styles_.size() &&
                    date_styles_[static_cast<std::size_t>(style_)];
  if (PlainInteger(value_)) {
    // A whole number is written as it is, and a whole date serial (as Excel stores a date)
    // needs no floating point.
    if (!date || !Date(Long(value_.c_str()))) text_ += value_;
    return;
  }
  double number = 0;
  if (!internal::ParseDouble(value_, number) || !std::isfinite(number)) {
    AppendCsvField(value_, text_);
    return;
  }
  if (date && number >= 1 && number < kLastSerial + 1 &&
      Date(static_cast<long>(std::floor(number)))) {
    return;
  }
  fmt::format_to(std::back_inserter(text_), "{}", number);
}

bool SheetRows::Date(long day) {
  char date[10];
  if (!SerialDate(day, date)) return false;
  text_.append(date, sizeof date);
  return true;
}

void SheetRows::EndRow() {
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

bool SheetRows::CanHandOver() const {
  if (row_depth_ != 0 || width == 0 || in_value_ || in_inline_ || in_text_ || phonetic_ != 0 ||
      open.empty()) {
    return false;
  }
  for (const std::string& name : open) {
    const char* local = LocalName(name.c_str());
    if (Is(local, "c") || Is(local, "v") || Is(local, "is") || Is(local, "t") || Is(local, "rPh") ||
        Is(local, "row")) {
      return false;
    }
  }
  return true;
}

void SheetRows::EmitRow() {
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
    csv.append(static_cast<std::size_t>(gap), '\n');  // under max_gap, and kXlsxMaxRow
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

void SheetRows::Stop(Fault why) {
  if (fault == Fault::kNone) fault = why;
  XML_StopParser(parser, XML_FALSE);
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
