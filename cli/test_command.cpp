#include "test_command.h"

#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <string_view>

#include "accredit/explain.h"
#include "accredit/rule_tests.h"
#include "exit_codes.h"

namespace accredit::cli {

namespace {
// A failed example learner is shown to the rule's author as the full tree, ids and lines too,
// indented under the test's name.
constexpr std::size_t kTreeIndent = 10;
accredit::ExplainOptions TreeOnly() {
  accredit::ExplainOptions options;
  options.summary = false;
  options.detail = true;
  options.verbose = true;
  options.width = 80 - kTreeIndent;  // within 80 columns once indented
  return options;
}
const accredit::ExplainOptions kTree = TreeOnly();
}  // namespace

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

namespace {

// The rule file that defines `programme`, then each test file with examples of it.
std::string FilesOf(const Programme& programme, const SourceSet& sources) {
  std::vector<SourceId> files{programme.source};
  for (const TestCase& test : programme.tests) {
    if (std::find(files.begin(), files.end(), test.location.source) == files.end()) {
      files.push_back(test.location.source);
    }
  }
  std::string out;
  for (SourceId id : files) out += (out.empty() ? "" : ", ") + sources.Get(id).name;
  return out;
}

// `text` with every non-empty line indented by `indent` spaces.
std::string Indent(std::string_view text, std::size_t indent) {
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty()) out += std::string(indent, ' ');
    out += line;
    out += '\n';
    start = end + 1;
  }
  return out;
}

}  // namespace

int RunTest(const TestOptions& options, const GlobalOptions& global) {
  SourceSet sources;
  LoadOptions load_options = LoadOptionsFromEnvironment();
  load_options.test_files = true;
  LoadResult loaded = LoadRules(options.paths, sources, load_options);
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
    out += fmt::format("{} ({})\n", programme.id, FilesOf(programme, sources));
    if (results.empty()) {
      out += "  no tests: add example learners under 'tests:', or in a .test.yaml file\n";
    }
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
      // What the engine made of the example, in full: every condition, actual against
      // required, what counted where and what was still needed.
      out += Indent(ExplainText(loaded.rules, programme, r.learner, r.outcome, sources, kTree),
                    kTreeIndent);
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
    if (coverage.grades > 0) {
      out += fmt::format("  grades: {} of {} award grades given to some example ({:.0f}%)\n",
                         coverage.grades_awarded, coverage.grades, coverage.grades_percent());
      if (options.show_uncovered) {
        for (const std::string& id : coverage.never_awarded) {
          out += fmt::format("    never awarded: {}\n", id);
        }
      }
    }
    if (coverage.percent() + 1e-9 < options.min_coverage) {
      coverage_short = true;
      out += fmt::format("  coverage {:.0f}% is below --min-coverage {:.0f}%\n", coverage.percent(),
                         options.min_coverage);
    }
    if (coverage.grades_percent() + 1e-9 < options.min_coverage) {
      coverage_short = true;
      out += fmt::format("  grade coverage {:.0f}% is below --min-coverage {:.0f}%\n",
                         coverage.grades_percent(), options.min_coverage);
    }
  }
  out += fmt::format("{} passed, {} failed\n", passed, failed);
  Print(out);
  return failed > 0 || coverage_short ? kExitVerdict : kExitOk;
}

}  // namespace accredit::cli
