// The evaluator remembers which filters an achievement matches across learners (match_memo.h,
// internal). These tests check, through the public Evaluator, that what it remembers never
// changes an outcome: free-text keys that could run together, more distinct achievements
// than it keeps, two programmes evaluated in turn, and evaluators created and destroyed
// (a new plan may live where an old one did), and achievements read alike whose dates differ.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "accredit/csv_records.h"
#include "accredit/evaluator.h"
#include "evaluation_fixture.h"

namespace accredit {

namespace {

// One component: at least one activity from the given provider with the given title.
std::string ProviderTitleRules(const std::string& provider, const std::string& title) {
  return "accredit: 1\nprogramme: {id: p, title: P}\ntiers:\n  top:\n    components:\n"
         "      c:\n        role: breadth\n        count: {at_least: 1, where: {kind: activity, "
         "provider: " +
         provider + ", title: " + title + "}}\n";
}

Learner Activity(const RuleSet& rules, const std::string& id, const std::string& provider,
                 const std::string& title) {
  return testing::MakeLearner(rules, id,
                              {"kind=activity hours=5 provider=" + provider + " title=" + title});
}

}  // namespace

TEST_CASE("free-text values that run together are different achievements to the memo") {
  auto rules = testing::LoadYaml(ProviderTitleRules("c", "ab"));
  const RuleSet& rs = rules->result.rules;
  Evaluator evaluator(rs, rs.programmes[0]);
  // Title "ab" with provider "c", and title "a" with provider "bc": "abc" end to end.
  CHECK(evaluator.Evaluate(Activity(rs, "L1", "c", "ab"), {}).tier == 0);
  CHECK(evaluator.Evaluate(Activity(rs, "L2", "bc", "a"), {}).tier == kNone);
  CHECK(evaluator.Evaluate(Activity(rs, "L3", "c", "ab"), {}).tier == 0);
}

TEST_CASE("more distinct achievements than the memo keeps are still judged right") {
  auto rules = testing::LoadYaml(ProviderTitleRules("s", "wanted"));
  const RuleSet& rs = rules->result.rules;
  Evaluator evaluator(rs, rs.programmes[0]);
  int met = 0;
  for (int i = 0; i < 20000; ++i) {
    // Every other learner has a title seen by no one else; the rest have the wanted one.
    std::string title = i % 2 == 0 ? "wanted" : "t" + std::to_string(i);
    Outcome outcome = evaluator.Evaluate(Activity(rs, "L" + std::to_string(i), "s", title), {});
    CHECK((outcome.tier == 0) == (i % 2 == 0));
    met += outcome.tier == 0 ? 1 : 0;
  }
  CHECK(met == 10000);
}

TEST_CASE("two programmes evaluated in turn, and evaluators made anew, keep their own matches") {
  auto first = testing::LoadYaml(ProviderTitleRules("s", "one"));
  auto second = testing::LoadYaml(ProviderTitleRules("s", "two"));
  const RuleSet& a = first->result.rules;
  const RuleSet& b = second->result.rules;
  Learner one = Activity(a, "L1", "s", "one");
  Learner two = Activity(b, "L2", "s", "two");
  Evaluator in_a(a, a.programmes[0]);
  Evaluator in_b(b, b.programmes[0]);
  for (int i = 0; i < 10; ++i) {
    CHECK(in_a.Evaluate(one, {}).tier == 0);
    CHECK(in_b.Evaluate(one, {}).tier == kNone);
    CHECK(in_a.Evaluate(two, {}).tier == kNone);
    CHECK(in_b.Evaluate(two, {}).tier == 0);
  }
  for (int i = 0; i < 20; ++i) {
    const RuleSet& rs = i % 2 == 0 ? a : b;
    Evaluator fresh(rs, rs.programmes[0]);
    CHECK(fresh.Evaluate(one, {}).tier == (i % 2 == 0 ? 0 : kNone));
    CHECK(fresh.Evaluate(two, {}).tier == (i % 2 == 0 ? kNone : 0));
  }
}

TEST_CASE("achievements read alike but for their dates are told apart by a filter on the date") {
  auto rules = testing::LoadYaml(
      "accredit: 1\nprogramme: {id: p, title: P}\ntiers:\n  top:\n    components:\n"
      "      c:\n        role: breadth\n        count: {at_least: 1, where: {kind: activity, "
      "date: '>= 2026-01-01'}}\n");
  const RuleSet& rs = rules->result.rules;
  // The reader resolves the second row as the first (Achievement::resolved_as).
  SourceSet sources;
  Diagnostics diagnostics;
  const std::string text =
      "learner,kind,hours,date\nL1,activity,5,2025-06-01\nL2,activity,5,2026-06-01\n";
  const RecordSet set =
      ReadCsvRecords(sources.Add("records.csv", text), text, rs, ReadOptions{}, diagnostics);
  REQUIRE(set.learners.size() == 2);
  const std::uint64_t alike = set.learners[0].achievements.at(0).resolved_as;
  CHECK(alike != 0);
  CHECK(set.learners[1].achievements.at(0).resolved_as == alike);
  for (int order = 0; order < 2; ++order) {
    Evaluator evaluator(rs, rs.programmes[0]);
    for (int k = 0; k < 2; ++k) {
      const std::size_t i = static_cast<std::size_t>(order == 0 ? k : 1 - k);
      CHECK(evaluator.Evaluate(set.learners[i], {}).tier == (i == 1 ? 0 : kNone));
    }
  }
}

// Leaf matches are kept as bit sets of 64 leaves a word: a programme with more leaves than
// that has its later leaves in a second word.
TEST_CASE("leaves past the 64th match as the first ones do") {
  constexpr int kLeaves = 70;
  constexpr int kSubjects = 10;  // leaf i needs subject i % 10: a learner of ten achievements
  std::string yaml =
      "accredit: 1\nscales:\n  g: {grades: [U, \"1\", \"2\"], pass: \"1\"}\ntypes:\n"
      "  gcse: {scale: g, level: 2}\nsubjects:\n";
  for (int i = 0; i < kSubjects; ++i) yaml += "  s" + std::to_string(i) + ": {}\n";
  yaml +=
      "programme: {id: p, title: P}\ntiers:\n  top:\n    components:\n      c:\n"
      "        role: breadth\n        all:\n";
  for (int i = 0; i < kLeaves; ++i) {
    yaml += "          - count: {at_least: 1, where: {type: gcse, subject: s" +
            std::to_string(i % kSubjects) + "}}\n";
  }
  auto rules = testing::LoadYaml(yaml);
  const RuleSet& rs = rules->result.rules;
  Evaluator evaluator(rs, rs.programmes[0]);
  for (int missing = -1; missing < kSubjects; ++missing) {
    std::vector<std::string> rows;
    for (int i = 0; i < kSubjects; ++i) {
      if (i != missing) rows.push_back("type=gcse subject=s" + std::to_string(i) + " grade=2");
    }
    INFO("missing " << missing);
    const Outcome outcome = evaluator.Evaluate(testing::MakeLearner(rs, "L1", rows), {});
    CHECK((outcome.tier == 0) == (missing < 0));
  }
}

}  // namespace accredit
