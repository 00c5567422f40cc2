// The evaluation plan: a programme compiled once for fast evaluation.
//
// Filters become predicates over interned indexes (type, subject), per-scale grade ranks and
// parsed levels and dates; points tables keyed by [type, grade] become dense arrays; the
// requirement trees become a flat array of nodes. Evaluating a learner against a plan touches
// no YAML and no string maps.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "accredit/records.h"
#include "accredit/rules.h"

namespace accredit::internal {

struct CompiledCondition {
  Field field = Field::kType;
  Condition::Form form = Condition::Form::kOneOf;
  CompareOp op = CompareOp::kEq;
  std::vector<std::uint8_t> type_ok;             // kType: indexed by type
  std::vector<int> subjects;                     // kSubject: allowed subject indexes
  std::vector<std::string> texts;                // free-text fields; grade special codes
  std::vector<int> rank_by_scale;                // kGrade kCompare: operand rank per scale
  std::vector<std::vector<int>> ranks_by_scale;  // kGrade kOneOf: allowed ranks per scale
  std::uint8_t kinds = 0;                        // kKind: bit per Kind
  std::uint8_t statuses = 0;                     // kStatus: bit per Status
  std::vector<Level> levels;                     // kLevel kOneOf
  std::optional<Level> level;                    // kLevel kCompare
  double number = 0;                             // kHours
  std::optional<Date> date;                      // kDate
};

struct CompiledFilter {
  std::vector<CompiledCondition> conditions;
  std::vector<CompiledFilter> negated;
  std::vector<CompiledFilter> alternatives;  // at least one holds, when any
};

struct CompiledAggregate {
  Aggregate::Kind kind = Aggregate::Kind::kCount;
  CompiledFilter where;
  std::optional<Field> distinct;
  std::optional<Field> per;  // sum (1.1): subtotals by this field...
  double each_at_least = 0;  // ...of which only those reaching this count
  Quantity of = Quantity::kCount;
  int table = kNone;
  int n = 0;
  int value = kNone;  // kValue: index into Plan::values, or kNone for the fixed `number`
  double number = 0;
};

// A named value's expression (rule language 1.1), its aggregates in Plan::aggregates.
struct CompiledValue {
  ValueExpr::Kind kind = ValueExpr::Kind::kNumber;
  double number = 0;
  int aggregate = -1;  // kAggregate: index into Plan::aggregates
  int value = kNone;   // kValue: index into Plan::values
  std::vector<CompiledValue> operands;
  int table = kNone;  // kLookup
  CompiledFilter row;
  CompiledFilter column;
};

struct CompiledThreshold {
  bool present = false;
  double value = 0;
  int by = -1;  // index into Plan::aggregates, or -1 for a fixed value
  std::vector<std::pair<double, double>> steps;
};

// A requirement node, by its shape: evaluation needs no more of its kind than that.
struct PlanNode {
  const Requirement* requirement = nullptr;
  RequirementShape shape = RequirementShape::kBounded;
  int aggregate = -1;  // index into Plan::aggregates (bounded, exclusion, comparison left)
  int right = -1;      // comparison right
  CompiledThreshold at_least;
  CompiledThreshold at_most;
  int needed = 0;  // group: how many children must be met (NeededChildren)
  int groups = 0;  // bounded sum with `per`: values of `per` that must reach each_at_least
  CompareOp op = CompareOp::kGe;
  std::vector<int> children;  // node indexes
  int leaf = -1;              // index among the plan's allocating leaves (IsAllocatingLeaf)
  // An allocating leaf that counts what it matches (no `distinct`) against a fixed number,
  // with no upper bound: most of a programme's leaves (LearnerView::PlainCount).
  bool plain_count = false;
  // A component's root whose tree is groups of plain counts: its index in Plan::counted.
  int counted = -1;
};

// A component whose requirement is groups of plain counts (PlanNode::plain_count) alone. Its
// result is a function of its leaves' counts, each capped where it is met (more makes no
// difference), so a learner view remembers the result for each combination of capped counts
// it meets (LearnerView::Counted), and most learners' components are one lookup.
struct CountedComponent {
  std::vector<int> leaves;          // allocating leaf indexes, in the order of the tree
  std::vector<std::uint32_t> caps;  // per leaf: the count from which it is met
  std::size_t combinations = 1;     // of capped counts: the product of each cap + 1
  // The most combinations remembered for a component (a result is 16 bytes).
  static constexpr std::size_t kMaxCombinations = 4096;
};

struct ComponentPlan {
  const Component* component = nullptr;
  int root = -1;
  bool shared = false;
  std::vector<int> leaves;  // allocating leaf indexes in this component's tree
  // Rule language 1.1's `different`: what it sees excludes achievements whose `different`
  // value is one that components `different_from` use (BlockUsedValues).
  std::optional<Field> different;
  std::vector<int> different_from;
};

struct TierPlan {
  const Tier* tier = nullptr;
  std::vector<ComponentPlan> components;
  bool any_different = false;  // some component has a `different` (rule language 1.1)
  CompiledFilter grading_where;
};

// A points table keyed by [type, grade], as points[type][rank].
struct DenseTable {
  bool dense = false;
  std::vector<std::vector<double>> points;
};

struct Plan {
  const RuleSet* rules = nullptr;
  const Programme* programme = nullptr;
  std::vector<PlanNode> nodes;
  std::vector<CompiledAggregate> aggregates;
  std::vector<int> leaf_aggregates;  // per allocating leaf: its aggregate index
  std::vector<TierPlan> tiers;
  std::vector<CountedComponent> counted;  // PlanNode::counted
  std::vector<CompiledValue> values;      // per Programme::values
  std::vector<DenseTable> tables;         // per RuleSet table
  bool has_prior_learning = false;
  CompiledFilter prior_learning;
  // A bit per Field that some aggregate's filter reads (match_memo.h).
  std::uint32_t filter_fields = 0;
  // Unique to this plan in the process, never reused (a memo's key; addresses can be).
  std::uint64_t serial = 0;
};

Plan CompilePlan(const RuleSet& rules, const Programme& programme);

CompiledFilter CompileFilter(const RuleSet& rules, const Filter& filter);

// `a op b` for numbers.
bool CompareNumbers(double a, CompareOp op, double b);

bool Matches(const Plan& plan, const CompiledFilter& filter, const Learner& learner,
             const Achievement& achievement);

// An achievement's quantity for a sum or best (hours, points from `table`, size; 1 for count).
double QuantityOf(const Plan& plan, Quantity quantity, int table, const Learner& learner,
                  const Achievement& achievement);

// A two-result lookup (rule language 1.1): table `table` at the `row` achievement's value of
// its first key field and the `column` achievement's value of its second; 0 when absent.
double LookupPair(const Plan& plan, int table, const Learner& learner, const Achievement& row,
                  const Achievement& column);

// What a `distinct` count compares of an achievement: the subject or type id, else the field's
// text. A subject outside the vocabulary is its text as written, compared by NameKey (rules.h)
// so that "Polish" in one row and "POLISH" in another are one subject; it never equals a
// listed subject's id, since the text would then have matched the id.
struct DistinctValue {
  std::string_view key;  // empty: no value, not counted
  bool by_name = false;  // a subject outside the vocabulary
};
DistinctValue DistinctKey(const Plan& plan, Field field, const Learner& learner,
                          const Achievement& achievement);

// Whether two DistinctKeys are one value.
bool SameDistinctValue(const DistinctValue& a, const DistinctValue& b);

}  // namespace accredit::internal
