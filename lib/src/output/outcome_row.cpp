// A learner's outcome as one row of a table: what the workbook's Outcomes sheet shows.
#include "accredit/outcome_format.h"
#include "accredit/report.h"
#include "output/report_internal.h"

namespace accredit {

namespace {

// Everything but the still-needed sentences; returns the index in Outcome::tiers of the tier
// the learner is short of (the one just above the tier achieved, the lowest when none was;
// tiers are highest first), or -1.
int Fill(const Programme& programme, const Learner& learner, const Outcome& o,
         const EvaluateOptions& options, bool no_names, OutcomeRow& row) {
  row.learner = learner.id;
  if (!no_names) row.name = learner.Name();
  for (const auto& [key, value] : learner.attributes) {
    if (!IsNameAttribute(key)) row.attributes.emplace_back(key, value);
  }
  row.status = std::string(LearnerStatus(o));
  row.tier = o.tier == kNone ? "none"
                             : internal::TitleOf(programme.tiers[static_cast<std::size_t>(o.tier)]);
  row.grade = o.grade;
  row.values = o.values;
  row.predicted = o.used_predicted;
  row.exception = o.relies_on_exception;
  row.provisional = ProvisionalReason(learner, o, options);
  const int next = o.tier == kNone ? static_cast<int>(o.tiers.size()) - 1 : o.tier - 1;
  if (next < 0 || static_cast<std::size_t>(next) >= o.tiers.size()) return -1;
  const TierResult& tier = o.tiers[static_cast<std::size_t>(next)];
  row.next_tier = internal::TitleOf(*tier.tier);
  for (const ComponentResult& c : tier.components) {
    if (c.status != ComponentStatus::kMet) ++row.components_short;
  }
  return next;
}

}  // namespace

OutcomeRow MakeOutcomeRow(const Programme& programme, const Learner& learner,
                          const ReportedOutcome& reported, const EvaluateOptions& options,
                          bool no_names) {
  OutcomeRow row;
  const int next = Fill(programme, learner, reported.outcome, options, no_names, row);
  if (next >= 0 && static_cast<std::size_t>(next) < reported.needs.size()) {
    for (const NeededItem& item : reported.needs[static_cast<std::size_t>(next)]) {
      row.still_needed.push_back(item.sentence);
    }
  }
  return row;
}

OutcomeRow MakeOutcomeRow(const RuleSet& rules, const Programme& programme, const Learner& learner,
                          const Outcome& traced, const EvaluateOptions& options, bool no_names) {
  OutcomeRow row;
  const int next = Fill(programme, learner, traced, options, no_names, row);
  if (next >= 0) {
    row.still_needed =
        StillNeeded(rules, learner, traced, traced.tiers[static_cast<std::size_t>(next)]);
  }
  return row;
}

}  // namespace accredit
