#include "records/xlsx_reader.h"

#include <expat.h>
#include <fmt/format.h>
#include <zip.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <functional>
#include <optional>
#include <unordered_map>
#include <utility>

#include "accredit/values.h"
#include "base/text.h"

namespace accredit::internal {

namespace {

// What went wrong, as a diagnostic, or nothing.
struct Fault {
  std::string code;  // "" when all is well
  std::string message;
};

// The bytes a workbook may inflate to: what the caller allows, and at most a hundred times its
// size (real workbooks inflate five to twenty times; a zip bomb, thousands).
std::uint64_t InflateBudget(std::uint64_t size, std::uint64_t max_bytes) {
  constexpr std::uint64_t kRatio = 100;
  constexpr std::uint64_t kFloor = std::uint64_t{256} << 20;
  return std::min(max_bytes, std::max(size * kRatio, kFloor));
}

// The local part of an XML name: "c" of "x:c".
std::string_view Local(const XML_Char* name) {
  std::string_view n(name);
  const std::size_t colon = n.rfind(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

// The value of attribute `local` (any prefix), or nullptr.
const XML_Char* Attribute(const XML_Char** attributes, std::string_view local) {
  for (std::size_t i = 0; attributes[i] != nullptr; i += 2) {
    if (Local(attributes[i]) == local) return attributes[i + 1];
  }
  return nullptr;
}

// Receives one XML part's events.
class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  virtual void Start(std::string_view name, const XML_Char** attributes) = 0;
  virtual void End(std::string_view name) = 0;
  virtual void Text(std::string_view /*text*/) {}
};

// The zip container, read from memory, with the bytes inflated counted against a budget.
class Workbook {
 public:
  Workbook(std::string_view bytes, std::uint64_t budget) : budget_(budget) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (source != nullptr) {
      archive_ = zip_open_from_source(source, ZIP_RDONLY, &error);
      if (archive_ == nullptr) zip_source_free(source);
    }
    zip_error_fini(&error);
  }
  ~Workbook() {
    if (archive_ != nullptr) zip_discard(archive_);
  }
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;

  bool open() const { return archive_ != nullptr; }
  bool Has(const std::string& part) const { return Locate(part) >= 0; }

  // Streams part `part` through `handler`; a Fault when it is missing, not XML, or over budget.
  Fault Parse(const std::string& part, XmlHandler& handler) {
    const zip_int64_t index = Locate(part);
    if (index < 0) return {"bad-workbook", fmt::format("the workbook has no part '{}'", part)};
    zip_file_t* file = zip_fopen_index(archive_, static_cast<zip_uint64_t>(index), 0);
    if (file == nullptr) {
      return {"bad-workbook", fmt::format("the workbook's part '{}' cannot be read", part)};
    }
    XML_Parser parser = XML_ParserCreate("UTF-8");
    Context context{&handler, parser, false};
    XML_SetUserData(parser, &context);
    XML_SetElementHandler(parser, &Context::OnStart, &Context::OnEnd);
    XML_SetCharacterDataHandler(parser, &Context::OnText);
    // Workbook XML never declares a document type: refusing one refuses every entity.
    XML_SetStartDoctypeDeclHandler(parser, &Context::OnDoctype);
    Fault fault;
    char buffer[1 << 16];
    for (;;) {
      const zip_int64_t got = zip_fread(file, buffer, sizeof buffer);
      if (got < 0) {
        fault = {"bad-workbook", fmt::format("the workbook's part '{}' is damaged", part)};
        break;
      }
      if (static_cast<std::uint64_t>(got) > budget_) {
        fault = {"too-large",
                 "the workbook inflates to more than its limit: it may be a zip bomb, or it "
                 "is too large to read"};
        break;
      }
      budget_ -= static_cast<std::uint64_t>(got);
      const bool last = got == 0;
      if (XML_Parse(parser, buffer, static_cast<int>(got), last ? 1 : 0) != XML_STATUS_OK) {
        fault = {"bad-workbook",
                 context.doctype
                     ? fmt::format("the workbook's part '{}' declares a document type, which "
                                   "a workbook never does",
                                   part)
                     : fmt::format("the workbook's part '{}' is not well-formed XML: {} "
                                   "(line {})",
                                   part, XML_ErrorString(XML_GetErrorCode(parser)),
                                   XML_GetCurrentLineNumber(parser))};
        break;
      }
      if (last) break;
    }
    XML_ParserFree(parser);
    zip_fclose(file);
    return fault;
  }

 private:
  struct Context {
    XmlHandler* handler;
    XML_Parser parser;
    bool doctype;
    static void OnStart(void* data, const XML_Char* name, const XML_Char** attributes) {
      static_cast<Context*>(data)->handler->Start(Local(name), attributes);
    }
    static void OnEnd(void* data, const XML_Char* name) {
      static_cast<Context*>(data)->handler->End(Local(name));
    }
    static void OnText(void* data, const XML_Char* text, int length) {
      static_cast<Context*>(data)->handler->Text(
          std::string_view(text, static_cast<std::size_t>(length)));
    }
    static void OnDoctype(void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
      auto* context = static_cast<Context*>(data);
      context->doctype = true;
      XML_StopParser(context->parser, XML_FALSE);
    }
  };

  zip_int64_t Locate(const std::string& part) const {
    zip_int64_t index = zip_name_locate(archive_, part.c_str(), 0);
    if (index < 0) index = zip_name_locate(archive_, part.c_str(), ZIP_FL_NOCASE);
    return index;
  }

  zip_t* archive_ = nullptr;
  std::uint64_t budget_;
};

// xl/workbook.xml: the sheets, in order, with their relationship ids.
class SheetList : public XmlHandler {
 public:
  std::vector<std::pair<std::string, std::string>> sheets;  // name, r:id
  void Start(std::string_view name, const XML_Char** attributes) override {
    if (name != "sheet") return;
    const XML_Char* sheet = Attribute(attributes, "name");
    const XML_Char* id = Attribute(attributes, "id");
    if (sheet != nullptr && id != nullptr) sheets.emplace_back(sheet, id);
  }
  void End(std::string_view) override {}
};

// xl/_rels/workbook.xml.rels: relationship id -> part, and the shared strings and styles parts.
class Relationships : public XmlHandler {
 public:
  std::unordered_map<std::string, std::string> targets;
  std::string shared_strings = "xl/sharedStrings.xml";
  std::string styles = "xl/styles.xml";
  void Start(std::string_view name, const XML_Char** attributes) override {
    if (name != "Relationship") return;
    const XML_Char* id = Attribute(attributes, "Id");
    const XML_Char* target = Attribute(attributes, "Target");
    const XML_Char* type = Attribute(attributes, "Type");
    if (id == nullptr || target == nullptr) return;
    std::string part = PartOf(target);
    if (type != nullptr && std::string_view(type).ends_with("/sharedStrings")) {
      shared_strings = part;
    }
    if (type != nullptr && std::string_view(type).ends_with("/styles")) styles = part;
    targets.emplace(id, std::move(part));
  }
  void End(std::string_view) override {}

 private:
  // A target relative to xl/ (or absolute from the package root); "" for one that climbs out.
  static std::string PartOf(std::string_view target) {
    if (target.find("..") != std::string_view::npos) return "";
    if (target.starts_with('/')) return std::string(target.substr(1));
    return "xl/" + std::string(target);
  }
};

// The text of <t> elements within each <si> (or <is>), phonetic runs (<rPh>) left out.
class TextRuns {
 public:
  void Start(std::string_view name) {
    if (name == "rPh") ++phonetic_;
    if (name == "t" && phonetic_ == 0) in_text_ = true;
  }
  void End(std::string_view name) {
    if (name == "rPh" && phonetic_ > 0) --phonetic_;
    if (name == "t") in_text_ = false;
  }
  void Text(std::string_view text, std::string& into) const {
    if (in_text_) into += text;
  }

 private:
  int phonetic_ = 0;
  bool in_text_ = false;
};

// xl/sharedStrings.xml.
class SharedStrings : public XmlHandler {
 public:
  std::vector<std::string> strings;
  void Start(std::string_view name, const XML_Char**) override {
    if (name == "si") strings.emplace_back();
    runs_.Start(name);
  }
  void End(std::string_view name) override { runs_.End(name); }
  void Text(std::string_view text) override {
    if (!strings.empty()) runs_.Text(text, strings.back());
  }

 private:
  TextRuns runs_;
};

// Whether number format `code` shows a date: it has a day or a year outside quoted text and
// [...] sections ("dd/mm/yyyy", "d mmm yy"; not "0.00" nor "[h]:mm").
bool IsDateFormat(std::string_view code) {
  bool quoted = false;
  int bracket = 0;
  for (char c : code) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '[') ++bracket;
    if (c == ']' && bracket > 0) --bracket;
    if (bracket > 0) continue;
    if (c == 'd' || c == 'D' || c == 'y' || c == 'Y') return true;
  }
  return false;
}

// xl/styles.xml: which cell styles (`s`, an index into cellXfs) show a date.
class Styles : public XmlHandler {
 public:
  std::vector<bool> date_style;
  void Start(std::string_view name, const XML_Char** attributes) override {
    if (name == "numFmt") {
      const XML_Char* id = Attribute(attributes, "numFmtId");
      const XML_Char* code = Attribute(attributes, "formatCode");
      if (id != nullptr && code != nullptr) custom_[std::atoi(id)] = IsDateFormat(code);
    } else if (name == "cellXfs") {
      in_cell_xfs_ = true;
    } else if (name == "xf" && in_cell_xfs_) {
      const XML_Char* id = Attribute(attributes, "numFmtId");
      const int format = id == nullptr ? 0 : std::atoi(id);
      auto it = custom_.find(format);
      // Built-in date formats: 14 to 22 and 45 to 47 (dates and times).
      date_style.push_back(it != custom_.end()
                               ? it->second
                               : (format >= 14 && format <= 22) || (format >= 45 && format <= 47));
    }
  }
  void End(std::string_view name) override {
    if (name == "cellXfs") in_cell_xfs_ = false;
  }

 private:
  std::unordered_map<int, bool> custom_;
  bool in_cell_xfs_ = false;
};

// The 0-based column of cell reference "C12" (its letters), or -1.
int ColumnOf(std::string_view reference) {
  int column = 0;
  std::size_t i = 0;
  for (; i < reference.size() && reference[i] >= 'A' && reference[i] <= 'Z'; ++i) {
    column = column * 26 + (reference[i] - 'A' + 1);
    if (column > 16384) return -1;  // past XFD, Excel's last column
  }
  return i == 0 ? -1 : column - 1;
}

// A number as text in its shortest exact form.
std::string NumberText(std::string_view value) {
  double number = 0;
  auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
  if (error != std::errc() || end != value.data() + value.size() || !std::isfinite(number)) {
    return std::string(value);
  }
  return fmt::format("{}", number);
}

// A cell value as one CSV field: quoted when it must be; line breaks become spaces, so that a
// spreadsheet row stays one line.
void AppendField(std::string_view value, std::string& out) {
  std::string text(value);
  std::replace(text.begin(), text.end(), '\n', ' ');
  std::replace(text.begin(), text.end(), '\r', ' ');
  if (text.find_first_of(",\"") == std::string::npos) {
    out += text;
    return;
  }
  out += '"';
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

// A worksheet, into CSV text.
class Sheet : public XmlHandler {
 public:
  Sheet(const std::vector<std::string>& strings, const std::vector<bool>& date_style,
        std::uint64_t limit)
      : strings_(strings), date_style_(date_style), limit_(limit) {}

  std::string csv;
  bool too_large = false;

  void Start(std::string_view name, const XML_Char** attributes) override {
    if (name == "row") {
      const XML_Char* r = Attribute(attributes, "r");
      const long number = r != nullptr ? std::atol(r) : 0;
      row_ = number > 0 ? static_cast<std::uint64_t>(number) : line_ + 1;
      cells_.clear();
    } else if (name == "c") {
      const XML_Char* reference = Attribute(attributes, "r");
      const XML_Char* type = Attribute(attributes, "t");
      const XML_Char* style = Attribute(attributes, "s");
      column_ = reference != nullptr ? ColumnOf(reference) : next_column_;
      type_ = type != nullptr ? type : "n";
      style_ = style != nullptr ? std::atoi(style) : 0;
      value_.clear();
      in_value_ = false;
    } else if (name == "v") {
      in_value_ = true;
    } else if (name == "is") {
      in_inline_ = true;
    }
    if (in_inline_) runs_.Start(name);
  }

  void End(std::string_view name) override {
    if (in_inline_) runs_.End(name);
    if (name == "v") {
      in_value_ = false;
    } else if (name == "is") {
      in_inline_ = false;
    } else if (name == "c") {
      if (column_ >= 0) {
        next_column_ = column_ + 1;
        std::string text = CellText();
        if (!text.empty()) cells_.emplace_back(column_, std::move(text));
      }
    } else if (name == "row") {
      EmitRow();
      next_column_ = 0;
    }
  }

  void Text(std::string_view text) override {
    if (in_value_) value_ += text;
    if (in_inline_) runs_.Text(text, value_);
  }

 private:
  std::string CellText() const {
    if (type_ == "s") {
      const long index = std::atol(value_.c_str());
      if (index >= 0 && static_cast<std::size_t>(index) < strings_.size()) {
        return strings_[static_cast<std::size_t>(index)];
      }
      return "";
    }
    if (type_ == "b") return value_ == "1" ? "TRUE" : value_ == "0" ? "FALSE" : value_;
    if (type_ == "n" && !value_.empty()) {
      if (style_ >= 0 && static_cast<std::size_t>(style_) < date_style_.size() &&
          date_style_[static_cast<std::size_t>(style_)]) {
        double serial = 0;
        auto [end, error] = std::from_chars(value_.data(), value_.data() + value_.size(), serial);
        if (error == std::errc() && end == value_.data() + value_.size()) {
          std::string date = ExcelSerialDate(serial);
          if (!date.empty()) return date;
        }
      }
      return NumberText(value_);
    }
    return value_;  // str, inlineStr, e (an error such as #N/A), d (an ISO date)
  }

  void EmitRow() {
    if (too_large) return;
    // Row N on line N: blank lines for the rows the sheet leaves out.
    while (line_ + 1 < row_) {
      csv += '\n';
      ++line_;
    }
    std::sort(cells_.begin(), cells_.end());
    int column = 0;
    for (const auto& [at, text] : cells_) {
      for (; column < at; ++column) csv += ',';
      AppendField(text, csv);
    }
    // A spreadsheet leaves a row's empty cells out, trailing ones too: the row is as wide as
    // the header (the first row with a cell), as a CSV export of it would be.
    if (!cells_.empty()) {
      if (width_ == 0) width_ = cells_.back().first + 1;
      for (int last = cells_.back().first; last + 1 < width_; ++last) csv += ',';
    }
    csv += '\n';
    ++line_;
    if (csv.size() > limit_) too_large = true;
  }

  const std::vector<std::string>& strings_;
  const std::vector<bool>& date_style_;
  std::uint64_t limit_;
  std::uint64_t line_ = 0;  // lines written
  std::uint64_t row_ = 0;
  std::vector<std::pair<int, std::string>> cells_;
  int width_ = 0;  // the header's columns
  int column_ = 0;
  int next_column_ = 0;
  std::string type_;
  int style_ = 0;
  std::string value_;
  bool in_value_ = false;
  bool in_inline_ = false;
  TextRuns runs_;
};

}  // namespace

bool IsXlsx(std::string_view name, std::string_view bytes) {
  if (LowerAscii(name).ends_with(".xlsx")) return true;
  return bytes.starts_with(std::string_view("PK\x03\x04", 4));
}

std::string ExcelSerialDate(double serial) {
  if (!std::isfinite(serial) || serial < 1 || serial >= 2958466) return "";
  auto days = static_cast<std::int32_t>(std::floor(serial));
  // Excel counts 1900-02-29, which never was (serial 60): later serials are a day ahead.
  if (days == 60) {
    days = 59;
  } else if (days > 60) {
    --days;
  }
  const Date epoch = FromCivil(CivilDate{1899, 12, 31});
  return FormatDate(Date{epoch.days + days});
}

std::vector<XlsxSheet> ReadXlsxSheets(std::string_view bytes, std::string_view sheet,
                                      std::uint64_t max_bytes, SourceId source,
                                      Diagnostics& diagnostics) {
  std::vector<XlsxSheet> out;
  const Location at{source, 0, 0, {}};
  auto fail = [&](const Fault& fault) {
    if (fault.code == "too-large") {
      diagnostics.Error("too-large", fault.message, at);
    } else {
      diagnostics.Error("bad-workbook", fault.message, at);
    }
    return out;
  };
  const std::uint64_t budget = InflateBudget(bytes.size(), max_bytes);
  Workbook workbook(bytes, budget);
  if (!workbook.open()) {
    return fail({"bad-workbook",
                 "the input is not a workbook: it is not a zip archive, as an .xlsx file is "
                 "(save it from Excel as \"Excel Workbook (.xlsx)\", or as CSV UTF-8)"});
  }
  SheetList list;
  if (Fault f = workbook.Parse("xl/workbook.xml", list); !f.code.empty()) return fail(f);
  Relationships relationships;
  if (Fault f = workbook.Parse("xl/_rels/workbook.xml.rels", relationships); !f.code.empty()) {
    return fail(f);
  }
  SharedStrings strings;
  if (workbook.Has(relationships.shared_strings)) {
    if (Fault f = workbook.Parse(relationships.shared_strings, strings); !f.code.empty()) {
      return fail(f);
    }
  }
  Styles styles;
  if (workbook.Has(relationships.styles)) {
    if (Fault f = workbook.Parse(relationships.styles, styles); !f.code.empty()) return fail(f);
  }
  bool found = sheet.empty();
  for (const auto& [name, id] : list.sheets) {
    if (!sheet.empty() && name != sheet) continue;
    found = true;
    auto target = relationships.targets.find(id);
    if (target == relationships.targets.end() || target->second.empty()) {
      return fail({"bad-workbook", fmt::format("the workbook's sheet '{}' has no part", name)});
    }
    Sheet reader(strings.strings, styles.date_style, max_bytes);
    if (Fault f = workbook.Parse(target->second, reader); !f.code.empty()) return fail(f);
    if (reader.too_large) {
      return fail({"too-large", fmt::format("the workbook's sheet '{}' holds more than {} bytes "
                                            "of text",
                                            name, max_bytes)});
    }
    out.push_back(XlsxSheet{name, std::move(reader.csv)});
  }
  if (!found) {
    std::vector<std::string> names;
    for (const auto& entry : list.sheets) names.push_back("'" + entry.first + "'");
    return fail({"bad-workbook", fmt::format("the workbook has no sheet '{}' (it has {})", sheet,
                                             fmt::join(names, ", "))});
  }
  return out;
}

}  // namespace accredit::internal
