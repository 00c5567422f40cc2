// Parses requirement trees, aggregates, thresholds and `where` filters.
//
// Each primitive has one parse function, found in kPrimitives through its key as written
// (kRequirementKindNames in rules.h); each aggregate's body likewise in kAggregates. The keys
// that messages and "did you mean" list come from those tables, so a new primitive is a parse
// function and a row here, and a row in rules.h.
#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <span>

#include "rules/rules_parse.h"

namespace accredit::internal {

namespace {

// Whether `rows` holds one row per enumerator of E in declaration order, as E's names table
// does, so that it can be indexed by the enumerator. A static_assert on it turns a kind without
// its row into a compile error.
template <typename Row, std::size_t N, typename E, std::size_t M>
constexpr bool OneRowPerKind(const Row (&rows)[N], const EnumName<E> (&)[M]) {
  if (N != M) return false;
  for (std::size_t i = 0; i < N; ++i) {
    if (static_cast<std::size_t>(rows[i].kind) != i) return false;
  }
  return true;
}

std::vector<std::string> FieldNameList() {
  std::vector<std::string> names(FieldNames().begin(), FieldNames().end());
  names.push_back("not");
  names.push_back("any");
  return names;
}

// Splits a leading comparison operator off `text` (">= 4" -> kGe, "4"): the longest symbol
// that starts it, so that ">=" is not read as ">" followed by "= 4".
std::optional<CompareOp> SplitOperator(std::string_view text, std::string& operand) {
  const EnumName<CompareOp>* match = nullptr;
  for (const EnumName<CompareOp>& op : kCompareOpNames) {
    if (text.starts_with(op.name) && (match == nullptr || op.name.size() > match->name.size())) {
      match = &op;
    }
  }
  if (match == nullptr) return std::nullopt;
  std::string_view rest = text.substr(match->name.size());
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  operand = std::string(rest);
  return match->value;
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
              node, "bad-value", fmt::format("'kind' is {}, not '{}'", ListOf(kKindNames), value));
          AddDidYouMean(d, value, NamesOf(kKindNames));
          return false;
        }
        break;
      case Field::kStatus:
        if (!StatusByName(value)) {
          Diagnostic& d =
              cx.Error(node, "bad-value",
                       fmt::format("'status' is {}, not '{}'", ListOf(kStatusNames), value));
          AddDidYouMean(d, value, NamesOf(kStatusNames));
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

// What `of` may name: every quantity but kCount (the last), which only a count counts.
constexpr EnumName<Quantity> kOfNames[] = {kQuantityNames[0], kQuantityNames[1], kQuantityNames[2]};
static_assert(std::size(kOfNames) + 1 == std::size(kQuantityNames) &&
              kQuantityNames[std::size(kOfNames)].value == Quantity::kCount);

// `of` and `table`: what a sum or best adds up.
bool ParseQuantity(const YamlNode& body, LoadContext& cx, Aggregate& agg) {
  std::string what = fmt::format("'{}'", NameOf(kAggregateKindNames, agg.kind));
  const YamlNode* of = cx.Require(body, "of", what);
  if (of == nullptr) return false;
  auto name = cx.Text(*of, "'of'");
  if (!name) return false;
  auto quantity = ValueOf(kOfNames, *name);
  if (!quantity) {
    Diagnostic& d =
        cx.Error(*of, "bad-value", fmt::format("'of' is {}, not '{}'", ListOf(kOfNames), *name));
    AddDidYouMean(d, *name, NamesOf(kOfNames));
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
  return true;
}

// `distinct: field`, when given: each value of the field counts once.
bool ParseDistinct(const YamlNode& body, LoadContext& cx, Aggregate& agg) {
  const YamlNode* d = body.Find("distinct");
  if (d == nullptr) return true;
  agg.distinct = cx.FieldValue(*d, "'distinct'");
  return agg.distinct.has_value();
}

bool ParseCountBody(const YamlNode& body, LoadContext& cx, Aggregate& agg) {
  agg.of = Quantity::kCount;
  return ParseDistinct(body, cx, agg);
}

// `per: field` and `each_at_least: n` of a sum (rule language 1.1): subtotals by the field's
// values, of which only those reaching n count. One needs the other; `distinct` goes with
// neither.
bool ParsePer(const YamlNode& body, LoadContext& cx, Aggregate& agg) {
  const YamlNode* per = body.Find("per");
  const YamlNode* each = body.Find("each_at_least");
  if (per == nullptr && each == nullptr) return true;
  if (per == nullptr || each == nullptr) {
    cx.Error(body, "missing-key",
             per == nullptr ? "'each_at_least' needs 'per': the field whose values are added up "
                              "apart, such as 'per: strand'"
                            : "'per' needs 'each_at_least': how much each value must reach to "
                              "count, such as 'each_at_least: 30'");
    return false;
  }
  if (agg.distinct) {
    cx.Error(*LoadContext::KeyOf(body, "per"), "bad-value",
             "'per' and 'distinct' do not go together: 'per' adds up each value's achievements, "
             "'distinct' takes one achievement per value");
    return false;
  }
  agg.per = cx.FieldValue(*per, "'per'");
  if (!agg.per) return false;
  auto minimum = cx.Number(*each, "'each_at_least'");
  if (!minimum) return false;
  if (*minimum <= 0) {
    cx.Error(*each, "bad-number", "'each_at_least' must be greater than 0");
    return false;
  }
  agg.each_at_least = *minimum;
  return true;
}

// A sum with `distinct` (rule language 1.1) adds, for each value of the field, the most that
// one achievement with that value has: hours on different days, points of different subjects.
bool ParseSumBody(const YamlNode& body, LoadContext& cx, Aggregate& agg) {
  if (!ParseQuantity(body, cx, agg)) return false;
  for (std::string_view key : {"distinct", "per", "each_at_least"}) {
    if (body.Find(key) != nullptr &&
        !cx.Needs11(*LoadContext::KeyOf(body, key), fmt::format("'{}' in a 'sum'", key))) {
      return false;
    }
  }
  if (!ParseDistinct(body, cx, agg)) return false;
  return ParsePer(body, cx, agg);
}

bool ParseBestBody(const YamlNode& body, LoadContext& cx, Aggregate& agg) {
  if (!ParseQuantity(body, cx, agg)) return false;
  const YamlNode* n =
      cx.Require(body, "n", fmt::format("'{}'", NameOf(kAggregateKindNames, agg.kind)));
  if (n == nullptr) return false;
  auto count = cx.Integer(*n, "'n'", 1);
  if (!count) return false;
  agg.n = *count;
  return true;
}

// An aggregate's keys besides `where`, and the function that reads them.
struct AggregateSyntax {
  Aggregate::Kind kind;
  std::span<const std::string_view> keys;
  bool (*parse)(const YamlNode& body, LoadContext& cx, Aggregate& agg);
};
constexpr std::string_view kCountKeys[] = {"distinct"};
constexpr std::string_view kSumKeys[] = {"of", "table", "distinct", "per", "each_at_least"};
constexpr std::string_view kBestKeys[] = {"of", "table", "n"};
// `{value: ...}` has a scalar, not a body (ParseValueAggregate); its row is never parsed.
bool NoBody(const YamlNode& body, LoadContext& cx, Aggregate& /*agg*/) {
  cx.Error(body, "bad-node", "'value' names a value or gives a number");
  return false;
}
constexpr AggregateSyntax kAggregates[] = {
    {Aggregate::Kind::kCount, kCountKeys, ParseCountBody},
    {Aggregate::Kind::kSum, kSumKeys, ParseSumBody},
    {Aggregate::Kind::kBest, kBestKeys, ParseBestBody},
    {Aggregate::Kind::kValue, {}, NoBody},
};
static_assert(OneRowPerKind(kAggregates, kAggregateKindNames),
              "kAggregates needs a row per Aggregate::Kind, in declaration order");

const AggregateSyntax& SyntaxOf(Aggregate::Kind kind) {
  return kAggregates[static_cast<std::size_t>(kind)];
}

// The keys of an aggregate's body, with a requirement's bounds when `thresholds`.
std::vector<std::string> AggregateKeys(Aggregate::Kind kind, bool thresholds) {
  std::vector<std::string> keys = {"where"};
  for (std::string_view key : SyntaxOf(kind).keys) keys.emplace_back(key);
  if (thresholds) keys.insert(keys.end(), {"at_least", "at_most"});
  if (thresholds && kind == Aggregate::Kind::kSum) keys.emplace_back("groups");
  return keys;
}

// Reads an aggregate's body (keys already checked) into `agg`.
bool ParseAggregateBody(Aggregate::Kind kind, const YamlNode& body, LoadContext& cx,
                        Aggregate& agg) {
  agg.kind = kind;
  agg.location = cx.Loc(body);
  if (const YamlNode* w = body.Find("where")) {
    if (!ParseFilter(*w, cx, agg.where)) return false;
  }
  return SyntaxOf(kind).parse(body, cx, agg);
}

// `{value: total-points}` or `{value: 30}` (rule language 1.1): a named value of the programme
// (resolved by CheckRuleSet), or a fixed number.
bool ParseValueAggregate(const YamlNode& key, const YamlNode& body, LoadContext& cx,
                         Aggregate& out) {
  out.kind = Aggregate::Kind::kValue;
  out.location = cx.Loc(body);
  if (!cx.Needs11(key, "'value' in a comparison or a threshold")) return false;
  auto text = cx.Text(body, "'value'");
  if (!text) return false;
  if (auto number = ParseNumber(*text)) {
    out.number = *number;
    return true;
  }
  out.value_id = *text;
  return true;
}

}  // namespace

// An aggregate written as `{count: {...}}`, `{sum: {...}}`, `{best: {...}}` or `{value: ...}`.
bool ParseAggregate(const YamlNode& node, std::string_view what, LoadContext& cx, Aggregate& out) {
  if (!cx.CheckMapKeys(node, what, NamesOf(kAggregateKindNames))) return false;
  if (node.entries.size() != 1) {
    cx.Error(node, "bad-value",
             fmt::format("{} needs exactly one of {}", what, ListOf(kAggregateKindNames)));
    return false;
  }
  const auto& [key, body] = node.entries.front();
  auto kind = ValueOf(kAggregateKindNames, key.value);
  if (!kind) return false;
  if (*kind == Aggregate::Kind::kValue) return ParseValueAggregate(key, body, cx, out);
  if (!cx.CheckMapKeys(body, fmt::format("'{}'", key.value), AggregateKeys(*kind, false))) {
    return false;
  }
  return ParseAggregateBody(*kind, body, cx, out);
}

namespace {

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
  // Steps may be written in any order (a mapping has none); each key once.
  struct Step {
    double from;
    double value;
    const YamlNode* key;
  };
  std::vector<Step> read;
  for (const auto& [k, v] : steps->entries) {
    auto from = cx.Number(k, "a step");
    auto value = cx.Number(v, "a step's threshold");
    if (!from || !value) return false;
    read.push_back({*from, *value, &k});
  }
  std::stable_sort(read.begin(), read.end(),
                   [](const Step& a, const Step& b) { return a.from < b.from; });
  for (std::size_t i = 0; i < read.size(); ++i) {
    if (i > 0 && read[i].from == read[i - 1].from) {
      cx.Error(*read[i].key, "bad-value",
               fmt::format("a step for {} is given twice in 'steps'", FormatNumber(read[i].from)));
      return false;
    }
    out.steps.emplace_back(read[i].from, read[i].value);
  }
  return true;
}

// The primitives. Each reads the value under its key into `out`, whose id and kind are set;
// `depth` is the nesting of `out`, for the children of a group.
using PrimitiveParser = bool (*)(const YamlNode& body, int depth, LoadContext& cx,
                                 Requirement& out);

// "'count'": the primitive's key, for messages.
std::string Quoted(const Requirement& out) {
  return fmt::format("'{}'", NameOf(kRequirementKindNames, out.kind));
}

// count, sum, best: an aggregate of `kind` with `at_least`, `at_most` or both.
bool ParseBounded(Aggregate::Kind kind, const YamlNode& body, LoadContext& cx, Requirement& out) {
  std::string what = Quoted(out);
  std::size_t before = cx.diagnostics().error_count();
  if (!cx.CheckMapKeys(body, what, AggregateKeys(kind, true))) return false;
  // A misspelt key has been reported: do not pile "needs at_least" on top of it.
  bool misspelt = cx.diagnostics().error_count() > before;
  if (!ParseAggregateBody(kind, body, cx, out.aggregate)) return false;
  bool ok = true;
  if (const YamlNode* t = body.Find("at_least")) {
    ok = ParseThreshold(*t, "'at_least'", cx, out.at_least) && ok;
  }
  if (const YamlNode* t = body.Find("at_most")) {
    ok = ParseThreshold(*t, "'at_most'", cx, out.at_most) && ok;
  }
  if (const YamlNode* g = body.Find("groups")) {
    const YamlNode& key = *LoadContext::KeyOf(body, "groups");
    if (!cx.Needs11(key, "'groups' in a 'sum'")) return false;
    if (!out.aggregate.per) {
      cx.Error(key, "missing-key",
               "'groups' needs 'per' and 'each_at_least': how many values of which field must "
               "reach how much");
      return false;
    }
    auto groups = cx.Integer(*g, "'groups'", 1);
    if (!groups) return false;
    out.groups = *groups;
  }
  if (ok && !misspelt && !out.at_least.present && !out.at_most.present) {
    cx.Error(body, "missing-key", fmt::format("{} needs 'at_least' or 'at_most'", what));
    return false;
  }
  return ok;
}

bool ParseCount(const YamlNode& body, int /*depth*/, LoadContext& cx, Requirement& out) {
  return ParseBounded(Aggregate::Kind::kCount, body, cx, out);
}

bool ParseSum(const YamlNode& body, int /*depth*/, LoadContext& cx, Requirement& out) {
  return ParseBounded(Aggregate::Kind::kSum, body, cx, out);
}

bool ParseBest(const YamlNode& body, int /*depth*/, LoadContext& cx, Requirement& out) {
  return ParseBounded(Aggregate::Kind::kBest, body, cx, out);
}

// The list of a group's children; a child's id is its parent's and its position, or the id
// it gives.
bool ParseChildren(const YamlNode& list, int depth, LoadContext& cx, Requirement& out) {
  if (!cx.CheckList(list, Quoted(out))) return false;
  bool ok = true;
  for (std::size_t i = 0; i < list.items.size(); ++i) {
    const YamlNode& child = list.items[i];
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

bool ParseAll(const YamlNode& body, int depth, LoadContext& cx, Requirement& out) {
  return ParseChildren(body, depth, cx, out);
}

bool ParseAny(const YamlNode& body, int depth, LoadContext& cx, Requirement& out) {
  return ParseChildren(body, depth, cx, out);
}

bool ParseNOf(const YamlNode& body, int depth, LoadContext& cx, Requirement& out) {
  std::string what = Quoted(out);
  if (!cx.CheckMap(body, what, {"at_least", "of"})) return false;
  const YamlNode* n = cx.Require(body, "at_least", what);
  const YamlNode* list = cx.Require(body, "of", what);
  if (n == nullptr || list == nullptr) return false;
  auto count = cx.Integer(*n, "'at_least'", 0);
  if (!count) return false;
  out.n_of = *count;
  return ParseChildren(*list, depth, cx, out);
}

bool ParseNone(const YamlNode& body, int /*depth*/, LoadContext& cx, Requirement& out) {
  std::string what = Quoted(out);
  if (!cx.CheckMap(body, what, {"where"})) return false;
  const YamlNode* w = cx.Require(body, "where", what);
  return w != nullptr && ParseFilter(*w, cx, out.aggregate.where);
}

bool ParseCompare(const YamlNode& body, int /*depth*/, LoadContext& cx, Requirement& out) {
  std::string what = Quoted(out);
  if (!cx.CheckMap(body, what, {"left", "op", "right"})) return false;
  const YamlNode* left = cx.Require(body, "left", what);
  const YamlNode* op = cx.Require(body, "op", what);
  const YamlNode* right = cx.Require(body, "right", what);
  if (left == nullptr || op == nullptr || right == nullptr) return false;
  bool ok = ParseAggregate(*left, "'left'", cx, out.aggregate);
  ok = ParseAggregate(*right, "'right'", cx, out.right) && ok;
  std::string operand;
  auto symbol = cx.Text(*op, "'op'");
  auto parsed = symbol ? SplitOperator(*symbol, operand) : std::nullopt;
  if (!parsed || !operand.empty()) {
    if (symbol) {
      cx.Error(*op, "bad-operator",
               fmt::format("'op' is one of {}, not '{}'", fmt::join(NamesOf(kCompareOpNames), ", "),
                           *symbol));
    }
    return false;
  }
  out.op = *parsed;
  return ok;
}

struct Primitive {
  Requirement::Kind kind;
  PrimitiveParser parse;
};
constexpr Primitive kPrimitives[] = {
    {Requirement::Kind::kCount, ParseCount}, {Requirement::Kind::kSum, ParseSum},
    {Requirement::Kind::kBest, ParseBest},   {Requirement::Kind::kAll, ParseAll},
    {Requirement::Kind::kAny, ParseAny},     {Requirement::Kind::kNOf, ParseNOf},
    {Requirement::Kind::kNoneOf, ParseNone}, {Requirement::Kind::kCompare, ParseCompare},
};
static_assert(OneRowPerKind(kPrimitives, kRequirementKindNames),
              "kPrimitives needs a row per Requirement::Kind, in declaration order");

}  // namespace

namespace {

// `any: [filter, filter, ...]`: at least one of them holds (rule language 1.1).
bool ParseAlternatives(const YamlNode& key, const YamlNode& value, LoadContext& cx, Filter& out) {
  if (!cx.Needs11(key, "'any' in a filter")) return false;
  if (!value.IsSequence() || value.items.size() < 2) {
    cx.Error(value, "bad-node",
             "expected a list of two or more filters for 'any', of which at least one must hold");
    return false;
  }
  bool ok = true;
  for (const YamlNode& item : value.items) {
    if (!item.IsMap()) {
      cx.Error(item, "bad-node", "expected a filter (a mapping of field: condition) in 'any'");
      ok = false;
      continue;
    }
    out.alternatives.emplace_back();
    ok = ParseFilter(item, cx, out.alternatives.back()) && ok;
  }
  return ok;
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
    if (key.value == "any") {
      ok = ParseAlternatives(key, value, cx, out) && ok;
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
  std::vector<std::string> allowed = NamesOf(kRequirementKindNames);
  allowed.insert(allowed.end(), {"id", "title", "description"});
  allowed.insert(allowed.end(), extra_keys.begin(), extra_keys.end());
  if (!cx.CheckMapKeys(node, what, allowed)) return false;
  if (const YamlNode* n = node.Find("title")) out.title = cx.Text(*n, "'title'").value_or("");
  if (const YamlNode* n = node.Find("description")) {
    out.description = cx.Text(*n, "'description'").value_or("");
  }
  const YamlNode* body = nullptr;
  Requirement::Kind kind = out.kind;
  int found = 0;
  for (const auto& [key, value] : node.entries) {
    if (auto primitive = ValueOf(kRequirementKindNames, key.value)) {
      if (++found == 1) {
        body = &value;
        kind = *primitive;
      }
    }
  }
  if (found != 1) {
    cx.Error(node, found == 0 ? DiagnosticCode("missing-key") : DiagnosticCode("bad-value"),
             fmt::format("{} needs exactly one of {}{}", what, ListOf(kRequirementKindNames),
                         found == 0 ? "" : fmt::format(", not {}", found)));
    return false;
  }
  out.kind = kind;
  return kPrimitives[static_cast<std::size_t>(kind)].parse(*body, depth, cx, out);
}

}  // namespace accredit::internal
