// Diagnostics: what the library says about its inputs.
//
// Loaders and readers never throw and never print: they append Diagnostics to a Diagnostics
// list and carry on, so one run reports every problem. Each diagnostic has a severity, a
// stable code (one of diagnostic_codes.h, each listed in the manual pages; scripts may match
// on it), a lower-case message with user text in single quotes, a location, and optional notes
// (a "did you mean" hint, the place of a previous definition). Render() produces the house
// format:
//
//   rules/x.yaml:12:7: error: unknown scale 'gcse-91' [unknown-scale]
//      12 |     scale: gcse-91
//         |            ^
//   note: did you mean 'gcse-9-1'?
#pragma once

#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "accredit/diagnostic_codes.h"
#include "accredit/enum_table.h"
#include "accredit/source.h"

namespace accredit {

enum class Severity { kNote, kWarning, kError };
inline constexpr EnumName<Severity> kSeverityNames[] = {
    {Severity::kNote, "note", "Note"},
    {Severity::kWarning, "warning", "Warning"},
    {Severity::kError, "error", "Error"},
};
static_assert(InDeclarationOrder(kSeverityNames));
// "note", "warning", "error": as rendered before the message.
inline std::string_view SeverityName(Severity severity) { return NameOf(kSeverityNames, severity); }

struct Note {
  std::string message;
  Location location;  // optional: source == kNoSource for a note without a place
};

// What a records diagnostic cost the run: nothing, the row it is about (not used: its learner
// is judged without it), or a whole input (refused, or not read to its end). The records
// readers say so; a list of what to fix (fix_list.h) is made of the rows and inputs lost.
enum class Rejected : std::uint8_t { kNothing, kRow, kInput };

struct Diagnostic {
  Severity severity = Severity::kError;
  std::string code;  // stable, kebab-case, e.g. "unknown-scale": one of kDiagnosticCodes
  std::string message;
  Location location;
  std::vector<Note> notes;
  Rejected rejected = Rejected::kNothing;
  // With Rejected::kRow: the id of the learner the row belongs to, "" when it gives none (an
  // id, never a name).
  std::string learner;
};

// An append-only list of diagnostics with counts by severity.
class Diagnostics {
 public:
  // Adds a diagnostic and returns it, so a caller can attach notes.
  Diagnostic& Add(Severity severity, DiagnosticCode code, std::string message, Location location);
  Diagnostic& Error(DiagnosticCode code, std::string message, Location location) {
    return Add(Severity::kError, code, std::move(message), std::move(location));
  }
  Diagnostic& Warning(DiagnosticCode code, std::string message, Location location) {
    return Add(Severity::kWarning, code, std::move(message), std::move(location));
  }
  // Adds a diagnostic taken from another list (one a reader held back to put in order).
  Diagnostic& Add(Diagnostic diagnostic);
  void Append(const Diagnostics& other);

  const std::vector<Diagnostic>& items() const { return items_; }
  std::size_t error_count() const { return errors_; }
  std::size_t warning_count() const { return warnings_; }
  bool has_errors() const { return errors_ > 0; }
  bool empty() const { return items_.empty(); }

  // Orders diagnostics by source, line and column (stable), so output does not depend on the
  // order checks ran in.
  void SortByLocation();

  // Marks the errors from the `first`-th diagnostic on that are not marked yet as having cost
  // `what` (for a row, of learner `learner`); returns how many were marked. Readers call it once
  // they know what an error cost.
  std::size_t MarkRejected(std::size_t first, Rejected what, std::string_view learner = {});

  // Calls `locate(location)` on the location of each diagnostic from the `first`-th on and of
  // each of its notes: for a reader that works out the rest of a location (a JSON pointer) only
  // for the few that are reported.
  template <typename Locate>
  void Relocate(std::size_t first, Locate&& locate) {
    for (std::size_t i = first; i < items_.size(); ++i) {
      locate(items_[i].location);
      for (Note& note : items_[i].notes) locate(note.location);
    }
  }

 private:
  std::vector<Diagnostic> items_;
  std::size_t errors_ = 0;
  std::size_t warnings_ = 0;
};

struct RenderOptions {
  bool color = false;        // ANSI colour for severity and caret (false)
  bool source_lines = true;  // show the source line and a caret where the text is known (true)
  // Show the lines of learner records too (Source::personal), which may carry names and other
  // personal attributes (false: the place and the message only).
  bool personal_lines = false;
};

class JsonWriter;
// Writes one diagnostic as a JSON object (check --format json, the browser page): severity,
// code, message, file, line and column (when it has a place), notes (their messages), and
// `text` when given (the browser page's: the diagnostic as Render() gives it).
void WriteDiagnosticJson(JsonWriter& json, const Diagnostic& diagnostic, const SourceSet& sources,
                         std::string_view text = {});

// Renders one diagnostic in the house format, ending in a newline.
std::string Render(const Diagnostic& diagnostic, const SourceSet& sources,
                   const RenderOptions& options = {});

// "path:line:col" (or "path:line", "path", or "accredit" for a place that is not in a file).
// In a worksheet (Source::sheet) the place is a cell, as a spreadsheet names it:
// "results.xlsx[KS5]!C12", or "results.xlsx[KS5] row 12" when the column is not known (or the
// sheet's text was not kept).
std::string FormatLocation(const Location& location, const SourceSet& sources);

// The cell of `location` in a worksheet whose text is kept: "C12"; "" when the source is not a
// worksheet, or the line or column is not known.
std::string FormatCell(const Location& location, const SourceSet& sources);

// The spreadsheet column of the 0-based field `index`: "A" for 0, "Z" for 25, "AA" for 26.
std::string ColumnLetters(std::size_t index);

// The 0-based index of the CSV field that starts at or contains byte `column` (1-based) of
// `line`, counting `delimiter`s outside double quotes.
std::size_t FieldIndexAt(std::string_view line, std::uint32_t column, char delimiter = ',');

// The candidate closest to `word` by edit distance, if it is close enough to be a plausible
// misspelling (at most a third of the word's length, at most `max_edits`, and at least one
// edit); else empty.
std::string ClosestMatch(std::string_view word, const std::vector<std::string>& candidates,
                         std::size_t max_edits = std::numeric_limits<std::size_t>::max());

}  // namespace accredit
