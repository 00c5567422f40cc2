// validate's text table: tiers by their titles and grades in words, columns as wide as the
// programme's, and every line within 80 columns however long what it says.
#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include "accredit/evaluator.h"
#include "accredit/outcome_format.h"
#include "evaluation_fixture.h"

namespace accredit {

namespace {

// Two tiers, the upper with a long title and components with long titles; the lower graded,
// with a long grade, and no title (so named by its id).
constexpr const char* kRules = R"(accredit: 1
uses: [england/types.yaml, england/subjects.yaml]
programme: {id: p, title: The P Award}
tiers:
  distinguished-completion:
    title: Distinguished completion
    components:
      maths:
        title: A GCSE in mathematics at grade 9, the highest grade on the scale
        role: core-maths
        count: {at_least: 1, where: {type: gcse, subject: mathematics, grade: "9"}}
      english:
        title: A GCSE in English language at grade 9, the highest grade on the scale
        role: core-english
        count: {at_least: 1, where: {type: gcse, subject: english-language, grade: "9"}}
  completion:
    components:
      any: {role: core-learning, count: {at_least: 1, where: {type: gcse}}}
    grading:
      count: {of: [any]}
      bands: {completed-with-merit-throughout: 2, completed: 0}
)";

std::string Table(const std::vector<std::string>& rows) {
  auto loaded = testing::LoadYaml(kRules);
  const RuleSet& rules = loaded->result.rules;
  const Programme& programme = rules.programmes[0];
  OutcomeRun run{&rules, &programme, &loaded->sources, {}};
  OutcomeWriter table(OutcomeFormat::kText, run);
  Learner learner = testing::MakeLearner(rules, "L1", rows);
  Outcome outcome = Evaluator(rules, programme).Evaluate(learner, EvaluateOptions{});
  return table.Begin({}, {}) + table.Learner(learner, outcome);
}

}  // namespace

TEST_CASE("the text table names tiers and grades in words, in columns that fit them") {
  const std::string text =
      Table({"type=gcse subject=mathematics grade=9", "type=gcse subject=history grade=5"});
  CHECK(text ==
        "The P Award\n"
        "learner          award                    grade\n"
        "L1               completion               Completed with merit throughout\n"
        "  short of Distinguished completion: A GCSE in English language at grade 9, the\n"
        "  highest grade on the scale\n");
}

TEST_CASE("every line of the text table is within 80 columns") {
  for (const std::vector<std::string>& rows :
       {std::vector<std::string>{},
        {"type=gcse subject=history grade=5"},
        {"type=gcse subject=mathematics grade=9", "type=gcse subject=history grade=5"}}) {
    std::istringstream lines(Table(rows));
    for (std::string line; std::getline(lines, line);) {
      INFO(line);
      CHECK(line.size() <= 80);
    }
  }
}

}  // namespace accredit
