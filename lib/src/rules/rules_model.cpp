#include <algorithm>

#include "accredit/rules.h"

namespace accredit {

int Scale::Rank(std::string_view grade) const {
  for (std::size_t i = 0; i < grades.size(); ++i) {
    if (grades[i] == grade) return static_cast<int>(i);
  }
  return kNone;
}

const SpecialCode* Scale::Special(std::string_view code) const {
  for (const SpecialCode& s : special) {
    if (s.code == code) return &s;
  }
  return nullptr;
}

std::optional<Level> QualType::LevelFor(int rank) const {
  std::optional<Level> result = level;
  if (rank == kNone) return result;
  for (const auto& [from, lvl] : level_by_grade) {
    if (rank >= from) result = lvl;
  }
  return result;
}

double PointsTable::Lookup(std::string_view key1_value, std::string_view key2_value) const {
  auto row = points.find(key1_value);
  if (row == points.end()) return 0;
  auto cell = row->second.find(key2_value);
  return cell == row->second.end() ? 0 : cell->second;
}

namespace {

template <typename T>
int FindById(const std::vector<T>& items, std::string_view id) {
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i].id == id) return static_cast<int>(i);
  }
  return kNone;
}

}  // namespace

int RuleSet::FindScale(std::string_view id) const { return FindById(scales, id); }
int RuleSet::FindType(std::string_view id) const { return FindById(types, id); }
int RuleSet::FindTable(std::string_view id) const { return FindById(tables, id); }
int RuleSet::FindSubject(std::string_view id) const { return FindById(subjects, id); }
int RuleSet::FindFramework(std::string_view id) const { return FindById(frameworks, id); }
int RuleSet::FindProgramme(std::string_view id) const { return FindById(programmes, id); }

bool RuleSet::IsRole(std::string_view id) const {
  return std::find(kBuiltinRoles.begin(), kBuiltinRoles.end(), id) != kBuiltinRoles.end() ||
         FindById(roles, id) != kNone;
}

bool RuleSet::IsStrand(std::string_view id) const {
  return std::find(kBuiltinStrands.begin(), kBuiltinStrands.end(), id) != kBuiltinStrands.end() ||
         FindById(strands, id) != kNone;
}

}  // namespace accredit
