// Parses a programme: its metadata, tiers of components, grading bands and example tests (the
// tests themselves are read by rule_test_parser.cpp).
#include <fmt/format.h>

#include "rules/rules_parse.h"

namespace accredit::internal {

namespace {

void ParseBands(const YamlNode& node, LoadContext& cx, Grading& grading) {
  if (!node.IsMap() || node.entries.empty()) {
    cx.Error(node, "bad-node", "expected a mapping of band: minimum for 'bands'");
    return;
  }
  for (const auto& [key, value] : node.entries) {
    auto name = cx.Id(key, "a grading band");
    if (!name) continue;
    Band band;
    band.name = *name;
    band.location = cx.Loc(key);
    if (value.IsScalar()) {
      auto at_least = cx.Number(value, fmt::format("band '{}'", *name));
      if (!at_least) continue;
      band.at_least = *at_least;
    } else {
      std::string what = fmt::format("band '{}'", *name);
      if (!cx.CheckMap(value, what, {"at_least", "below"})) continue;
      if (const YamlNode* n = cx.Require(value, "at_least", what)) {
        band.at_least = cx.Number(*n, "'at_least'").value_or(0);
      }
      if (const YamlNode* n = value.Find("below")) {
        if (auto below = cx.Number(*n, "'below'")) band.below = *below;
      }
    }
    grading.bands.push_back(std::move(band));
  }
}

// Rule language 1.1: `best: N` and `combine: total | lowest` in a points grading.
void ParseCombine(const YamlNode& body, LoadContext& cx, Grading& grading) {
  if (const YamlNode* n = body.Find("best")) {
    if (cx.Needs11(*LoadContext::KeyOf(body, "best"), "'best' in a grading")) {
      grading.best = cx.Integer(*n, "'best'", 1).value_or(0);
    }
  }
  if (const YamlNode* n = body.Find("combine")) {
    if (!cx.Needs11(*LoadContext::KeyOf(body, "combine"), "'combine' in a grading")) return;
    auto name = cx.Text(*n, "'combine'");
    if (!name) return;
    auto combine = ValueOf(kGradingCombineNames, *name);
    if (!combine) {
      Diagnostic& d =
          cx.Error(*n, "bad-value",
                   fmt::format("'combine' is {}, not '{}'", ListOf(kGradingCombineNames), *name));
      AddDidYouMean(d, *name, NamesOf(kGradingCombineNames));
      return;
    }
    grading.combine = *combine;
  }
}

void ParseGrading(const YamlNode& node, LoadContext& cx, Grading& grading) {
  grading.location = cx.Loc(node);
  // Every kind but kUngraded is written as a key: how the grade is worked out.
  std::vector<std::string> keys;
  std::vector<std::string> quoted;
  for (const EnumName<Grading::Kind>& kind : kGradingKindNames) {
    if (kind.value == Grading::Kind::kUngraded) continue;
    keys.emplace_back(kind.name);
    quoted.push_back(fmt::format("'{}'", kind.name));
  }
  keys.push_back("bands");
  if (!cx.CheckMapKeys(node, "'grading'", keys)) return;
  const YamlNode* body = nullptr;
  Grading::Kind kind = Grading::Kind::kUngraded;
  int found = 0;
  for (const EnumName<Grading::Kind>& k : kGradingKindNames) {
    const YamlNode* b = k.value == Grading::Kind::kUngraded ? nullptr : node.Find(k.name);
    if (b != nullptr && ++found == 1) {
      body = b;
      kind = k.value;
    }
  }
  if (found != 1) {
    cx.Error(node, found == 0 ? DiagnosticCode("missing-key") : DiagnosticCode("bad-value"),
             fmt::format("'grading' needs exactly one of {} or {}",
                         fmt::join(quoted.begin(), quoted.end() - 1, ", "), quoted.back()));
    return;
  }
  grading.kind = kind;
  std::string what = fmt::format("'{}'", NameOf(kGradingKindNames, kind));
  switch (kind) {
    case Grading::Kind::kUngraded:
      return;  // not reached: kUngraded is never written
    case Grading::Kind::kPoints:
      if (!cx.CheckMap(*body, what, {"table", "of", "best", "combine"})) return;
      if (const YamlNode* t = cx.Require(*body, "table", what)) {
        grading.table_id = cx.Text(*t, "'table'").value_or("");
      }
      ParseCombine(*body, cx, grading);
      break;
    case Grading::Kind::kCount:
      if (!cx.CheckMap(*body, what, {"where", "of"})) return;
      if (const YamlNode* w = body->Find("where")) ParseFilter(*w, cx, grading.where);
      break;
    case Grading::Kind::kValue:
      // `value: total-points` (rule language 1.1): the named value is the score.
      if (!cx.Needs11(*LoadContext::KeyOf(node, "value"), "'value' in a grading")) return;
      grading.value_id = cx.Text(*body, what).value_or("");
      body = nullptr;
      break;
  }
  if (body == nullptr) {
    // A named value is worked out from every achievement that counts: no components.
  } else if (const YamlNode* of = cx.Require(*body, "of", what)) {
    grading.of_ids = cx.TextList(*of, "'of'", true).value_or(std::vector<std::string>{});
  }
  if (const YamlNode* bands = cx.Require(node, "bands", "'grading'")) {
    ParseBands(*bands, cx, grading);
  }
}

// `different: {field: subject, from: [component, ...]}` (rule language 1.1).
void ParseDifferent(const YamlNode& component_node, const YamlNode& node, LoadContext& cx,
                    Component& component) {
  if (!cx.Needs11(*LoadContext::KeyOf(component_node, "different"), "'different'")) return;
  component.different_location = cx.Loc(node);
  if (!cx.CheckMap(node, "'different'", {"field", "from"})) return;
  const YamlNode* field = cx.Require(node, "field", "'different'");
  const YamlNode* from = cx.Require(node, "from", "'different'");
  if (field == nullptr || from == nullptr) return;
  auto name = cx.Text(*field, "'field'");
  if (!name) return;
  component.different_field = FieldByName(*name);
  if (!component.different_field) {
    Diagnostic& d =
        cx.Error(*field, "unknown-field", fmt::format("unknown field '{}' in 'different'", *name));
    AddDidYouMean(d, *name, std::vector<std::string>(FieldNames().begin(), FieldNames().end()));
    return;
  }
  component.different_from_ids =
      cx.TextList(*from, "'from'", true).value_or(std::vector<std::string>{});
}

void ParseComponent(const std::string& tier_id, const std::string& id, const YamlNode& node,
                    LoadContext& cx, Component& component) {
  component.local_id = id;
  component.id = tier_id + "." + id;
  component.location = cx.Loc(node);
  if (!node.IsMap()) {
    cx.Error(node, "bad-node",
             fmt::format("expected a mapping for component '{}', got {}", component.id,
                         DescribeKind(node.kind)));
    return;
  }
  if (const YamlNode* n = cx.Require(node, "role", fmt::format("component '{}'", component.id))) {
    component.role = cx.Text(*n, "'role'").value_or("");
  }
  if (const YamlNode* n = node.Find("title")) component.title = cx.Text(*n, "'title'").value_or("");
  if (const YamlNode* n = node.Find("description")) {
    component.description = cx.Text(*n, "'description'").value_or("");
  }
  if (const YamlNode* n = node.Find("shared"))
    component.shared = cx.Bool(*n, "'shared'").value_or(false);
  if (const YamlNode* n = node.Find("different")) ParseDifferent(node, *n, cx, component);
  ParseRequirement(node, component.id, {"role", "shared", "different"}, 0, cx,
                   component.requirement);
  // The component's own title and description are the root requirement's too.
}

void ParseTier(const std::string& id, const YamlNode& node, LoadContext& cx, Tier& tier) {
  std::string what = fmt::format("tier '{}'", id);
  if (!cx.CheckMap(node, what, {"title", "components", "grading"})) return;
  if (const YamlNode* n = node.Find("title")) tier.title = cx.Text(*n, "'title'").value_or("");
  if (const YamlNode* n = cx.Require(node, "components", what)) {
    if (!n->IsMap() || n->entries.empty()) {
      cx.Error(*n,
               n->IsMap() ? DiagnosticCode("impossible-requirement") : DiagnosticCode("bad-node"),
               fmt::format("{} needs a mapping of at least one component", what));
    } else {
      for (const auto& [key, value] : n->entries) {
        auto local = cx.Id(key, "a component");
        if (!local) continue;
        Component component;
        ParseComponent(id, *local, value, cx, component);
        component.location = cx.Loc(key);
        tier.components.push_back(std::move(component));
      }
    }
  }
  if (const YamlNode* n = node.Find("grading")) ParseGrading(*n, cx, tier.grading);
}

}  // namespace

void ParseProgramme(const YamlNode& root, LoadContext& cx, RuleSet& rules) {
  const YamlNode* node = root.Find("programme");
  if (node == nullptr) {
    for (const char* key : {"values", "tiers", "tests"}) {
      if (const YamlNode* n = root.Find(key)) {
        cx.Error(*n, "missing-key",
                 fmt::format("'{}' belongs to a programme: add a 'programme' to this file", key));
      }
    }
    return;
  }
  Programme programme;
  programme.location = cx.Loc(*node);
  programme.source = cx.source();
  if (cx.CheckMap(*node, "'programme'",
                  {"id", "title", "centre", "description", "framework", "starts", "ends",
                   "valid_from", "valid_to", "prior_learning"})) {
    if (const YamlNode* n = cx.Require(*node, "id", "'programme'")) {
      programme.id = cx.Id(*n, "'programme'").value_or("");
    }
    if (const YamlNode* n = cx.Require(*node, "title", "'programme'")) {
      programme.title = cx.Text(*n, "'title'").value_or("");
    }
    if (const YamlNode* n = node->Find("centre")) {
      programme.centre = cx.Text(*n, "'centre'").value_or("");
    }
    if (const YamlNode* n = node->Find("description")) {
      programme.description = cx.Text(*n, "'description'").value_or("");
    }
    if (const YamlNode* n = node->Find("framework")) {
      programme.framework_id = cx.Text(*n, "'framework'").value_or("");
    }
    if (const YamlNode* n = node->Find("starts")) programme.starts = cx.DateValue(*n, "'starts'");
    if (const YamlNode* n = node->Find("ends")) programme.ends = cx.DateValue(*n, "'ends'");
    if (const YamlNode* n = node->Find("valid_from")) {
      programme.valid_from = cx.DateValue(*n, "'valid_from'");
    }
    if (const YamlNode* n = node->Find("valid_to")) {
      programme.valid_to = cx.DateValue(*n, "'valid_to'");
    }
    if (const YamlNode* n = node->Find("prior_learning")) {
      programme.has_prior_learning = ParseFilter(*n, cx, programme.prior_learning);
      if (!node->Find("starts")) {
        cx.Error(*n, "missing-key", "'prior_learning' only has a meaning with 'starts'");
      }
    }
    if (programme.starts && programme.ends && *programme.ends < *programme.starts) {
      cx.Error(*node->Find("ends"), "bad-value", "the programme 'ends' before it 'starts'");
    }
    if (programme.valid_from && programme.valid_to && *programme.valid_to < *programme.valid_from) {
      cx.Error(*node->Find("valid_to"), "bad-value", "'valid_to' is before 'valid_from'");
    }
  }
  if (const YamlNode* values = root.Find("values")) {
    if (cx.Needs11(*LoadContext::KeyOf(root, "values"), "'values'")) {
      ParseValues(*values, cx, programme);
    }
  }
  const YamlNode* tiers = cx.Require(root, "tiers", "a file with a 'programme'");
  if (tiers != nullptr) {
    if (!tiers->IsMap() || tiers->entries.empty()) {
      cx.Error(*tiers, "bad-node", "expected a mapping of at least one tier for 'tiers'");
    } else {
      for (const auto& [key, value] : tiers->entries) {
        auto id = cx.Id(key, "a tier");
        if (!id) continue;
        Tier tier;
        tier.id = *id;
        tier.location = cx.Loc(key);
        ParseTier(*id, value, cx, tier);
        programme.tiers.push_back(std::move(tier));
      }
    }
  }
  if (const YamlNode* tests = root.Find("tests")) {
    if (cx.CheckList(*tests, "'tests'")) {
      for (const YamlNode& item : tests->items) {
        TestCase test;
        ParseTest(item, cx, test);
        programme.tests.push_back(std::move(test));
      }
    }
  }
  rules.programmes.push_back(std::move(programme));
}

}  // namespace accredit::internal
