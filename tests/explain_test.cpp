#include "accredit/explain.h"

#include <doctest/doctest.h>

#include "evaluation_fixture.h"

namespace accredit {

namespace {

constexpr const char* kRules = R"(accredit: 1
scales:
  g: {grades: [U, "1", "2", "3", "4", "5"], pass: "4"}
  p: {grades: [U, E, D, C, B, A], pass: E}
types:
  gcse: {title: GCSE, scale: g, level_by_grade: {"1": 1, "4": 2}}
  epq: {title: EPQ, kind: project, scale: p, level: 3}
subjects:
  mathematics: {title: mathematics}
  english: {title: English}
programme: {id: p, title: P, starts: 2025-09-01}
tiers:
  top:
    components:
      maths:
        role: core-maths
        title: Maths
        count: {at_least: 1, where: {type: gcse, subject: mathematics, grade: ">= 4"}}
      project:
        role: personal-project
        title: Project
        count: {at_least: 1, where: {type: epq, grade: ">= E"}}
      development:
        role: personal-development
        title: Personal development
        all:
          - sum: {of: hours, at_least: 15, where: {kind: activity, strand: physical-outdoor}}
          - sum: {of: hours, at_least: 15, where: {kind: activity, strand: creative-cultural}}
)";

std::vector<std::string> Needs(const std::vector<std::string>& rows) {
  auto rules = testing::LoadYaml(kRules);
  const RuleSet& rs = rules->result.rules;
  Learner learner = testing::MakeLearner(rs, "L1", rows);
  Evaluator evaluator(rs, rs.programmes[0]);
  EvaluateOptions options;
  options.trace = true;
  Outcome outcome = evaluator.Evaluate(learner, options);
  REQUIRE(outcome.tiers.size() == 1);
  return StillNeeded(rs, learner, outcome, outcome.tiers[0]);
}

const char* const kComplete[] = {"type=gcse subject=mathematics grade=5", "type=epq grade=B",
                                 "kind=activity strand=physical-outdoor hours=15 date=2026-01-01",
                                 "kind=activity strand=creative-cultural hours=20 date=2026-01-01"};

}  // namespace

TEST_CASE("a learner one activity short is told how many hours of which strand") {
  CHECK(Needs({kComplete[0], kComplete[1],
               "kind=activity strand=physical-outdoor hours=6 date=2026-01-01",
               "kind=activity strand=physical-outdoor hours=6 date=2026-02-01", kComplete[3]}) ==
        std::vector<std::string>{"Personal development: needs 3 more hours of activities in "
                                 "physical & outdoor (has 12 of 15)"});
}

TEST_CASE("a learner one grade short is told the grade needed and the grade they have") {
  CHECK(
      Needs({"type=gcse subject=mathematics grade=3", kComplete[1], kComplete[2], kComplete[3]}) ==
      std::vector<std::string>{"Maths: needs 1 more GCSE in mathematics at grade 4 or above; "
                               "has GCSE mathematics grade 3 (Level 1)"});
}

TEST_CASE("a learner missing a whole component is told what it takes") {
  CHECK(Needs({kComplete[0], kComplete[2], kComplete[3]}) ==
        std::vector<std::string>{"Project: needs 1 more EPQ at grade E or above"});
}

TEST_CASE("work that does not count is named in the still-needed line") {
  CHECK(Needs({kComplete[0], kComplete[1],
               "kind=activity strand=physical-outdoor hours=20 date=2025-07-01", kComplete[3]}) ==
        std::vector<std::string>{"Personal development: needs 15 more hours of activities in "
                                 "physical & outdoor (has 0 of 15); 20 hours of physical & "
                                 "outdoor on 2025-07-01 does not count: dated before the "
                                 "programme starts"});
}

}  // namespace accredit
