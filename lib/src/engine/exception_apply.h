// Applying one learner's assessor exceptions inside an evaluation: what they change in the
// LearnerView (node overrides, extra leaf matches) and in the allocation search (candidate
// components). Built only for a learner who has exceptions; the view and the search check one
// pointer otherwise.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "accredit/evaluator.h"
#include "accredit/exceptions.h"
#include "engine/plan.h"

namespace accredit::internal {

// A waive or substitute on one plan node.
struct NodeOverride {
  ExceptionAction action = ExceptionAction::kWaive;
  int eligible = -1;  // substitute: the achievement's position among the eligible, or -1
  int next = -1;      // the next override of the same node, or -1
};

// A change to the components an eligible achievement may be allocated to in one tier.
struct CandidateChange {
  const TierPlan* tier = nullptr;
  std::size_t component = 0;
  std::size_t eligible = 0;
  bool pin = false;  // force: this component only; else (substitute) this one as well
};

struct LearnerAdjustments {
  std::vector<int> node_override;  // per plan node: its first override, or -1
  std::vector<NodeOverride> overrides;
  std::vector<std::pair<int, std::size_t>> allowed;  // (allocating leaf, eligible position)
  std::vector<CandidateChange> candidates;
};

// Fills `adjustments` for `exceptions` of `learner` whose eligible achievements (Exclusion
// kCounts, in order) are `eligible`, and `results` with one entry per exception (effect
// kApplied, or why it cannot apply).
void BuildAdjustments(const Plan& plan, const Learner& learner,
                      const std::vector<Exclusion>& exclusions,
                      const std::vector<std::uint32_t>& eligible,
                      const LearnerExceptions& exceptions, LearnerAdjustments& adjustments,
                      std::vector<ExceptionResult>& results);

// Applies the candidate changes for `tier` to `candidates` (a bit per component, per eligible
// achievement): substitutes add their component, forces pin. A waived component keeps its
// candidates: it is met whatever it gets, so the search gives contested achievements to the
// components that need them, and what it does get still counts for the award grade.
void AdjustCandidates(const TierPlan& tier, const LearnerAdjustments& adjustments,
                      std::vector<std::uint64_t>& candidates);

// After the evaluation: exceptions whose tier was not evaluated become kNotReached.
void MarkUnreached(std::size_t evaluated_tiers, std::vector<ExceptionResult>& results);

}  // namespace accredit::internal
