#include "accredit/rule_tests.h"

#include <fmt/format.h>

#include "accredit/record_resolver.h"

namespace accredit {

std::vector<RuleTestResult> RunRuleTests(const RuleSet& rules, const Programme& programme,
                                         const EvaluateOptions& options, Diagnostics& diagnostics) {
  Evaluator evaluator(rules, programme);
  EvaluateOptions traced = options;
  traced.trace = true;
  std::vector<RuleTestResult> results;
  for (const TestCase& test : programme.tests) {
    RuleTestResult result;
    result.test = &test;
    result.learner.id = test.learner_id;
    result.learner.location = test.location;
    bool resolved = true;
    for (const TestAchievement& a : test.achievements) {
      std::array<std::string_view, kFieldCount> values{};
      for (std::size_t i = 0; i < kFieldCount; ++i) values[i] = a.fields[i];
      values[static_cast<std::size_t>(Field::kLearner)] = test.learner_id;
      if (!ResolveAchievement(rules, values, a.location, result.learner, diagnostics)) {
        resolved = false;
      }
    }
    if (!resolved) {
      result.failures.push_back("an achievement of this example does not fit the rules");
    }
    result.outcome = evaluator.Evaluate(result.learner, traced);
    const Outcome& o = result.outcome;
    std::string tier =
        o.tier == kNone ? "none" : programme.tiers[static_cast<std::size_t>(o.tier)].id;
    if (!test.expect_tier.empty() && test.expect_tier != tier) {
      result.failures.push_back(
          fmt::format("expected tier '{}', got '{}'", test.expect_tier, tier));
    }
    if (!test.expect_grade.empty() && test.expect_grade != o.grade) {
      result.failures.push_back(fmt::format("expected grade '{}', got '{}'", test.expect_grade,
                                            o.grade.empty() ? "none" : o.grade));
    }
    for (const auto& [node, status] : test.expect_components) {
      std::string actual = "not evaluated";
      for (const TierResult& t : o.tiers) {
        for (const ComponentResult& c : t.components) {
          if (c.component->id == node) actual = std::string(ComponentStatusName(c.status));
        }
      }
      if (actual != status) {
        result.failures.push_back(
            fmt::format("expected component '{}' to be {}, got {}", node, status, actual));
      }
    }
    result.passed = result.failures.empty();
    results.push_back(std::move(result));
  }
  return results;
}

}  // namespace accredit
