#include "base/csv_cell.h"

namespace accredit::internal {

namespace {

// Whether `text` is a plain decimal number, with an optional sign: safe as it is.
bool PlainNumber(std::string_view text) {
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
  bool digits = false;
  bool point = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      digits = true;
    } else if (c == '.' && !point) {
      point = true;
    } else {
      return false;
    }
  }
  return digits;
}

}  // namespace

bool StartsLikeFormula(std::string_view text) {
  if (text.empty()) return false;
  switch (text.front()) {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
      return !PlainNumber(text);
    default:
      return false;
  }
}

std::string CsvCell(std::string_view text) {
  std::string cell;
  if (StartsLikeFormula(text)) cell += '\'';
  cell += text;
  if (cell.find_first_of(",\"\n\r") == std::string::npos) return cell;
  std::string out = "\"";
  for (char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

void AppendCsvCell(std::string& out, std::string_view text) {
  // Most cells (ids, grades) are plain and copied as they are.
  if (!StartsLikeFormula(text) && text.find_first_of(",\"\n\r") == std::string_view::npos) {
    out += text;
  } else {
    out += CsvCell(text);
  }
}

}  // namespace accredit::internal
