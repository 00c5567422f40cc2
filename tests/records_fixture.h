// A small rule set built by hand for the records tests: grade scales, qualification types and
// subjects, without going through the rules loader.
#pragma once

#include <string>
#include <string_view>

#include "accredit/diagnostic.h"
#include "accredit/rules.h"
#include "accredit/source.h"

namespace accredit::testing {

// gcse: U, 1..9, pass 4, specials X (absent, fail) and Q (pending); Level 1 for 1-3 and
// Level 2 for 4-9. a-level: U, E, D, C, B, A, A*, pass E, specials N (not submitted, a data
// error) and W (withdrawn entry, ignored); Level 3. Subjects mathematics and english-language.
inline RuleSet SmallRuleSet() {
  RuleSet rules;
  Scale gcse;
  gcse.id = "gcse";
  gcse.grades = {"U", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
  gcse.pass = 4;
  gcse.special = {{"X", "absent", SpecialTreatment::kFail, {}},
                  {"Q", "pending", SpecialTreatment::kPending, {}}};
  rules.scales.push_back(gcse);
  Scale a_level;
  a_level.id = "a-level";
  a_level.grades = {"U", "E", "D", "C", "B", "A", "A*"};
  a_level.pass = 1;
  a_level.special = {{"N", "not submitted", SpecialTreatment::kError, {}},
                     {"W", "withdrawn entry", SpecialTreatment::kIgnore, {}}};
  rules.scales.push_back(a_level);

  QualType gcse_type;
  gcse_type.id = "gcse";
  gcse_type.scale = 0;
  gcse_type.level = Level{2};
  gcse_type.level_by_grade = {{1, Level{1}}, {4, Level{2}}};
  rules.types.push_back(gcse_type);
  QualType a_level_type;
  a_level_type.id = "a-level";
  a_level_type.scale = 1;
  a_level_type.level = Level{3};
  rules.types.push_back(a_level_type);

  rules.subjects.push_back(Subject{"mathematics", "Mathematics", 2, {}, {}});
  rules.subjects.push_back(Subject{"english-language", "English Language", 12, {}, {}});
  return rules;
}

// Every diagnostic rendered, without source lines unless asked for.
inline std::string RenderAll(const Diagnostics& diagnostics, const SourceSet& sources,
                             bool source_lines = false) {
  std::string out;
  RenderOptions options;
  options.source_lines = source_lines;
  options.personal_lines = source_lines;
  for (const Diagnostic& d : diagnostics.items()) out += Render(d, sources, options);
  return out;
}

}  // namespace accredit::testing
