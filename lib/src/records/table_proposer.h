// The decisions `accredit map` makes for one table (proposed_map.h), shared by the files that
// make them: map_proposal.cpp (layout, learner, fields, attributes, what is left) and
// map_grades.cpp (grades: each grade column's type, the grade spellings to map).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "records/column_values.h"
#include "records/export_vocabulary.h"
#include "records/proposed_map.h"

namespace accredit::internal {

inline std::size_t FieldIndex(Field field) { return static_cast<std::size_t>(field); }

// "GCSE", "A level": a type as people read it.
std::string TypeTitle(const RuleSet& rules, int type);

// How a column was placed.
enum class Use : std::uint8_t { kNone, kField, kAttribute, kGrade, kIgnore };

// Proposes a mapping for one table into a TableProposal: Propose() makes every decision, in
// order (the learner column, the layout, the fields, the attributes, the grades, what is left,
// `fits:`), each adding to the mapping and, where a person should look, to the problems.
class TableProposer {
 public:
  TableProposer(const ExportTable& table, const ExportVocabulary& vocabulary, TableProposal& out)
      : table_(table),
        vocabulary_(vocabulary),
        rules_(vocabulary.rules()),
        out_(out),
        use_(table.header.size(), Use::kNone) {}

  void Propose();

 private:
  void Problem(std::string message) { out_.problems.push_back(std::move(message)); }
  void Ignore(std::size_t column, std::string why) {
    use_[column] = Use::kIgnore;
    map_.ignore.push_back({table_.header[column], std::move(why)});
  }
  const std::string& Header(std::size_t column) const { return table_.header[column]; }

  void ChooseLearner();
  void ReadMeaningsFromValues();
  void ChooseFields();
  void ChooseAttributes();
  bool DecideWide() const;
  void ReadSpellings(Field field, std::size_t column);
  void ReadLongGrades();
  void ReadLevel(std::size_t column);
  void ReadHours(std::size_t column);
  void ReadDates(std::size_t column);
  void ReadWideGrades();
  // The type words of the sheet's name ("GCSE Results": "gcse"), or "": what a grade column
  // whose header names no type is taken to be, when its grades are on that type's scale.
  std::string SheetTypeWords() const;
  void AddGradeSpellings(int type, const ColumnValues& values, std::string_view column);
  void CommitGradeSpellings();
  void PlaceTheRest();
  void ChooseFits();

  const ExportTable& table_;
  const ExportVocabulary& vocabulary_;
  const RuleSet& rules_;
  TableProposal& out_;
  ProposedMap map_;
  std::vector<Use> use_;
  std::vector<HeaderMeaning> meaning_;
  std::vector<bool> by_values_;  // a column whose field was taken from its values
  std::array<int, kFieldCount> column_of_{};
  // Grade spellings to map: spelling -> (canonical, the types that need it).
  std::map<std::string, std::map<std::string, std::set<int>>> grade_spellings_;
  std::map<std::string, std::set<int>> grade_as_is_;  // spelling -> types that read it as is
};

}  // namespace accredit::internal
