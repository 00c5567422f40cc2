// LintProgramme(): `contested-requirement`, the warning of `accredit check` where a component
// that is not shared needs only achievements another component that is not shared can take.
#include "accredit/rules_lint.h"

#include <doctest/doctest.h>

#include <string>

#include "evaluation_fixture.h"

namespace accredit {

namespace {

// A programme with one tier of the components `components` (indented at 6 spaces).
std::string Lint(const std::string& components) {
  auto loaded = testing::LoadYaml(std::string(R"(accredit: 1
scales:
  al: {grades: [U, E, D, C, B, A, A*], pass: E}
types:
  a-level: {title: A level, scale: al, level: 3}
  epq: {scale: al, level: 3, kind: project}
subjects:
  mathematics: {title: Mathematics}
  history: {title: History}
programme: {id: p, title: The P Award}
tiers:
  top:
    components:
)") + components);
  const RuleSet& rules = loaded->result.rules;
  return testing::Rendered(LintProgramme(rules, rules.programmes.front()), loaded->sources);
}

constexpr const char* kCore =
    "      core:\n        role: core-learning\n"
    "        count: {at_least: 3, where: {type: a-level, grade: pass}}\n";

}  // namespace

TEST_CASE("a check that another component can take away is warned about") {
  CHECK(Lint(std::string(kCore) +
             "      maths:\n        role: core-maths\n"
             "        count: {at_least: 1, where: {type: a-level, subject: mathematics, grade: "
             "pass}}\n") ==
        "t.yaml:18:9: warning: 'maths' of tier 'top' needs A levels in Mathematics with a pass, "
        "and every one of those could count for 'core' instead: as neither is shared, each "
        "counts for one of them only [contested-requirement]\n"
        "note: if 'maths' only checks that the learner has one, write 'shared: true' on it; if "
        "both need their own, nothing is wrong\n");
}

TEST_CASE("no warning for a shared check, nor where neither filter holds the other") {
  // Shared: it may use what the core uses.
  CHECK(Lint(std::string(kCore) +
             "      maths:\n        role: core-maths\n        shared: true\n"
             "        count: {at_least: 1, where: {type: a-level, subject: mathematics}}\n") == "");
  // History at any grade is not only A levels with a pass, nor the other way round.
  CHECK(Lint(std::string(kCore) + "      breadth:\n        role: breadth\n"
                                  "        count: {at_least: 1, where: {subject: history}}\n") ==
        "");
  // A project is never an A level.
  CHECK(Lint(std::string(kCore) + "      project:\n        role: personal-project\n"
                                  "        count: {at_least: 1, where: {type: epq}}\n") == "");
  // A filter with alternatives is not compared (no warning rather than a wrong one).
  CHECK(Lint("      core:\n        role: core-learning\n"
             "        count: {at_least: 3, where: {not: {grade: U}}}\n"
             "      maths:\n        role: core-maths\n"
             "        count: {at_least: 1, where: {type: a-level}}\n") == "");
}

TEST_CASE("a type is within a kind that it is of") {
  CHECK(Lint("      any-qualification:\n        role: core-learning\n"
             "        count: {at_least: 2, where: {kind: qualification}}\n"
             "      a-level:\n        role: core-maths\n"
             "        count: {at_least: 1, where: {type: a-level}}\n")
            .find("'a-level' of tier 'top' needs A levels") != std::string::npos);
}

}  // namespace accredit
