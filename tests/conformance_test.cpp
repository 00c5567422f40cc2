#include "accredit/conformance.h"

#include <doctest/doctest.h>

#include "evaluation_fixture.h"

namespace accredit {

namespace {

std::string Findings(const std::string& programme_block) {
  auto rules = testing::LoadYaml(std::string(R"(accredit: 1
uses: [england/types.yaml, nbt/framework.yaml]
)") + programme_block + R"(tiers:
  top:
    components:
      learning: {role: core-learning, count: {at_least: 1, where: {type: gcse}}}
      project: {role: personal-project, count: {at_least: 1, where: {kind: project}}}
      development:
        role: personal-development
        all:
          - sum: {of: hours, at_least: 5, where: {strand: leadership-service}}
          - sum: {of: hours, at_least: 5, where: {strand: creative-cultural}}
          - sum: {of: hours, at_least: 5, where: {strand: physical-outdoor}}
)");
  std::string out;
  const RuleSet& rs = rules->result.rules;
  Diagnostics findings = CheckConformance(rs, rs.programmes[0]);
  for (const Diagnostic& d : findings.items()) {
    out += d.code + ": " + d.message + "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("a programme meeting every NBT criterion has no findings") {
  CHECK(Findings("programme: {id: p, title: The P Baccalaureate, framework: nbt-2023, "
                 "starts: 2025-09-01, ends: 2027-08-31, prior_learning: {type: gcse}}\n") == "");
}

TEST_CASE("each NBT criterion a programme fails is one finding") {
  CHECK(Findings("programme: {id: p, title: P Award, framework: nbt-2023, starts: 2025-09-01, "
                 "ends: 2026-02-28}\n") ==
        "framework-duration: programme 'p' spans 6 months (2025-09-01 to 2026-02-28); at least "
        "24 are required\n"
        "framework-title: programme title 'P Award' does not have the form 'The * "
        "Baccalaureate'\n");
  CHECK(Findings("programme: {id: p, title: The P Baccalaureate, framework: nbt-2023}\n") ==
        "framework-duration: programme 'p' must give 'starts' and 'ends' dates to show it spans "
        "at least 24 months\n"
        "framework-start: programme 'p' must give a 'starts' date: work before it does not "
        "count\n");
}

TEST_CASE("prior learning that could let earlier activities count breaks no retrospective credit") {
  CHECK(Findings("programme: {id: p, title: The P Baccalaureate, framework: nbt-2023, "
                 "starts: 2025-09-01, ends: 2027-08-31, prior_learning: {hours: \">= 1\"}}\n") ==
        "framework-start: programme 'p' lets earlier work count through 'prior_learning': limit "
        "it to qualifications (kind: qualification, or qualification types), never activities "
        "or projects\n");
}

}  // namespace accredit

namespace accredit {

TEST_CASE("a tier without one of the three NBT components is a framework-roles finding") {
  auto rules = testing::LoadYaml(R"(accredit: 1
uses: [england/types.yaml, nbt/framework.yaml]
programme: {id: p, title: The P Baccalaureate, framework: nbt-2023, starts: 2025-09-01, ends: 2027-08-31}
tiers:
  top:
    components:
      learning: {role: core-learning, count: {at_least: 1, where: {type: gcse}}}
      development:
        role: personal-development
        all:
          - sum: {of: hours, at_least: 5, where: {strand: leadership-service}}
          - sum: {of: hours, at_least: 5, where: {strand: creative-cultural}}
          - sum: {of: hours, at_least: 5, where: {strand: physical-outdoor}}
)");
  const RuleSet& rs = rules->result.rules;
  Diagnostics findings = CheckConformance(rs, rs.programmes[0]);
  REQUIRE(findings.items().size() == 1);
  CHECK(findings.items()[0].code == "framework-roles");
  CHECK(findings.items()[0].message == "tier 'top' has no component with role 'personal-project'");
}

}  // namespace accredit
