#include "engine/exception_apply.h"

#include <algorithm>

namespace accredit::internal {

namespace {

constexpr std::size_t kMaskBits = 64;  // allocation.cpp: candidate sets are 64-bit masks

int NodeIndex(const Plan& plan, const Requirement* node) {
  // Only for learners with exceptions, and plans are a few hundred nodes: a scan is cheap and
  // keeps the plan free of a lookup table nobody else needs.
  for (std::size_t i = 0; i < plan.nodes.size(); ++i) {
    if (plan.nodes[i].requirement == node) return static_cast<int>(i);
  }
  return -1;
}

// Position of learner achievement `index` among the eligible ones, or -1.
int EligiblePosition(const std::vector<std::uint32_t>& eligible, std::uint32_t index) {
  auto it = std::lower_bound(eligible.begin(), eligible.end(), index);
  if (it == eligible.end() || *it != index) return -1;
  return static_cast<int>(it - eligible.begin());
}

}  // namespace

void BuildAdjustments(const Plan& plan, const Learner& learner,
                      const std::vector<Exclusion>& exclusions,
                      const std::vector<std::uint32_t>& eligible,
                      const LearnerExceptions& exceptions, LearnerAdjustments& adjustments,
                      std::vector<ExceptionResult>& results) {
  adjustments.node_override.assign(plan.nodes.size(), -1);
  adjustments.overrides.clear();
  adjustments.allowed.clear();
  adjustments.candidates.clear();
  results.clear();
  for (const BoundException& b : exceptions.items) {
    ExceptionResult result;
    result.exception = &b;
    const ExceptionAction action = b.exception->action;
    int position = -1;
    if (action != ExceptionAction::kWaive) {
      std::vector<std::uint32_t> matches = MatchingAchievements(b, learner);
      if (matches.size() != 1) {
        result.effect =
            matches.empty() ? ExceptionEffect::kNoAchievement : ExceptionEffect::kAmbiguous;
        results.push_back(result);
        continue;
      }
      result.achievement = static_cast<int>(matches.front());
      if (exclusions[matches.front()] != Exclusion::kCounts) {
        result.effect = ExceptionEffect::kNotCounted;
        results.push_back(result);
        continue;
      }
      position = EligiblePosition(eligible, matches.front());
    }
    results.push_back(result);
    const int node = NodeIndex(plan, b.node);
    const TierPlan& tier = plan.tiers[static_cast<std::size_t>(b.tier)];
    const std::size_t component = static_cast<std::size_t>(b.component);
    switch (action) {
      case ExceptionAction::kWaive:
      case ExceptionAction::kSubstitute: {
        NodeOverride o;
        o.action = action;
        o.eligible = position;
        o.next = adjustments.node_override[static_cast<std::size_t>(node)];
        adjustments.node_override[static_cast<std::size_t>(node)] =
            static_cast<int>(adjustments.overrides.size());
        adjustments.overrides.push_back(o);
        if (action == ExceptionAction::kSubstitute) {
          adjustments.candidates.push_back(
              CandidateChange{&tier, component, static_cast<std::size_t>(position), false});
        }
        break;
      }
      case ExceptionAction::kAllow:
        adjustments.allowed.emplace_back(plan.nodes[static_cast<std::size_t>(node)].leaf,
                                         static_cast<std::size_t>(position));
        break;
      case ExceptionAction::kForce:
        adjustments.candidates.push_back(
            CandidateChange{&tier, component, static_cast<std::size_t>(position), true});
        break;
    }
  }
}

void AdjustCandidates(const TierPlan& tier, const LearnerAdjustments& adjustments,
                      std::vector<std::uint64_t>& candidates) {
  for (bool pins : {false, true}) {  // pins last, so that they win
    for (const CandidateChange& change : adjustments.candidates) {
      if (change.tier != &tier || change.pin != pins || change.component >= kMaskBits) continue;
      // A shared component owns nothing: pinning to one keeps the achievement from the others.
      std::uint64_t bit =
          tier.components[change.component].shared ? 0 : std::uint64_t{1} << change.component;
      std::uint64_t& mask = candidates[change.eligible];
      mask = pins ? bit : (mask | bit);
    }
  }
}

void MarkUnreached(std::size_t evaluated_tiers, std::vector<ExceptionResult>& results) {
  for (ExceptionResult& r : results) {
    if (r.effect == ExceptionEffect::kApplied &&
        static_cast<std::size_t>(r.exception->tier) >= evaluated_tiers) {
      r.effect = ExceptionEffect::kNotReached;
    }
  }
}

}  // namespace accredit::internal
