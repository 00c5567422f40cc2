// Parses a programme's named values (rule language 1.1's top-level `values`): each a number
// worked out from the learner's achievements, written as an expression.
#include <fmt/format.h>

#include "rules/rules_parse.h"

namespace accredit::internal {

namespace {

constexpr int kMaxValueDepth = 16;

// The keys that make an expression: an aggregate's and each written ValueExpr::Kind's.
std::vector<std::string> ExpressionKeys() {
  std::vector<std::string> keys;
  for (const EnumName<Aggregate::Kind>& kind : kAggregateKindNames) {
    if (kind.value != Aggregate::Kind::kValue) keys.emplace_back(kind.name);
  }
  for (const EnumName<ValueExpr::Kind>& kind : kValueExprKindNames) {
    if (kind.value != ValueExpr::Kind::kNumber && kind.value != ValueExpr::Kind::kAggregate) {
      keys.emplace_back(kind.name);
    }
  }
  return keys;
}

std::string ListOfKeys(const std::vector<std::string>& keys) {
  std::vector<std::string> quoted;
  for (const std::string& key : keys) quoted.push_back(fmt::format("'{}'", key));
  return fmt::format("{} or {}", fmt::join(quoted.begin(), quoted.end() - 1, ", "), quoted.back());
}

bool ParseExpr(const YamlNode& node, int depth, LoadContext& cx, ValueExpr& out);

bool ParseOperands(const YamlNode& key, const YamlNode& list, int depth, LoadContext& cx,
                   ValueExpr& out) {
  if (!list.IsSequence() || list.items.size() < 2) {
    cx.Error(list, "bad-node",
             fmt::format("expected a list of two or more values for '{}'", key.value));
    return false;
  }
  bool ok = true;
  for (const YamlNode& item : list.items) {
    out.operands.emplace_back();
    ok = ParseExpr(item, depth + 1, cx, out.operands.back()) && ok;
  }
  return ok;
}

// `lookup: {table: id, row: filter, column: filter}`.
bool ParseLookup(const YamlNode& body, LoadContext& cx, ValueExpr& out) {
  if (!cx.CheckMap(body, "'lookup'", {"table", "row", "column"})) return false;
  const YamlNode* table = cx.Require(body, "table", "'lookup'");
  const YamlNode* row = cx.Require(body, "row", "'lookup'");
  const YamlNode* column = cx.Require(body, "column", "'lookup'");
  if (table == nullptr || row == nullptr || column == nullptr) return false;
  out.table_id = cx.Text(*table, "'table'").value_or("");
  out.table_location = cx.Loc(*table);
  bool ok = !out.table_id.empty();
  ok = ParseFilter(*row, cx, out.row) && ok;
  ok = ParseFilter(*column, cx, out.column) && ok;
  for (const auto& [filter, what] : {std::pair{row, "row"}, std::pair{column, "column"}}) {
    if (filter->IsNull() || (filter->IsMap() && filter->entries.empty())) {
      cx.Error(*filter, "bad-value",
               fmt::format("the lookup's '{}' needs a filter that picks one result, such as "
                           "{{type: epq}}",
                           what));
      ok = false;
    }
  }
  return ok;
}

bool ParseExpr(const YamlNode& node, int depth, LoadContext& cx, ValueExpr& out) {
  out.location = cx.Loc(node);
  if (depth > kMaxValueDepth) {
    cx.Error(node, "too-deep", fmt::format("a value nests more than {} deep", kMaxValueDepth));
    return false;
  }
  if (node.IsScalar()) {
    auto number = cx.Number(node, "a value");
    if (!number) return false;
    out.kind = ValueExpr::Kind::kNumber;
    out.number = *number;
    return true;
  }
  static const std::vector<std::string> keys = ExpressionKeys();
  std::vector<std::string> allowed = keys;
  if (depth == 0) allowed.insert(allowed.end(), {"title", "description"});
  if (!node.IsMap()) {
    cx.Error(node, "bad-node",
             fmt::format("expected a number or a mapping with one of {}", ListOfKeys(keys)));
    return false;
  }
  if (!cx.CheckMapKeys(node, "a value", allowed)) return false;
  const YamlNode* key = nullptr;
  const YamlNode* body = nullptr;
  int found = 0;
  for (const auto& [k, v] : node.entries) {
    if (k.value == "title" || k.value == "description") continue;
    if (++found == 1) {
      key = &k;
      body = &v;
    }
  }
  if (found != 1) {
    cx.Error(node, found == 0 ? DiagnosticCode("missing-key") : DiagnosticCode("bad-value"),
             fmt::format("a value needs exactly one of {}", ListOfKeys(keys)));
    return false;
  }
  auto aggregate = ValueOf(kAggregateKindNames, key->value);
  if (aggregate && *aggregate != Aggregate::Kind::kValue) {
    out.kind = ValueExpr::Kind::kAggregate;
    YamlNode one = node;  // the aggregate alone, as ParseAggregate reads it
    one.entries.clear();
    one.entries.emplace_back(*key, *body);
    return ParseAggregate(one, "a value", cx, out.aggregate);
  }
  auto kind = ValueOf(kValueExprKindNames, key->value);
  if (!kind) return false;  // an unknown key, reported by CheckMapKeys
  out.kind = *kind;
  switch (out.kind) {
    case ValueExpr::Kind::kNumber:
    case ValueExpr::Kind::kAggregate:
      return false;  // not reached: neither is written as a key
    case ValueExpr::Kind::kValue:
      out.value_id = cx.Text(*body, "'value'").value_or("");
      return !out.value_id.empty();
    case ValueExpr::Kind::kAdd:
    case ValueExpr::Kind::kMultiply:
    case ValueExpr::Kind::kLowest:
    case ValueExpr::Kind::kHighest:
      return ParseOperands(*key, *body, depth, cx, out);
    case ValueExpr::Kind::kLookup:
      return ParseLookup(*body, cx, out);
  }
  return false;
}

}  // namespace

void ParseValues(const YamlNode& node, LoadContext& cx, Programme& programme) {
  if (!node.IsMap() || node.entries.empty()) {
    cx.Error(node, "bad-node", "expected a mapping of value ids for 'values'");
    return;
  }
  for (const auto& [key, body] : node.entries) {
    auto id = cx.Id(key, "a value");
    if (!id) continue;
    NamedValue value;
    value.id = *id;
    value.location = cx.Loc(key);
    if (body.IsMap()) {
      if (const YamlNode* n = body.Find("title")) value.title = cx.Text(*n, "'title'").value_or("");
      if (const YamlNode* n = body.Find("description")) {
        value.description = cx.Text(*n, "'description'").value_or("");
      }
    }
    ParseExpr(body, 0, cx, value.expr);
    programme.values.push_back(std::move(value));
  }
}

}  // namespace accredit::internal
