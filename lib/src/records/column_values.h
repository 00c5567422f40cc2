// What the values of one column of an export say about it: the distinct values seen, the
// qualification type its grades are on, how its dates are written. The evidence `accredit map`
// (proposed_map.h) decides a column's meaning by, beside its header.
#pragma once

#include <cstdint>
#include <span>
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
  int type = kNone;  // the best type (an index into the rules' types), or kNone
  // Other types that read as many grades and are as likely (see GuessGradeType): a person
  // should choose.
  std::vector<int> also;
  std::uint64_t resolved = 0;        // cells whose grade is on the type's scale
  std::uint64_t total = 0;           // cells with a value
  std::vector<std::string> unknown;  // spellings not on the type's scale
};

// The types `hint` names: one type for a type's name ("GCSE", "HPQ", "A Level", "HL"), else
// every graded type whose id or title has its words ("BTEC": every BTEC type); none for "".
std::vector<int> NamedTypes(std::string_view hint, const ExportVocabulary& vocabulary);

// `hint`: type words from the column's header, else from its sheet's name (NamedTypes), which
// narrow the types tried when one of them reads the grades. Without them, the types that read
// the most grades are tried in order of likelihood: a type most exports hold
// (ExportVocabulary::IsCommonType) or one in `context` (the types the table names elsewhere:
// other columns' headers) before any other. The first is the guess; `also` lists those as
// likely as it (A level and AS level for A, B), never a rarer type that merely fits too (an IB
// subject for 7, 4).
TypeGuess GuessGradeType(const ColumnValues& values, const ExportVocabulary& vocabulary,
                         std::string_view hint, std::span<const int> context = {});

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
