#include "output/xlsx_writer.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>

#include "base/csv_cell.h"
#include "base/temp_file.h"

namespace accredit::internal {

namespace {

// Okabe & Ito's colour-blind-safe hues (bluish green, orange, vermillion) as light fills with
// a dark text of the same hue: readable in colour, in grey and for every common colour vision
// deficiency, and never the only sign of a status (the cell says it in words).
constexpr StatusColours kMetColours{0xD5EDE5, 0x00563F};
constexpr StatusColours kCloseColours{0xFCE6BC, 0x6E4600};
constexpr StatusColours kNotMetColours{0xF6CDB8, 0x8A2B00};
constexpr unsigned kHeaderFill = 0xE7ECF2;

constexpr std::size_t kCellMax = 32767;  // the most characters a cell holds
constexpr double kMinWidth = 6;

// How wide `text` shows, in characters: its longest line, counting code points.
double DisplayWidth(std::string_view text) {
  std::size_t widest = 0;
  std::size_t line = 0;
  for (char ch : text) {
    if (ch == '\n') {
      widest = std::max(widest, line);
      line = 0;
    } else if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) {
      ++line;
    }
  }
  return static_cast<double>(std::max(widest, line));
}

// Text as a cell holds it: line breaks as "\n", other control characters (which XML cannot
// carry) as U+FFFD, at most kCellMax bytes cut at a character boundary.
std::string CellText(std::string_view text) {
  std::string out;
  if (StartsLikeFormula(text)) out += '\'';
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') continue;
      out += '\n';
    } else if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) {
      out += "\xef\xbf\xbd";
    } else {
      out += text[i];
    }
  }
  if (out.size() > kCellMax) {
    std::size_t cut = kCellMax;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out.resize(cut);
  }
  return out;
}

}  // namespace

StatusColours ColoursOf(CellStyle status) {
  switch (status) {
    case CellStyle::kMet:
      return kMetColours;
    case CellStyle::kClose:
      return kCloseColours;
    case CellStyle::kNotMet:
      return kNotMetColours;
    case CellStyle::kText:
    case CellStyle::kWrapped:
    case CellStyle::kCount:
    case CellStyle::kPercent:
    case CellStyle::kDate:
      break;
  }
  return {0xFFFFFF, 0x000000};
}

struct XlsxWriter::State {
  int fd = -1;
  std::string named;  // a temporary file's name when the system gives no path to a descriptor
  lxw_workbook* workbook = nullptr;
  lxw_format* header = nullptr;
  lxw_format* formats[8] = {};  // by CellStyle
  lxw_worksheet* sheet = nullptr;
  std::vector<XlsxColumn> columns;
  std::vector<double> widths;
  lxw_row_t row = 0;
  lxw_col_t column = 0;
  std::string error;
  lxw_doc_properties properties{};
};

XlsxWriter::XlsxWriter(std::optional<Date> created) : state_(std::make_unique<State>()) {
  State& s = *state_;
  s.fd = AnonymousTempFile();
  if (s.fd < 0) {
    Fail(fmt::format("cannot make a temporary file for the workbook: {}", std::strerror(errno)));
    return;
  }
  std::string path = PathOfDescriptor(s.fd);
  if (path.empty()) {
    // No /proc: a named file, removed as soon as the workbook is read back.
    const char* dir = std::getenv("TMPDIR");
    s.named = std::string(dir != nullptr && *dir != '\0' ? dir : "/tmp") + "/accredit-xlsx-XXXXXX";
    ::close(s.fd);
    s.fd = mkostemp(s.named.data(), O_CLOEXEC);
    if (s.fd < 0) {
      s.named.clear();
      Fail(fmt::format("cannot make a temporary file for the workbook: {}", std::strerror(errno)));
      return;
    }
    path = s.named;
  }
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  s.workbook = workbook_new_opt(path.c_str(), &options);
  if (s.workbook == nullptr) {
    Fail("cannot start the workbook");
    return;
  }
  // A fixed creation time (midnight UTC of the day), so the same run makes the same bytes.
  const CivilDate day = ToCivil(created.value_or(FromCivil({2000, 1, 1})));
  std::tm tm{};
  tm.tm_year = day.year - 1900;
  tm.tm_mon = day.month - 1;
  tm.tm_mday = day.day;
  s.properties.created = timegm(&tm);
  s.properties.comments = const_cast<char*>("Made by accredit");
  workbook_set_properties(s.workbook, &s.properties);

  auto format = [&s] {
    lxw_format* f = workbook_add_format(s.workbook);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    return f;
  };
  s.header = format();
  format_set_bold(s.header);
  format_set_bg_color(s.header, kHeaderFill);
  format_set_bottom(s.header, LXW_BORDER_THIN);
  format_set_text_wrap(s.header);
  for (CellStyle style :
       {CellStyle::kText, CellStyle::kWrapped, CellStyle::kCount, CellStyle::kPercent,
        CellStyle::kDate, CellStyle::kMet, CellStyle::kClose, CellStyle::kNotMet}) {
    lxw_format* f = format();
    switch (style) {
      case CellStyle::kText:
        break;
      case CellStyle::kWrapped:
        format_set_text_wrap(f);
        break;
      case CellStyle::kCount:
        format_set_num_format(f, "0");
        break;
      case CellStyle::kPercent:
        format_set_num_format(f, "0%");
        break;
      case CellStyle::kDate:
        format_set_num_format(f, "d mmm yyyy");
        format_set_align(f, LXW_ALIGN_LEFT);
        break;
      case CellStyle::kMet:
      case CellStyle::kClose:
      case CellStyle::kNotMet:
        format_set_bg_color(f, ColoursOf(style).fill);
        format_set_font_color(f, ColoursOf(style).text);
        format_set_bold(f);
        break;
    }
    s.formats[static_cast<int>(style)] = f;
  }
}

XlsxWriter::~XlsxWriter() {
  State& s = *state_;
  if (s.workbook != nullptr) workbook_close(s.workbook);  // frees it; the file goes below
  if (s.fd >= 0) ::close(s.fd);
  if (!s.named.empty()) unlink(s.named.c_str());
}

void XlsxWriter::Fail(std::string message) {
  if (state_->error.empty()) state_->error = std::move(message);
}

void XlsxWriter::EndSheet() {
  State& s = *state_;
  if (s.sheet == nullptr) return;
  for (std::size_t c = 0; c < s.columns.size(); ++c) {
    // Room for the heading and its filter button, and for the widest cell, within bounds.
    double width = std::max(DisplayWidth(s.columns[c].heading) + 4, s.widths[c] + 2);
    width = std::clamp(width, kMinWidth, std::max(kMinWidth, s.columns[c].max_width));
    worksheet_set_column(s.sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), width,
                         nullptr);
  }
  if (!s.columns.empty()) {
    worksheet_autofilter(s.sheet, 0, 0, s.row, static_cast<lxw_col_t>(s.columns.size() - 1));
  }
  s.sheet = nullptr;
}

void XlsxWriter::AddSheet(std::string_view name, std::vector<XlsxColumn> columns) {
  State& s = *state_;
  if (s.workbook == nullptr || !s.error.empty()) return;
  EndSheet();
  s.sheet = workbook_add_worksheet(s.workbook, std::string(name).c_str());
  if (s.sheet == nullptr) {
    Fail(fmt::format("cannot add the sheet '{}'", name));
    return;
  }
  worksheet_freeze_panes(s.sheet, 1, 0);
  s.columns = std::move(columns);
  s.widths.assign(s.columns.size(), 0);
  s.row = 0;
  s.column = 0;
  for (const XlsxColumn& column : s.columns) {
    worksheet_write_string(s.sheet, 0, s.column++, column.heading.c_str(), s.header);
  }
}

void XlsxWriter::NextRow() {
  State& s = *state_;
  if (s.sheet == nullptr) return;
  if (s.row + 1 >= LXW_ROW_MAX) {
    Fail(fmt::format("more rows than a sheet holds ({})", LXW_ROW_MAX));
    s.sheet = nullptr;
    return;
  }
  ++s.row;
  s.column = 0;
}

void XlsxWriter::Text(std::string_view text, CellStyle style) {
  State& s = *state_;
  if (s.sheet == nullptr || s.row == 0) return;
  if (text.empty() && style != CellStyle::kMet && style != CellStyle::kClose &&
      style != CellStyle::kNotMet) {
    ++s.column;
    return;
  }
  const std::string cell = CellText(text);
  if (s.column < s.widths.size()) {
    s.widths[s.column] = std::max(s.widths[s.column], DisplayWidth(cell));
  }
  worksheet_write_string(s.sheet, s.row, s.column++, cell.c_str(),
                         s.formats[static_cast<int>(style)]);
}

void XlsxWriter::Number(double value, CellStyle style) {
  State& s = *state_;
  if (s.sheet == nullptr || s.row == 0) return;
  if (s.column < s.widths.size()) {
    // A percentage shows as "100%", a count as its digits.
    const double digits =
        style == CellStyle::kPercent ? 4 : static_cast<double>(fmt::format("{}", value).size());
    s.widths[s.column] = std::max(s.widths[s.column], digits);
  }
  worksheet_write_number(s.sheet, s.row, s.column++, value, s.formats[static_cast<int>(style)]);
}

void XlsxWriter::Day(Date date) {
  State& s = *state_;
  if (s.sheet == nullptr || s.row == 0) return;
  const CivilDate day = ToCivil(date);
  lxw_datetime when{day.year, day.month, day.day, 0, 0, 0};
  if (s.column < s.widths.size()) s.widths[s.column] = std::max(s.widths[s.column], 11.0);
  worksheet_write_datetime(s.sheet, s.row, s.column++, &when,
                           s.formats[static_cast<int>(CellStyle::kDate)]);
}

void XlsxWriter::Blank() { ++state_->column; }

Workbook XlsxWriter::Finish() {
  State& s = *state_;
  Workbook out;
  if (s.workbook == nullptr) {
    out.error = s.error;
    return out;
  }
  EndSheet();
  const lxw_error closed = workbook_close(s.workbook);
  s.workbook = nullptr;
  if (!s.error.empty()) {
    out.error = s.error;
    return out;
  }
  if (closed != LXW_NO_ERROR) {
    out.error = fmt::format("cannot write the workbook: {}", lxw_strerror(closed));
    return out;
  }
  const off_t size = ::lseek(s.fd, 0, SEEK_END);
  if (size < 0) {
    out.error = fmt::format("cannot read the workbook back: {}", std::strerror(errno));
    return out;
  }
  out.bytes.resize(static_cast<std::size_t>(size));
  std::size_t done = 0;
  while (done < out.bytes.size()) {
    const ssize_t n =
        ::pread(s.fd, out.bytes.data() + done, out.bytes.size() - done, static_cast<off_t>(done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      out.bytes.clear();
      out.error = fmt::format("cannot read the workbook back: {}",
                              n < 0 ? std::strerror(errno) : "it is shorter than written");
      return out;
    }
    done += static_cast<std::size_t>(n);
  }
  return out;
}

}  // namespace accredit::internal
