// How a requirement is put into words (rules_describe.h), on the shipped rules.
#include "accredit/rules_describe.h"

#include <doctest/doctest.h>

#include <string>

#include "accredit/rules_loader.h"

namespace accredit {

namespace {

std::string Src(const std::string& path) { return std::string(ACCREDIT_SOURCE_DIR) + "/" + path; }

const Component& ComponentOf(const RuleSet& rules, std::string_view id) {
  for (const Programme& p : rules.programmes) {
    for (const Tier& t : p.tiers) {
      for (const Component& c : t.components) {
        if (c.id == id) return c;
      }
    }
  }
  FAIL("no component ", id);
  throw;
}

}  // namespace

TEST_CASE("hours of an activity's type are hours of it in the singular, not 'results'") {
  SourceSet sources;
  LoadResult loaded = LoadRules({Src("rules/dfe/t-level.yaml")}, sources);
  REQUIRE(loaded.ok());
  const Requirement& placement = ComponentOf(loaded.rules, "t-level.placement").requirement;
  CHECK(DescribeRequirement(loaded.rules, placement) ==
        "at least 315 hours of industry placement marked completed");
  CHECK(DescribeHoursOf(loaded.rules, placement.aggregate.where) ==
        "industry placement marked completed");
  CHECK(DescribeShortfall(loaded.rules, placement, 300, 315, false) ==
        "needs 15 more hours of industry placement marked completed (has 300 of 315)");
}

TEST_CASE("hours of activities, or of a strand's activities, stay in the plural") {
  SourceSet sources;
  LoadResult loaded = LoadDefaultRules(sources);
  REQUIRE(loaded.ok());
  Filter any;
  Condition kind;
  kind.field = Field::kKind;
  kind.values = {"activity"};
  any.conditions.push_back(kind);
  CHECK(DescribeHoursOf(loaded.rules, any) == "activities");
  Condition strand;
  strand.field = Field::kStrand;
  strand.values = {"leadership-service"};
  any.conditions.push_back(strand);
  CHECK(DescribeHoursOf(loaded.rules, any) == "activities in leadership & service");
}

}  // namespace accredit
