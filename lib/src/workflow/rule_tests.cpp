#include "accredit/rule_tests.h"

#include <fmt/format.h>

#include <map>

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
    for (const ExpectedValue& expected : test.expect_values) {
      for (std::size_t i = 0; i < programme.values.size() && i < o.values.size(); ++i) {
        if (programme.values[i].id == expected.value && o.values[i] != expected.number) {
          result.failures.push_back(fmt::format("expected value '{}' to be {}, got {}",
                                                expected.value, FormatNumber(expected.number),
                                                FormatNumber(o.values[i])));
        }
      }
    }
    for (const ExpectedStatus& expected : test.expect_components) {
      std::string actual = "not evaluated";
      for (const TierResult& t : o.tiers) {
        for (const ComponentResult& c : t.components) {
          if (c.component->id == expected.component) {
            actual = std::string(ComponentStatusName(c.status));
          }
        }
      }
      if (actual != expected.status) {
        result.failures.push_back(fmt::format("expected component '{}' to be {}, got {}",
                                              expected.component, expected.status, actual));
      }
    }
    result.passed = result.failures.empty();
    results.push_back(std::move(result));
  }
  return results;
}

namespace {

void Observe(const NodeTrace& t, std::map<const Requirement*, std::pair<bool, bool>>& seen) {
  if (t.node == nullptr) return;
  auto& [met, not_met] = seen[t.node];
  (t.met ? met : not_met) = true;
  for (const NodeTrace& child : t.children) Observe(child, seen);
}

void Collect(const Requirement& r, std::vector<const Requirement*>& out) {
  out.push_back(&r);
  for (const Requirement& child : r.children) Collect(child, out);
}

}  // namespace

RuleCoverage CoverageOf(const Programme& programme, const std::vector<RuleTestResult>& results) {
  std::map<const Requirement*, std::pair<bool, bool>> seen;
  for (const RuleTestResult& r : results) {
    for (const TierResult& tier : r.outcome.tiers) {
      for (const ComponentResult& c : tier.components) Observe(c.trace, seen);
    }
  }
  RuleCoverage coverage;
  std::vector<const Requirement*> nodes;
  for (const Tier& tier : programme.tiers) {
    for (const Component& c : tier.components) Collect(c.requirement, nodes);
  }
  coverage.nodes = nodes.size();
  for (const Requirement* node : nodes) {
    auto it = seen.find(node);
    bool met = it != seen.end() && it->second.first;
    bool not_met = it != seen.end() && it->second.second;
    if (met && not_met) ++coverage.covered;
    if (!met) coverage.never_met.push_back(node->id);
    if (!not_met) coverage.never_not_met.push_back(node->id);
  }
  for (std::size_t t = 0; t < programme.tiers.size(); ++t) {
    const Tier& tier = programme.tiers[t];
    for (const Band& band : tier.grading.bands) {
      ++coverage.grades;
      bool awarded = false;
      for (const RuleTestResult& r : results) {
        awarded =
            awarded || (r.outcome.tier == static_cast<int>(t) && r.outcome.grade == band.name);
      }
      if (awarded) {
        ++coverage.grades_awarded;
      } else {
        coverage.never_awarded.push_back(tier.id + "." + band.name);
      }
    }
  }
  return coverage;
}

}  // namespace accredit
