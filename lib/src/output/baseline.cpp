// A rule change dry run: the same learners under the baseline (old) and the new rules.
#include <fmt/format.h>

#include <algorithm>

#include "accredit/explain.h"
#include "accredit/report.h"
#include "output/report_internal.h"

namespace accredit {

namespace {

std::string TierLabel(const Programme& p, const Outcome& o) {
  if (o.data_error) return "error";
  if (o.tier == kNone) return "none";
  return p.tiers[static_cast<std::size_t>(o.tier)].id;
}

const TierResult* FindTier(const Outcome& o, std::string_view id) {
  for (const TierResult& t : o.tiers) {
    if (t.tier->id == id) return &t;
  }
  return nullptr;
}

const std::vector<NeededItem>& NeedsOf(const ReportedOutcome& r, const TierResult* tier) {
  return r.needs[static_cast<std::size_t>(tier - r.outcome.tiers.data())];
}

bool ProgrammeHasTier(const Programme& p, std::string_view id) {
  return std::any_of(p.tiers.begin(), p.tiers.end(), [&](const Tier& t) { return t.id == id; });
}

std::size_t LabelIndex(const std::vector<std::string>& labels, const std::string& label) {
  return static_cast<std::size_t>(std::find(labels.begin(), labels.end(), label) - labels.begin());
}

}  // namespace

BaselineComparison CompareOutcomes(const Programme& programme, const RuleSet& baseline_rules,
                                   const Programme& baseline_programme,
                                   const std::vector<Learner>& learners,
                                   const std::vector<ReportedOutcome>& outcomes,
                                   const std::vector<ReportedOutcome>& baseline_outcomes,
                                   const ReportOptions& options) {
  BaselineComparison cmp;
  cmp.rules = &baseline_rules;
  cmp.programme = &baseline_programme;
  for (const Tier& t : baseline_programme.tiers) cmp.before.push_back(t.id);
  for (const Tier& t : programme.tiers) cmp.after.push_back(t.id);
  for (auto* labels : {&cmp.before, &cmp.after}) {
    labels->push_back("none");
    labels->push_back("error");
  }
  cmp.transitions.assign(cmp.before.size(), std::vector<std::size_t>(cmp.after.size(), 0));
  std::vector<std::string> groups = internal::GroupLabels(learners, options);
  std::size_t n = std::min({learners.size(), outcomes.size(), baseline_outcomes.size()});
  for (std::size_t i = 0; i < n; ++i) {
    const Outcome& old_o = baseline_outcomes[i].outcome;
    const Outcome& new_o = outcomes[i].outcome;
    std::string before = TierLabel(baseline_programme, old_o);
    std::string after = TierLabel(programme, new_o);
    ++cmp.transitions[LabelIndex(cmp.before, before)][LabelIndex(cmp.after, after)];
    // A learner with data errors is not judged: their grade is no outcome.
    std::string before_grade = old_o.data_error ? "" : old_o.grade;
    std::string after_grade = new_o.data_error ? "" : new_o.grade;
    if (before == after && before_grade == after_grade) {
      ++cmp.unchanged;
      continue;
    }
    LearnerChange change{learners[i].id, groups[i], before, before_grade, after, after_grade, {}};
    const TierResult* lost =
        before == "none" || before == "error" ? nullptr : FindTier(new_o, before);
    const TierResult* gained =
        after == "none" || after == "error" ? nullptr : FindTier(old_o, after);
    if (lost != nullptr && !lost->met) {
      // Lost a tier: what the new rules ask for that the learner does not have.
      for (const NeededItem& item : NeedsOf(outcomes[i], lost)) {
        change.reasons.push_back(
            fmt::format("no longer {}: {}", internal::TitleOf(*lost->tier), item.sentence));
      }
    } else if (gained != nullptr && !gained->met) {
      // Gained a tier: what the old rules asked for that the new ones no longer do.
      for (const NeededItem& item : NeedsOf(baseline_outcomes[i], gained)) {
        change.reasons.push_back(fmt::format("now {}; under the old rules: {}",
                                             internal::TitleOf(*gained->tier), item.sentence));
      }
    } else if (before == after) {
      const TierResult* old_t = FindTier(old_o, before);
      const TierResult* new_t = FindTier(new_o, after);
      change.reasons.push_back(fmt::format(
          "award grade {} -> {} (score {} -> {})", old_o.grade.empty() ? "none" : old_o.grade,
          new_o.grade.empty() ? "none" : new_o.grade,
          old_t != nullptr ? internal::FormatScore(old_t->score) : "-",
          new_t != nullptr ? internal::FormatScore(new_t->score) : "-"));
    }
    if (before != "none" && before != "error" && !ProgrammeHasTier(programme, before)) {
      change.reasons.push_back(fmt::format("the new rules have no tier '{}'", before));
    }
    if (after != "none" && after != "error" && !ProgrammeHasTier(baseline_programme, after)) {
      change.reasons.push_back(fmt::format("the old rules had no tier '{}'", after));
    }
    if (change.reasons.empty() && (before == "error" || after == "error")) {
      change.reasons.push_back("data errors: see the diagnostics");
    }
    cmp.changes.push_back(std::move(change));
  }
  return cmp;
}

}  // namespace accredit
