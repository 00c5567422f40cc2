// Rules and learners for the micro-benchmarks: the shipped default programme or a rule file
// given as text, loaded once and checked; learners built from rows (cohort.h) through
// ResolveAchievement, as the readers build them. Every helper reports what went wrong as a
// message rather than failing, so that a benchmark can hand it to State::SkipWithError.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "accredit/records.h"
#include "accredit/rules.h"
#include "accredit/rules_loader.h"
#include "accredit/source.h"
#include "cohort.h"

namespace accredit::bench {

struct LoadedRules {
  SourceSet sources;
  LoadResult result;
  const Programme* programme = nullptr;  // the programme asked for
  std::string error;                     // empty when loaded with no diagnostic at all
};

// The id of the default programme (rules_loader.h kDefaultRulesFile).
inline constexpr std::string_view kDefaultProgramme = "foxwood-sixth-form";

// The default programme (LoadDefaultRules), which must be kDefaultProgramme.
std::unique_ptr<LoadedRules> LoadDefault();

// A rule file given as text (its `uses` resolve against the embedded rules), defining the
// programme `programme_id`.
std::unique_ptr<LoadedRules> LoadText(std::string_view yaml, std::string_view programme_id);

// Learner `id` with one Achievement per row of `rows` (their kLearner fields are set to `id`).
// `error` is set when a row is rejected or draws any diagnostic.
Learner BuildLearner(const RuleSet& rules, const std::string& id, const std::vector<Row>& rows,
                     std::string& error);

// The id of the tier `outcome_tier` (an Outcome::tier) of `programme`, or "none".
std::string_view TierId(const Programme& programme, int outcome_tier);

}  // namespace accredit::bench
