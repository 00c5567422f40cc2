// What the values of one column of an export say about it: the distinct values seen, the
// qualification type its grades are on, how its dates are written. The evidence `accredit map`
// (proposed_map.h) decides a column's meaning by, beside its header.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "accredit/column_map.h"
#include "records/export_vocabulary.h"
#include "records/proposed_map.h"

namespace accredit::internal {

// The distinct values of a column (trimmed, empty cells left out), in the order first seen.
struct ColumnValues {
  struct Value {
    std::string text;
    std::uint64_t count = 0;
    std::uint32_t first_line = 0;
  };
  std::vector<Value> distinct;  // at most kMaxDistinct
  std::uint64_t filled = 0;     // cells that are not empty
  bool capped = false;          // more distinct values than kept
  static constexpr std::size_t kMaxDistinct = 2000;
};
ColumnValues CollectValues(const ExportTable& table, std::size_t column);

// "4, 5, 7 and 3 more": some of the values, for a comment or a message. Only for columns whose
// values are not personal data (subjects, types, grades, strands).
std::string SeenList(const ColumnValues& values, std::size_t most = 8);

// The qualification type a column of grades is on.
struct TypeGuess {
  int type = kNone;            // the best type (an index into the rules' types), or kNone
  std::vector<int> also;       // other types that read every grade as well and the hint cannot tell
  std::uint64_t resolved = 0;  // cells whose grade is on the type's scale
  std::uint64_t total = 0;     // cells with a value
  std::vector<std::string> unknown;  // spellings not on the type's scale
};
// `hint`: a type's name ("GCSE", "HPQ": that type) or type words ("BTEC": the types whose id
// or title has them) from the header, which narrow the types tried when one of them reads
// the grades. Ties go to the more common type (GradedTypes), the others in `also`.
TypeGuess GuessGradeType(const ColumnValues& values, const ExportVocabulary& vocabulary,
                         std::string_view hint);

// How a date column is written.
struct DateGuess {
  DateFormat format = DateFormat::kIso;
  std::uint64_t fitted = 0;              // cells read as dates in that format
  std::uint64_t total = 0;               // cells with a value
  bool times = false;                    // some cells hold a time after the date
  std::vector<std::uint32_t> bad_lines;  // lines of cells that do not fit (a few)
  std::string example;                   // a shape of the values: "June 2024", "22/08/2024"
};
DateGuess GuessDates(const ExportTable& table, std::size_t column);

// Lines as "rows 4, 9 and 12" (at most a few).
std::string RowList(const std::vector<std::uint32_t>& lines);

}  // namespace accredit::internal
