// A column mapping as `accredit map` proposes it (map_proposal.h): what each column of an
// export was taken to be and why, before it is written out as a commented mapping file. The
// proposal for one table (a CSV input or one sheet) is made here; tables of one layout are
// merged into one mapping, which is rendered as YAML.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "accredit/column_map.h"
#include "accredit/values.h"
#include "records/export_vocabulary.h"

namespace accredit::internal {

// An export as read for a proposal: its header and (up to a bound) its data rows.
struct ExportTable {
  std::string name;                            // "results.csv", "book.xlsx[KS4]"
  std::string sheet;                           // "KS4" for a workbook's sheet, else ""
  std::vector<std::string> header;             // as written
  std::vector<std::vector<std::string>> rows;  // each as wide as the header
  std::vector<std::uint32_t> lines;            // the line (sheet row) of each row
  std::uint64_t bad_rows = 0;                  // records the CSV reader rejected
  bool truncated = false;                      // more rows than were read
};

// A wide layout's grade column.
struct ProposedGradeColumn {
  std::string header;
  std::string subject;
  std::string type;   // canonical type id
  std::string level;  // "" unless the type needs one
  std::string seen;   // the grades seen, for a comment
  std::string check;  // "" or what to check, for a comment
};

// A line of a mapping with a comment beside it.
struct Commented {
  std::string text;
  std::string comment;
};

struct ProposedMap {
  bool wide = false;
  std::vector<std::string> inputs;
  std::array<std::vector<std::string>, kFieldCount> columns;  // headers as written
  std::array<std::string, kFieldCount> column_comments;       // values seen, checks
  std::vector<std::pair<std::string, std::vector<std::string>>> attributes;
  // Per field: spelling -> canonical, in the order first seen; `guess` ones are written
  // commented out, for a person to confirm.
  struct Spelling {
    std::string spelling;
    std::string canonical;
    bool guess = false;
  };
  std::array<std::vector<Spelling>, kFieldCount> values;
  std::array<std::string, kFieldCount> set;
  std::array<std::string, kFieldCount> set_comments;
  std::optional<DateFormat> dates;
  std::string dates_comment;
  std::vector<Commented> ignore;  // header, why it is not read
  std::string wide_type;          // the type of most grade columns
  std::vector<ProposedGradeColumn> grade_columns;
  std::vector<std::vector<std::string>> fits;
  std::vector<std::string> checks;  // what to check before use, for the opening comment
};

// What one table needs.
struct TableProposal {
  std::string input;
  bool canonical = false;              // the header names canonical fields: read as it is
  bool recognised = false;             // a learner column, a field or a grade column was found
  const ColumnMap* shipped = nullptr;  // the shipped mapping its header fits, if one does
  std::vector<std::string> unplaced;   // columns `shipped` does not read, as 'Name'
  std::optional<ProposedMap> map;      // the mapping proposed (none when canonical)
  std::vector<std::string> problems;   // about the mapping proposed, in plain words
  std::vector<std::string> notes;      // what was decided, in plain words
};

// Proposes how to read `table` (see map_proposal.h), by `vocabulary` and `shipped` mappings.
TableProposal ProposeForTable(const ExportTable& table, const ExportVocabulary& vocabulary,
                              std::span<const ColumnMap> shipped);

// Merges `more` into `into` when they can share one mapping (the same layout, no spelling or
// date format that disagrees); returns false, leaving both unchanged, when they cannot.
bool MergeProposedMaps(ProposedMap& into, const ProposedMap& more);

// The mapping file: `accredit-map: 1` and the keys a proposal uses, each part with a comment
// saying what it is, which values were seen and what to check.
std::string RenderProposedMap(const ProposedMap& map);

// `text` as a YAML scalar: plain when that reads back as the same string, else double-quoted.
std::string YamlScalar(std::string_view text);

}  // namespace accredit::internal
