// Parses example learners: the `tests:` of a rule file, and test files (`*.test.yaml`) whose
// examples join the tests of the programme they name. A test file is read only after every
// rule file is loaded, since it refers to a programme by id.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "accredit/evaluator.h"
#include "rules/rules_parse.h"

namespace accredit::internal {

void ParseTest(const YamlNode& node, LoadContext& cx, TestCase& test) {
  test.location = cx.Loc(node);
  if (!cx.CheckMap(node, "a test", {"name", "learner", "expect"})) return;
  if (const YamlNode* n = node.Find("name")) test.name = cx.Text(*n, "'name'").value_or("");
  if (const YamlNode* learner = cx.Require(node, "learner", "a test")) {
    if (cx.CheckMap(*learner, "a test's 'learner'", {"id", "achievements"})) {
      if (const YamlNode* n = cx.Require(*learner, "id", "a test's 'learner'")) {
        test.learner_id = cx.Text(*n, "'id'").value_or("");
      }
      if (const YamlNode* list = learner->Find("achievements")) {
        if (cx.CheckList(*list, "'achievements'")) {
          const std::vector<std::string> fields = NamesOf(kFieldNames);
          for (const YamlNode& item : list->items) {
            TestAchievement achievement;
            achievement.location = cx.Loc(item);
            if (!cx.CheckMapKeys(item, "an achievement", fields)) continue;
            for (const auto& [key, value] : item.entries) {
              auto field = FieldByName(key.value);
              if (!field) continue;
              if (auto text = cx.Text(value, fmt::format("'{}'", key.value))) {
                achievement.fields[static_cast<std::size_t>(*field)] = *text;
              }
            }
            test.achievements.push_back(std::move(achievement));
          }
        }
      }
    }
  }
  const YamlNode* expect = cx.Require(node, "expect", "a test");
  if (expect == nullptr ||
      !cx.CheckMap(*expect, "'expect'", {"tier", "grade", "components", "values"})) {
    return;
  }
  if (const YamlNode* values = expect->Find("values")) {
    // Rule language 1.1's named values: `values: {ucas-points: 120}`.
    if (!values->IsMap()) {
      cx.Error(*values, "bad-node", "expected a mapping of value id: number for 'values'");
    } else {
      for (const auto& [key, value] : values->entries) {
        if (auto number = cx.Number(value, fmt::format("value '{}'", key.value))) {
          test.expect_values.push_back(ExpectedValue{key.value, *number, cx.Loc(key)});
        }
      }
    }
  }
  if (const YamlNode* n = cx.Require(*expect, "tier", "'expect'")) {
    test.expect_tier = cx.Text(*n, "'tier'").value_or("");
    test.tier_location = cx.Loc(*n);
  }
  if (const YamlNode* n = expect->Find("grade")) {
    test.expect_grade = cx.Text(*n, "'grade'").value_or("");
    test.grade_location = cx.Loc(*n);
  }
  const YamlNode* components = expect->Find("components");
  if (components == nullptr) return;
  if (!components->IsMap()) {
    cx.Error(*components, "bad-node",
             "expected a mapping of component id: status for 'components'");
    return;
  }
  for (const auto& [key, value] : components->entries) {
    auto status = cx.Text(value, "a component status");
    if (!status) continue;
    if (!ValueOf(kComponentStatusNames, *status)) {
      cx.Error(
          value, "bad-test",
          fmt::format("component status is {}, not '{}'", ListOf(kComponentStatusNames), *status));
      continue;
    }
    test.expect_components.push_back(ExpectedStatus{key.value, *status, cx.Loc(key)});
  }
}

void ParseTestFile(SourceId source, std::string_view text, const YamlLimits& limits, RuleSet& rules,
                   Diagnostics& diagnostics) {
  rules.test_files.push_back(source);
  LoadContext cx(source, diagnostics);
  std::optional<YamlNode> root = ParseYaml(source, text, limits, diagnostics);
  if (!root) return;
  if (root->IsNull()) {
    diagnostics.Error("missing-key", "test file is empty: it needs 'accredit-tests: 1'",
                      Location{source, 0, 0, {}});
    return;
  }
  if (!cx.CheckMap(*root, "a test file", {"accredit-tests", "about", "programme", "tests"})) {
    return;
  }
  const YamlNode* version = cx.Require(*root, "accredit-tests", "a test file");
  if (version == nullptr) return;
  if (!(version->IsScalar() && version->value == "1")) {
    cx.Error(*version, "bad-version",
             fmt::format("unsupported test file format version '{}': this accredit reads "
                         "version 1",
                         version->IsScalar() ? version->value : "?"));
    return;
  }
  if (const YamlNode* about = root->Find("about")) cx.Text(*about, "'about'");
  const YamlNode* id_node = cx.Require(*root, "programme", "a test file");
  const YamlNode* tests = cx.Require(*root, "tests", "a test file");
  if (id_node == nullptr) return;
  std::optional<std::string> id = cx.Id(*id_node, "'programme'");
  if (!id) return;
  int index = rules.FindProgramme(*id);
  if (index == kNone) {
    Diagnostic& d = cx.Error(*id_node, "unknown-programme",
                             fmt::format("test file names unknown programme '{}'", *id));
    std::vector<std::string> ids;
    for (const Programme& p : rules.programmes) ids.push_back(p.id);
    AddDidYouMean(d, *id, ids);
    if (d.notes.empty()) {
      d.notes.push_back(
          Note{ids.empty() ? "no programme is loaded: name the rule file that defines it as well, "
                             "or keep this file beside it (X.test.yaml beside X.yaml)"
                           : fmt::format("the programmes loaded are: {}", fmt::join(ids, ", ")),
               {}});
    }
    return;
  }
  if (tests == nullptr || !cx.CheckList(*tests, "'tests'")) return;
  Programme& programme = rules.programmes[static_cast<std::size_t>(index)];
  std::size_t first = programme.tests.size();
  for (const YamlNode& item : tests->items) {
    TestCase test;
    ParseTest(item, cx, test);
    programme.tests.push_back(std::move(test));
  }
  CheckTests(programme, first, diagnostics);
}

}  // namespace accredit::internal
