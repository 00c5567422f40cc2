// Each assessor exception action as the evaluator applies it (exception_apply.h), and what the
// Outcome records about it.
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "accredit/evaluator.h"
#include "accredit/exceptions.h"
#include "accredit/explain.h"
#include "evaluation_fixture.h"
#include "records_fixture.h"

namespace accredit {
namespace {

using testing::LoadYaml;
using testing::MakeLearner;

// `top` needs GCSE maths at 4+, two A levels, one humanities A level (history or english), and
// 10 hours of activities with 5 of leadership & service; `base` needs any GCSE maths.
constexpr const char* kRules = R"(accredit: 1
scales:
  g: {grades: [U, "1", "2", "3", "4", "5"], pass: "4"}
  al: {grades: [U, E, D, C, B, A], pass: E}
types:
  gcse: {scale: g, level: 2}
  a-level: {scale: al, level: 3}
subjects:
  maths: {}
  physics: {}
  english: {}
  history: {}
programme: {id: p, title: P}
tiers:
  top:
    components:
      maths: {role: core-maths, count: {at_least: 1, where: {type: gcse, subject: maths, grade: ">= 4"}}}
      study: {role: core-learning, count: {at_least: 2, where: {type: a-level}}}
      humanities: {role: breadth, count: {at_least: 1, where: {type: a-level, subject: [history, english]}}}
      hours:
        role: personal-development
        all:
          - id: total
            sum: {of: hours, at_least: 10, where: {kind: activity}}
          - id: service
            sum: {of: hours, at_least: 5, where: {kind: activity, strand: leadership-service}}
  base:
    components:
      maths: {role: core-maths, count: {at_least: 1, where: {type: gcse, subject: maths}}}
)";

const char* kRows[] = {
    "type=gcse subject=maths grade=5",                                  // 0
    "type=a-level subject=history grade=B",                             // 1
    "type=a-level subject=physics grade=C",                             // 2
    "type=a-level subject=english grade=A",                             // 3
    "kind=activity hours=6 strand=creative-cultural title=Stage-crew",  // 4
    "kind=activity hours=5 strand=leadership-service",                  // 5
    "type=gcse subject=physics grade=5",                                // 6
};

class Fixture {
 public:
  Fixture() : rules_(LoadYaml(kRules)) {}

  const RuleSet& rules() const { return rules_->result.rules; }
  const Programme& programme() const { return rules().programmes[0]; }

  // Loads `entries` (YAML list items for learner L1 of award p) and binds them.
  const ProgrammeExceptions& Bind(const std::string& entries) {
    SourceId id = sources_.Add("x.exceptions.yaml",
                               "accredit-exceptions: 1\naward: p\nexceptions:\n" + entries);
    Diagnostics diagnostics;
    REQUIRE_MESSAGE(LoadExceptions(id, sources_.Get(id).text, set_, diagnostics),
                    testing::RenderAll(diagnostics, sources_));
    bound_ = std::make_unique<ProgrammeExceptions>(
        BindExceptions(set_, rules(), programme(), diagnostics));
    REQUIRE_MESSAGE(diagnostics.empty(), testing::RenderAll(diagnostics, sources_));
    return *bound_;
  }

  Outcome Evaluate(const Learner& learner, bool trace = true) {
    Evaluator evaluator(rules(), programme());
    EvaluateOptions options;
    options.trace = trace;
    options.exceptions = bound_.get();
    return evaluator.Evaluate(learner, options);
  }

  Learner Make(const std::vector<int>& rows, const std::string& id = "L1") {
    std::vector<std::string> texts;
    for (int r : rows) texts.push_back(kRows[r]);
    return MakeLearner(rules(), id, texts);
  }

 private:
  std::unique_ptr<testing::LoadedRules> rules_;
  SourceSet sources_;
  ExceptionSet set_;
  std::unique_ptr<ProgrammeExceptions> bound_;
};

std::string Entry(const std::string& keys) {
  return "  - {learner: L1, " + keys + ", reason: r, approved-by: A, date: 2027-06-30}\n";
}

const ComponentResult& ResultOf(const Outcome& o, std::size_t tier, std::size_t c) {
  return o.tiers.at(tier).components.at(c);
}

}  // namespace

TEST_CASE("a learner without exceptions is evaluated as before") {
  Fixture f;
  f.Bind(Entry("node: top.maths, action: waive"));
  Learner other = f.Make({0, 1, 2, 3, 4, 5}, "L2");
  Outcome o = f.Evaluate(other);
  CHECK(o.tier == 0);
  CHECK(o.exceptions.empty());
  CHECK_FALSE(o.relies_on_exception);
}

TEST_CASE("waive: a waived condition is met, and the outcome relies on it") {
  Fixture f;
  f.Bind(Entry("node: top.hours.service, action: waive"));
  Learner l = f.Make({0, 1, 2, 3, 4, 4});  // 12 hours, none of them leadership & service
  Outcome o = f.Evaluate(l);
  CHECK(o.tier == 0);
  CHECK(o.relies_on_exception);
  CHECK(o.tier_without_exceptions == 1);
  REQUIRE(o.exceptions.size() == 1);
  CHECK(o.exceptions[0].effect == ExceptionEffect::kApplied);
  CHECK(o.exceptions[0].achievement == kNone);
  const NodeTrace& service = ResultOf(o, 0, 3).trace.children.at(1);
  CHECK(service.met);
  CHECK(service.actual == 0);  // the record is still shown as it is
  CHECK(service.required == 5);
}

TEST_CASE("waive: a waived component never takes an achievement another component needs") {
  Fixture f;
  f.Bind(Entry("node: top.humanities, action: waive"));
  // Two A levels, both humanities: without the waiver study and humanities compete for them.
  Learner l = f.Make({0, 1, 3, 5, 5});
  Outcome o = f.Evaluate(l);
  CHECK(o.tier == 0);
  CHECK(o.relies_on_exception);
  CHECK(ResultOf(o, 0, 2).status == ComponentStatus::kMet);
  CHECK(ResultOf(o, 0, 2).allocated.empty());
  CHECK(ResultOf(o, 0, 1).allocated == std::vector<std::uint32_t>{1, 2});
}

TEST_CASE("waive: a waived component keeps what only it could use, for the award grade") {
  Fixture f;
  f.Bind(Entry("node: top.maths, action: waive"));
  Outcome o = f.Evaluate(f.Make({0, 1, 2, 3, 4, 5}));
  CHECK(o.tier == 0);
  CHECK_FALSE(o.relies_on_exception);
  CHECK(ResultOf(o, 0, 0).allocated == std::vector<std::uint32_t>{0});
}

TEST_CASE("waive: an exception that changes nothing is applied but not relied on") {
  Fixture f;
  f.Bind(Entry("node: top.hours.service, action: waive"));
  Outcome o = f.Evaluate(f.Make({0, 1, 2, 3, 4, 5}));
  CHECK(o.tier == 0);
  REQUIRE(o.exceptions.size() == 1);
  CHECK(o.exceptions[0].effect == ExceptionEffect::kApplied);
  CHECK_FALSE(o.relies_on_exception);
  CHECK(o.tier_without_exceptions == 0);
}

TEST_CASE("an exception for a tier below the one achieved is not reached") {
  Fixture f;
  f.Bind(Entry("node: base.maths, action: waive"));
  Outcome o = f.Evaluate(f.Make({0, 1, 2, 3, 4, 5}));
  CHECK(o.tier == 0);
  REQUIRE(o.exceptions.size() == 1);
  CHECK(o.exceptions[0].effect == ExceptionEffect::kNotReached);
  CHECK_FALSE(o.relies_on_exception);
}

TEST_CASE("substitute: the named achievement meets the node and is used there") {
  Fixture f;
  f.Bind(
      Entry("node: top.maths, action: substitute, achievement: {type: gcse, subject: "
            "physics}"));
  // No GCSE maths at all: GCSE physics stands in for it.
  Learner l = f.Make({1, 2, 3, 6, 4, 5});
  Outcome o = f.Evaluate(l);
  CHECK(o.tier == 0);
  CHECK(o.relies_on_exception);
  CHECK(o.tier_without_exceptions == kNone);
  REQUIRE(o.exceptions.size() == 1);
  CHECK(o.exceptions[0].achievement == 3);
  const ComponentResult& maths = ResultOf(o, 0, 0);
  CHECK(maths.status == ComponentStatus::kMet);
  CHECK(maths.allocated == std::vector<std::uint32_t>{3});
  CHECK(maths.trace.used == std::vector<std::uint32_t>{3});
}

TEST_CASE("substitute: the substitute is used up like any achievement") {
  Fixture f;
  f.Bind(Entry("node: top.maths, action: substitute, achievement: {subject: physics}"));
  // Physics and history only: physics cannot be both the maths substitute and a second A level.
  Learner l = f.Make({1, 2, 3, 4, 5});
  Outcome o = f.Evaluate(l);
  CHECK(o.tier == kNone);
  CHECK_FALSE(o.relies_on_exception);
  const TierResult& top = o.tiers.at(0);
  int met = 0;
  for (const ComponentResult& c : top.components) met += c.status == ComponentStatus::kMet;
  // Maths, study and humanities need four A levels between them with the substitute; there
  // are three, so one of them is not met (hours is).
  CHECK(met == 3);
}

TEST_CASE("allow: the named achievement counts towards the condition as if it matched") {
  Fixture f;
  f.Bind(Entry("node: top.hours.service, action: allow, achievement: {title: Stage-crew}"));
  Learner l = f.Make({0, 1, 2, 3, 4, 4});  // rows 4 and 5 of the learner are both Stage-crew
  SUBCASE("two achievements match: the exception is not applied") {
    Outcome o = f.Evaluate(l);
    REQUIRE(o.exceptions.size() == 1);
    CHECK(o.exceptions[0].effect == ExceptionEffect::kAmbiguous);
    CHECK(o.tier == 1);
  }
  SUBCASE("one matches: its hours count for leadership & service") {
    Learner one = f.Make({0, 1, 2, 3, 4, 5});
    one.achievements[5].hours = 2;  // 8 hours in all: total unmet without help, service 2
    Outcome o = f.Evaluate(one);
    REQUIRE(o.exceptions.size() == 1);
    CHECK(o.exceptions[0].effect == ExceptionEffect::kApplied);
    const NodeTrace& service = ResultOf(o, 0, 3).trace.children.at(1);
    CHECK(service.met);
    CHECK(service.actual == 8);
    CHECK(service.used == std::vector<std::uint32_t>{4, 5});
    // The allowance is for that condition only: the total is still 8 of 10.
    CHECK_FALSE(ResultOf(o, 0, 3).trace.children.at(0).met);
    CHECK(o.tier == 1);
  }
}

TEST_CASE("force: the achievement goes to the component named and to no other") {
  Fixture f;
  SUBCASE("forced where the search would not put it") {
    f.Bind(Entry("node: top.humanities, action: force, achievement: {subject: english}"));
    Outcome o = f.Evaluate(f.Make({0, 1, 2, 3, 4, 5}));
    CHECK(o.tier == 0);
    CHECK(ResultOf(o, 0, 2).allocated == std::vector<std::uint32_t>{3});
    CHECK(ResultOf(o, 0, 1).allocated == std::vector<std::uint32_t>{1, 2});
    CHECK_FALSE(o.relies_on_exception);
  }
  SUBCASE("forced where it does not count: the tier is lost, and the outcome relies on it") {
    f.Bind(Entry("node: top.hours, action: force, achievement: {subject: physics}"));
    Outcome o = f.Evaluate(f.Make({0, 1, 2, 3, 4, 5}));
    CHECK(o.tier == 1);
    CHECK(o.tier_without_exceptions == 0);
    CHECK(o.relies_on_exception);
    CHECK(ResultOf(o, 0, 3).allocated == std::vector<std::uint32_t>{2, 4, 5});
  }
}

TEST_CASE("an exception never makes an achievement count that does not") {
  Fixture f;
  f.Bind(Entry("node: top.maths, action: substitute, achievement: {subject: physics}"));
  Learner l = f.Make({1, 2, 3, 4, 5});
  l.achievements[1].status = Status::kPredicted;
  Outcome o = f.Evaluate(l);
  REQUIRE(o.exceptions.size() == 1);
  CHECK(o.exceptions[0].effect == ExceptionEffect::kNotCounted);
  CHECK(o.exceptions[0].achievement == 1);
  CHECK(o.tier == kNone);
  CHECK_FALSE(o.relies_on_exception);
}

TEST_CASE("exceptions bound to another programme are not applied") {
  Fixture f;
  auto other = LoadYaml(kRules);
  Evaluator evaluator(other->result.rules, other->result.rules.programmes[0]);
  EvaluateOptions options;
  Fixture g;
  options.exceptions = &g.Bind(Entry("node: top.maths, action: waive"));
  Outcome o = evaluator.Evaluate(f.Make({1, 2, 3, 4, 5}), options);
  CHECK(o.exceptions.empty());
  CHECK(o.tier == kNone);
}

TEST_CASE("a waived node needs nothing in the still-needed lines") {
  Fixture f;
  f.Bind(Entry("node: top.hours.service, action: waive"));
  Learner l = f.Make({0, 1, 2, 3, 4});  // 6 hours: total short, service waived
  Outcome o = f.Evaluate(l);
  REQUIRE(o.tier == 1);
  std::vector<std::string> needed = StillNeeded(f.rules(), l, o, o.tiers.at(0));
  REQUIRE(needed.size() == 1);
  CHECK(needed[0] == "hours: needs 4 more hours of activities (has 6 of 10)");
}

}  // namespace accredit
