// Parses requirement trees, aggregates, thresholds and `where` filters.
#include <fmt/format.h>

#include <algorithm>

#include "rules/rules_parse.h"

namespace accredit::internal {

namespace {

const std::vector<std::string> kPrimitives = {"count", "sum",  "best", "all",
                                              "any",   "n_of", "none", "compare"};

std::vector<std::string> FieldNameList() {
  std::vector<std::string> names(FieldNames().begin(), FieldNames().end());
  names.push_back("not");
  return names;
}

// Splits a leading comparison operator off `text` (">= 4" -> kGe, "4").
std::optional<CompareOp> SplitOperator(std::string_view text, std::string& operand) {
  struct Op {
    std::string_view symbol;
    CompareOp op;
  };
  static constexpr Op kOps[] = {{">=", CompareOp::kGe}, {"<=", CompareOp::kLe},
                                {"!=", CompareOp::kNe}, {"==", CompareOp::kEq},
                                {">", CompareOp::kGt},  {"<", CompareOp::kLt}};
  for (const Op& op : kOps) {
    if (text.substr(0, op.symbol.size()) == op.symbol) {
      std::string_view rest = text.substr(op.symbol.size());
      while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
      operand = std::string(rest);
      return op.op;
    }
  }
  return std::nullopt;
}

bool ParseCondition(Field field, const YamlNode& node, LoadContext& cx, Condition& out) {
  out.field = field;
  out.location = cx.Loc(node);
  std::string what = fmt::format("filter field '{}'", FieldName(field));
  if (node.IsSequence()) {
    auto values = cx.TextList(node, what, false);
    if (!values) return false;
    if (values->empty()) {
      cx.Error(node, "impossible-requirement",
               fmt::format("empty list for {}: nothing could match", what));
      return false;
    }
    out.form = Condition::Form::kOneOf;
    out.values = std::move(*values);
  } else {
    auto text = cx.Text(node, what);
    if (!text) return false;
    std::string operand;
    std::optional<CompareOp> op =
        node.quoted || !text->empty() ? SplitOperator(*text, operand) : std::nullopt;
    if (field == Field::kGrade && *text == "pass") {
      out.form = Condition::Form::kPass;
    } else if (op) {
      bool ordered = field == Field::kGrade || field == Field::kLevel || field == Field::kHours ||
                     field == Field::kDate;
      if (!ordered && *op != CompareOp::kEq && *op != CompareOp::kNe) {
        cx.Error(node, "bad-operator",
                 fmt::format("'{}' cannot be compared with '{}': only grade, level, hours and "
                             "date are ordered",
                             FieldName(field), CompareOpSymbol(*op)));
        return false;
      }
      if (operand.empty()) {
        cx.Error(node, "bad-operator", fmt::format("'{}' needs a value after the operator", *text));
        return false;
      }
      out.form = Condition::Form::kCompare;
      out.op = *op;
      out.values = {operand};
    } else {
      out.form = Condition::Form::kOneOf;
      out.values = {*text};
    }
  }
  // Parse operands of the typed fields now, so the evaluator never parses text.
  for (const std::string& value : out.values) {
    switch (field) {
      case Field::kLevel: {
        auto level = ParseLevel(value);
        if (!level) {
          cx.Error(node, "bad-level",
                   fmt::format("'{}' is not a level: use entry1, entry2, entry3 or 1 to 8", value));
          return false;
        }
        out.level = level;
        break;
      }
      case Field::kHours: {
        auto number = ParseNumber(value);
        if (!number) {
          cx.Error(node, "bad-number", fmt::format("expected a number of hours, got '{}'", value));
          return false;
        }
        out.number = *number;
        break;
      }
      case Field::kDate: {
        auto date = ParseDate(value);
        if (!date) {
          cx.Error(node, "bad-date",
                   fmt::format("expected a date like 2025-09-01, got '{}'", value));
          return false;
        }
        out.date = date;
        break;
      }
      case Field::kKind:
        if (!KindByName(value)) {
          Diagnostic& d = cx.Error(
              node, "bad-value",
              fmt::format("'kind' is qualification, project or activity, not '{}'", value));
          AddDidYouMean(d, value, {"qualification", "project", "activity"});
          return false;
        }
        break;
      case Field::kStatus:
        if (!StatusByName(value)) {
          Diagnostic& d = cx.Error(
              node, "bad-value",
              fmt::format("'status' is achieved, predicted, in-progress or withdrawn, not '{}'",
                          value));
          AddDidYouMean(d, value, {"achieved", "predicted", "in-progress", "withdrawn"});
          return false;
        }
        break;
      default:
        break;
    }
  }
  if (field == Field::kLevel && out.form == Condition::Form::kOneOf) {
    for (std::string& value : out.values) value = FormatLevel(*ParseLevel(value));
  }
  return true;
}

std::optional<Quantity> QuantityByName(std::string_view name) {
  if (name == "hours") return Quantity::kHours;
  if (name == "points") return Quantity::kPoints;
  if (name == "size") return Quantity::kSize;
  return std::nullopt;
}

// Reads the parts common to count/sum/best bodies into `agg`.
bool ParseAggregateBody(Aggregate::Kind kind, const YamlNode& body, LoadContext& cx,
                        Aggregate& agg) {
  agg.kind = kind;
  agg.location = cx.Loc(body);
  if (const YamlNode* w = body.Find("where")) {
    if (!ParseFilter(*w, cx, agg.where)) return false;
  }
  if (kind == Aggregate::Kind::kCount) {
    agg.of = Quantity::kCount;
    if (const YamlNode* d = body.Find("distinct")) {
      auto name = cx.Text(*d, "'distinct'");
      if (!name) return false;
      agg.distinct = FieldByName(*name);
      if (!agg.distinct) {
        Diagnostic& diag =
            cx.Error(*d, "unknown-field", fmt::format("unknown field '{}' in 'distinct'", *name));
        AddDidYouMean(diag, *name,
                      std::vector<std::string>(FieldNames().begin(), FieldNames().end()));
        return false;
      }
    }
    return true;
  }
  const YamlNode* of = cx.Require(body, "of", kind == Aggregate::Kind::kSum ? "'sum'" : "'best'");
  if (of == nullptr) return false;
  auto name = cx.Text(*of, "'of'");
  if (!name) return false;
  auto quantity = QuantityByName(*name);
  if (!quantity) {
    Diagnostic& d =
        cx.Error(*of, "bad-value", fmt::format("'of' is hours, points or size, not '{}'", *name));
    AddDidYouMean(d, *name, {"hours", "points", "size"});
    return false;
  }
  agg.of = *quantity;
  if (const YamlNode* t = body.Find("table")) {
    agg.table_id = cx.Text(*t, "'table'").value_or("");
    agg.table_location = cx.Loc(*t);
    if (agg.of != Quantity::kPoints) {
      cx.Error(*t, "bad-value", "'table' only applies with 'of: points'");
      return false;
    }
  } else if (agg.of == Quantity::kPoints) {
    cx.Error(body, "missing-key", "'of: points' needs a 'table' naming the points table");
    return false;
  }
  if (kind == Aggregate::Kind::kBest) {
    const YamlNode* n = cx.Require(body, "n", "'best'");
    if (n == nullptr) return false;
    auto count = cx.Integer(*n, "'n'", 1);
    if (!count) return false;
    agg.n = *count;
  }
  return true;
}

std::optional<Aggregate::Kind> AggregateKind(std::string_view key) {
  if (key == "count") return Aggregate::Kind::kCount;
  if (key == "sum") return Aggregate::Kind::kSum;
  if (key == "best") return Aggregate::Kind::kBest;
  return std::nullopt;
}

std::vector<std::string> AggregateKeys(Aggregate::Kind kind, bool thresholds) {
  std::vector<std::string> keys = {"where"};
  if (kind == Aggregate::Kind::kCount) keys.push_back("distinct");
  if (kind != Aggregate::Kind::kCount) keys.insert(keys.end(), {"of", "table"});
  if (kind == Aggregate::Kind::kBest) keys.push_back("n");
  if (thresholds) keys.insert(keys.end(), {"at_least", "at_most"});
  return keys;
}

// An aggregate written as `{count: {...}}`, `{sum: {...}}` or `{best: {...}}`.
bool ParseAggregate(const YamlNode& node, std::string_view what, LoadContext& cx, Aggregate& out) {
  if (!cx.CheckMap(node, what, {"count", "sum", "best"})) return false;
  if (node.entries.size() != 1) {
    cx.Error(node, "bad-value", fmt::format("{} needs exactly one of count, sum or best", what));
    return false;
  }
  const auto& [key, body] = node.entries.front();
  auto kind = AggregateKind(key.value);
  if (!kind) return false;
  if (!cx.CheckMapKeys(body, fmt::format("'{}'", key.value), AggregateKeys(*kind, false))) {
    return false;
  }
  return ParseAggregateBody(*kind, body, cx, out);
}

bool ParseThreshold(const YamlNode& node, std::string_view what, LoadContext& cx, Threshold& out) {
  out.present = true;
  out.location = cx.Loc(node);
  if (node.IsScalar()) {
    auto value = cx.Number(node, what);
    if (!value) return false;
    if (*value < 0) {
      cx.Error(node, "impossible-requirement", fmt::format("{} may not be negative", what));
      return false;
    }
    out.value = *value;
    return true;
  }
  if (!cx.CheckMap(node, what, {"by", "steps"})) return false;
  const YamlNode* by = cx.Require(node, "by", what);
  const YamlNode* steps = cx.Require(node, "steps", what);
  if (by == nullptr || steps == nullptr) return false;
  out.by.emplace_back();
  if (!ParseAggregate(*by, "'by'", cx, out.by.back())) return false;
  if (!steps->IsMap() || steps->entries.empty()) {
    cx.Error(*steps, "bad-node", "expected a mapping of 'value of by: threshold' for 'steps'");
    return false;
  }
  for (const auto& [k, v] : steps->entries) {
    auto from = cx.Number(k, "a step");
    auto value = cx.Number(v, "a step's threshold");
    if (!from || !value) return false;
    if (!out.steps.empty() && *from <= out.steps.back().first) {
      cx.Error(k, "bad-value", "'steps' must be listed in increasing order");
      return false;
    }
    out.steps.emplace_back(*from, *value);
  }
  return true;
}

}  // namespace

bool ParseFilter(const YamlNode& node, LoadContext& cx, Filter& out) {
  out.location = cx.Loc(node);
  if (node.IsNull()) return true;  // `where:` with nothing: every achievement
  if (!cx.CheckMapKeys(node, "'where'", FieldNameList())) return false;
  bool ok = true;
  for (const auto& [key, value] : node.entries) {
    if (key.value == "not") {
      out.negated.emplace_back();
      ok = ParseFilter(value, cx, out.negated.back()) && ok;
      continue;
    }
    auto field = FieldByName(key.value);
    if (!field) continue;  // reported by CheckMapKeys
    if (*field == Field::kLearner) {
      cx.Error(key, "bad-value", "rules may not single out a learner by id");
      ok = false;
      continue;
    }
    Condition condition;
    if (ParseCondition(*field, value, cx, condition)) {
      out.conditions.push_back(std::move(condition));
    } else {
      ok = false;
    }
  }
  return ok;
}

bool ParseRequirement(const YamlNode& node, std::string id,
                      const std::vector<std::string>& extra_keys, int depth, LoadContext& cx,
                      Requirement& out) {
  out.id = std::move(id);
  out.location = cx.Loc(node);
  bool component = std::find(extra_keys.begin(), extra_keys.end(), "role") != extra_keys.end();
  std::string what = fmt::format("{} '{}'", component ? "component" : "requirement", out.id);
  if (depth > kMaxRequirementDepth) {
    cx.Error(node, "too-deep",
             fmt::format("requirements nest deeper than the limit of {}", kMaxRequirementDepth));
    return false;
  }
  std::vector<std::string> allowed = kPrimitives;
  allowed.insert(allowed.end(), {"id", "title", "description"});
  allowed.insert(allowed.end(), extra_keys.begin(), extra_keys.end());
  if (!cx.CheckMapKeys(node, what, allowed)) return false;
  if (const YamlNode* n = node.Find("title")) out.title = cx.Text(*n, "'title'").value_or("");
  if (const YamlNode* n = node.Find("description")) {
    out.description = cx.Text(*n, "'description'").value_or("");
  }
  const YamlNode* body = nullptr;
  std::string primitive;
  int found = 0;
  for (const auto& [key, value] : node.entries) {
    if (std::find(kPrimitives.begin(), kPrimitives.end(), key.value) != kPrimitives.end()) {
      if (++found == 1) {
        body = &value;
        primitive = key.value;
      }
    }
  }
  if (found != 1) {
    cx.Error(node, found == 0 ? "missing-key" : "bad-value",
             fmt::format("{} needs exactly one of count, sum, best, all, any, n_of, none or "
                         "compare{}",
                         what, found == 0 ? "" : fmt::format(", not {}", found)));
    return false;
  }
  if (auto kind = AggregateKind(primitive)) {
    out.kind = primitive == "count" ? Requirement::Kind::kCount
               : primitive == "sum" ? Requirement::Kind::kSum
                                    : Requirement::Kind::kBest;
    std::size_t before = cx.diagnostics().error_count();
    if (!cx.CheckMapKeys(*body, fmt::format("'{}'", primitive), AggregateKeys(*kind, true))) {
      return false;
    }
    // A misspelt key has been reported: do not pile "needs at_least" on top of it.
    bool misspelt = cx.diagnostics().error_count() > before;
    if (!ParseAggregateBody(*kind, *body, cx, out.aggregate)) return false;
    bool ok = true;
    if (const YamlNode* t = body->Find("at_least")) {
      ok = ParseThreshold(*t, "'at_least'", cx, out.at_least) && ok;
    }
    if (const YamlNode* t = body->Find("at_most")) {
      ok = ParseThreshold(*t, "'at_most'", cx, out.at_most) && ok;
    }
    if (ok && !misspelt && !out.at_least.present && !out.at_most.present) {
      cx.Error(*body, "missing-key", fmt::format("'{}' needs 'at_least' or 'at_most'", primitive));
      return false;
    }
    return ok;
  }
  if (primitive == "none") {
    out.kind = Requirement::Kind::kNoneOf;
    if (!cx.CheckMap(*body, "'none'", {"where"})) return false;
    const YamlNode* w = cx.Require(*body, "where", "'none'");
    return w != nullptr && ParseFilter(*w, cx, out.aggregate.where);
  }
  if (primitive == "compare") {
    out.kind = Requirement::Kind::kCompare;
    if (!cx.CheckMap(*body, "'compare'", {"left", "op", "right"})) return false;
    const YamlNode* left = cx.Require(*body, "left", "'compare'");
    const YamlNode* op = cx.Require(*body, "op", "'compare'");
    const YamlNode* right = cx.Require(*body, "right", "'compare'");
    if (left == nullptr || op == nullptr || right == nullptr) return false;
    bool ok = ParseAggregate(*left, "'left'", cx, out.aggregate);
    ok = ParseAggregate(*right, "'right'", cx, out.right) && ok;
    std::string operand;
    auto symbol = cx.Text(*op, "'op'");
    auto parsed = symbol ? SplitOperator(*symbol, operand) : std::nullopt;
    if (!parsed || !operand.empty()) {
      if (symbol) {
        cx.Error(*op, "bad-operator",
                 fmt::format("'op' is one of >=, >, <=, <, ==, !=, not '{}'", *symbol));
      }
      return false;
    }
    out.op = *parsed;
    return ok;
  }
  // all / any / n_of
  const YamlNode* list = body;
  if (primitive == "n_of") {
    out.kind = Requirement::Kind::kNOf;
    if (!cx.CheckMap(*body, "'n_of'", {"at_least", "of"})) return false;
    const YamlNode* n = cx.Require(*body, "at_least", "'n_of'");
    list = cx.Require(*body, "of", "'n_of'");
    if (n == nullptr || list == nullptr) return false;
    auto count = cx.Integer(*n, "'at_least'", 0);
    if (!count) return false;
    out.n_of = *count;
  } else {
    out.kind = primitive == "all" ? Requirement::Kind::kAll : Requirement::Kind::kAny;
  }
  if (!cx.CheckList(*list, fmt::format("'{}'", primitive))) return false;
  bool ok = true;
  for (std::size_t i = 0; i < list->items.size(); ++i) {
    const YamlNode& child = list->items[i];
    std::string child_id = fmt::format("{}.{}", out.id, i + 1);
    if (child.IsMap()) {
      if (const YamlNode* given = child.Find("id")) {
        if (auto local = cx.Id(*given, "a requirement")) child_id = out.id + "." + *local;
      }
    }
    out.children.emplace_back();
    ok = ParseRequirement(child, child_id, {}, depth + 1, cx, out.children.back()) && ok;
  }
  return ok;
}

}  // namespace accredit::internal
