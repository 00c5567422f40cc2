#include "test_command.h"

#include <memory>

#include "accredit/rule_tests.h"
#include "exit_codes.h"

namespace accredit::cli {

void SetupTest(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto options = std::make_shared<TestOptions>();
  CLI::App* cmd = app.add_subcommand(
      "test", "Run the example learners in rule files against their expected outcomes");
  cmd->add_option("RULES", options->paths,
                  "Rule files, test files (*.test.yaml) or folders of them")
      ->required()
      ->type_name(kPathArgument);
  cmd->add_option("--min-coverage", options->min_coverage,
                  "Fail unless at least this percentage of requirement nodes is covered, and "
                  "of award grades given to some example")
      ->check(CLI::Range(0.0, 100.0));
  cmd->add_flag("--show-uncovered", options->show_uncovered,
                "List the nodes the examples never show met, or never show not met, and the "
                "award grades no example gets");
  cmd->callback([options, &global, &exit_code] { exit_code = RunTest(*options, global); });
}

int RunTest(const TestOptions& options, const GlobalOptions& global) {
  SourceSet sources;
  LoadOptions load_options = LoadOptionsFromEnvironment();
  load_options.test_files = true;
  LoadResult loaded = LoadRules(options.paths, sources, load_options);
  PrintDiagnostics(loaded.diagnostics, sources, global);
  if (!loaded.ok()) return kExitError;
  RuleTestsTextOptions text_options;
  text_options.quiet = global.quiet;
  text_options.show_uncovered = options.show_uncovered;
  text_options.min_coverage = options.min_coverage;
  Diagnostics diagnostics;
  RuleTestsText result = RunRuleTestsText(loaded.rules, sources, text_options, diagnostics);
  PrintDiagnostics(diagnostics, sources, global);
  Print(result.text);
  return result.failed > 0 || result.coverage_short ? kExitVerdict : kExitOk;
}

}  // namespace accredit::cli
