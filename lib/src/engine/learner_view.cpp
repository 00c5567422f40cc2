#include "engine/learner_view.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <string_view>

#include "engine/exception_apply.h"

namespace accredit::internal {

namespace {

constexpr double kUncached = -1;

}  // namespace

void LearnerView::Reset(const Plan& plan, const Learner& learner,
                        const std::vector<std::uint32_t>& eligible) {
  plan_ = &plan;
  learner_ = &learner;
  adjust_ = nullptr;
  eligible_ = eligible;
  std::size_t n = eligible_.size();
  std::size_t aggregates = plan.aggregates.size();
  matches_.resize(aggregates * n);
  const std::size_t leaves = plan.leaf_aggregates.size();
  masked_ = n <= kMaxMasked;
  if (masked_) leaf_bits_.assign(leaves, 0);
  const std::size_t words = MatchMemo::LeafWords(plan);
  for (std::size_t e = 0; e < n; ++e) {
    const MatchMemo::Row row = memo_.Find(plan, learner, learner.achievements[eligible_[e]]);
    std::copy(row.aggregates, row.aggregates + aggregates,
              matches_.begin() + static_cast<std::ptrdiff_t>(e * aggregates));
    if (!masked_) continue;
    // The leaves it matches, a bit at a time: an achievement matches few of them.
    std::uint64_t* bits = leaf_bits_.data();
    for (std::size_t w = 0; w < words; ++w) {
      for (std::uint64_t left = row.leaves[w]; left != 0; left &= left - 1) {
        bits[w * 64 + static_cast<std::size_t>(std::countr_zero(left))] |= std::uint64_t{1} << e;
      }
    }
  }
  // Through plain pointers: a byte store may alias anything, so through the vectors every
  // iteration would load their sizes and data again.
  const int* leaf_aggregate = plan.leaf_aggregates.data();
  const std::uint8_t* matches = matches_.data();
  if (!masked_) {
    leaf_match_.resize(leaves * n);
    std::uint8_t* leaf_match = leaf_match_.data();
    for (std::size_t leaf = 0; leaf < leaves; ++leaf) {
      const std::uint8_t* column = matches + static_cast<std::size_t>(leaf_aggregate[leaf]);
      std::uint8_t* out = leaf_match + leaf * n;
      for (std::size_t e = 0; e < n; ++e) out[e] = column[e * aggregates];
    }
  }
  record_cache_.assign(aggregates, kUncached);
  values_.clear();
  if (counted_of_ != plan.serial) {
    counted_.assign(plan.counted.size(), {});
    counted_of_ = plan.serial;
  }
}

void LearnerView::Adjust(const LearnerAdjustments* adjustments) {
  adjust_ = adjustments;
  if (adjust_ == nullptr) return;
  for (const auto& [leaf, e] : adjust_->allowed) {
    if (masked_) {
      leaf_bits_[static_cast<std::size_t>(leaf)] |= std::uint64_t{1} << e;
    } else {
      leaf_match_[static_cast<std::size_t>(leaf) * eligible_.size() + e] = 1;
    }
  }
}

void LearnerView::Override(int index, const Scope& scope, bool& met, double& progress,
                           NodeTrace* trace) {
  if (adjust_->node_override.empty()) return;
  for (int o = adjust_->node_override[static_cast<std::size_t>(index)]; o >= 0;
       o = adjust_->overrides[static_cast<std::size_t>(o)].next) {
    const NodeOverride& node_override = adjust_->overrides[static_cast<std::size_t>(o)];
    if (node_override.action == ExceptionAction::kSubstitute &&
        (node_override.eligible < 0 ||
         !scope.Includes(static_cast<std::size_t>(node_override.eligible)))) {
      continue;  // the substitute does not count, or went to another component
    }
    met = true;
    progress = 1;
    if (trace != nullptr && node_override.action == ExceptionAction::kSubstitute) {
      std::uint32_t i = eligible_[static_cast<std::size_t>(node_override.eligible)];
      if (std::find(trace->used.begin(), trace->used.end(), i) == trace->used.end()) {
        trace->used.push_back(i);
      }
    }
  }
}

template <typename Member>
[[gnu::noinline]] double LearnerView::DistinctSum(const CompiledAggregate& agg, Member member,
                                                  std::vector<std::uint32_t>* used) {
  const Learner& learner = *learner_;
  const bool per = agg.per.has_value();
  const Field field = per ? *agg.per : *agg.distinct;
  distinct_scratch_.clear();
  // Per value of the field: with `distinct`, the most one achievement has and which; with
  // `per`, the subtotal and the first achievement's position (`group_of_` says the rest).
  best_scratch_.clear();
  if (per && used != nullptr) group_of_.assign(eligible_.size(), -1);
  for (std::size_t e = 0; e < eligible_.size(); ++e) {
    if (!member(e)) continue;
    const Achievement& a = learner.achievements[eligible_[e]];
    const DistinctValue value = DistinctKey(*plan_, field, learner, a);
    if (value.key.empty()) continue;
    const double q = QuantityOf(*plan_, agg.of, agg.table, learner, a);
    auto seen =
        std::find_if(distinct_scratch_.begin(), distinct_scratch_.end(),
                     [&](const DistinctValue& other) { return SameDistinctValue(other, value); });
    const auto group = static_cast<std::size_t>(seen - distinct_scratch_.begin());
    if (seen == distinct_scratch_.end()) {
      distinct_scratch_.push_back(value);
      best_scratch_.emplace_back(q, e);
    } else if (per) {
      best_scratch_[group].first += q;
    } else if (q > best_scratch_[group].first) {
      best_scratch_[group] = {q, e};  // ties keep the first, in input order
    }
    if (per && used != nullptr) group_of_[e] = static_cast<int>(group);
  }
  double total = 0;
  groups_reached_ = 0;
  for (std::size_t g = 0; g < best_scratch_.size(); ++g) {
    const auto& [q, e] = best_scratch_[g];
    if (per && q < agg.each_at_least) continue;
    total += q;
    ++groups_reached_;
    if (used == nullptr) continue;
    if (!per) {
      if (q != 0) used->push_back(eligible_[e]);
      continue;
    }
    for (std::size_t x = 0; x < eligible_.size(); ++x) {
      if (group_of_[x] == static_cast<int>(g)) used->push_back(eligible_[x]);
    }
  }
  if (per && used != nullptr) std::sort(used->begin(), used->end());
  return total;
}

template <typename Member>
double LearnerView::AggregateOver(const CompiledAggregate& agg, Member member,
                                  std::vector<std::uint32_t>* used) {
  const Learner& learner = *learner_;
  std::size_t n = eligible_.size();
  switch (agg.kind) {
    case Aggregate::Kind::kCount: {
      if (!agg.distinct) {
        double count = 0;
        for (std::size_t e = 0; e < n; ++e) {
          if (!member(e)) continue;
          count += 1;
          if (used != nullptr) used->push_back(eligible_[e]);
        }
        return count;
      }
      distinct_scratch_.clear();
      for (std::size_t e = 0; e < n; ++e) {
        if (!member(e)) continue;
        const DistinctValue value =
            DistinctKey(*plan_, *agg.distinct, learner, learner.achievements[eligible_[e]]);
        if (value.key.empty() || std::any_of(distinct_scratch_.begin(), distinct_scratch_.end(),
                                             [&](const DistinctValue& seen) {
                                               return SameDistinctValue(seen, value);
                                             })) {
          continue;
        }
        distinct_scratch_.push_back(value);
        if (used != nullptr) used->push_back(eligible_[e]);
      }
      return static_cast<double>(distinct_scratch_.size());
    }
    case Aggregate::Kind::kSum: {
      if (agg.distinct || agg.per) [[unlikely]] {
        return DistinctSum(agg, member, used);
      }
      double total = 0;
      for (std::size_t e = 0; e < n; ++e) {
        if (!member(e)) continue;
        double q =
            QuantityOf(*plan_, agg.of, agg.table, learner, learner.achievements[eligible_[e]]);
        total += q;
        if (used != nullptr && q != 0) used->push_back(eligible_[e]);
      }
      return total;
    }
    case Aggregate::Kind::kBest: {
      best_scratch_.clear();
      for (std::size_t e = 0; e < n; ++e) {
        if (!member(e)) continue;
        best_scratch_.emplace_back(
            QuantityOf(*plan_, agg.of, agg.table, learner, learner.achievements[eligible_[e]]), e);
      }
      // Highest first; ties keep input order, so the choice is deterministic.
      std::stable_sort(best_scratch_.begin(), best_scratch_.end(),
                       [](const auto& a, const auto& b) { return a.first > b.first; });
      double total = 0;
      for (std::size_t i = 0; i < best_scratch_.size() && i < static_cast<std::size_t>(agg.n);
           ++i) {
        total += best_scratch_[i].first;
        if (used != nullptr) used->push_back(eligible_[best_scratch_[i].second]);
      }
      return total;
    }
    case Aggregate::Kind::kValue:
      // A named value (rule language 1.1) or a fixed number: no achievement of its own.
      return agg.value == kNone ? agg.number : values_[static_cast<std::size_t>(agg.value)];
  }
  return 0;
}

void LearnerView::BlockUsedValues(const TierPlan& tier, std::size_t c,
                                  const std::vector<int>& owner,
                                  std::vector<std::uint8_t>& blocked) {
  const ComponentPlan& cp = tier.components[c];
  const Learner& learner = *learner_;
  const std::size_t n = eligible_.size();
  blocked.assign(n, 0);
  distinct_scratch_.clear();
  for (std::size_t e = 0; e < n; ++e) {
    bool used = false;
    for (int d : cp.different_from) {
      const ComponentPlan& other = tier.components[static_cast<std::size_t>(d)];
      if (other.shared) {
        for (int leaf : other.leaves) used = used || LeafMatches(leaf, e);
      } else {
        used = used || owner[e] == d;
      }
    }
    if (!used) continue;
    DistinctValue value =
        DistinctKey(*plan_, *cp.different, learner, learner.achievements[eligible_[e]]);
    if (!value.key.empty()) distinct_scratch_.push_back(value);
  }
  if (distinct_scratch_.empty()) return;
  for (std::size_t e = 0; e < n; ++e) {
    DistinctValue value =
        DistinctKey(*plan_, *cp.different, learner, learner.achievements[eligible_[e]]);
    if (value.key.empty()) continue;
    for (const DistinctValue& seen : distinct_scratch_) {
      if (SameDistinctValue(seen, value)) {
        blocked[e] = 1;
        break;
      }
    }
  }
}

double LearnerView::RecordValue(int aggregate, std::vector<std::uint32_t>* used) {
  const CompiledAggregate& agg = plan_->aggregates[static_cast<std::size_t>(aggregate)];
  if (used != nullptr) {
    return AggregateOver(
        agg, [&](std::size_t e) { return RecordMatches(aggregate, e); }, used);
  }
  double& cached = record_cache_[static_cast<std::size_t>(aggregate)];
  if (cached != kUncached) return cached;
  cached = AggregateOver(
      agg, [&](std::size_t e) { return RecordMatches(aggregate, e); }, nullptr);
  return cached;
}

double LearnerView::Threshold(const CompiledThreshold& threshold) {
  if (threshold.by < 0) return threshold.value;
  double by = RecordValue(threshold.by);
  // The highest step whose key is at most `by`; below every key, the lowest step applies.
  double value = threshold.steps.front().second;
  for (const auto& [from, step] : threshold.steps) {
    if (by >= from) value = step;
  }
  return value;
}

double LearnerView::BlockedAggregate(const CompiledAggregate& agg, int leaf, const Scope& scope,
                                     std::vector<std::uint32_t>* used) {
  const std::uint8_t* blocked = scope.blocked;
  return AggregateOver(
      agg,
      [&](std::size_t e) { return blocked[e] == 0 && scope.Includes(e) && LeafMatches(leaf, e); },
      used);
}

bool LearnerView::Counted(int index, const PlanNode& node, const Scope& scope, double& progress) {
  const CountedComponent& counted = plan_->counted[static_cast<std::size_t>(node.counted)];
  std::size_t key = 0;
  for (std::size_t i = 0; i < counted.leaves.size(); ++i) {
    const std::uint32_t cap = counted.caps[i];
    const auto count =
        static_cast<std::uint32_t>(BitCount(scope.included & LeafBits(counted.leaves[i])));
    key = key * (std::size_t{cap} + 1) + std::min(count, cap);
  }
  std::vector<CountedResult>& results = counted_[static_cast<std::size_t>(node.counted)];
  if (results.empty()) results.resize(counted.combinations);
  CountedResult& result = results[key];
  if (result.state == 0) {
    // The first learner with these counts: the tree judged as for any learner.
    judging_counts_ = true;
    double judged = 0;
    const bool met = Evaluate(index, scope, judged, nullptr);
    judging_counts_ = false;
    result.state = met ? 2 : 1;
    result.progress = judged;
  }
  progress = result.progress;
  return result.state == 2;
}

bool LearnerView::Evaluate(int index, const Scope& scope, double& progress, NodeTrace* trace) {
  const PlanNode& node = plan_->nodes[static_cast<std::size_t>(index)];
  if (trace == nullptr && Plain(node, scope)) return PlainCount(node, scope, progress);
  if (node.counted >= 0 && trace == nullptr && !judging_counts_ && ByCounts(scope)) {
    return Counted(index, node, scope, progress);
  }
  if (trace != nullptr) trace->node = node.requirement;
  bool met = false;
  switch (node.shape) {
    case RequirementShape::kBounded: {
      met = true;
      progress = 1;
      std::vector<std::uint32_t>* used = trace != nullptr ? &trace->used : nullptr;
      if (node.at_least.present) {
        const CompiledAggregate& agg = plan_->aggregates[static_cast<std::size_t>(node.aggregate)];
        // Two instances, so that a component without `different` pays nothing for it.
        const std::uint8_t* blocked = scope.blocked;
        double actual = 0;
        if (blocked != nullptr) {
          actual = BlockedAggregate(agg, node.leaf, scope, used);
        } else if (scope.masked) {
          // What the component sees of the leaf's matches, as a bit set: a count is then a
          // population count, anything else a test of a bit per achievement.
          const std::uint64_t bits = scope.included & LeafBits(node.leaf);
          if (agg.kind == Aggregate::Kind::kCount && !agg.distinct && used == nullptr) {
            actual = BitCount(bits);
          } else if (agg.kind == Aggregate::Kind::kSum && !agg.distinct && !agg.per &&
                     used == nullptr) {
            // A plain sum visits only the achievements it counts, in order (as AggregateOver).
            const Learner& learner = *learner_;
            for (std::uint64_t left = bits; left != 0; left &= left - 1) {
              const Achievement& a =
                  learner.achievements[eligible_[static_cast<std::size_t>(std::countr_zero(left))]];
              actual += agg.of == Quantity::kHours
                            ? a.hours
                            : QuantityOf(*plan_, agg.of, agg.table, learner, a);
            }
          } else {
            actual = AggregateOver(
                agg, [bits](std::size_t e) { return ((bits >> e) & 1) != 0; }, used);
          }
        } else {
          actual = AggregateOver(
              agg, [&](std::size_t e) { return scope.Includes(e) && LeafMatches(node.leaf, e); },
              used);
        }
        const int groups = groups_reached_;  // before a threshold's `by` sets it again
        double required = Threshold(node.at_least);
        met = actual >= required;
        progress = Progress(actual, required);
        if (node.groups > 0) {  // rule language 1.1: "across at least two strands"
          met = met && groups >= node.groups;
          progress = std::min(progress, std::min(1.0, static_cast<double>(groups) / node.groups));
        }
        if (trace != nullptr) {
          trace->actual = actual;
          trace->required = required;
          trace->groups = node.groups > 0 ? groups : 0;
          trace->groups_required = node.groups;
        }
      }
      if (node.at_most.present) {
        double actual = RecordValue(node.aggregate);
        double limit = Threshold(node.at_most);
        if (actual > limit) {
          met = false;
          progress = 0;
        }
        if (trace != nullptr && !node.at_least.present) {
          trace->actual = actual;
          trace->required = limit;
          trace->upper_bound = true;
        }
      }
      break;
    }
    case RequirementShape::kExclusion: {
      double count = RecordValue(node.aggregate);
      met = count == 0;
      progress = met ? 1 : 0;
      if (trace != nullptr) {
        trace->actual = count;
        trace->required = 0;
        trace->upper_bound = true;
        for (std::size_t e = 0; e < eligible_.size(); ++e) {
          if (RecordMatches(node.aggregate, e)) trace->used.push_back(eligible_[e]);
        }
      }
      break;
    }
    case RequirementShape::kComparison: {
      double left = RecordValue(node.aggregate);
      double right = RecordValue(node.right);
      met = CompareNumbers(left, node.op, right);
      progress = met ? 1 : 0;
      if (trace != nullptr) {
        trace->actual = left;
        trace->required = right;
      }
      break;
    }
    case RequirementShape::kGroup: {
      // Progress is the mean of the `needed` best children; groups are small, so the
      // progresses live on the stack (a vector only past kInline children).
      constexpr std::size_t kInline = 16;
      double inline_progress[kInline];
      std::vector<double> heap_progress;
      double* progresses = inline_progress;
      if (node.children.size() > kInline) {
        heap_progress.resize(node.children.size());
        progresses = heap_progress.data();
      }
      int children_met = 0;
      std::size_t count = 0;
      for (int child : node.children) {
        double p = 0;
        NodeTrace* child_trace = nullptr;
        if (trace != nullptr) {
          trace->children.emplace_back();
          child_trace = &trace->children.back();
        }
        // Every child is evaluated (no short cut), so a trace shows every condition.
        const PlanNode& child_node = plan_->nodes[static_cast<std::size_t>(child)];
        if (trace == nullptr && Plain(child_node, scope)) {
          if (PlainCount(child_node, scope, p)) ++children_met;
        } else if (Evaluate(child, scope, p, child_trace)) {
          ++children_met;
        }
        progresses[count++] = p;
      }
      const int needed = node.needed;
      met = children_met >= needed;
      double sum = 0;
      if (static_cast<std::size_t>(needed) >= count) {  // `all`: every child
        for (std::size_t i = 0; i < count; ++i) sum += progresses[i];
      } else if (needed == 1) {  // `any`: the best child
        sum = *std::max_element(progresses, progresses + count);
      } else {
        std::sort(progresses, progresses + count, std::greater<>());
        for (std::size_t i = 0; i < static_cast<std::size_t>(needed); ++i) sum += progresses[i];
      }
      progress = needed > 0 ? sum / needed : 1;
      if (met) progress = 1;
      if (trace != nullptr) {
        trace->actual = children_met;
        trace->required = needed;
      }
      break;
    }
  }
  if (adjust_ != nullptr) Override(index, scope, met, progress, trace);
  if (!met && progress >= 1) progress = 0.999;
  if (trace != nullptr) trace->met = met;
  return met;
}

}  // namespace accredit::internal
