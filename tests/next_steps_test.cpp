#include "accredit/next_steps.h"

#include <doctest/doctest.h>

#include "evaluation_fixture.h"

namespace accredit {

namespace {

// The built-in Foxwood programme: Advanced (three A levels, or a BTEC National...), then
// Intermediate (five GCSEs, or Level 3 study the size of two A levels...).
struct Foxwood {
  SourceSet sources;
  LoadResult loaded = LoadDefaultRules(sources);
  const Programme& programme() const { return loaded.rules.programmes.at(0); }

  NextSteps Plan(const std::vector<std::string>& rows, std::optional<Date> as_of = std::nullopt) {
    REQUIRE(loaded.ok());
    learner = testing::MakeLearner(loaded.rules, "L1", rows);
    Evaluator evaluator(loaded.rules, programme());
    EvaluateOptions options;
    options.trace = true;
    options.as_of = as_of;
    outcome = evaluator.Evaluate(learner, options);
    return PlanNextSteps(loaded.rules, programme(), learner, outcome, as_of);
  }

  Learner learner;
  Outcome outcome;
};

const NextStep* StepFor(const TierSteps& tier, std::string_view component) {
  for (const NextStep& s : tier.steps) {
    if (s.component->local_id == component) return &s;
  }
  return nullptr;
}

const std::vector<std::string> kYear13 = {
    "type=gcse subject=mathematics grade=4",
    "type=gcse subject=english-language grade=4",
    "type=a-level subject=sociology grade=D date=2027-08-12",
    "type=a-level subject=psychology grade=X date=2027-08-12",
    "kind=activity strand=leadership-service hours=12 date=2026-02-06",
    "kind=activity strand=physical-outdoor hours=18 date=2026-06-26",
};

}  // namespace

TEST_CASE("a learner with no award is shown the lowest tier first, then the one above") {
  Foxwood f;
  NextSteps steps = f.Plan(kYear13);
  CHECK(steps.achieved == nullptr);
  REQUIRE(steps.closest.has_value());
  CHECK(steps.closest->tier->id == "intermediate");
  REQUIRE(steps.next_up.has_value());
  CHECK(steps.next_up->tier->id == "advanced");
  // Maths and English are done; the three other parts are to do.
  CHECK(steps.closest->done.size() == 2);
  CHECK(steps.closest->steps.size() == 3);
}

TEST_CASE("more of what the learner already holds comes before a new programme") {
  Foxwood f;
  NextSteps steps = f.Plan(kYear13);
  // Intermediate: Level 3 study the size of two A levels, built on the A level held.
  const NextStep* core = StepFor(*steps.closest, "core-learning");
  REQUIRE(core != nullptr);
  REQUIRE(core->tasks.size() == 1);
  CHECK(core->tasks[0].find("pass 1 more A level") == 0);
  CHECK(core->have == std::vector<std::string>{"A level Sociology, D"});
  CHECK(core->not_counted == std::vector<std::string>{"A level Psychology was marked absent"});
  // Advanced: two more A levels, not a BTEC National Diploma, which is as large but new.
  const NextStep* advanced = StepFor(*steps.next_up, "core-learning");
  REQUIRE(advanced != nullptr);
  REQUIRE(advanced->tasks.size() == 1);
  CHECK(advanced->tasks[0].find("pass 2 more A levels") == 0);
  REQUIRE_FALSE(advanced->alternatives.empty());
  CHECK(advanced->alternatives[0].find("BTEC") != std::string::npos);
}

TEST_CASE("hours are asked for by strand, with what the learner has logged") {
  Foxwood f;
  NextSteps steps = f.Plan(kYear13);
  const NextStep* development = StepFor(*steps.closest, "development");
  REQUIRE(development != nullptr);
  CHECK(development->tasks ==
        std::vector<std::string>{"log 30 more hours of activities (you have 30 of 60)",
                                 "log 10 more hours of creative & cultural activity (you have "
                                 "0 of 10)"});
  CHECK(development->cost.study == 0);
  CHECK(development->cost.hours == 40);
}

TEST_CASE("after the programme's end date nothing is advised") {
  Foxwood f;
  NextSteps open = f.Plan(kYear13, ParseDate("2027-08-20"));
  CHECK_FALSE(open.ended);
  CHECK(open.closest.has_value());
  NextSteps ended = f.Plan(kYear13, ParseDate("2027-09-01"));
  CHECK(ended.ended);
  CHECK_FALSE(ended.closest.has_value());
  CHECK_FALSE(ended.next_up.has_value());
}

TEST_CASE("a learner with the top tier has no next steps") {
  Foxwood f;
  NextSteps steps =
      f.Plan({"type=gcse subject=mathematics grade=6", "type=gcse subject=english-language grade=6",
              "type=a-level subject=history grade=B date=2027-08-12",
              "type=a-level subject=french grade=B date=2027-08-12",
              "type=a-level subject=physics grade=B date=2027-08-12",
              "kind=project type=epq subject=extended-project grade=B date=2027-05-14",
              "kind=activity strand=leadership-service hours=40 date=2026-02-06",
              "kind=activity strand=creative-cultural hours=40 date=2026-02-06",
              "kind=activity strand=physical-outdoor hours=40 date=2026-06-26"});
  REQUIRE(steps.achieved != nullptr);
  CHECK(steps.achieved->id == "advanced");
  CHECK_FALSE(steps.closest.has_value());
}

TEST_CASE("an achievement is named briefly, without where it was read") {
  Foxwood f;
  f.Plan(kYear13);
  CHECK(BriefAchievement(f.loaded.rules, f.learner, f.learner.achievements[2]) ==
        "A level Sociology, D");
  CHECK(BriefAchievement(f.loaded.rules, f.learner, f.learner.achievements[4]) ==
        "12 hours of leadership & service");
}

}  // namespace accredit
