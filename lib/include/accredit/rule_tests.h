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

}  // namespace accredit
