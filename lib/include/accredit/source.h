// Sources and locations.
//
// Every input the library reads (a rule file, a records file, an embedded rule file, stdin)
// is registered in a SourceSet, which owns its text and hands out a small SourceId. A Location
// names a place in one source as 1-based line and column (column counted in bytes), so that
// diagnostics can be rendered later with the source line and a caret. The library records
// locations; only rendering (see diagnostic.h) turns them into `file:line:col`.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace accredit {

// Index of a source in its SourceSet. kNoSource means "not from any file" (e.g. a command-line
// option or an internal check).
using SourceId = std::uint32_t;
inline constexpr SourceId kNoSource = 0xffffffffu;

// A place in a source. line == 0 means the place is the whole source (no line known).
struct Location {
  SourceId source = kNoSource;
  std::uint32_t line = 0;    // 1-based
  std::uint32_t column = 0;  // 1-based, in bytes; 0 when unknown
  std::string pointer;       // JSON Pointer (RFC 6901) for JSON inputs, else empty
};

// One registered source: its display name and full text.
struct Source {
  std::string name;  // as shown in diagnostics: a path as given, "<stdin>", "<rules>/x.yaml"
  std::string text;
  // sheet (""): for a worksheet of a workbook read as CSV text (row N on line N, column A the
  // first field), the sheet's name; `name` is then "FILE[SHEET]", and diagnostics name cells
  // ("results.xlsx[KS5]!C12") rather than lines and columns.
  std::string sheet;
  // personal (false): the source holds learner records, whose lines may carry names and other
  // personal attributes. Diagnostics in it render without its lines unless asked for
  // (RenderOptions::personal_lines); they still name the file, line and column, or the cell.
  bool personal = false;
  // The file a worksheet was read from ("results.xlsx"), or `name` for any other source.
  std::string_view file() const {
    if (sheet.empty()) return name;
    return std::string_view(name).substr(0, name.size() - sheet.size() - 2);
  }
};

// Owns the text of every source read in a run. Sources are never removed, so a SourceId and
// a reference returned by Get() stay valid for the life of the set.
class SourceSet {
 public:
  SourceSet();
  ~SourceSet();
  SourceSet(const SourceSet&) = delete;
  SourceSet& operator=(const SourceSet&) = delete;
  SourceSet(SourceSet&&) noexcept;
  SourceSet& operator=(SourceSet&&) noexcept;

  // Adds a source and returns its id.
  SourceId Add(std::string name, std::string text);
  // Adds a source whose text is not kept (e.g. a large streamed records file): diagnostics in
  // it render without the source line.
  SourceId AddName(std::string name);
  // Adds worksheet `sheet` of workbook `file` as CSV text (Source::sheet), named
  // "FILE[SHEET]". `text` may be empty when it is not kept: diagnostics then name the row.
  // A worksheet is always personal (Source::personal).
  SourceId AddSheet(std::string_view file, std::string_view sheet, std::string text);
  // Marks source `id` as holding learner records (Source::personal).
  void SetPersonal(SourceId id);

  // For an input whose text is known only as it is read (a workbook's sheet, streamed): adds
  // `text` to the end of source `id`'s text, or forgets its text (DropText) once it proves too
  // large to keep. Nothing may view the source's text meanwhile: it may move.
  void AppendText(SourceId id, std::string_view text);
  void DropText(SourceId id);

  const Source& Get(SourceId id) const;
  std::size_t size() const;

  // The text of line `line` (1-based) of the source, without its line ending; empty if the
  // source has no stored text or the line is out of range.
  std::string_view Line(SourceId id, std::uint32_t line) const;

 private:
  std::vector<std::unique_ptr<Source>> sources_;
};

}  // namespace accredit
