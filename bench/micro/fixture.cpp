// Loading and checking the benchmarks' rules and learners (fixture.h).
#include "fixture.h"

#include <array>
#include <string>

#include "accredit/diagnostic.h"
#include "accredit/record_resolver.h"

namespace accredit::bench {

namespace {

std::string RenderAll(const Diagnostics& diagnostics, const SourceSet& sources) {
  std::string out;
  RenderOptions options;
  options.source_lines = false;
  for (const Diagnostic& d : diagnostics.items()) out += Render(d, sources, options);
  return out;
}

// Fills `loaded.error` and `loaded.programme` once `loaded.result` is set.
void Check(LoadedRules& loaded, std::string_view programme_id) {
  if (!loaded.result.diagnostics.empty()) {
    loaded.error = "rules: " + RenderAll(loaded.result.diagnostics, loaded.sources);
    return;
  }
  int index = loaded.result.rules.FindProgramme(programme_id);
  if (index == kNone) {
    loaded.error = "rules: no programme '" + std::string(programme_id) + "'";
    return;
  }
  loaded.programme = &loaded.result.rules.programmes[static_cast<std::size_t>(index)];
}

}  // namespace

std::unique_ptr<LoadedRules> LoadDefault() {
  auto loaded = std::make_unique<LoadedRules>();
  loaded->result = LoadDefaultRules(loaded->sources);
  Check(*loaded, kDefaultProgramme);
  return loaded;
}

std::unique_ptr<LoadedRules> LoadText(std::string_view yaml, std::string_view programme_id) {
  auto loaded = std::make_unique<LoadedRules>();
  loaded->result = LoadRulesFromText("bench.yaml", std::string(yaml), loaded->sources);
  Check(*loaded, programme_id);
  return loaded;
}

Learner BuildLearner(const RuleSet& rules, const std::string& id, const std::vector<Row>& rows,
                     std::string& error) {
  Learner learner;
  learner.id = id;
  Diagnostics diagnostics;
  for (const Row& row : rows) {
    std::array<std::string_view, kFieldCount> values{};
    for (std::size_t i = 0; i < kFieldCount; ++i) values[i] = row[i];
    values[static_cast<std::size_t>(Field::kLearner)] = id;
    ResolveAchievement(rules, values, Location{}, learner, diagnostics);
  }
  if (!diagnostics.empty()) {
    SourceSet no_sources;
    error = "learner " + id + ": " + RenderAll(diagnostics, no_sources);
  }
  return learner;
}

std::string_view TierId(const Programme& programme, int outcome_tier) {
  if (outcome_tier == kNone) return "none";
  return programme.tiers[static_cast<std::size_t>(outcome_tier)].id;
}

}  // namespace accredit::bench
