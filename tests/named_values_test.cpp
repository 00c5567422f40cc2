// Rule language 1.1's named values (`values`) and two-result lookups: how they load (and the
// located diagnostics for their misuse), what they work out for a learner, how a grading and a
// comparison use them, and how explanations and validate's outputs show them.
#include <doctest/doctest.h>

#include <string>

#include "accredit/evaluator.h"
#include "accredit/explain.h"
#include "accredit/outcome_format.h"
#include "accredit/rule_tests.h"
#include "accredit/rules_describe.h"
#include "evaluation_fixture.h"

namespace accredit {

namespace {

// A core graded A* to E and a specialism graded Pass to Distinction, an A level points table,
// and a table on two grades (the core's by the specialism's).
constexpr const char* kVocabulary = R"(accredit: 1.1
scales:
  al: {grades: [U, E, D, C, B, A, A*], pass: E}
  os: {grades: [U, Pass, Merit, Distinction], pass: Pass}
types:
  a-level: {title: A level, scale: al, level: 3}
  core: {title: core component, scale: al, level: 3}
  spec: {title: specialism, scale: os, level: 3}
tables:
  pts: {title: UCAS points, version: "1", points: {a-level: {A: 48, B: 40, C: 32}}}
  grid:
    title: grid points
    version: "1"
    key: [grade, grade]
    points: {A: {Merit: 3, Pass: 2}, B: {Merit: 2, Pass: 1}}
programme: {id: p, title: The P Award}
)";

// The vocabulary, `values` and one tier with `components` (indented by the caller at 6 spaces)
// and then `grading` (at 4).
std::string Rules(const std::string& values, const std::string& components,
                  const std::string& grading = "") {
  return std::string(kVocabulary) + "values:\n" + values + "tiers:\n  top:\n    components:\n" +
         components + grading;
}

constexpr const char* kAnyComponent =
    "      c:\n        role: core-maths\n        count: {at_least: 0}\n";

std::string Diagnosed(const std::string& yaml) {
  SourceSet sources;
  LoadResult result = LoadRulesFromText("t.yaml", yaml, sources);
  return testing::Rendered(result.diagnostics, sources);
}

Outcome Evaluate(const testing::LoadedRules& loaded, const Learner& learner, bool trace = false) {
  const RuleSet& rules = loaded.result.rules;
  Evaluator evaluator(rules, rules.programmes.front());
  EvaluateOptions options;
  options.trace = trace;
  return evaluator.Evaluate(learner, options);
}

}  // namespace

TEST_CASE("named values: each misuse is a located diagnostic") {
  struct Case {
    const char* name;
    std::string yaml;
    std::string expected;
  };
  const Case cases[] = {
      {"'values' in a version 1 file",
       "accredit: 1\n" + Rules("  total: 3\n", kAnyComponent).substr(14),
       "t.yaml:17:1: error: 'values' is rule language 1.1: write 'accredit: 1.1' at the top of the "
       "file [bad-version]\n"},
      {"one operand", Rules("  total: {add: [1]}\n", kAnyComponent),
       "t.yaml:18:16: error: expected a list of two or more values for 'add' [bad-node]\n"},
      {"a value used before it is defined",
       Rules("  total: {value: later}\n  later: 3\n", kAnyComponent),
       "t.yaml:18:10: error: value 'later' is used before it is defined: a value may use only "
       "those written above it [unknown-reference]\n"},
      {"an unknown value", Rules("  total: 3\n  twice: {value: totl}\n", kAnyComponent),
       "t.yaml:19:10: error: unknown value 'totl' [unknown-reference]\nnote: did you mean "
       "'total'?\n"},
      {"a misspelt key", Rules("  total: {vaule: 3}\n", kAnyComponent),
       "t.yaml:18:11: error: unknown key 'vaule' in a value [unknown-key]\nnote: did you mean "
       "'value'?\n"},
      {"two expressions", Rules("  total: {add: [1, 2], sum: {of: hours}}\n", kAnyComponent),
       "t.yaml:18:10: error: a value needs exactly one of 'count', 'sum', 'best', 'value', 'add', "
       "'multiply', 'lowest', 'highest' or 'lookup' [bad-value]\n"},
      {"a lookup in an unknown table",
       Rules("  total: {lookup: {table: gird, row: {type: core}, column: {type: spec}}}\n",
             kAnyComponent),
       "t.yaml:18:27: error: unknown points table 'gird' [unknown-table]\nnote: did you mean "
       "'grid'?\n"},
      {"a lookup without a column",
       Rules("  total: {lookup: {table: grid, row: {type: core}}}\n", kAnyComponent),
       "t.yaml:18:19: error: 'lookup' needs a 'column' key [missing-key]\n"},
      {"a lookup on every result",
       Rules("  total: {lookup: {table: grid, row: {type: core}, column: {}}}\n", kAnyComponent),
       "t.yaml:18:60: error: the lookup's 'column' needs a filter that picks one result, such "
       "as {type: epq} [bad-value]\n"},
      {"a grading on an unknown value",
       Rules("  total: 3\n", kAnyComponent, "    grading: {value: totals, bands: {pass: 0}}\n"),
       "t.yaml:25:14: error: unknown value 'totals' [unknown-reference]\nnote: did you mean "
       "'total'?\n"},
      {"a comparison with an unknown value",
       Rules("  total: 3\n",
             "      c:\n        role: core-maths\n"
             "        compare: {left: {value: totl}, op: \">=\", right: {value: 3}}\n"),
       "t.yaml:24:33: error: unknown value 'totl' [unknown-reference]\nnote: did you mean "
       "'total'?\n"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    CHECK(Diagnosed(c.yaml) == c.expected);
  }
}

TEST_CASE("named values: arithmetic over aggregates, in order, each from every result") {
  auto loaded = testing::LoadYaml(
      Rules("  a-levels:\n    title: A level points\n"
            "    best: {n: 2, of: points, table: pts, where: {type: a-level}}\n"
            "  total:\n    title: Total points\n"
            "    add: [{value: a-levels}, {multiply: [10, {count: {where: {type: core}}}]}]\n"
            "  low: {lowest: [{value: total}, 50]}\n"
            "  high: {highest: [{value: total}, 500]}\n",
            kAnyComponent));
  const RuleSet& rules = loaded->result.rules;
  Learner learner = testing::MakeLearner(rules, "L1",
                                         {"type=a-level grade=A", "type=a-level grade=C",
                                          "type=a-level grade=B", "type=core grade=B"});
  Outcome o = Evaluate(*loaded, learner, true);
  REQUIRE(o.values.size() == 4);
  CHECK(o.values[0] == 88);  // the best two: A (48) and B (40)
  CHECK(o.values[1] == 98);  // and 10 for the one core component
  CHECK(o.values[2] == 50);
  CHECK(o.values[3] == 500);
  REQUIRE(o.value_used.size() == 4);
  CHECK(o.value_used[0] == std::vector<std::uint32_t>{0, 2});
  CHECK(o.value_used[1] == std::vector<std::uint32_t>{3});  // only its own aggregates
  CHECK(DescribeValue(rules, rules.programmes[0], rules.programmes[0].values[1].expr) ==
        "the A level points plus 10 times the number of core components");
  // A learner without any: every value is worked out, as 0 where nothing matches.
  Outcome none = Evaluate(*loaded, testing::MakeLearner(rules, "L2", {}));
  CHECK(none.values == std::vector<double>{0, 0, 0, 500});
}

TEST_CASE("a lookup on two results takes the best graded of each, and 0 when one is missing") {
  auto loaded = testing::LoadYaml(
      Rules("  overall: {lookup: {table: grid, row: {type: core}, column: {type: spec}}}\n",
            kAnyComponent));
  const RuleSet& rules = loaded->result.rules;
  auto overall = [&](const std::vector<std::string>& rows) {
    return Evaluate(*loaded, testing::MakeLearner(rules, "L", rows)).values.at(0);
  };
  CHECK(overall({"type=core grade=A", "type=spec grade=Merit"}) == 3);
  CHECK(overall({"type=core grade=B", "type=spec grade=Pass"}) == 1);
  // A resit: the better core grade is the row.
  CHECK(overall({"type=core grade=B", "type=core grade=A", "type=spec grade=Pass"}) == 2);
  CHECK(overall({"type=core grade=A"}) == 0);                           // no specialism
  CHECK(overall({"type=core grade=C", "type=spec grade=Merit"}) == 0);  // not in the table
  CHECK(overall({"type=core grade=A", "type=spec grade=Merit status=in-progress"}) == 0);
}

TEST_CASE("a grading bands a named value, and a comparison tests one") {
  auto loaded = testing::LoadYaml(
      Rules("  overall: {lookup: {table: grid, row: {type: core}, column: {type: spec}}}\n",
            "      c:\n        role: core-learning\n"
            "        compare: {left: {value: overall}, op: \">=\", right: {value: 2}}\n",
            "    grading:\n      value: overall\n      bands: {distinction: 3, merit: 2}\n"));
  const RuleSet& rules = loaded->result.rules;
  Outcome distinction = Evaluate(
      *loaded, testing::MakeLearner(rules, "L1", {"type=core grade=A", "type=spec grade=Merit"}));
  CHECK(distinction.tier == 0);
  CHECK(distinction.grade == "distinction");
  CHECK(distinction.tiers[0].score == 3);
  Outcome merit = Evaluate(
      *loaded, testing::MakeLearner(rules, "L2", {"type=core grade=A", "type=spec grade=Pass"}));
  CHECK(merit.grade == "merit");
  Outcome short_of = Evaluate(
      *loaded, testing::MakeLearner(rules, "L3", {"type=core grade=B", "type=spec grade=Pass"}));
  CHECK(short_of.tier == kNone);
  CHECK(DescribeProgramme(rules, rules.programmes[0])
            .find("Award grade, from the overall: distinction from 3; merit from 2.") !=
        std::string::npos);
}

TEST_CASE("named values in explanations and in validate's outputs") {
  auto loaded = testing::LoadYaml(
      Rules("  overall:\n    title: Overall points\n"
            "    lookup: {table: grid, row: {type: core}, column: {type: spec}}\n",
            kAnyComponent));
  const RuleSet& rules = loaded->result.rules;
  const Programme& programme = rules.programmes[0];
  Learner learner =
      testing::MakeLearner(rules, "L1", {"type=core grade=A", "type=spec grade=Merit"});
  Outcome traced = Evaluate(*loaded, learner, true);
  ExplainOptions options;
  options.summary = false;
  std::string text = ExplainText(rules, programme, learner, traced, loaded->sources, options);
  CHECK(text.find("Worked out:\n  Overall points: 3\n    the grid points, looked up on the grade "
                  "of the core component and that of\n    the specialism\n"
                  "      - core component grade A\n      - specialism grade Merit\n") !=
        std::string::npos);
  std::string json = ExplainJson(rules, programme, learner, traced, loaded->sources);
  CHECK(
      json.find(R"("values":[{"id":"overall","title":"Overall points","value":3,"used":[0,1]}])") !=
      std::string::npos);
  OutcomeRun run{&rules, &programme, &loaded->sources, {}};
  ValidateSummary summary;
  Accounting accounting;
  OutcomeWriter csv(OutcomeFormat::kCsv, run);
  CHECK(csv.Begin(summary, accounting) ==
        "learner,status,tier,grade,predicted,overall,top.c,"
        "provisional_reason\n");
  Outcome plain = Evaluate(*loaded, learner);
  CHECK(csv.Learner(learner, plain) == "L1,met,top,,no,3,met,\n");
  OutcomeWriter jsonl(OutcomeFormat::kJsonl, run);
  CHECK(jsonl.Learner(learner, plain).find(R"("values":{"overall":3})") != std::string::npos);
  OutcomeWriter table(OutcomeFormat::kText, run);
  CHECK(table.Learner(learner, plain) == "L1               top            -\n  Overall points 3\n");
}

TEST_CASE("a rule test may expect named values, and fails when one differs") {
  auto loaded = testing::LoadYaml(
      Rules("  overall: {lookup: {table: grid, row: {type: core}, column: {type: spec}}}\n",
            kAnyComponent) +
      "tests:\n"
      "  - name: right\n    learner: {id: T1, achievements: [{type: core, grade: A}, "
      "{type: spec, grade: Pass}]}\n    expect: {tier: top, values: {overall: 2}}\n"
      "  - name: wrong\n    learner: {id: T2, achievements: [{type: core, grade: A}, "
      "{type: spec, grade: Merit}]}\n    expect: {tier: top, values: {overall: 2}}\n");
  const RuleSet& rules = loaded->result.rules;
  Diagnostics diagnostics;
  std::vector<RuleTestResult> results = RunRuleTests(rules, rules.programmes[0], {}, diagnostics);
  REQUIRE(results.size() == 2);
  CHECK(results[0].passed);
  CHECK_FALSE(results[1].passed);
  CHECK(results[1].failures == std::vector<std::string>{"expected value 'overall' to be 2, got 3"});
  CHECK(
      Diagnosed(Rules("  overall: 2\n", kAnyComponent) +
                "tests:\n  - learner: {id: T1}\n    expect: {tier: top, values: {overal: 2}}\n") ==
      "t.yaml:27:34: error: test expects unknown value 'overal' [bad-test]\nnote: did you mean "
      "'overall'?\n");
}

}  // namespace accredit
