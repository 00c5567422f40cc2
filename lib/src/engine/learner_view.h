// A learner as one tier's evaluation sees it: the achievements that count ("eligible"), which
// allocating leaves each one matches and with what quantity, and cached record-wide values of
// aggregates. Evaluating a requirement node against an allocation happens here; the search for
// the allocation is in allocation.h.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <vector>

#include "accredit/evaluator.h"
#include "base/swar.h"
#include "engine/match_memo.h"
#include "engine/plan.h"

namespace accredit::internal {

struct LearnerAdjustments;

// Owner of an eligible achievement in an allocation: an exclusive component's index within the
// tier, or one of these.
inline constexpr int kUnallocated = -1;
inline constexpr int kUndecided = -2;  // contested, not yet decided by the search

class LearnerView {
 public:
  // A view is reset for each learner and keeps its buffers, so evaluating a cohort on one
  // thread allocates nothing per learner here once warm.
  LearnerView() = default;

  // Views `learner` (which must outlive the view's use) whose eligible achievements are those
  // with Exclusion::kCounts in `eligible` order.
  void Reset(const Plan& plan, const Learner& learner, const std::vector<std::uint32_t>& eligible);
  // Applies a learner's exceptions (exception_apply.h) after Reset: allowed achievements match
  // their leaves, and Evaluate honours waived and substituted nodes. `adjustments` must
  // outlive the view's use; the next Reset clears it.
  void Adjust(const LearnerAdjustments* adjustments);
  const LearnerAdjustments* adjustments() const { return adjust_; }

  const Plan& plan() const { return *plan_; }
  const Learner& learner() const { return *learner_; }
  const std::vector<std::uint32_t>& eligible() const { return eligible_; }
  std::size_t size() const { return eligible_.size(); }

  // Whether eligible achievement `e` matches allocating leaf `leaf`.
  bool LeafMatches(int leaf, std::size_t e) const {
    if (masked_) return ((leaf_bits_[static_cast<std::size_t>(leaf)] >> e) & 1) != 0;
    return leaf_match_[static_cast<std::size_t>(leaf) * eligible_.size() + e] != 0;
  }

  // Which achievements a component's leaves see: those it owns; with `optimistic`, also the
  // undecided ones it could still get; a shared component sees every eligible achievement.
  struct Scope {
    int component = kUnallocated;
    bool shared = false;
    bool optimistic = false;
    const std::vector<int>* owner = nullptr;
    // Rule language 1.1's `different`: per eligible achievement, nonzero when it may not count
    // here (BlockUsedValues); null when the component has no `different`.
    const std::uint8_t* blocked = nullptr;
    // With at most kMaxMasked eligible achievements (Narrow): bit e set when the component
    // sees `e`, `blocked` apart, so that a count is a population count.
    std::uint64_t included = 0;
    bool masked = false;
    // Whether the component sees `e`, `blocked` apart (the hot path tests it only when set).
    bool Includes(std::size_t e) const {
      if (masked) return ((included >> e) & 1) != 0;
      if (shared) return true;
      int o = (*owner)[e];
      return o == component || (optimistic && o == kUndecided);
    }
  };

  // A learner with at most this many eligible achievements has each leaf's matches as a bit
  // set, and scopes narrowed to one (nearly every learner: a dozen is typical).
  static constexpr std::size_t kMaxMasked = 64;
  // Gives `scope` its bit set of what it sees, when the learner is small enough.
  void Narrow(Scope& scope) const {
    if (!masked_) return;
    const std::size_t n = eligible_.size();
    std::uint64_t included = 0;
    if (scope.shared) {
      included = n == kMaxMasked ? ~std::uint64_t{0} : (std::uint64_t{1} << n) - 1;
    } else {
      const int* owner = scope.owner->data();
      for (std::size_t e = 0; e < n; ++e) {
        const int o = owner[e];
        const bool in = o == scope.component || (scope.optimistic && o == kUndecided);
        included |= std::uint64_t{in} << e;
      }
    }
    scope.included = included;
    scope.masked = true;
  }
  // Whether the learner has at most kMaxMasked eligible achievements: LeafBits() and Narrow()
  // are then in use.
  bool masked() const { return masked_; }
  // Bit e set when eligible achievement `e` matches allocating leaf `leaf` (masked()).
  std::uint64_t LeafBits(int leaf) const { return leaf_bits_[static_cast<std::size_t>(leaf)]; }

  // Evaluates node `index`; fills `trace` when not null. Returns met, sets `progress` (0..1).
  bool Evaluate(int index, const Scope& scope, double& progress, NodeTrace* trace);

  // Whether a node's result here is a function of its leaves' bit counts alone: a learner
  // with bit sets, nothing blocked, no exceptions (PlainCount, Counted).
  bool ByCounts(const Scope& scope) const {
    return scope.masked && scope.blocked == nullptr && adjust_ == nullptr;
  }
  // Whether PlainCount() may judge `node` in `scope` (with no trace wanted).
  bool Plain(const PlanNode& node, const Scope& scope) const {
    return node.plain_count && ByCounts(scope);
  }
  // How close `actual` is to `required`, 0..1, as a bounded requirement's progress.
  static double Progress(double actual, double required) {
    return required <= 0 ? 1 : std::min(1.0, actual / required);
  }
  // What Evaluate() gives for such a node, as a population count: without the call of
  // Evaluate, whose frame is large for the groups it also evaluates.
  bool PlainCount(const PlanNode& node, const Scope& scope, double& progress) const {
    const double actual = BitCount(scope.included & LeafBits(node.leaf));
    const double required = node.at_least.value;
    const bool met = actual >= required;
    progress = Progress(actual, required);
    if (!met && progress >= 1) progress = 0.999;
    return met;
  }

  // Value of an aggregate over every eligible achievement (cached); with `used`, also the
  // achievements (indexes into the learner) that it counts.
  double RecordValue(int aggregate, std::vector<std::uint32_t>* used = nullptr);

  // Rule language 1.1: works out the programme's named values (Plan::values) in order, into
  // `out` and for `{value: id}` aggregates; with `used`, per value the achievements it rests on
  // (named_values.cpp).
  void ComputeValues(std::vector<double>& out, std::vector<std::vector<std::uint32_t>>* used);
  const std::vector<double>& values() const { return values_; }

  // For component `c` of `tier` with a `different` (rule language 1.1): into `blocked`, per
  // eligible achievement, whether its value of the field is one that an achievement used by a
  // component it names has, under `owner` (an exclusive component uses what it owns, a shared
  // one every achievement its leaves match). Undecided achievements are used by nobody, so
  // an optimistic scope blocks no more than any allocation would.
  void BlockUsedValues(const TierPlan& tier, std::size_t c, const std::vector<int>& owner,
                       std::vector<std::uint8_t>& blocked);

 private:
  double Threshold(const CompiledThreshold& threshold);
  // Evaluate() of a counted component's root (PlanNode::counted) in a scope PlainCount()
  // could judge each of its leaves in: the result remembered for its capped counts.
  [[gnu::noinline]] bool Counted(int index, const PlanNode& node, const Scope& scope,
                                 double& progress);
  // Whether eligible achievement `e` matches the `where` of plan aggregate `aggregate`.
  bool RecordMatches(int aggregate, std::size_t e) const {
    return matches_[e * plan_->aggregates.size() + static_cast<std::size_t>(aggregate)] != 0;
  }
  // A waive or substitute on node `index` turns `met` true (exception_apply.h).
  void Override(int index, const Scope& scope, bool& met, double& progress, NodeTrace* trace);
  // The aggregate over the eligible achievements `e` for which member(e) holds.
  template <typename Member>
  double AggregateOver(const CompiledAggregate& agg, Member member,
                       std::vector<std::uint32_t>* used);
  // The aggregate of a leaf of a component with `different` (rule language 1.1), whose scope
  // blocks some achievements; out of line, so that Evaluate stays as small as before for the
  // rest.
  [[gnu::noinline]] double BlockedAggregate(const CompiledAggregate& agg, int leaf,
                                            const Scope& scope, std::vector<std::uint32_t>* used);
  // A `sum` with `distinct` (for each value of the field, the most one achievement has) or
  // with `per` (the subtotals of the values that reach each_at_least; groups_reached_ says
  // how many).
  template <typename Member>
  double DistinctSum(const CompiledAggregate& agg, Member member, std::vector<std::uint32_t>* used);

  double ValueOf(const CompiledValue& value, std::vector<std::uint32_t>* used);
  // Of the eligible achievements matching `filter`, the index into the learner of the one with
  // the highest grade (the first of equals), or -1.
  int HighestGraded(const CompiledFilter& filter) const;

  const Plan* plan_ = nullptr;
  const Learner* learner_ = nullptr;
  const LearnerAdjustments* adjust_ = nullptr;  // null for a learner without exceptions
  std::vector<std::uint32_t> eligible_;
  MatchMemo memo_;
  std::vector<std::uint8_t> matches_;  // [position * aggregates + aggregate]: its `where`
  // Which allocating leaves each eligible achievement matches: with at most kMaxMasked of them
  // (masked_), a bit set per leaf; otherwise a byte per leaf and achievement.
  bool masked_ = false;
  std::vector<std::uint64_t> leaf_bits_;  // [leaf], bit `position`
  std::vector<std::uint8_t> leaf_match_;  // [leaf * eligible + position]
  std::vector<double> record_cache_;
  std::vector<std::pair<double, std::size_t>> best_scratch_;
  std::vector<DistinctValue> distinct_scratch_;
  std::vector<int> group_of_;   // a `per` sum's group of each eligible achievement, for a trace
  int groups_reached_ = 0;      // the last `per` sum's values that reached each_at_least
  std::vector<double> values_;  // the named values, once ComputeValues has run
  // Per counted component of the plan with serial `counted_of_`, per combination of capped
  // counts: kept from one learner to the next (Counted).
  struct CountedResult {
    std::uint8_t state = 0;  // 0: not yet known, 1: not met, 2: met
    double progress = 0;
  };
  std::uint64_t counted_of_ = 0;
  std::vector<std::vector<CountedResult>> counted_;
  bool judging_counts_ = false;  // Counted() is judging the tree itself
};

}  // namespace accredit::internal
