#include "engine/plan.h"

#include <algorithm>
#include <atomic>
#include <cmath>

namespace accredit::internal {

namespace {

CompiledCondition CompileCondition(const RuleSet& rules, const Condition& c) {
  CompiledCondition out;
  out.field = c.field;
  out.form = c.form;
  out.op = c.op;
  switch (c.field) {
    case Field::kType:
      out.type_ok.assign(rules.types.size(), 0);
      for (const std::string& v : c.values) {
        int t = rules.FindType(v);
        if (t != kNone) out.type_ok[static_cast<std::size_t>(t)] = 1;
      }
      break;
    case Field::kSubject:
      for (const std::string& v : c.values) out.subjects.push_back(rules.FindSubject(v));
      break;
    case Field::kGrade:
      out.texts = c.values;
      out.rank_by_scale.assign(rules.scales.size(), kNone);
      out.ranks_by_scale.assign(rules.scales.size(), {});
      for (std::size_t s = 0; s < rules.scales.size(); ++s) {
        const Scale& scale = rules.scales[s];
        if (c.form == Condition::Form::kPass) {
          out.rank_by_scale[s] = scale.pass;
        } else if (c.form == Condition::Form::kCompare) {
          out.rank_by_scale[s] = scale.Rank(c.values.front());
        } else {
          for (const std::string& v : c.values) {
            int rank = scale.Rank(v);
            if (rank != kNone) out.ranks_by_scale[s].push_back(rank);
          }
        }
      }
      break;
    case Field::kKind:
      for (const std::string& v : c.values) {
        if (auto kind = KindByName(v))
          out.kinds |= static_cast<std::uint8_t>(1u << static_cast<unsigned>(*kind));
      }
      break;
    case Field::kStatus:
      for (const std::string& v : c.values) {
        if (auto status = StatusByName(v)) {
          out.statuses |= static_cast<std::uint8_t>(1u << static_cast<unsigned>(*status));
        }
      }
      break;
    case Field::kLevel:
      out.level = c.level;
      for (const std::string& v : c.values) {
        if (auto level = ParseLevel(v)) out.levels.push_back(*level);
      }
      break;
    case Field::kHours:
      out.number = c.number;
      break;
    case Field::kDate:
      out.date = c.date;
      break;
    default:
      out.texts = c.values;
      break;
  }
  return out;
}

bool OneOfText(const std::vector<std::string>& texts, std::string_view value) {
  for (const std::string& t : texts) {
    if (t == value) return true;
  }
  return false;
}

bool MatchesCondition(const Plan& plan, const CompiledCondition& c, const Learner& learner,
                      const Achievement& a) {
  const RuleSet& rules = *plan.rules;
  bool result = false;
  switch (c.field) {
    case Field::kType:
      result = a.type != kNone && c.type_ok[static_cast<std::size_t>(a.type)] != 0;
      break;
    case Field::kSubject:
      result = a.subject != kNone &&
               std::find(c.subjects.begin(), c.subjects.end(), a.subject) != c.subjects.end();
      break;
    case Field::kKind:
      result = (c.kinds >> static_cast<unsigned>(a.kind) & 1u) != 0;
      break;
    case Field::kStatus:
      result = (c.statuses >> static_cast<unsigned>(a.status) & 1u) != 0;
      break;
    case Field::kGrade: {
      if (a.type == kNone) return false;
      int scale = rules.types[static_cast<std::size_t>(a.type)].scale;
      if (scale == kNone) return false;
      if (a.grade == kNone) {
        // A special code: it can only match a grade written as that code.
        return c.form == Condition::Form::kOneOf && a.special != kNone &&
               OneOfText(c.texts, learner.Text(a, Field::kGrade));
      }
      if (c.form == Condition::Form::kOneOf) {
        const std::vector<int>& ranks = c.ranks_by_scale[static_cast<std::size_t>(scale)];
        result = std::find(ranks.begin(), ranks.end(), a.grade) != ranks.end();
      } else {
        int operand = c.rank_by_scale[static_cast<std::size_t>(scale)];
        if (operand == kNone) return false;
        result = c.form == Condition::Form::kPass ? a.grade >= operand
                                                  : CompareNumbers(a.grade, c.op, operand);
      }
      break;
    }
    case Field::kLevel:
      if (!a.level) return false;
      if (c.form == Condition::Form::kCompare) {
        result = CompareNumbers(a.level->value, c.op, c.level->value);
      } else {
        result = std::find(c.levels.begin(), c.levels.end(), *a.level) != c.levels.end();
      }
      break;
    case Field::kHours:
      if (c.form == Condition::Form::kCompare) {
        result = CompareNumbers(a.hours, c.op, c.number);
      } else {
        result = a.hours == c.number;
      }
      break;
    case Field::kDate:
      if (!a.date || !c.date) return false;
      result = c.form == Condition::Form::kCompare
                   ? CompareNumbers(a.date->days, c.op, c.date->days)
                   : a.date->days == c.date->days;
      break;
    default: {
      std::string_view text = learner.Text(a, c.field);
      result = OneOfText(c.texts, text);
      if (c.form == Condition::Form::kCompare && c.op == CompareOp::kNe) {
        result = !result;
      }
      return result;
    }
  }
  if (c.form == Condition::Form::kCompare && c.op == CompareOp::kNe &&
      (c.field == Field::kType || c.field == Field::kSubject || c.field == Field::kKind ||
       c.field == Field::kStatus)) {
    return !result;
  }
  return result;
}

class Compiler {
 public:
  Compiler(const RuleSet& rules, Plan& plan) : rules_(rules), plan_(plan) {}

  int Aggregate(const accredit::Aggregate& agg) {
    CompiledAggregate out;
    out.kind = agg.kind;
    out.where = CompileFilter(rules_, agg.where);
    out.distinct = agg.distinct;
    out.per = agg.per;
    out.each_at_least = agg.each_at_least;
    out.of = agg.of;
    out.table = agg.table;
    out.n = agg.n;
    out.value = agg.value;
    out.number = agg.number;
    plan_.aggregates.push_back(std::move(out));
    return static_cast<int>(plan_.aggregates.size() - 1);
  }

  CompiledValue Value(const ValueExpr& expr) {
    CompiledValue out;
    out.kind = expr.kind;
    out.number = expr.number;
    out.value = expr.value;
    out.table = expr.table;
    if (expr.kind == ValueExpr::Kind::kAggregate) out.aggregate = Aggregate(expr.aggregate);
    for (const ValueExpr& operand : expr.operands) out.operands.push_back(Value(operand));
    out.row = CompileFilter(rules_, expr.row);
    out.column = CompileFilter(rules_, expr.column);
    return out;
  }

  CompiledThreshold Threshold(const accredit::Threshold& t) {
    CompiledThreshold out;
    out.present = t.present;
    out.value = t.value;
    out.steps = t.steps;
    if (!t.by.empty()) out.by = Aggregate(t.by.front());
    return out;
  }

  int Node(const Requirement& req, ComponentPlan& component) {
    int index = static_cast<int>(plan_.nodes.size());
    plan_.nodes.emplace_back();
    PlanNode node;
    node.requirement = &req;
    node.shape = ShapeOf(req.kind);
    node.needed = NeededChildren(req);
    node.groups = req.groups;
    node.op = req.op;
    switch (node.shape) {
      case RequirementShape::kBounded:
        node.aggregate = Aggregate(req.aggregate);
        node.at_least = Threshold(req.at_least);
        node.at_most = Threshold(req.at_most);
        if (IsAllocatingLeaf(req)) {
          node.leaf = static_cast<int>(plan_.leaf_aggregates.size());
          plan_.leaf_aggregates.push_back(node.aggregate);
          component.leaves.push_back(node.leaf);
          const CompiledAggregate& agg = plan_.aggregates[static_cast<std::size_t>(node.aggregate)];
          node.plain_count = node.at_least.present && node.at_least.by < 0 &&
                             !node.at_most.present && node.groups == 0 &&
                             agg.kind == Aggregate::Kind::kCount && !agg.distinct;
        }
        break;
      case RequirementShape::kExclusion:
        node.aggregate = Aggregate(req.aggregate);
        break;
      case RequirementShape::kComparison:
        node.aggregate = Aggregate(req.aggregate);
        node.right = Aggregate(req.right);
        break;
      case RequirementShape::kGroup:
        for (const Requirement& child : req.children)
          node.children.push_back(Node(child, component));
        break;
    }
    plan_.nodes[static_cast<std::size_t>(index)] = std::move(node);
    return index;
  }

  // Makes the group at `root` a CountedComponent when its tree is groups of plain counts
  // with few enough combinations of capped counts.
  void MarkCounted(int root) {
    if (plan_.nodes[static_cast<std::size_t>(root)].shape != RequirementShape::kGroup) return;
    CountedComponent counted;
    if (!CollectCounts(root, counted)) return;
    plan_.nodes[static_cast<std::size_t>(root)].counted = static_cast<int>(plan_.counted.size());
    plan_.counted.push_back(std::move(counted));
  }

 private:
  // Adds the leaves under `index` to `out`; false when one is not a plain count, or the
  // combinations grow past the most remembered.
  bool CollectCounts(int index, CountedComponent& out) const {
    const PlanNode& node = plan_.nodes[static_cast<std::size_t>(index)];
    if (node.shape == RequirementShape::kGroup) {
      for (int child : node.children) {
        if (!CollectCounts(child, out)) return false;
      }
      return true;
    }
    if (!node.plain_count) return false;
    // Met from the first whole number at least the threshold; a learner with bit sets has at
    // most LearnerView::kMaxMasked (64) achievements, so a cap past that is never reached.
    const double at_least = node.at_least.value;
    const double cap = at_least <= 0 ? 0 : std::min(std::ceil(at_least), 65.0);
    const auto cap_count = static_cast<std::uint32_t>(cap);
    out.leaves.push_back(node.leaf);
    out.caps.push_back(cap_count);
    out.combinations *= std::size_t{cap_count} + 1;
    return out.combinations <= CountedComponent::kMaxCombinations;
  }

  const RuleSet& rules_;
  Plan& plan_;
};

}  // namespace

bool CompareNumbers(double a, CompareOp op, double b) {
  switch (op) {
    case CompareOp::kEq:
      return a == b;
    case CompareOp::kNe:
      return a != b;
    case CompareOp::kLt:
      return a < b;
    case CompareOp::kLe:
      return a <= b;
    case CompareOp::kGt:
      return a > b;
    case CompareOp::kGe:
      return a >= b;
  }
  return false;
}

CompiledFilter CompileFilter(const RuleSet& rules, const Filter& filter) {
  CompiledFilter out;
  for (const Condition& c : filter.conditions) out.conditions.push_back(CompileCondition(rules, c));
  for (const Filter& f : filter.negated) out.negated.push_back(CompileFilter(rules, f));
  for (const Filter& f : filter.alternatives) out.alternatives.push_back(CompileFilter(rules, f));
  return out;
}

namespace {

void AddFields(const CompiledFilter& filter, std::uint32_t& fields) {
  for (const CompiledCondition& c : filter.conditions) {
    fields |= std::uint32_t{1} << static_cast<unsigned>(c.field);
  }
  for (const CompiledFilter& f : filter.negated) AddFields(f, fields);
  for (const CompiledFilter& f : filter.alternatives) AddFields(f, fields);
}

}  // namespace

Plan CompilePlan(const RuleSet& rules, const Programme& programme) {
  Plan plan;
  plan.rules = &rules;
  plan.programme = &programme;
  Compiler compiler(rules, plan);
  for (const NamedValue& value : programme.values)
    plan.values.push_back(compiler.Value(value.expr));
  for (const Tier& tier : programme.tiers) {
    TierPlan tp;
    tp.tier = &tier;
    for (const Component& c : tier.components) {
      ComponentPlan cp;
      cp.component = &c;
      cp.shared = c.shared;
      cp.different = c.different_field;
      cp.different_from = c.different_from;
      tp.any_different = tp.any_different || c.different_field.has_value();
      cp.root = compiler.Node(c.requirement, cp);
      compiler.MarkCounted(cp.root);
      tp.components.push_back(std::move(cp));
    }
    tp.grading_where = CompileFilter(rules, tier.grading.where);
    plan.tiers.push_back(std::move(tp));
  }
  for (const CompiledAggregate& agg : plan.aggregates) AddFields(agg.where, plan.filter_fields);
  static std::atomic<std::uint64_t> serials{0};
  plan.serial = ++serials;
  plan.has_prior_learning = programme.has_prior_learning;
  plan.prior_learning = CompileFilter(rules, programme.prior_learning);
  for (const PointsTable& table : rules.tables) {
    DenseTable dense;
    if (table.key1 == Field::kType && table.key2 == Field::kGrade) {
      dense.dense = true;
      dense.points.resize(rules.types.size());
      for (std::size_t t = 0; t < rules.types.size(); ++t) {
        int scale = rules.types[t].scale;
        if (scale == kNone) continue;
        const Scale& s = rules.scales[static_cast<std::size_t>(scale)];
        dense.points[t].resize(s.grades.size());
        for (std::size_t r = 0; r < s.grades.size(); ++r) {
          dense.points[t][r] = table.Lookup(rules.types[t].id, s.grades[r]);
        }
      }
    }
    plan.tables.push_back(std::move(dense));
  }
  return plan;
}

bool Matches(const Plan& plan, const CompiledFilter& filter, const Learner& learner,
             const Achievement& achievement) {
  for (const CompiledCondition& c : filter.conditions) {
    if (!MatchesCondition(plan, c, learner, achievement)) return false;
  }
  for (const CompiledFilter& f : filter.negated) {
    if (Matches(plan, f, learner, achievement)) return false;
  }
  if (filter.alternatives.empty()) return true;
  for (const CompiledFilter& f : filter.alternatives) {
    if (Matches(plan, f, learner, achievement)) return true;
  }
  return false;
}

namespace {

std::string_view KeyText(const Plan& plan, Field field, const Learner& learner,
                         const Achievement& a) {
  const RuleSet& rules = *plan.rules;
  if (field == Field::kType && a.type != kNone)
    return rules.types[static_cast<std::size_t>(a.type)].id;
  if (field == Field::kGrade && a.type != kNone && a.grade != kNone) {
    int scale = rules.types[static_cast<std::size_t>(a.type)].scale;
    if (scale != kNone)
      return rules.scales[static_cast<std::size_t>(scale)]
          .grades[static_cast<std::size_t>(a.grade)];
  }
  if (field == Field::kSubject && a.subject != kNone) {
    return rules.subjects[static_cast<std::size_t>(a.subject)].id;
  }
  return learner.Text(a, field);
}

}  // namespace

double QuantityOf(const Plan& plan, Quantity quantity, int table, const Learner& learner,
                  const Achievement& a) {
  switch (quantity) {
    case Quantity::kCount:
      return 1;
    case Quantity::kHours:
      return a.hours;
    case Quantity::kSize:
      return a.type == kNone ? 1 : plan.rules->types[static_cast<std::size_t>(a.type)].size;
    case Quantity::kPoints: {
      if (table == kNone || a.special != kNone) return 0;
      const DenseTable& dense = plan.tables[static_cast<std::size_t>(table)];
      if (dense.dense) {
        if (a.type == kNone || a.grade == kNone) return 0;
        const std::vector<double>& row = dense.points[static_cast<std::size_t>(a.type)];
        return static_cast<std::size_t>(a.grade) < row.size()
                   ? row[static_cast<std::size_t>(a.grade)]
                   : 0;
      }
      const PointsTable& t = plan.rules->tables[static_cast<std::size_t>(table)];
      return t.Lookup(KeyText(plan, t.key1, learner, a), KeyText(plan, t.key2, learner, a));
    }
  }
  return 0;
}

DistinctValue DistinctKey(const Plan& plan, Field field, const Learner& learner,
                          const Achievement& achievement) {
  return DistinctValue{KeyText(plan, field, learner, achievement),
                       field == Field::kSubject && achievement.subject == kNone};
}

bool SameDistinctValue(const DistinctValue& a, const DistinctValue& b) {
  // Only two unlisted subjects need their names compared: the usual case is ids, compared as
  // they are, many times over in an allocation search.
  if (a.by_name != b.by_name) return false;
  return a.by_name ? SameName(a.key, b.key) : a.key == b.key;
}

double LookupPair(const Plan& plan, int table, const Learner& learner, const Achievement& row,
                  const Achievement& column) {
  if (table == kNone) return 0;
  const PointsTable& t = plan.rules->tables[static_cast<std::size_t>(table)];
  return t.Lookup(KeyText(plan, t.key1, learner, row), KeyText(plan, t.key2, learner, column));
}

}  // namespace accredit::internal
