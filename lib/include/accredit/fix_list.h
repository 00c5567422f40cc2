// The fix list: what a run could not read, as a to-do list for whoever keeps the records.
//
// Every row the records readers rejected and every input they refused (Diagnostic::rejected)
// becomes one line of a CSV table that opens in a spreadsheet, in the order the diagnostics
// came:
//
//   learner   the id of the learner the row belongs to (an id, never a name); empty when the
//             row gives none, or for an input refused whole
//   file      the input file ("results.xlsx", "activities.csv", "<stdin>")
//   sheet     the worksheet of a workbook ("KS5"), else empty
//   cell      where in the row: "C12" in a worksheet, or in a CSV file whose records are one line
//             each (as a spreadsheet opens it); the JSON Pointer in a JSON input; else empty
//   row       the row (the line of a CSV or JSON input; a worksheet's row); empty for an input
//   problem   what is wrong, in plain words (the diagnostic's message; for an input, starting
//             "the file was not read: "), with the places its notes point to
//   accepted  what would be accepted: the diagnostic's other notes (the forms a value may take,
//             a "did you mean"), joined by "; "
//   code      the diagnostic's stable code (`bad-grade`), as in accredit-validate(1)
//
// A row with two problems has two lines. Diagnostics that cost nothing (a warning about a row
// that was used, notes, the rules' or exceptions' diagnostics) are not listed. Cells are written
// as base/csv_cell writes them: quoted as RFC 4180 needs, never run by a spreadsheet as a
// formula.
//
// A front end adds each group of diagnostics as the workflow hands it over (its
// DiagnosticsHandler, and CohortCallbacks::provisional for a streamed read), takes back a
// streamed read's when it restarts (Clear), and writes Csv() where the user asked:
//
//   FixList fixes;
//   callbacks.provisional = [&](const Diagnostics& d) { fixes.Add(d, workflow.sources()); };
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "accredit/diagnostic.h"
#include "accredit/source.h"

namespace accredit {

class FixList {
 public:
  FixList();
  ~FixList();
  FixList(const FixList&) = delete;
  FixList& operator=(const FixList&) = delete;

  // Adds the diagnostics of `diagnostics` that rejected a row or an input; `sources` holds the
  // sources they point into (their names and cells are taken now; the set must be the same
  // one on every call).
  void Add(const Diagnostics& diagnostics, const SourceSet& sources);
  // Takes back everything added (a streamed read starts again).
  void Clear();
  // The lines so far.
  std::size_t size() const { return items_.size(); }

  // The list as CSV text: the header row, then one line per item.
  std::string Csv() const;

 private:
  struct Item {
    std::string learner, file, sheet, cell, row, problem, accepted, code;
  };
  struct Shape;  // what is known of one source's text: its lines, delimiter, one-line records

  const Shape& ShapeOf(const SourceSet& sources, SourceId id);
  std::string CellOf(const SourceSet& sources, const Location& location);

  std::vector<Item> items_;
  std::vector<Shape> shapes_;  // by SourceId, filled as needed
};

}  // namespace accredit
