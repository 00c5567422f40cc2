// A workbook's package: the zip container and the parts a sheet's cells are read against (the
// sheet list, the relationships that name each sheet's part, the shared strings and the date
// styles). The cells themselves are read by xlsx_sheet.h, a part streamed in blocks.
//
// The container is read with libzip, from bytes in memory or from an open file (never held
// whole), and the XML with expat; nothing is inflated or parsed here by hand. A workbook is
// untrusted: every byte inflated counts against a budget (a zip bomb is refused, not
// inflated), XML with a document type declaration is refused (no entities, so no "billion
// laughs"), and a part's name is only ever looked up in the container, never opened as a path.
#pragma once

#include <expat.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

struct zip;
struct zip_file;

namespace accredit::internal {

// What went wrong reading a workbook, as a diagnostic, or nothing.
struct XlsxFault {
  std::string code;  // "" when all is well; else "bad-workbook" or "too-large"
  std::string message;
  bool ok() const { return code.empty(); }
};

// The bytes a workbook of `size` bytes may inflate to: at most `max_bytes`, and at most a
// hundred times its size, but never less than 256 MiB (real workbooks inflate five to twenty
// times; a zip bomb, thousands).
std::uint64_t XlsxInflateBudget(std::uint64_t size, std::uint64_t max_bytes);

// A cell's text as one CSV field, appended to `out`: line breaks become spaces (so that a
// spreadsheet row stays one line), and it is quoted when it holds a comma or a quote.
void AppendCsvField(std::string_view value, std::string& out);

// The shared strings table, each string kept as its CSV field (AppendCsvField), packed in one
// block: its memory is about the text's, whatever the number of strings.
class XlsxStrings {
 public:
  std::size_t size() const { return ends_.size(); }
  // The i-th string as a CSV field; i < size().
  std::string_view Field(std::size_t i) const {
    const std::size_t begin = i == 0 ? 0 : ends_[i - 1];
    return std::string_view(fields_).substr(begin, ends_[i] - begin);
  }

  // Building: a new string, then its text; the last string is closed by Close().
  void Begin() {
    Close();
    open_ = true;
  }
  void Append(std::string_view text) {
    if (open_) raw_ += text;
  }
  void Close();

 private:
  std::string fields_;
  std::vector<std::size_t> ends_;
  std::string raw_;
  bool open_ = false;
};

// One worksheet of a workbook.
struct XlsxSheetEntry {
  std::string name;  // as the workbook names it ("KS5")
  std::string part;  // its part in the container; "" when the workbook names none
};

// What the user data of every XmlParser starts with (a handler derives from it), so that
// the refusal of a document type can stop the parser and say why.
struct XmlContext {
  XML_Parser parser = nullptr;
  bool doctype = false;
};

// An expat parser (no namespace processing, UTF-8) that refuses a document type declaration;
// its user data is `context`.
class XmlParser {
 public:
  explicit XmlParser(XmlContext& context);
  ~XmlParser();
  XmlParser(const XmlParser&) = delete;
  XmlParser& operator=(const XmlParser&) = delete;

  XML_Parser get() const { return parser_; }
  // The `bad-workbook` fault for part `part` after a parse failed.
  XlsxFault Failure(std::string_view part) const;

 private:
  XmlContext& context_;
  XML_Parser parser_;
};

class XlsxPackage;

// A part of the container open for reading in blocks, each counted against the budget.
class XlsxPart {
 public:
  XlsxPart(XlsxPackage& package, zip_file* file, std::string name)
      : package_(package), file_(file), name_(std::move(name)) {}
  ~XlsxPart();
  XlsxPart(const XlsxPart&) = delete;
  XlsxPart& operator=(const XlsxPart&) = delete;

  // Reads up to `size` bytes into `into`: how many (0 at the end), or -1 with `fault` set (the
  // part is damaged, or the workbook inflates past its budget).
  std::int64_t Read(char* into, std::size_t size, XlsxFault& fault);
  const std::string& name() const { return name_; }

 private:
  XlsxPackage& package_;
  zip_file* file_;
  std::string name_;
};

class XlsxPackage {
 public:
  // A workbook in memory (`bytes` must outlive the package), or read from file descriptor
  // `fd` (owned: closed with the package), whose size is `size`. `budget` bounds the bytes
  // inflated in all (XlsxInflateBudget).
  XlsxPackage(std::string_view bytes, std::uint64_t budget);
  XlsxPackage(int fd, std::uint64_t size, std::uint64_t budget);
  ~XlsxPackage();
  XlsxPackage(const XlsxPackage&) = delete;
  XlsxPackage& operator=(const XlsxPackage&) = delete;

  // Reads the sheet list, the relationships, the shared strings and the styles. A fault when
  // the input is not a zip archive, or a part is missing, not XML, or over the budget.
  XlsxFault Load();

  // After Load(): the worksheets in workbook order, the shared strings, and which cell styles
  // (`s`, an index into cellXfs) show a date.
  const std::vector<XlsxSheetEntry>& sheets() const { return sheets_; }
  const XlsxStrings& strings() const { return strings_; }
  const std::vector<bool>& date_styles() const { return date_styles_; }

  // The bytes that may still be inflated; set again to read a part again with the budget it
  // was first read with.
  std::uint64_t budget() const { return budget_; }
  void set_budget(std::uint64_t budget) { budget_ = budget; }

  // The size part `part` says it inflates to (the archive's word for it, not checked), or 0.
  std::uint64_t PartSize(const std::string& part) const;

  // Opens part `part` to be read in blocks; nullptr with `fault` set when it is missing.
  std::unique_ptr<XlsxPart> Open(const std::string& part, XlsxFault& fault);

 private:
  friend class XlsxPart;
  template <typename Handler>
  XlsxFault Parse(const std::string& part, Handler& handler);
  bool Has(const std::string& part) const;

  zip* archive_ = nullptr;
  std::uint64_t budget_;
  std::vector<XlsxSheetEntry> sheets_;
  XlsxStrings strings_;
  std::vector<bool> date_styles_;
};

}  // namespace accredit::internal
