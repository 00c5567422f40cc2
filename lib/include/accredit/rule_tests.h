// Rule tests: the example learners written in a rule file's `tests:`, run through the
// evaluator and compared with the outcome their author expects (tier, grade, component
// statuses). This is the engine of `accredit test`; it is also how the shipped rules are kept
// honest in the test suite.
#pragma once

#include <string>
#include <vector>

#include "accredit/diagnostic.h"
#include "accredit/evaluator.h"
#include "accredit/records.h"
#include "accredit/rules.h"
#include "accredit/source.h"

namespace accredit {

struct RuleTestResult {
  const TestCase* test = nullptr;
  bool passed = false;
  std::vector<std::string> failures;  // "expected tier 'advanced', got 'intermediate'"
  Learner learner;
  Outcome outcome;
};

// Runs every test of `programme`. An achievement that does not resolve against the rules
// (unknown type, bad grade...) is reported in `diagnostics` at its place in the rule file,
// and its test fails. Tests are evaluated with EvaluateOptions `options` (trace is forced on,
// so a failure can be explained).
std::vector<RuleTestResult> RunRuleTests(const RuleSet& rules, const Programme& programme,
                                         const EvaluateOptions& options, Diagnostics& diagnostics);

// Rule coverage: which requirement nodes the examples show both met and not met, and which
// award grades they give. A node only ever seen met (or never seen failing) is not shown to
// matter by any example; a grade band no example reaches is not shown to be right.
struct RuleCoverage {
  std::size_t nodes = 0;                   // requirement nodes in the programme
  std::size_t covered = 0;                 // seen both met and not met
  std::vector<std::string> never_met;      // node ids
  std::vector<std::string> never_not_met;  // node ids
  std::size_t grades = 0;                  // grading bands, over every graded tier
  std::size_t grades_awarded = 0;          // given to some example that met its tier
  std::vector<std::string> never_awarded;  // "<tier>.<band>", e.g. "advanced.pass"
  double percent() const { return Percent(covered, nodes); }
  double grades_percent() const { return Percent(grades_awarded, grades); }
  static double Percent(std::size_t part, std::size_t whole) {
    return whole == 0 ? 100.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
  }
};

// Coverage of `programme` by the traces in `results` (from RunRuleTests).
RuleCoverage CoverageOf(const Programme& programme, const std::vector<RuleTestResult>& results);

// What `accredit test` shows of every programme's examples, and how they went.
struct RuleTestsTextOptions {
  bool quiet = false;           // leave out the tests that pass
  bool show_uncovered = false;  // list the nodes and award grades no example shows
  double min_coverage = 0;      // a percentage of nodes and of award grades
};
struct RuleTestsText {
  // Per programme: its files, each test ("ok" or "FAIL" with its place, what differed and the
  // explain tree of what the engine made of it), the coverage; then "N passed, N failed".
  // Within 80 columns but for words longer than a line.
  std::string text;
  std::size_t passed = 0;
  std::size_t failed = 0;
  bool coverage_short = false;  // a programme's coverage is below min_coverage
};

// Runs every programme's tests (RunRuleTests, the examples' diagnostics to `diagnostics`) and
// says how they went.
RuleTestsText RunRuleTestsText(const RuleSet& rules, const SourceSet& sources,
                               const RuleTestsTextOptions& options, Diagnostics& diagnostics);

}  // namespace accredit
