#include "accredit/evaluator.h"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>

#include "evaluation_fixture.h"

namespace accredit {

namespace {

using testing::LoadYaml;
using testing::MakeLearner;

constexpr const char* kVocabulary = R"(accredit: 1
scales:
  g: {grades: [U, "1", "2", "3", "4", "5"], pass: "4", special: {Q: {treat: pending}}}
  al: {grades: [U, E, D, C, B, A], pass: E}
types:
  gcse: {scale: g, level: 2}
  a-level: {scale: al, level: 3}
subjects:
  maths: {}
  physics: {}
  english: {}
  history: {}
tables:
  pts: {version: "1", points: {a-level: {A: 48, B: 40, C: 32, D: 24, E: 16}}}
)";

std::string TierNames(const Outcome& outcome) {
  std::string out;
  for (const TierResult& t : outcome.tiers) {
    out += t.tier->id + (t.met ? "+" : "-") + " ";
  }
  return out;
}

}  // namespace

TEST_CASE("an allocation is found where first-fit would fail the learner") {
  // Component `science` takes maths or physics; `core-maths` takes only maths. First-fit in
  // input order gives the maths GCSE to `science` and leaves `core-maths` unmet.
  auto rules = LoadYaml(std::string(kVocabulary) + R"(programme: {id: p, title: P}
tiers:
  top:
    components:
      science: {role: core-learning, count: {at_least: 1, where: {subject: [maths, physics]}}}
      core-maths: {role: core-maths, count: {at_least: 1, where: {subject: maths}}}
)");
  const RuleSet& rs = rules->result.rules;
  Evaluator evaluator(rs, rs.programmes[0]);
  Learner learner = MakeLearner(
      rs, "L1", {"type=gcse subject=maths grade=4", "type=gcse subject=physics grade=5"});
  Outcome outcome = evaluator.Evaluate(learner, {});
  REQUIRE(outcome.tier == 0);
  const TierResult& tier = outcome.tiers[0];
  CHECK(tier.components[0].allocated == std::vector<std::uint32_t>{1});
  CHECK(tier.components[1].allocated == std::vector<std::uint32_t>{0});
}

TEST_CASE("the highest tier met wins and the tiers above it are reported") {
  auto rules = LoadYaml(std::string(kVocabulary) + R"(programme: {id: p, title: P}
tiers:
  advanced:
    components:
      main: {role: core-learning, count: {at_least: 3, where: {type: a-level, grade: pass}}}
    grading:
      points: {table: pts, of: main}
      bands: {distinction: 130, merit: 100, pass: 0}
  intermediate:
    components:
      main: {role: core-learning, count: {at_least: 2, where: {type: a-level, grade: pass}}}
)");
  const RuleSet& rs = rules->result.rules;
  Evaluator evaluator(rs, rs.programmes[0]);
  Learner three =
      MakeLearner(rs, "L1",
                  {"type=a-level subject=maths grade=A", "type=a-level subject=physics grade=A",
                   "type=a-level subject=history grade=C"});
  Outcome a = evaluator.Evaluate(three, {});
  CHECK(TierNames(a) == "advanced+ ");
  CHECK(a.grade == "merit");  // 48 + 48 + 32 = 128
  CHECK(a.tiers[0].score == doctest::Approx(128));
  Learner two =
      MakeLearner(rs, "L2",
                  {"type=a-level subject=maths grade=A", "type=a-level subject=physics grade=U",
                   "type=a-level subject=history grade=C"});
  Outcome b = evaluator.Evaluate(two, {});
  CHECK(TierNames(b) == "advanced- intermediate+ ");
  CHECK(b.tier == 1);
  CHECK(b.grade == "");
}

TEST_CASE("predicted, in-progress, pending and out-of-programme achievements do not count") {
  auto rules = LoadYaml(std::string(kVocabulary) +
                        R"(programme: {id: p, title: P, starts: 2025-09-01, ends: 2027-08-31}
tiers:
  top:
    components:
      dev: {role: personal-development, sum: {of: hours, at_least: 20, where: {kind: activity}}}
      maths: {role: core-maths, count: {at_least: 1, where: {subject: maths, grade: pass}}}
)");
  const RuleSet& rs = rules->result.rules;
  Evaluator evaluator(rs, rs.programmes[0]);
  Learner learner = MakeLearner(
      rs, "L1",
      {"kind=activity strand=physical-outdoor hours=10 date=2025-08-30",
       "kind=activity strand=physical-outdoor hours=10 date=2025-10-01",
       "kind=activity strand=physical-outdoor hours=10 status=in-progress",
       "kind=activity strand=creative-cultural hours=10 date=2026-03-01",
       "type=gcse subject=maths grade=5 status=predicted", "type=gcse subject=maths grade=Q"});
  Outcome plain = evaluator.Evaluate(learner, {});
  CHECK(plain.exclusions == std::vector<Exclusion>{Exclusion::kBeforeStart, Exclusion::kCounts,
                                                   Exclusion::kInProgress, Exclusion::kCounts,
                                                   Exclusion::kPredicted, Exclusion::kPending});
  CHECK(plain.tier == kNone);
  CHECK(plain.tiers[0].components[0].status == ComponentStatus::kMet);
  CHECK(plain.tiers[0].components[1].status == ComponentStatus::kNotMet);
  EvaluateOptions predicted;
  predicted.predicted = true;
  Outcome with = evaluator.Evaluate(learner, predicted);
  CHECK(with.tier == 0);
  CHECK(with.used_predicted);
  EvaluateOptions as_of;
  as_of.as_of = ParseDate("2026-01-01");
  as_of.predicted = true;
  Outcome early = evaluator.Evaluate(learner, as_of);
  CHECK(early.tiers[0].components[0].status == ComponentStatus::kNotMet);
  CHECK(early.exclusions[3] == Exclusion::kAfterAsOf);
}

TEST_CASE("a learner with rejected rows gets error rather than not-met") {
  auto rules = LoadYaml(std::string(kVocabulary) + R"(programme: {id: p, title: P}
tiers:
  top:
    components:
      maths: {role: core-maths, count: {at_least: 1, where: {subject: maths}}}
)");
  const RuleSet& rs = rules->result.rules;
  Evaluator evaluator(rs, rs.programmes[0]);
  Learner learner = MakeLearner(rs, "L1", {"type=gcse subject=english grade=5"});
  learner.rejected_rows = 1;
  Outcome outcome = evaluator.Evaluate(learner, {});
  CHECK(outcome.data_error);
  CHECK(outcome.tiers[0].components[0].status == ComponentStatus::kError);
}

TEST_CASE("shared components see every achievement and record-level conditions see all") {
  auto rules = LoadYaml(std::string(kVocabulary) + R"(programme: {id: p, title: P}
tiers:
  top:
    components:
      main: {role: core-learning, count: {at_least: 2, where: {type: gcse, grade: pass}}}
      maths: {role: core-maths, shared: true, count: {at_least: 1, where: {subject: maths, grade: pass}}}
      clean:
        role: breadth
        all:
          - none: {where: {grade: U}}
          - count: {at_most: 3, where: {type: gcse}}
)");
  const RuleSet& rs = rules->result.rules;
  Evaluator evaluator(rs, rs.programmes[0]);
  Learner ok = MakeLearner(
      rs, "L1", {"type=gcse subject=maths grade=4", "type=gcse subject=english grade=5"});
  CHECK(evaluator.Evaluate(ok, {}).tier == 0);
  Learner with_u =
      MakeLearner(rs, "L2",
                  {"type=gcse subject=maths grade=4", "type=gcse subject=english grade=5",
                   "type=gcse subject=history grade=U"});
  Outcome u = evaluator.Evaluate(with_u, {});
  CHECK(u.tier == kNone);
  CHECK(u.tiers[0].components[2].status == ComponentStatus::kNotMet);
}

TEST_CASE("a threshold can depend on another value of the record") {
  auto rules = LoadYaml(std::string(kVocabulary) + R"(programme: {id: p, title: P}
tiers:
  top:
    components:
      main:
        role: core-learning
        sum:
          of: points
          table: pts
          where: {type: a-level}
          at_least:
            by: {count: {where: {type: a-level}}}
            steps: {3: 100, 0: 40}  # in any order: the highest key not above `by` applies
)");
  const RuleSet& rs = rules->result.rules;
  Evaluator evaluator(rs, rs.programmes[0]);
  // Two A levels: the floor is 40; 48 + 16 = 64 meets it.
  CHECK(evaluator
            .Evaluate(MakeLearner(rs, "L1",
                                  {"type=a-level subject=maths grade=A",
                                   "type=a-level subject=physics grade=E"}),
                      {})
            .tier == 0);
  // Three A levels: the floor is 100; 48 + 16 + 16 = 80 does not.
  CHECK(evaluator
            .Evaluate(MakeLearner(rs, "L2",
                                  {"type=a-level subject=maths grade=A",
                                   "type=a-level subject=physics grade=E",
                                   "type=a-level subject=history grade=E"}),
                      {})
            .tier == kNone);
}

TEST_CASE("a search stopped at its limit says so and keeps the best allocation found") {
  auto rules = testing::LoadYaml(R"(accredit: 1
scales:
  g: {grades: [U, "4"], pass: "4"}
types:
  gcse: {scale: g}
subjects: {a: {}, b: {}, c: {}}
programme: {id: p, title: P}
tiers:
  top:
    components:
      x: {role: breadth, count: {at_least: 3, where: {subject: [a, b, c]}}}
      y: {role: core-learning, count: {at_least: 3, where: {subject: [a, b, c]}}}
)");
  const RuleSet& rs = rules->result.rules;
  Evaluator evaluator(rs, rs.programmes[0]);
  Learner learner = testing::MakeLearner(
      rs, "L1",
      {"type=gcse subject=a grade=4", "type=gcse subject=b grade=4", "type=gcse subject=c grade=4",
       "type=gcse subject=a grade=4", "type=gcse subject=b grade=4"});
  EvaluateOptions options;
  Outcome full = evaluator.Evaluate(learner, options);
  CHECK_FALSE(full.search_limit_hit);
  CHECK(full.tier == kNone);  // five achievements cannot make two threes
  options.search_limit = 3;
  Outcome cut = evaluator.Evaluate(learner, options);
  CHECK(cut.search_limit_hit);
  int met = 0;
  for (const ComponentResult& c : cut.tiers[0].components) met += c.status == ComponentStatus::kMet;
  CHECK(met <= 1);
}

TEST_CASE("prior learning counts from before the programme starts; other work does not") {
  auto rules = testing::LoadYaml(std::string(kVocabulary) + R"(programme:
  id: p
  title: P
  starts: 2025-09-01
  prior_learning: {type: gcse}
tiers:
  top:
    components:
      maths: {role: core-maths, count: {at_least: 1, where: {subject: maths, grade: pass}}}
      dev: {role: personal-development, sum: {of: hours, at_least: 10, where: {kind: activity}}}
)");
  const RuleSet& rs = rules->result.rules;
  Evaluator evaluator(rs, rs.programmes[0]);
  Learner learner =
      testing::MakeLearner(rs, "L1",
                           {"type=gcse subject=maths grade=5 date=2025-06-30",
                            "kind=activity strand=physical-outdoor hours=10 date=2025-07-01"});
  Outcome outcome = evaluator.Evaluate(learner, {});
  CHECK(outcome.exclusions == std::vector<Exclusion>{Exclusion::kCounts, Exclusion::kBeforeStart});
  CHECK(outcome.tiers[0].components[0].status == ComponentStatus::kMet);
  CHECK(outcome.tiers[0].components[1].status == ComponentStatus::kNotMet);
}

TEST_CASE("a subject outside the vocabulary counts as its own, never for a subject filter") {
  auto rules = testing::LoadYaml(std::string(kVocabulary) + R"(programme: {id: p, title: P}
tiers:
  top:
    components:
      breadth:
        role: breadth
        shared: true
        count: {at_least: 3, distinct: subject, where: {type: gcse, grade: pass}}
      listed:
        role: core-learning
        count: {at_least: 1, where: {subject: [maths, physics, english, history]}}
      other:
        role: core-maths
        shared: true
        count: {at_least: 1, where: {not: {subject: maths}}}
)");
  const RuleSet& rs = rules->result.rules;
  Evaluator evaluator(rs, rs.programmes[0]);
  // Polish and POLISH are one subject (names compare as records match them); Urdu another;
  // neither is a listed subject.
  Learner three =
      testing::MakeLearner(rs, "L1",
                           {"type=gcse subject=Polish grade=5", "type=gcse subject=POLISH grade=4",
                            "type=gcse subject=maths grade=5", "type=gcse subject=Urdu grade=4"});
  Outcome outcome = evaluator.Evaluate(three, {});
  const TierResult& tier = outcome.tiers[0];
  CHECK(tier.components[0].status == ComponentStatus::kMet);
  CHECK(tier.components[1].status == ComponentStatus::kMet);  // by the maths GCSE only
  CHECK(tier.components[1].allocated == std::vector<std::uint32_t>{2});
  CHECK(tier.components[2].allocated != std::vector<std::uint32_t>{2});
  CHECK(tier.components[2].status == ComponentStatus::kMet);  // an unlisted subject is not maths

  Learner two =
      testing::MakeLearner(rs, "L2",
                           {"type=gcse subject=Polish grade=5", "type=gcse subject=polish grade=4",
                            "type=gcse subject=Urdu grade=4"});
  Outcome short_one = evaluator.Evaluate(two, {});
  CHECK(short_one.tiers[0].components[0].status == ComponentStatus::kNotMet);
  CHECK(short_one.tiers[0].components[1].status == ComponentStatus::kNotMet);

  // Three subjects: two outside the vocabulary and one in it, all distinct...
  Learner mixed =
      testing::MakeLearner(rs, "L3",
                           {"type=gcse subject=Polish grade=5", "type=gcse subject=maths grade=4",
                            "type=gcse subject=Urdu grade=4"});
  CHECK(evaluator.Evaluate(mixed, {}).tiers[0].components[0].status == ComponentStatus::kMet);
  // ...but one written twice is one subject.
  Learner twice =
      testing::MakeLearner(rs, "L4",
                           {"type=gcse subject=Polish grade=5", "type=gcse subject=maths grade=4",
                            "type=gcse subject=POLISH grade=4"});
  CHECK(evaluator.Evaluate(twice, {}).tiers[0].components[0].status == ComponentStatus::kNotMet);
}

TEST_CASE("a result code treated as a fail meets no grade condition but one naming the code") {
  // accredit-rules(5): such a code never meets a comparison, `pass` or a list of the scale's
  // grades; only a filter that names the code itself (to find absent results) matches it.
  auto rules = LoadYaml(R"(accredit: 1
scales:
  x: {grades: [U, "1", "2", "3", "4", "5"], pass: "4", special: {"N": {treat: fail}}}
types:
  xg: {scale: x, level: 2}
subjects:
  maths: {}
programme: {id: p, title: P}
tiers:
  top:
    components:
      any: {role: core-learning, count: {at_least: 1, where: {type: xg, grade: ">= U"}}}
      listed: {role: core-learning, shared: true,
               count: {at_least: 1, where: {type: xg, grade: [U, "1", "2", "3", "4", "5"]}}}
      passed: {role: core-learning, shared: true, count: {at_least: 1, where: {type: xg, grade: pass}}}
      named: {role: core-learning, shared: true, count: {at_least: 1, where: {type: xg, grade: "N"}}}
)");
  const RuleSet& rs = rules->result.rules;
  Evaluator evaluator(rs, rs.programmes[0]);
  Learner learner = MakeLearner(rs, "L1", {"type=xg subject=maths grade=N"});
  Outcome outcome = evaluator.Evaluate(learner, {});
  const TierResult& tier = outcome.tiers[0];
  REQUIRE(tier.components.size() == 4);
  CHECK(tier.components[0].status != ComponentStatus::kMet);
  CHECK(tier.components[1].status != ComponentStatus::kMet);
  CHECK(tier.components[2].status != ComponentStatus::kMet);
  CHECK(tier.components[3].status == ComponentStatus::kMet);
}

TEST_CASE("a filter with 'any' matches an achievement that one of its filters matches") {
  // Rule language 1.1: an A level at C or above, or an AS level in French at E or above.
  auto rules = LoadYaml(R"(accredit: 1.1
scales:
  al: {grades: [U, E, D, C, B, A], pass: E}
types:
  a-level: {scale: al, level: 3}
  as-level: {scale: al, level: 3}
subjects:
  maths: {}
  french: {}
programme: {id: p, title: P}
tiers:
  top:
    components:
      study:
        role: core-learning
        count:
          at_least: 2
          where:
            not: {grade: U}
            any:
              - {type: a-level, grade: ">= C"}
              - {type: as-level, subject: french, grade: ">= E"}
)");
  const RuleSet& rs = rules->result.rules;
  Evaluator evaluator(rs, rs.programmes[0]);
  // An A level at C and an AS in French at E: one each way.
  CHECK(evaluator
            .Evaluate(MakeLearner(rs, "L1",
                                  {"type=a-level subject=maths grade=C",
                                   "type=as-level subject=french grade=E"}),
                      {})
            .tier == 0);
  // An A level at D, and an AS at A but in maths: neither way.
  Outcome none = evaluator.Evaluate(
      MakeLearner(rs, "L2",
                  {"type=a-level subject=maths grade=D", "type=as-level subject=maths grade=A",
                   "type=as-level subject=french grade=B"}),
      {});
  CHECK(none.tier == kNone);
  CHECK(none.tiers[0].components[0].allocated == std::vector<std::uint32_t>{2});
}

TEST_CASE("a tier graded on the lowest points, or on the best few, of what its parts use") {
  // Rule language 1.1: "distinction if every grade counted is at least A", "merit on the
  // lowest of the best two".
  auto grading = [](const std::string& how) {
    return LoadYaml("accredit: 1.1\n" + std::string(kVocabulary).substr(12) +
                    R"(programme: {id: p, title: P}
tiers:
  top:
    components:
      main: {role: core-learning, count: {at_least: 1, where: {type: a-level, grade: pass}}}
      breadth:
        role: breadth
        count: {at_least: 1, where: {type: a-level, subject: [maths, history, english]}}
    grading:
      points: {table: pts, of: main, )" +
                    how +
                    R"(}
      bands: {distinction: 48, merit: 40, pass: 0}
)");
  };
  auto learner = [](const RuleSet& rs) {
    return MakeLearner(
        rs, "L1",
        {"type=a-level subject=maths grade=A", "type=a-level subject=history grade=D",
         "type=a-level subject=english grade=D", "type=a-level subject=physics grade=A"});
  };
  SUBCASE("the lowest of all that 'main' uses") {
    auto rules = grading("combine: lowest");
    const RuleSet& rs = rules->result.rules;
    Outcome outcome = Evaluator(rs, rs.programmes[0]).Evaluate(learner(rs), {});
    // Breadth takes both Ds, so that every grade main uses is an A; a total would keep a D
    // in main, for more points.
    const std::vector<std::uint32_t>& breadth = outcome.tiers[0].components[1].allocated;
    CHECK(std::count(breadth.begin(), breadth.end(), 1) == 1);
    CHECK(std::count(breadth.begin(), breadth.end(), 2) == 1);
    CHECK(outcome.tiers[0].score == doctest::Approx(48));
    CHECK(outcome.grade == "distinction");
  }
  SUBCASE("every grade counted, added up, as rule language 1 does") {
    auto rules = grading("combine: total");
    const RuleSet& rs = rules->result.rules;
    Outcome outcome = Evaluator(rs, rs.programmes[0]).Evaluate(learner(rs), {});
    CHECK(outcome.tiers[0].components[1].allocated.size() == 1);
    CHECK(outcome.tiers[0].score == doctest::Approx(48 + 24 + 48));
  }
  SUBCASE("the lowest of the best two") {
    auto rules = grading("best: 2, combine: lowest");
    const RuleSet& rs = rules->result.rules;
    Outcome outcome = Evaluator(rs, rs.programmes[0]).Evaluate(learner(rs), {});
    CHECK(outcome.tiers[0].score == doctest::Approx(48));  // A (maths), A (physics)
    CHECK(outcome.grade == "distinction");
  }
  SUBCASE("the total of the best two") {
    auto rules = grading("best: 2");
    const RuleSet& rs = rules->result.rules;
    Outcome outcome = Evaluator(rs, rs.programmes[0]).Evaluate(learner(rs), {});
    CHECK(outcome.tiers[0].score == doctest::Approx(96));
  }
}

TEST_CASE("a sum with 'distinct' counts each value once, at the most one achievement has") {
  // Rule language 1.1: UCAS points of different subjects, so a resit is not counted twice.
  auto rules = LoadYaml("accredit: 1.1\n" + std::string(kVocabulary).substr(12) +
                        R"(programme: {id: p, title: P}
tiers:
  top:
    components:
      tariff:
        role: core-learning
        sum: {of: points, table: pts, distinct: subject, at_least: 80, where: {type: a-level}}
)");
  const RuleSet& rs = rules->result.rules;
  Evaluator evaluator(rs, rs.programmes[0]);
  // Maths twice (C, then A on the resit) and history at C: 48 + 32, not 32 + 48 + 32.
  Outcome met = evaluator.Evaluate(
      MakeLearner(rs, "L1",
                  {"type=a-level subject=maths grade=C", "type=a-level subject=maths grade=A",
                   "type=a-level subject=history grade=C"}),
      {});
  CHECK(met.tier == 0);
  CHECK(met.tiers[0].components[0].allocated == std::vector<std::uint32_t>{0, 1, 2});
  // Maths three times, 40 + 48 + 32 in all, is one subject's 48.
  EvaluateOptions trace;
  trace.trace = true;
  Outcome short_of = evaluator.Evaluate(
      MakeLearner(rs, "L2",
                  {"type=a-level subject=maths grade=B", "type=a-level subject=maths grade=A",
                   "type=a-level subject=maths grade=C"}),
      trace);
  CHECK(short_of.tier == kNone);
  CHECK(short_of.tiers[0].components[0].trace.actual == doctest::Approx(48));
  // The explanation names the achievement that counts, the A.
  CHECK(short_of.tiers[0].components[0].trace.used == std::vector<std::uint32_t>{1});
}

TEST_CASE("a sum 'per' strand counts only strands that reach their minimum, in enough strands") {
  // Rule language 1.1: 100 hours in all, where only strands with at least 30 hours count,
  // across at least two strands.
  auto rules = LoadYaml(R"(accredit: 1.1
programme: {id: p, title: P}
tiers:
  top:
    components:
      enrichment:
        role: personal-development
        sum: {of: hours, where: {kind: activity}, per: strand, each_at_least: 30, groups: 2,
              at_least: 100}
)");
  const RuleSet& rs = rules->result.rules;
  Evaluator evaluator(rs, rs.programmes[0]);
  EvaluateOptions trace;
  trace.trace = true;
  auto run = [&](std::vector<std::string> rows) {
    return evaluator.Evaluate(MakeLearner(rs, "L", rows), trace);
  };
  auto activity = [](const char* strand, int hours) {
    return fmt::format("kind=activity strand={} hours={}", strand, hours);
  };
  // 60 + 45: two strands over 30, 105 hours.
  Outcome met = run({activity("leadership-service", 60), activity("physical-outdoor", 45)});
  CHECK(met.tier == 0);
  // 95 + 25: the 25 hours of one strand (two activities of 10 and 15) do not count.
  Outcome one_strand = run({activity("leadership-service", 95), activity("creative-cultural", 10),
                            activity("creative-cultural", 15)});
  CHECK(one_strand.tier == kNone);
  const NodeTrace& t = one_strand.tiers[0].components[0].trace;
  CHECK(t.actual == doctest::Approx(95));
  CHECK(t.groups == 1);
  CHECK(t.groups_required == 2);
  CHECK(t.used == std::vector<std::uint32_t>{0});
  // 40 + 35 + 25: two strands reach 30, but together only 75 hours.
  Outcome short_total = run({activity("leadership-service", 40), activity("physical-outdoor", 35),
                             activity("creative-cultural", 25)});
  CHECK(short_total.tier == kNone);
  CHECK(short_total.tiers[0].components[0].trace.actual == doctest::Approx(75));
  CHECK(short_total.tiers[0].components[0].trace.groups == 2);
  // The activities counted are those of the strands that count, each of them.
  Outcome split = run({activity("physical-outdoor", 20), activity("leadership-service", 70),
                       activity("physical-outdoor", 20)});
  CHECK(split.tier == 0);
  CHECK(split.tiers[0].components[0].trace.used == std::vector<std::uint32_t>{0, 1, 2});
}

TEST_CASE("a component 'different' from another counts only subjects that one does not use") {
  // Rule language 1.1: breadth is an A level in a subject the main study does not use.
  auto rules = LoadYaml("accredit: 1.1\n" + std::string(kVocabulary).substr(12) +
                        R"(programme: {id: p, title: P}
tiers:
  top:
    components:
      main:
        role: core-learning
        count: {at_least: 2, distinct: subject, where: {type: a-level, subject: [history, physics]}}
      breadth:
        role: breadth
        different: {field: subject, from: main}
        count: {at_least: 1, where: {type: a-level}}
)");
  const RuleSet& rs = rules->result.rules;
  Evaluator evaluator(rs, rs.programmes[0]);
  EvaluateOptions trace;
  trace.trace = true;
  // Main needs the history and a physics; the other physics could go to breadth, but main
  // uses physics, so breadth counts the maths.
  Outcome outcome = evaluator.Evaluate(
      MakeLearner(rs, "L1",
                  {"type=a-level subject=history grade=B", "type=a-level subject=physics grade=C",
                   "type=a-level subject=physics grade=A", "type=a-level subject=maths grade=D"}),
      trace);
  REQUIRE(outcome.tier == 0);
  CHECK(outcome.tiers[0].components[1].trace.used == std::vector<std::uint32_t>{3});
  // Without the maths, breadth has nothing it may count.
  Outcome same = evaluator.Evaluate(
      MakeLearner(rs, "L2",
                  {"type=a-level subject=history grade=B", "type=a-level subject=physics grade=C",
                   "type=a-level subject=physics grade=A"}),
      trace);
  CHECK(same.tier == kNone);
}

TEST_CASE("a part named by a 'different' leaves unused what would block the other part") {
  // Main needs one A level; breadth an AS level in a subject main does not use. Main could
  // take both A levels, but then history would be main's and the AS in history could not
  // count: it takes only the maths.
  auto rules = LoadYaml(R"(accredit: 1.1
scales:
  al: {grades: [U, E, D, C, B, A], pass: E}
types:
  a-level: {scale: al, level: 3}
  as-level: {scale: al, level: 3}
subjects: {maths: {}, history: {}}
programme: {id: p, title: P}
tiers:
  top:
    components:
      main: {role: core-learning, count: {at_least: 1, where: {type: a-level}}}
      breadth:
        role: breadth
        different: {field: subject, from: main}
        count: {at_least: 1, where: {type: as-level}}
)");
  const RuleSet& rs = rules->result.rules;
  Outcome outcome = Evaluator(rs, rs.programmes[0])
                        .Evaluate(MakeLearner(rs, "L1",
                                              {"type=a-level subject=maths grade=A",
                                               "type=a-level subject=history grade=B",
                                               "type=as-level subject=history grade=C"}),
                                  {});
  REQUIRE(outcome.tier == 0);
  CHECK(outcome.tiers[0].components[0].allocated == std::vector<std::uint32_t>{0});
  CHECK(outcome.tiers[0].components[1].allocated == std::vector<std::uint32_t>{2});
}

}  // namespace accredit
