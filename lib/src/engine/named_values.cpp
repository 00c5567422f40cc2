// Rule language 1.1's named values, worked out for one learner from every achievement that
// counts: LearnerView::ComputeValues.
#include <algorithm>

#include "engine/learner_view.h"

namespace accredit::internal {

int LearnerView::HighestGraded(const CompiledFilter& filter) const {
  const Learner& learner = *learner_;
  int best = -1;
  int best_rank = kNone - 1;  // below an achievement with no grade on its scale
  for (std::uint32_t i : eligible_) {
    const Achievement& a = learner.achievements[i];
    if (!Matches(*plan_, filter, learner, a)) continue;
    int rank = a.special != kNone ? kNone : a.grade;
    if (rank > best_rank) {
      best = static_cast<int>(i);
      best_rank = rank;
    }
  }
  return best;
}

double LearnerView::ValueOf(const CompiledValue& value, std::vector<std::uint32_t>* used) {
  switch (value.kind) {
    case ValueExpr::Kind::kNumber:
      return value.number;
    case ValueExpr::Kind::kAggregate:
      return RecordValue(value.aggregate, used);
    case ValueExpr::Kind::kValue:
      return values_[static_cast<std::size_t>(value.value)];
    case ValueExpr::Kind::kAdd: {
      double total = 0;
      for (const CompiledValue& operand : value.operands) total += ValueOf(operand, used);
      return total;
    }
    case ValueExpr::Kind::kMultiply: {
      double product = 1;
      for (const CompiledValue& operand : value.operands) product *= ValueOf(operand, used);
      return product;
    }
    case ValueExpr::Kind::kLowest:
    case ValueExpr::Kind::kHighest: {
      const bool lowest = value.kind == ValueExpr::Kind::kLowest;
      double out = 0;
      for (std::size_t i = 0; i < value.operands.size(); ++i) {
        double v = ValueOf(value.operands[i], used);
        if (i == 0 || (lowest ? v < out : v > out)) out = v;
      }
      return out;
    }
    case ValueExpr::Kind::kLookup: {
      int row = HighestGraded(value.row);
      int column = HighestGraded(value.column);
      if (row < 0 || column < 0) return 0;
      const Learner& learner = *learner_;
      if (used != nullptr) {
        used->push_back(static_cast<std::uint32_t>(row));
        if (column != row) used->push_back(static_cast<std::uint32_t>(column));
      }
      return LookupPair(*plan_, value.table, learner,
                        learner.achievements[static_cast<std::size_t>(row)],
                        learner.achievements[static_cast<std::size_t>(column)]);
    }
  }
  return 0;
}

void LearnerView::ComputeValues(std::vector<double>& out,
                                std::vector<std::vector<std::uint32_t>>* used) {
  values_.clear();
  if (used != nullptr) used->assign(plan_->values.size(), {});
  for (std::size_t i = 0; i < plan_->values.size(); ++i) {
    std::vector<std::uint32_t>* u = used != nullptr ? &(*used)[i] : nullptr;
    values_.push_back(ValueOf(plan_->values[i], u));
    if (u != nullptr) {
      // An achievement counted twice (in two parts of a sum) is listed once, in record order.
      std::sort(u->begin(), u->end());
      u->erase(std::unique(u->begin(), u->end()), u->end());
    }
  }
  out = values_;
}

}  // namespace accredit::internal
