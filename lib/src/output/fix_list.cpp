#include "accredit/fix_list.h"

#include <fmt/format.h>

#include <string_view>

#include "accredit/csv_reader.h"
#include "accredit/record_input.h"
#include "base/csv_cell.h"

namespace accredit {

struct FixList::Shape {
  bool known = false;
  // Fields can be counted on a line: a worksheet (one row a line, from column A), or CSV text
  // with no line break inside a quoted field (else a line is not a spreadsheet row).
  bool cells = false;
  char delimiter = ',';
  std::vector<std::size_t> line_starts;  // offset of each line (index 0: line 1)
};

FixList::FixList() = default;
FixList::~FixList() = default;

const FixList::Shape& FixList::ShapeOf(const SourceSet& sources, SourceId id) {
  if (shapes_.size() <= id) shapes_.resize(id + 1);
  Shape& shape = shapes_[id];
  if (shape.known) return shape;
  shape.known = true;
  const Source& source = sources.Get(id);
  const std::string_view text = source.text;
  if (text.empty()) return shape;  // not kept: rows only
  if (source.sheet.empty()) {
    if (DetectRecordFormat(source.name, text) != RecordFormat::kCsv) return shape;
    shape.delimiter = DetectCsvDelimiter(text);
  }
  // One pass: where lines start (a diagnostic's line is found without reading the text from
  // its start each time, which a list of every rejected row of a large file would do), and
  // whether a quoted field holds a line break.
  bool quoted = false;
  bool one_line_records = true;
  shape.line_starts.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '"') {
      quoted = !quoted;
    } else if (text[i] == '\n') {
      if (quoted) one_line_records = false;
      shape.line_starts.push_back(i + 1);
    }
  }
  shape.cells = one_line_records;
  return shape;
}

std::string FixList::CellOf(const SourceSet& sources, const Location& location) {
  if (!location.pointer.empty()) return location.pointer;
  if (location.source == kNoSource || location.line == 0 || location.column == 0) return "";
  const Shape& shape = ShapeOf(sources, location.source);
  if (!shape.cells || location.line > shape.line_starts.size()) return "";
  const std::string_view text = sources.Get(location.source).text;
  const std::size_t start = shape.line_starts[location.line - 1];
  const std::size_t end =
      location.line < shape.line_starts.size() ? shape.line_starts[location.line] : text.size();
  const std::string_view line = text.substr(start, end - start);
  return fmt::format("{}{}", ColumnLetters(FieldIndexAt(line, location.column, shape.delimiter)),
                     location.line);
}

void FixList::Add(const Diagnostics& diagnostics, const SourceSet& sources) {
  for (const Diagnostic& d : diagnostics.items()) {
    if (d.rejected == Rejected::kNothing) continue;
    Item item;
    item.code = d.code;
    const Location& at = d.location;
    const Source* source =
        at.source != kNoSource && at.source < sources.size() ? &sources.Get(at.source) : nullptr;
    if (source != nullptr) {
      item.file = std::string(source->file());
      item.sheet = source->sheet;
    }
    if (d.rejected == Rejected::kRow) {
      item.learner = d.learner;
      item.problem = d.message;
    } else {
      item.problem =
          fmt::format("the {} was not read: {}",
                      source != nullptr && !source->sheet.empty() ? "sheet" : "file", d.message);
    }
    if (at.line != 0) item.row = fmt::format("{}", at.line);
    item.cell = CellOf(sources, at);
    for (const Note& note : d.notes) {
      if (note.location.source != kNoSource) {
        // "the same row is here (row 5)": a place belongs to the problem.
        const std::string where = note.location.source == at.source && note.location.line != 0
                                      ? fmt::format("row {}", note.location.line)
                                      : FormatLocation(note.location, sources);
        item.problem += fmt::format("; {} ({})", note.message, where);
        continue;
      }
      if (!item.accepted.empty()) item.accepted += "; ";
      item.accepted += note.message;
    }
    items_.push_back(std::move(item));
  }
}

void FixList::Clear() { items_.clear(); }

std::string FixList::Csv() const {
  std::string out = "learner,file,sheet,cell,row,problem,accepted,code\n";
  for (const Item& item : items_) {
    for (const std::string* cell : {&item.learner, &item.file, &item.sheet, &item.cell, &item.row,
                                    &item.problem, &item.accepted}) {
      out += internal::CsvCell(*cell);
      out += ',';
    }
    out += internal::CsvCell(item.code);
    out += '\n';
  }
  return out;
}

}  // namespace accredit
