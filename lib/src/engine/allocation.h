// Allocation: which component of a tier each achievement counts towards.
//
// An achievement counts towards at most one exclusive component; a `shared` component sees
// every achievement without using it up. Allocate() finds an allocation under which every
// component is met whenever one exists, and otherwise one that meets the most components and
// then comes closest on the rest (the greatest total progress). Greedy first-fit is wrong:
// it fails learners who qualify when an early component takes an achievement a later one
// needs.
//
// Method: an achievement relevant to a single exclusive component (it matches one of that
// component's allocating leaves) goes to it; an achievement relevant to none is unallocated.
// Only contested achievements are searched, depth first, each given to one of the components
// it is relevant to (never withheld: since allocating leaves only ever count upwards, giving
// an achievement to a component never makes it worse). Branches are cut by an optimistic
// bound: each component evaluated with every still-undecided achievement it could get. The
// search visits components not yet met first, then rule order, and achievements in input
// order, and keeps the first best allocation found, so the result is deterministic. It stops
// after `limit` steps with the best allocation so far.
//
// A graded tier's award grade depends on the allocation too: an A level that could count for
// the main study or for breadth earns points only in the main study. Among the allocations that
// meet every component, the search keeps the one with the highest grading score (GradingGain
// summed over what the graded components use), so the grade never depends on the order of
// the learner's rows. Branches that cannot beat the best score found are cut; the search ends
// early when the score reaches its bound (every achievement a graded component could use).
#pragma once

#include <cstdint>
#include <vector>

#include "engine/learner_view.h"
#include "engine/plan.h"

namespace accredit::internal {

struct ComponentScore {
  bool met = false;
  double progress = 0;
};

struct Allocation {
  std::vector<int> owner;  // per eligible achievement: component index in the tier, or kUnallocated
  // Per component, whether `owner` meets it and its progress, as LearnerView::Evaluate finds
  // them; empty when the search stopped (the limit) before it scored any allocation.
  std::vector<ComponentScore> components;
  int met = 0;          // components met
  double progress = 0;  // sum of component progress
  double score = 0;     // grading score, when every component is met in a graded tier
  bool limit_hit = false;
  std::uint32_t steps = 0;
};

// What achievement `a` adds to the grading score of `tier` when a graded component uses it:
// its points in the grading table, or 1 when it matches the grading `where` (0 otherwise).
double GradingGain(const Plan& plan, const TierPlan& tier, const Learner& learner,
                   const Achievement& a);

// Fills `out` (whose buffers are reused) with the allocation for `tier`.
void Allocate(const TierPlan& tier, LearnerView& view, std::uint32_t limit, Allocation& out);

}  // namespace accredit::internal
