// Proposing a column mapping from an export: what `accredit map FILE...` does.
//
// A school data manager has an export (a CSV, a tab-separated text, a workbook's sheets) and no
// mapping for it. ProposeColumnMaps() reads the header and the values of each input and decides
// what a person would: whether it is long (one row per result: columns for subject, grade,
// type) or a broadsheet (one grade column per subject); which column is the learner id; which
// columns are fields, learner attributes (name, form, gender, pupil premium, SEND, EAL, year)
// or grade columns, and of which type (from the grades seen: `6-5` is combined science, `L2M` a
// BTEC Tech Award, `A*` an A level); how dates are written; and how the export spells subjects,
// types, grades and strands (`Maths`, `GCSE (9-1)`, `Dist*`, `Leadership & Service`), matched
// against the rules' vocabulary, the shipped mappings and common export spellings. It writes
// this as a commented mapping file (column_map.h) to review, and lists in plain words every
// column and value it could not place: a column is never dropped in silence.
//
// An input a shipped mapping already reads whole (map_choice.h's choice), or whose header is
// canonical, needs no new mapping: the proposal says so. Inputs of the same layout share one
// mapping; inputs of different layouts (a broadsheet sheet and a long sheet of one workbook)
// get one each. Each mapping proposed is checked before it is handed out: it is loaded
// (LoadColumnMap) and its inputs read with it, and the rows it reads are counted.
//
// Privacy: the proposal and its problems name columns by their headers and quote only values
// of subject, type, grade, strand, status and kind columns; never a learner id, a name or any
// other attribute, a date, hours or free text.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "accredit/diagnostic.h"
#include "accredit/input_file.h"
#include "accredit/rules.h"
#include "accredit/source.h"

namespace accredit {

struct MapOptions {
  // max_rows (100,000) the data rows of each input (or sheet) looked at; later rows are not
  // read (a mapping depends on the layout, not on every learner)
  std::uint64_t max_rows = 100'000;
  // max_file_bytes (2 GiB) the largest input read (`too-large`)
  std::uint64_t max_file_bytes = std::uint64_t{2} << 30;
};

// Something a person must look at, in plain words: "column 'Notes' is not read".
struct MapProblem {
  std::string input;    // the input it is about: "results.csv", "book.xlsx[KS5]"
  std::string message;  // what, and what to do about it
};

// One mapping proposed, for the inputs of one layout.
struct ProposedMapping {
  std::string yaml;                 // the mapping file, with comments to review it by
  std::vector<std::string> inputs;  // the inputs (sheets) it was proposed from
  bool wide = false;                // a broadsheet mapping
  // What reading those inputs with it gave (the check before it is handed out).
  std::uint64_t rows_read = 0;
  std::uint64_t rows_rejected = 0;
  std::uint64_t learners = 0;
};

struct MapProposal {
  std::vector<ProposedMapping> mappings;  // none when every input is read as it is
  // What was found, one line per input: "results.csv: read by the shipped mapping
  // 'sims-results'; no new mapping is needed".
  std::vector<std::string> notes;
  std::vector<MapProblem> problems;  // in input order
  // Inputs that could not be read at all (their errors are in the diagnostics).
  std::size_t unreadable = 0;
  // Inputs read, but with nothing a mapping could be proposed from (a title above the header):
  // the problems say why.
  std::size_t unmapped = 0;
};

// Proposes mappings for `inputs`: paths ("-" is standard input; "book.xlsx#KS5" one sheet of a
// workbook, else every sheet) or bytes in memory, read in any encoding and layout the records
// readers take (accredit-records(5)). The vocabulary is that of `rules` (its subjects, types
// and scales) and the shipped mappings. Each input is registered in `sources`. Errors go to
// `diagnostics`, and the input is counted as unreadable: `io-error`, `too-large`,
// `bad-workbook`, `bad-encoding`, `bad-quote`... in the header, `missing-column` (an empty
// input: no header row).
MapProposal ProposeColumnMaps(const std::vector<InputFile>& inputs, const RuleSet& rules,
                              SourceSet& sources, Diagnostics& diagnostics,
                              const MapOptions& options = {});

}  // namespace accredit
