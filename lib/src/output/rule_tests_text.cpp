// What `accredit test` prints: each programme's examples, how they went, and the coverage.
#include <fmt/format.h>

#include <algorithm>
#include <string_view>

#include "accredit/explain.h"
#include "accredit/rule_tests.h"
#include "base/text_wrap.h"

namespace accredit {

namespace {

// A failed example is shown to the rule's author as the full tree, ids and lines too, indented
// under the test's name, within 80 columns once indented.
constexpr std::size_t kTreeIndent = 10;

ExplainOptions TreeOnly() {
  ExplainOptions options;
  options.summary = false;
  options.detail = true;
  options.verbose = true;
  options.width = 80 - kTreeIndent;
  return options;
}

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

// The coverage of one programme's examples; true when it is below options.min_coverage.
bool CoverageText(const Programme& programme, const std::vector<RuleTestResult>& results,
                  const RuleTestsTextOptions& options, std::string& out) {
  bool is_short = false;
  const RuleCoverage coverage = CoverageOf(programme, results);
  internal::Wrap(out,
                 fmt::format("coverage: {} of {} requirement nodes seen both met and not met "
                             "({:.0f}%)",
                             coverage.covered, coverage.nodes, coverage.percent()),
                 2, 80, 4);
  if (options.show_uncovered) {
    for (const std::string& id : coverage.never_met) out += fmt::format("    never met: {}\n", id);
    for (const std::string& id : coverage.never_not_met) {
      out += fmt::format("    never not met: {}\n", id);
    }
  }
  if (coverage.grades > 0) {
    internal::Wrap(out,
                   fmt::format("grades: {} of {} award grades given to some example ({:.0f}%)",
                               coverage.grades_awarded, coverage.grades, coverage.grades_percent()),
                   2, 80, 4);
    if (options.show_uncovered) {
      for (const std::string& id : coverage.never_awarded) {
        out += fmt::format("    never awarded: {}\n", id);
      }
    }
  }
  if (coverage.percent() + 1e-9 < options.min_coverage) {
    is_short = true;
    out += fmt::format("  coverage {:.0f}% is below --min-coverage {:.0f}%\n", coverage.percent(),
                       options.min_coverage);
  }
  if (coverage.grades_percent() + 1e-9 < options.min_coverage) {
    is_short = true;
    out += fmt::format("  grade coverage {:.0f}% is below --min-coverage {:.0f}%\n",
                       coverage.grades_percent(), options.min_coverage);
  }
  return is_short;
}

}  // namespace

RuleTestsText RunRuleTestsText(const RuleSet& rules, const SourceSet& sources,
                               const RuleTestsTextOptions& options, Diagnostics& diagnostics) {
  static const ExplainOptions kTree = TreeOnly();
  RuleTestsText result;
  std::string& out = result.text;
  for (const Programme& programme : rules.programmes) {
    std::vector<RuleTestResult> results = RunRuleTests(rules, programme, {}, diagnostics);
    internal::Wrap(out, fmt::format("{} ({})", programme.id, FilesOf(programme, sources)), 0, 80,
                   2);
    if (results.empty()) {
      out += "  no tests: add example learners under 'tests:', or in a .test.yaml file\n";
    }
    for (const RuleTestResult& r : results) {
      const std::string name = r.test->name.empty() ? r.test->learner_id : r.test->name;
      if (r.passed) {
        ++result.passed;
        if (!options.quiet) internal::Wrap(out, "ok    " + name, 2, 80, 6);
        continue;
      }
      ++result.failed;
      // The place goes on a line of its own when it does not fit beside the name.
      internal::Wrap(out,
                     fmt::format("FAIL  {} [{}]", name, FormatLocation(r.test->location, sources)),
                     2, 80, 6);
      for (const std::string& f : r.failures) internal::Wrap(out, f, kTreeIndent, 80, 2);
      // What the engine made of the example, in full: every condition, actual against
      // required, what counted where and what was still needed.
      out +=
          Indent(ExplainText(rules, programme, r.learner, r.outcome, sources, kTree), kTreeIndent);
    }
    result.coverage_short = CoverageText(programme, results, options, out) || result.coverage_short;
  }
  out += fmt::format("{} passed, {} failed\n", result.passed, result.failed);
  return result;
}

}  // namespace accredit
