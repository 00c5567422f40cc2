// Helpers for evaluation tests: load rules from inline YAML and build learners from compact
// "field=value field=value" strings, through the same resolver the readers use.
#pragma once

#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "accredit/record_resolver.h"
#include "accredit/rules_loader.h"

namespace accredit::testing {

struct LoadedRules {
  SourceSet sources;
  LoadResult result;
};

inline std::unique_ptr<LoadedRules> LoadYaml(const std::string& yaml) {
  auto loaded = std::make_unique<LoadedRules>();
  loaded->result = LoadRulesFromText("t.yaml", yaml, loaded->sources);
  std::string rendered;
  for (const Diagnostic& d : loaded->result.diagnostics.items()) {
    rendered += Render(d, loaded->sources);
  }
  REQUIRE_MESSAGE(loaded->result.ok(), rendered);
  return loaded;
}

// Every diagnostic rendered, without source lines, as a test compares them.
inline std::string Rendered(const Diagnostics& diagnostics, const SourceSet& sources) {
  RenderOptions options;
  options.source_lines = false;
  std::string out;
  for (const Diagnostic& d : diagnostics.items()) out += Render(d, sources, options);
  return out;
}

// `rows`: one achievement each, as space-separated field=value pairs ("type=gcse grade=4").
inline Learner MakeLearner(const RuleSet& rules, const std::string& id,
                           const std::vector<std::string>& rows) {
  Learner learner;
  learner.id = id;
  Diagnostics diagnostics;
  for (const std::string& row : rows) {
    std::array<std::string, kFieldCount> texts{};
    texts[static_cast<std::size_t>(Field::kLearner)] = id;
    std::istringstream words(row);
    std::string word;
    while (words >> word) {
      std::size_t eq = word.find('=');
      REQUIRE_MESSAGE(eq != std::string::npos, word);
      auto field = FieldByName(word.substr(0, eq));
      REQUIRE_MESSAGE(field.has_value(), word);
      texts[static_cast<std::size_t>(*field)] = word.substr(eq + 1);
    }
    std::array<std::string_view, kFieldCount> values{};
    for (std::size_t i = 0; i < kFieldCount; ++i) values[i] = texts[i];
    bool ok = ResolveAchievement(rules, values, Location{}, learner, diagnostics);
    REQUIRE_MESSAGE(ok, row);
  }
  return learner;
}

}  // namespace accredit::testing
