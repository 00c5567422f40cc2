// The rule files under rules/ are product: every one must load cleanly, from disk and from
// the copy embedded in the binary, and every programme must conform to its framework.
#include <doctest/doctest.h>

#include <string>

#include "accredit/conformance.h"
#include "accredit/rule_tests.h"
#include "accredit/rules_loader.h"

namespace accredit {

namespace {

std::string RenderAll(const Diagnostics& diagnostics, const SourceSet& sources) {
  std::string out;
  for (const Diagnostic& d : diagnostics.items()) out += Render(d, sources);
  return out;
}

}  // namespace

TEST_CASE("every embedded rule file loads on its own with no diagnostics") {
  std::vector<std::string> paths = EmbeddedRulePaths();
  REQUIRE(paths.size() >= 8);
  for (const std::string& path : paths) {
    CAPTURE(path);
    SourceSet sources;
    LoadResult result = LoadRules({"<rules>/" + path}, sources);
    CHECK(RenderAll(result.diagnostics, sources) == "");
  }
}

TEST_CASE("the rules folder on disk loads as a whole and every programme conforms") {
  SourceSet sources;
  LoadResult result = LoadRules({ACCREDIT_SOURCE_DIR "/rules"}, sources);
  CHECK(RenderAll(result.diagnostics, sources) == "");
  REQUIRE(result.rules.programmes.size() >= 4);
  for (const Programme& programme : result.rules.programmes) {
    CAPTURE(programme.id);
    CHECK(RenderAll(CheckConformance(result.rules, programme), sources) == "");
    CHECK_FALSE(programme.tests.empty());
  }
}

TEST_CASE("the default programme is the Foxwood NBT example with two tiers") {
  SourceSet sources;
  LoadResult result = LoadDefaultRules(sources);
  REQUIRE(result.ok());
  int index = result.rules.FindProgramme("foxwood-sixth-form");
  REQUIRE(index != kNone);
  const Programme& p = result.rules.programmes[static_cast<std::size_t>(index)];
  CHECK(p.framework_id == "nbt-2023");
  REQUIRE(p.tiers.size() == 2);
  CHECK(p.tiers[0].id == "advanced");
  CHECK(p.tiers[1].id == "intermediate");
}

}  // namespace accredit

namespace accredit {

TEST_CASE("every example learner in the shipped rules gets the outcome its author expects") {
  SourceSet sources;
  LoadOptions options;
  options.test_files = true;  // the examples in the rule files and in the test files beside them
  LoadResult result = LoadRules({ACCREDIT_SOURCE_DIR "/rules"}, sources, options);
  CHECK(RenderAll(result.diagnostics, sources) == "");
  REQUIRE(result.ok());
  CHECK(result.rules.test_files.size() == result.rules.programmes.size());
  std::size_t total = 0;
  for (const Programme& programme : result.rules.programmes) {
    CAPTURE(programme.id);
    Diagnostics diagnostics;
    std::vector<RuleTestResult> results = RunRuleTests(result.rules, programme, {}, diagnostics);
    for (const RuleTestResult& r : results) {
      ++total;
      CAPTURE(r.test->name);
      std::string failures;
      for (const std::string& f : r.failures) failures += f + "\n";
      CHECK_MESSAGE(r.passed, failures);
    }
    CHECK(RenderAll(diagnostics, sources) == "");
    // Rule files are product: every requirement node is shown both met and not met by some
    // example, and every award grade given to one, so a change to any of them changes some
    // example's outcome.
    RuleCoverage coverage = CoverageOf(programme, results);
    std::string uncovered;
    for (const std::string& id : coverage.never_met) uncovered += "never met: " + id + "\n";
    for (const std::string& id : coverage.never_not_met) uncovered += "never not met: " + id + "\n";
    for (const std::string& id : coverage.never_awarded) uncovered += "never awarded: " + id + "\n";
    CHECK_MESSAGE(coverage.covered == coverage.nodes, uncovered);
    CHECK_MESSAGE(coverage.grades_awarded == coverage.grades, uncovered);
    CHECK(coverage.nodes > 0);
  }
  CHECK(total >= 70);
}

}  // namespace accredit
