#include "test_command.h"

#include <fmt/format.h>

#include <memory>

#include "accredit/explain.h"
#include "accredit/rule_tests.h"
#include "exit_codes.h"

namespace accredit::cli {

void SetupTest(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto options = std::make_shared<TestOptions>();
  CLI::App* cmd = app.add_subcommand(
      "test", "Run the example learners in rule files against their expected outcomes");
  cmd->add_option("RULES", options->paths, "Rule files or folders of *.yaml")
      ->required()
      ->type_name(kPathArgument);
  cmd->add_option("--min-coverage", options->min_coverage,
                  "Fail unless at least this percentage of requirement nodes is covered")
      ->check(CLI::Range(0.0, 100.0));
  cmd->add_flag("--show-uncovered", options->show_uncovered,
                "List the nodes the examples never show met, or never show not met");
  cmd->callback([options, &global, &exit_code] { exit_code = RunTest(*options, global); });
}

int RunTest(const TestOptions& options, const GlobalOptions& global) {
  SourceSet sources;
  LoadResult loaded = LoadRules(options.paths, sources, LoadOptionsFromEnvironment());
  PrintDiagnostics(loaded.diagnostics, sources, global);
  if (!loaded.ok()) return kExitError;
  std::size_t passed = 0;
  std::size_t failed = 0;
  bool coverage_short = false;
  std::string out;
  for (const Programme& programme : loaded.rules.programmes) {
    Diagnostics diagnostics;
    std::vector<RuleTestResult> results = RunRuleTests(loaded.rules, programme, {}, diagnostics);
    PrintDiagnostics(diagnostics, sources, global);
    out += fmt::format("{} ({})\n", programme.id, sources.Get(programme.source).name);
    if (results.empty()) out += "  no tests: add example learners under 'tests:'\n";
    for (const RuleTestResult& r : results) {
      std::string name = r.test->name.empty() ? r.test->learner_id : r.test->name;
      if (r.passed) {
        ++passed;
        if (!global.quiet) out += fmt::format("  ok    {}\n", name);
        continue;
      }
      ++failed;
      out += fmt::format("  FAIL  {} [{}]\n", name, FormatLocation(r.test->location, sources));
      for (const std::string& f : r.failures) out += fmt::format("          {}\n", f);
      for (const TierResult& tier : r.outcome.tiers) {
        if (tier.met) continue;
        for (const std::string& s : StillNeeded(loaded.rules, r.learner, r.outcome, tier)) {
          out += fmt::format("          {} still needs: {}\n", tier.tier->id, s);
        }
      }
    }
    RuleCoverage coverage = CoverageOf(programme, results);
    out +=
        fmt::format("  coverage: {} of {} requirement nodes seen both met and not met ({:.0f}%)\n",
                    coverage.covered, coverage.nodes, coverage.percent());
    if (options.show_uncovered) {
      for (const std::string& id : coverage.never_met)
        out += fmt::format("    never met: {}\n", id);
      for (const std::string& id : coverage.never_not_met) {
        out += fmt::format("    never not met: {}\n", id);
      }
    }
    if (coverage.percent() + 1e-9 < options.min_coverage) {
      coverage_short = true;
      out += fmt::format("  coverage {:.0f}% is below --min-coverage {:.0f}%\n", coverage.percent(),
                         options.min_coverage);
    }
  }
  out += fmt::format("{} passed, {} failed\n", passed, failed);
  Print(out);
  return failed > 0 || coverage_short ? kExitVerdict : kExitOk;
}

}  // namespace accredit::cli
