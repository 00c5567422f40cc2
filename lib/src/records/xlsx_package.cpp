#include "records/xlsx_package.h"

#include <fmt/format.h>
#include <unistd.h>
#include <zip.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <unordered_map>

namespace accredit::internal {

namespace {

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

// xl/workbook.xml: the sheets, in order, with their relationship ids.
struct SheetList : XmlContext {
  std::vector<std::pair<std::string, std::string>> sheets;  // name, r:id
  void Start(std::string_view name, const XML_Char** attributes) {
    if (name != "sheet") return;
    const XML_Char* sheet = Attribute(attributes, "name");
    const XML_Char* id = Attribute(attributes, "id");
    if (sheet != nullptr && id != nullptr) sheets.emplace_back(sheet, id);
  }
  void End(std::string_view) {}
  void Text(std::string_view) {}
};

// xl/_rels/workbook.xml.rels: relationship id -> part, and the shared strings and styles parts.
struct Relationships : XmlContext {
  std::unordered_map<std::string, std::string> targets;
  std::string shared_strings = "xl/sharedStrings.xml";
  std::string styles = "xl/styles.xml";
  void Start(std::string_view name, const XML_Char** attributes) {
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
  void End(std::string_view) {}
  void Text(std::string_view) {}

  // A target relative to xl/ (or absolute from the package root); "" for one that climbs out.
  static std::string PartOf(std::string_view target) {
    if (target.find("..") != std::string_view::npos) return "";
    if (target.starts_with('/')) return std::string(target.substr(1));
    return "xl/" + std::string(target);
  }
};

// xl/sharedStrings.xml: the text of <t> elements within each <si>, phonetic runs (<rPh>) left
// out.
struct SharedStrings : XmlContext {
  explicit SharedStrings(XlsxStrings& into) : strings(into) {}
  XlsxStrings& strings;
  int phonetic = 0;
  bool in_text = false;
  void Start(std::string_view name, const XML_Char**) {
    if (name == "si") strings.Begin();
    if (name == "rPh") ++phonetic;
    if (name == "t" && phonetic == 0) in_text = true;
  }
  void End(std::string_view name) {
    if (name == "rPh" && phonetic > 0) --phonetic;
    if (name == "t") in_text = false;
  }
  void Text(std::string_view text) {
    if (in_text) strings.Append(text);
  }
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
struct Styles : XmlContext {
  std::vector<bool> date_style;
  std::unordered_map<int, bool> custom;
  bool in_cell_xfs = false;
  void Start(std::string_view name, const XML_Char** attributes) {
    if (name == "numFmt") {
      const XML_Char* id = Attribute(attributes, "numFmtId");
      const XML_Char* code = Attribute(attributes, "formatCode");
      if (id != nullptr && code != nullptr) custom[std::atoi(id)] = IsDateFormat(code);
    } else if (name == "cellXfs") {
      in_cell_xfs = true;
    } else if (name == "xf" && in_cell_xfs) {
      const XML_Char* id = Attribute(attributes, "numFmtId");
      const int format = id == nullptr ? 0 : std::atoi(id);
      auto it = custom.find(format);
      // Built-in date formats: 14 to 22 and 45 to 47 (dates and times).
      date_style.push_back(it != custom.end()
                               ? it->second
                               : (format >= 14 && format <= 22) || (format >= 45 && format <= 47));
    }
  }
  void End(std::string_view name) {
    if (name == "cellXfs") in_cell_xfs = false;
  }
  void Text(std::string_view) {}
};

XlsxFault OverBudget() {
  return {"too-large",
          "the workbook inflates to more than its limit: it may be a zip bomb, or it is too "
          "large to read"};
}

}  // namespace

std::uint64_t XlsxInflateBudget(std::uint64_t size, std::uint64_t max_bytes) {
  constexpr std::uint64_t kRatio = 100;
  constexpr std::uint64_t kFloor = std::uint64_t{256} << 20;
  const std::uint64_t ratio = size > UINT64_MAX / kRatio ? UINT64_MAX : size * kRatio;
  return std::min(max_bytes, std::max(ratio, kFloor));
}

void AppendCsvField(std::string_view value, std::string& out) {
  bool quote = false;
  bool line_break = false;
  for (char c : value) {
    quote = quote || c == ',' || c == '"';
    line_break = line_break || c == '\n' || c == '\r';
  }
  if (!quote && !line_break) {
    out += value;
    return;
  }
  if (quote) out += '"';
  for (char c : value) {
    if (c == '\n' || c == '\r') c = ' ';
    if (c == '"') out += '"';
    out += c;
  }
  if (quote) out += '"';
}

void XlsxStrings::Close() {
  if (!open_) return;
  AppendCsvField(raw_, fields_);
  ends_.push_back(fields_.size());
  raw_.clear();
  open_ = false;
}

namespace {

void OnDoctype(void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
  auto* context = static_cast<XmlContext*>(data);
  context->doctype = true;
  XML_StopParser(context->parser, XML_FALSE);
}

}  // namespace

XmlParser::XmlParser(XmlContext& context) : context_(context), parser_(XML_ParserCreate("UTF-8")) {
  context.parser = parser_;
  context.doctype = false;
  XML_SetUserData(parser_, &context);
  // Workbook XML never declares a document type: refusing one refuses every entity.
  XML_SetStartDoctypeDeclHandler(parser_, &OnDoctype);
}

XmlParser::~XmlParser() { XML_ParserFree(parser_); }

XlsxFault XmlParser::Failure(std::string_view part) const {
  if (context_.doctype) {
    return {"bad-workbook", fmt::format("the workbook's part '{}' declares a document type, "
                                        "which a workbook never does",
                                        part)};
  }
  return {
      "bad-workbook",
      fmt::format("the workbook's part '{}' is not well-formed XML: {} (line {})", part,
                  XML_ErrorString(XML_GetErrorCode(parser_)), XML_GetCurrentLineNumber(parser_))};
}

XlsxPart::~XlsxPart() { zip_fclose(file_); }

std::int64_t XlsxPart::Read(char* into, std::size_t size, XlsxFault& fault) {
  const zip_int64_t got = zip_fread(file_, into, size);
  if (got < 0) {
    fault = {"bad-workbook", fmt::format("the workbook's part '{}' is damaged", name_)};
    return -1;
  }
  if (static_cast<std::uint64_t>(got) > package_.budget_) {
    fault = OverBudget();
    return -1;
  }
  package_.budget_ -= static_cast<std::uint64_t>(got);
  return got;
}

XlsxPackage::XlsxPackage(std::string_view bytes, std::uint64_t budget) : budget_(budget) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source != nullptr) {
    archive_ = zip_open_from_source(source, ZIP_RDONLY, &error);
    if (archive_ == nullptr) zip_source_free(source);
  }
  zip_error_fini(&error);
}

XlsxPackage::XlsxPackage(int fd, std::uint64_t size, std::uint64_t budget) : budget_(budget) {
  FILE* file = ::fdopen(fd, "rb");
  if (file == nullptr) {
    ::close(fd);
    return;
  }
  zip_error_t error;
  zip_error_init(&error);
  // The source owns `file` from here, and closes it when freed.
  zip_source_t* source = zip_source_filep_create(file, 0, static_cast<zip_int64_t>(size), &error);
  if (source == nullptr) {
    std::fclose(file);
  } else {
    archive_ = zip_open_from_source(source, ZIP_RDONLY, &error);
    if (archive_ == nullptr) zip_source_free(source);
  }
  zip_error_fini(&error);
}

XlsxPackage::~XlsxPackage() {
  if (archive_ != nullptr) zip_discard(archive_);
}

bool XlsxPackage::Has(const std::string& part) const {
  if (archive_ == nullptr) return false;
  return zip_name_locate(archive_, part.c_str(), 0) >= 0 ||
         zip_name_locate(archive_, part.c_str(), ZIP_FL_NOCASE) >= 0;
}

std::uint64_t XlsxPackage::PartSize(const std::string& part) const {
  if (archive_ == nullptr) return 0;
  zip_int64_t index = zip_name_locate(archive_, part.c_str(), 0);
  if (index < 0) index = zip_name_locate(archive_, part.c_str(), ZIP_FL_NOCASE);
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (index < 0 || zip_stat_index(archive_, static_cast<zip_uint64_t>(index), 0, &stat) != 0 ||
      (stat.valid & ZIP_STAT_SIZE) == 0) {
    return 0;
  }
  return stat.size;
}

std::unique_ptr<XlsxPart> XlsxPackage::Open(const std::string& part, XlsxFault& fault) {
  zip_int64_t index = zip_name_locate(archive_, part.c_str(), 0);
  if (index < 0) index = zip_name_locate(archive_, part.c_str(), ZIP_FL_NOCASE);
  if (index < 0) {
    fault = {"bad-workbook", fmt::format("the workbook has no part '{}'", part)};
    return nullptr;
  }
  zip_file_t* file = zip_fopen_index(archive_, static_cast<zip_uint64_t>(index), 0);
  if (file == nullptr) {
    fault = {"bad-workbook", fmt::format("the workbook's part '{}' cannot be read", part)};
    return nullptr;
  }
  return std::make_unique<XlsxPart>(*this, file, part);
}

template <typename Handler>
XlsxFault XlsxPackage::Parse(const std::string& part, Handler& handler) {
  XlsxFault fault;
  std::unique_ptr<XlsxPart> reader = Open(part, fault);
  if (reader == nullptr) return fault;
  XmlParser parser(handler);
  struct Events {
    static Handler& Of(void* data) {
      return static_cast<Handler&>(*static_cast<XmlContext*>(data));
    }
    static void Start(void* data, const XML_Char* name, const XML_Char** attributes) {
      Of(data).Start(Local(name), attributes);
    }
    static void End(void* data, const XML_Char* name) { Of(data).End(Local(name)); }
    static void Text(void* data, const XML_Char* text, int length) {
      Of(data).Text(std::string_view(text, static_cast<std::size_t>(length)));
    }
  };
  XML_SetElementHandler(parser.get(), &Events::Start, &Events::End);
  XML_SetCharacterDataHandler(parser.get(), &Events::Text);
  constexpr std::size_t kBlock = std::size_t{1} << 16;
  for (;;) {
    void* buffer = XML_GetBuffer(parser.get(), static_cast<int>(kBlock));
    if (buffer == nullptr) return {"too-large", "the workbook cannot be read: out of memory"};
    const std::int64_t got = reader->Read(static_cast<char*>(buffer), kBlock, fault);
    if (got < 0) return fault;
    const bool last = got == 0;
    if (XML_ParseBuffer(parser.get(), static_cast<int>(got), last ? 1 : 0) != XML_STATUS_OK) {
      return parser.Failure(part);
    }
    if (last) return {};
  }
}

XlsxFault XlsxPackage::Load() {
  if (archive_ == nullptr) {
    return {"bad-workbook",
            "the input is not a workbook: it is not a zip archive, as an .xlsx file is (save "
            "it from Excel as \"Excel Workbook (.xlsx)\", or as CSV UTF-8)"};
  }
  SheetList list;
  if (XlsxFault f = Parse("xl/workbook.xml", list); !f.ok()) return f;
  Relationships relationships;
  if (XlsxFault f = Parse("xl/_rels/workbook.xml.rels", relationships); !f.ok()) return f;
  if (Has(relationships.shared_strings)) {
    SharedStrings strings(strings_);
    XlsxFault f = Parse(relationships.shared_strings, strings);
    strings_.Close();
    if (!f.ok()) return f;
  }
  if (Has(relationships.styles)) {
    Styles styles;
    if (XlsxFault f = Parse(relationships.styles, styles); !f.ok()) return f;
    date_styles_ = std::move(styles.date_style);
  }
  for (auto& [name, id] : list.sheets) {
    auto target = relationships.targets.find(id);
    sheets_.push_back(XlsxSheetEntry{std::move(name),
                                     target == relationships.targets.end() ? "" : target->second});
  }
  return {};
}

}  // namespace accredit::internal
