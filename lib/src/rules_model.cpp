// Lookups on the rules model. This file implements only the member functions declared in
// rules.h that the records side needs; linear searches suffice for the few dozen entries a
// rule set holds.

// rules.h declares enumerators named kNone that shadow accredit::kNone, which -Wshadow rejects;
// until that is fixed there, it is included with the warning off.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wshadow"
#include "accredit/rules.h"
#pragma GCC diagnostic pop

#include <algorithm>

namespace accredit {

namespace {

template <typename T>
int FindById(const std::vector<T>& items, std::string_view id) {
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i].id == id) return static_cast<int>(i);
  }
  return kNone;
}

template <std::size_t N>
bool Contains(const std::array<std::string_view, N>& names, std::string_view id) {
  return std::find(names.begin(), names.end(), id) != names.end();
}

}  // namespace

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
  for (const auto& [from, at] : level_by_grade) {
    if (from <= rank) result = at;
  }
  return result;
}

double PointsTable::Lookup(std::string_view key1_value, std::string_view key2_value) const {
  auto outer = points.find(key1_value);
  if (outer == points.end()) return 0;
  auto inner = outer->second.find(key2_value);
  return inner == outer->second.end() ? 0 : inner->second;
}

int RuleSet::FindScale(std::string_view id) const { return FindById(scales, id); }
int RuleSet::FindType(std::string_view id) const { return FindById(types, id); }
int RuleSet::FindTable(std::string_view id) const { return FindById(tables, id); }
int RuleSet::FindSubject(std::string_view id) const { return FindById(subjects, id); }
int RuleSet::FindFramework(std::string_view id) const { return FindById(frameworks, id); }
int RuleSet::FindProgramme(std::string_view id) const { return FindById(programmes, id); }

bool RuleSet::IsRole(std::string_view id) const {
  return Contains(kBuiltinRoles, id) || FindById(roles, id) != kNone;
}

bool RuleSet::IsStrand(std::string_view id) const {
  return Contains(kBuiltinStrands, id) || FindById(strands, id) != kNone;
}

}  // namespace accredit
