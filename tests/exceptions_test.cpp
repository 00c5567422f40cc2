#include "accredit/exceptions.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "evaluation_fixture.h"
#include "records_fixture.h"

namespace accredit {
namespace {

using testing::LoadYaml;
using testing::MakeLearner;

struct Loaded {
  bool ok = false;
  ExceptionSet set;
  std::string diagnostics;
};

Loaded Load(const std::string& text) {
  SourceSet sources;
  Diagnostics diagnostics;
  SourceId id = sources.Add("x.exceptions.yaml", text);
  Loaded out;
  out.ok = LoadExceptions(id, sources.Get(id).text, out.set, diagnostics);
  out.diagnostics = testing::RenderAll(diagnostics, sources);
  return out;
}

constexpr const char* kHead = "accredit-exceptions: 1\naward: p\nexceptions:\n";

// One entry of the exceptions list with the given keys (YAML flow mapping body).
std::string Entry(const std::string& keys) { return "  - {" + keys + "}\n"; }

constexpr const char* kSigned = "reason: r, approved-by: A. Smith, date: 2027-06-30";

// A programme with two tiers to bind against.
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
  history: {}
programme: {id: p, title: P}
tiers:
  top:
    components:
      maths:
        role: core-maths
        any:
          - id: gcse
            count: {at_least: 1, where: {type: gcse, subject: maths, grade: ">= 4"}}
          - id: a-level
            count: {at_least: 1, where: {type: a-level, subject: maths}}
      study: {role: core-learning, count: {at_least: 2, where: {type: a-level}}}
      clean: {role: breadth, none: {where: {grade: U}}}
  base:
    components:
      maths: {role: core-maths, count: {at_least: 1, where: {type: gcse, subject: maths}}}
)";

}  // namespace

TEST_CASE("an exceptions file is read entry by entry") {
  Loaded l = Load(std::string(kHead) +
                  "  - learner: L1\n"
                  "    node: top.maths\n"
                  "    action: waive\n"
                  "    reason: Medical exemption\n"
                  "    approved-by: A. Smith, Head of Centre\n"
                  "    date: 2027-06-30\n"
                  "  - learner: \"007\"\n"
                  "    award: q\n"
                  "    node: top.maths.2\n"
                  "    action: substitute\n"
                  "    achievement: {type: gcse, subject: physics, title: \" Rocket club \"}\n"
                  "    reason: \"  Equivalent  \"\n"
                  "    approved-by: B\n"
                  "    date: 2027-07-01\n");
  CHECK(l.diagnostics == "");
  REQUIRE(l.ok);
  REQUIRE(l.set.exceptions.size() == 2);
  const Exception& a = l.set.exceptions[0];
  CHECK(a.learner == "L1");
  CHECK(a.award == "p");
  CHECK(a.node == "top.maths");
  CHECK(a.action == ExceptionAction::kWaive);
  CHECK(a.achievement.empty());
  CHECK(a.approved_by == "A. Smith, Head of Centre");
  CHECK(FormatDate(a.date) == "2027-06-30");
  CHECK(a.location.line == 4);
  CHECK(a.location.column == 5);
  const Exception& b = l.set.exceptions[1];
  CHECK(b.learner == "007");
  CHECK(b.award == "q");
  CHECK(b.action == ExceptionAction::kSubstitute);
  CHECK(b.reason == "Equivalent");
  CHECK(DescribeSelector(b.achievement) == "type 'gcse', subject 'physics', title 'Rocket club'");
  CHECK(DescribeException(b) ==
        "'top.maths.2' met by a substitute (type 'gcse', subject 'physics', title 'Rocket club'): "
        "Equivalent (approved by B, 2027-07-01)");
  CHECK(DescribeException(b, true) ==
        "'top.maths.2' met by a substitute (type 'gcse', subject 'physics'), 2027-07-01");
}

TEST_CASE("exceptions files are checked with located diagnostics") {
  struct Bad {
    const char* name;
    std::string text;
    std::string diagnostics;
  };
  const std::string s = kSigned;
  const std::vector<Bad> cases = {
      {"empty file", "",
       "x.exceptions.yaml:1:1: error: an exceptions file needs 'accredit-exceptions: 1' at the "
       "top [missing-key]\n"},
      {"no header", "award: p\nexceptions: []\n",
       "x.exceptions.yaml:1:1: error: an exceptions file needs 'accredit-exceptions: 1' at the "
       "top [missing-key]\n"},
      {"wrong version", "accredit-exceptions: 2\nexceptions: []\n",
       "x.exceptions.yaml:1:22: error: unsupported exceptions format version '2': this accredit "
       "reads 1 [bad-version]\n"},
      {"unknown top-level key", "accredit-exceptions: 1\naward: p\nexception: []\n",
       "x.exceptions.yaml:3:1: error: unknown key 'exception' in an exceptions file "
       "[unknown-key]\n"
       "note: did you mean 'exceptions'?\n"
       "x.exceptions.yaml:1:1: error: an exceptions file needs 'exceptions': the list of "
       "decisions [missing-key]\n"},
      {"exceptions not a list", "accredit-exceptions: 1\nexceptions: {learner: L1}\n",
       "x.exceptions.yaml:2:13: error: expected a list for 'exceptions', got a mapping "
       "[bad-node]\n"},
      {"no reason, approver or date",
       std::string(kHead) + Entry("learner: L1, node: top.maths, "
                                  "action: waive"),
       "x.exceptions.yaml:4:5: error: the exception for learner 'L1' needs 'reason': why "
       "the rule does not apply to this learner [missing-key]\n"
       "note: every exception records its reason, who approved it and the date\n"
       "x.exceptions.yaml:4:5: error: the exception for learner 'L1' needs 'approved-by': "
       "who approved the decision [missing-key]\n"
       "note: every exception records its reason, who approved it and the date\n"
       "x.exceptions.yaml:4:5: error: the exception for learner 'L1' needs 'date': when "
       "the decision was made [missing-key]\n"
       "note: every exception records its reason, who approved it and the date\n"},
      {"blank reason and learner",
       std::string(kHead) +
           Entry("learner: \" \", node: top.maths, action: waive, reason: , approved-by: A, "
                 "date: 2027-06-30"),
       "x.exceptions.yaml:4:15: error: 'learner' is empty [empty-value]\n"
       "x.exceptions.yaml:4:60: error: 'reason' is empty [empty-value]\n"},
      {"no learner, node or action", std::string(kHead) + Entry(s),
       "x.exceptions.yaml:4:5: error: an exception needs 'learner': the learner id [missing-key]\n"
       "x.exceptions.yaml:4:5: error: the exception needs 'node': the id of the component or "
       "requirement it is about [missing-key]\n"
       "x.exceptions.yaml:4:5: error: the exception needs 'action': waive, substitute, allow or "
       "force [missing-key]\n"},
      {"bad date",
       std::string(kHead) + Entry("learner: L1, node: top.maths, action: waive, "
                                  "reason: r, approved-by: A, date: 2027-02-30"),
       "x.exceptions.yaml:4:84: error: expected a date like 2025-09-01 for 'date', got "
       "'2027-02-30' [bad-date]\n"},
      {"unknown action",
       std::string(kHead) + Entry("learner: L1, node: top.maths, action: waiv, " + s),
       "x.exceptions.yaml:4:44: error: unknown action 'waiv': use waive, substitute, allow or "
       "force [unknown-action]\n"
       "note: did you mean 'waive'?\n"},
      {"unknown key in an entry",
       std::string(kHead) + Entry("learner: L1, node: top.maths, action: waive, reasn: r, " + s),
       "x.exceptions.yaml:4:51: error: unknown key 'reasn' in an exception [unknown-key]\n"
       "note: did you mean 'reason'?\n"},
      {"substitute without an achievement",
       std::string(kHead) + Entry("learner: L1, node: top.maths, action: substitute, " + s),
       "x.exceptions.yaml:4:5: error: the exception for learner 'L1' needs 'achievement': "
       "which of the learner's achievements to substitute [missing-achievement]\n"},
      {"waive with an achievement",
       std::string(kHead) +
           Entry("learner: L1, node: top.maths, action: waive, achievement: {type: gcse}, " + s),
       "x.exceptions.yaml:4:64: error: the exception for learner 'L1' waives a requirement, so it "
       "names no achievement: remove 'achievement', or use substitute, allow or force "
       "[unexpected-achievement]\n"},
      {"achievement fields",
       std::string(kHead) +
           Entry("learner: L1, node: top.maths, action: allow, achievement: {subjet: maths, "
                 "learner: L1, title: \"\"}, " +
                 s),
       "x.exceptions.yaml:4:65: error: unknown field 'subjet' in 'achievement' [unknown-field]\n"
       "note: did you mean 'subject'?\n"
       "x.exceptions.yaml:4:80: error: 'learner' is not an achievement field: the exception's "
       "'learner' gives it [unknown-field]\n"
       "x.exceptions.yaml:4:100: error: achievement field 'title' is empty [empty-value]\n"},
      {"an empty achievement",
       std::string(kHead) +
           Entry("learner: L1, node: top.maths, action: force, achievement: {}, " + s),
       "x.exceptions.yaml:4:64: error: 'achievement' names no field: give enough of type, "
       "subject, title, date and the others to pick out one achievement [empty-value]\n"},
      {"an achievement that is not a mapping",
       std::string(kHead) +
           Entry("learner: L1, node: top.maths, action: force, achievement: gcse, " + s),
       "x.exceptions.yaml:4:64: error: expected a mapping of record fields for 'achievement', "
       "like {type: gcse, subject: statistics}, got a single value [bad-node]\n"},
      {"bad node and award ids",
       std::string(kHead) +
           Entry("learner: L1, award: Foxwood, node: Advanced.Maths, action: waive, " + s),
       "x.exceptions.yaml:4:26: error: 'Foxwood' is not a valid id for an award: use lower-case "
       "letters, digits and hyphens, like 'core-maths' [bad-id]\n"
       "x.exceptions.yaml:4:41: error: 'Advanced.Maths' is not a node id: write it as 'explain' "
       "shows it, like 'advanced.development' [bad-id]\n"},
      {"no award anywhere",
       "accredit-exceptions: 1\nexceptions:\n" +
           Entry("learner: L1, node: t.c, action: waive, " + s),
       "x.exceptions.yaml:3:5: error: the exception for learner 'L1' needs 'award' (or give "
       "'award' once at the top of the file): the programme id it is for [missing-key]\n"},
      {"an entry that is not a mapping", std::string(kHead) + "  - L1\n",
       "x.exceptions.yaml:4:5: error: expected a mapping for an exception, got a single value "
       "[bad-node]\n"},
      {"the same decision twice",
       std::string(kHead) + Entry("learner: L1, node: top.maths, action: waive, " + s) +
           Entry("learner: L1, node: top.maths, action: waive, reason: again, approved-by: B, "
                 "date: 2027-07-01"),
       "x.exceptions.yaml:5:5: error: the same exception for learner 'L1' at node 'top.maths' is "
       "given twice [duplicate-exception]\n"
       "x.exceptions.yaml:4:5: note: given first here\n"},
      {"YAML syntax", std::string(kHead) + "  - {learner: L1\n",
       "x.exceptions.yaml:5:1: error: invalid YAML: end of map flow not found [yaml-syntax]\n"},
  };
  for (const Bad& c : cases) {
    INFO(c.name);
    Loaded l = Load(c.text);
    CHECK_FALSE(l.ok);
    CHECK(l.diagnostics == c.diagnostics);
  }
}

TEST_CASE("the same decision in two files is a duplicate, and good entries are kept") {
  SourceSet sources;
  Diagnostics diagnostics;
  ExceptionSet set;
  std::string entry = std::string(kHead) + Entry(std::string("learner: L1, node: top.maths, "
                                                             "action: waive, ") +
                                                 kSigned);
  SourceId a = sources.Add("a.exceptions.yaml", entry);
  SourceId b = sources.Add("b.exceptions.yaml",
                           entry + Entry(std::string("learner: L2, node: top.maths, action: "
                                                     "waive, ") +
                                         kSigned));
  CHECK(LoadExceptions(a, sources.Get(a).text, set, diagnostics));
  CHECK_FALSE(LoadExceptions(b, sources.Get(b).text, set, diagnostics));
  CHECK(testing::RenderAll(diagnostics, sources) ==
        "b.exceptions.yaml:4:5: error: the same exception for learner 'L1' at node 'top.maths' "
        "is given twice [duplicate-exception]\n"
        "a.exceptions.yaml:4:5: note: given first here\n");
  REQUIRE(set.exceptions.size() == 2);
  CHECK(set.exceptions[1].learner == "L2");
}

TEST_CASE("exceptions are bound to a programme's nodes and vocabulary") {
  auto rules = LoadYaml(kRules);
  const RuleSet& rs = rules->result.rules;
  struct Bad {
    const char* name;
    std::string entries;
    std::string diagnostics;
    std::size_t kept = 0;  // exceptions still bound
  };
  const std::string s = kSigned;
  const std::vector<Bad> cases = {
      {"unknown node", Entry("learner: L1, node: top.mths, action: waive, " + s),
       "x.exceptions.yaml:4:25: error: exception for learner 'L1' names node 'top.mths', which "
       "programme 'p' does not have [unknown-node]\n"
       "note: did you mean 'top.maths'?\n"},
      {"unknown award", Entry("learner: L1, award: pp, node: top.maths, action: waive, " + s),
       "x.exceptions.yaml:4:26: error: exceptions are given for award 'pp', which the rules do "
       "not define (they define: p) [unknown-award]\n"},
      {"force on a condition inside a component",
       Entry("learner: L1, node: top.maths.gcse, action: force, achievement: {type: gcse}, " + s),
       "x.exceptions.yaml:4:25: error: force allocates an achievement to a component, but "
       "'top.maths.gcse' is a condition inside component 'top.maths' [bad-action-node]\n"
       "note: did you mean 'top.maths'?\n"},
      {"allow on a group",
       Entry("learner: L1, node: top.maths, action: allow, achievement: {type: gcse}, " + s),
       "x.exceptions.yaml:4:25: error: allow names one condition that counts achievements, but "
       "'top.maths' is a group of conditions: name the one the achievement should count towards "
       "[bad-action-node]\n"
       "note: for example 'top.maths.gcse'\n"},
      {"allow and substitute on a whole-record condition",
       Entry("learner: L1, node: top.clean, action: allow, achievement: {type: gcse}, " + s) +
           Entry("learner: L1, node: top.clean, action: substitute, achievement: {type: gcse}, " +
                 s),
       "x.exceptions.yaml:4:25: error: allow names one condition that counts achievements, but "
       "'top.clean' checks the whole record (a none, compare or at_most condition): waive it "
       "instead [bad-action-node]\n"
       "x.exceptions.yaml:5:25: error: substitute needs a node that counts achievements, but "
       "'top.clean' checks the whole record (a none, compare or at_most condition): waive it "
       "instead [bad-action-node]\n"},
      {"achievement fields the rules do not know",
       Entry("learner: L1, node: top.study, action: force, achievement: {type: a-levle, subject: "
             "maths, kind: course, status: done, level: 9, date: 2027-13-01, hours: lots}, " +
             s),
       "x.exceptions.yaml:4:71: error: unknown qualification type 'a-levle' in 'achievement' "
       "[unknown-type]\n"
       "note: did you mean 'a-level'?\n"
       "x.exceptions.yaml:4:102: error: kind 'course' is not qualification, project or activity "
       "[bad-value]\n"
       "x.exceptions.yaml:4:118: error: status 'done' is not achieved, predicted, in-progress or "
       "withdrawn [bad-value]\n"
       "x.exceptions.yaml:4:131: error: '9' is not a level: use entry1, entry2, entry3 or 1 to 8 "
       "[bad-level]\n"
       "x.exceptions.yaml:4:140: error: expected a date like 2026-06-30 for the achievement's "
       "date, got '2027-13-01' [bad-date]\n"
       "x.exceptions.yaml:4:159: error: expected a number for the achievement's hours, got "
       "'lots' [bad-number]\n"},
      {"unknown subject",
       Entry("learner: L1, node: top.maths, action: substitute, achievement: "
             "{subject: histry}, " +
             s),
       "x.exceptions.yaml:4:79: error: unknown subject 'histry' in 'achievement' "
       "[unknown-subject]\n"
       "note: did you mean 'history'?\n"},
      {"one achievement forced to two components",
       Entry("learner: L1, node: top.study, action: force, achievement: {type: a-level}, " + s) +
           Entry("learner: L1, node: top.maths, action: force, achievement: {type: a-level}, " + s),
       "x.exceptions.yaml:5:5: error: learner 'L1' has the achievement with type 'a-level' forced "
       "to 'top.study' and to 'top.maths' [conflicting-exception]\n"
       "x.exceptions.yaml:4:5: note: forced first here\n",
       1},
  };
  for (const Bad& c : cases) {
    INFO(c.name);
    SourceSet sources;
    Diagnostics diagnostics;
    ExceptionSet set;
    SourceId id = sources.Add("x.exceptions.yaml", std::string(kHead) + c.entries);
    REQUIRE_MESSAGE(LoadExceptions(id, sources.Get(id).text, set, diagnostics),
                    testing::RenderAll(diagnostics, sources));
    ProgrammeExceptions bound = BindExceptions(set, rs, rs.programmes[0], diagnostics);
    CHECK(testing::RenderAll(diagnostics, sources) == c.diagnostics);
    CHECK(bound.size() == c.kept);
  }
}

TEST_CASE("bound exceptions are found by learner id, and other awards are left out") {
  auto rules = LoadYaml(kRules);
  const RuleSet& rs = rules->result.rules;
  SourceSet sources;
  Diagnostics diagnostics;
  ExceptionSet set;
  const std::string s = kSigned;
  SourceId id = sources.Add(
      "x.exceptions.yaml",
      std::string(kHead) + Entry("learner: L1, node: top.maths, action: waive, " + s) +
          Entry("learner: L2, node: base.maths, action: waive, " + s) +
          Entry("learner: L1, node: top.study, action: force, achievement: {subject: maths}, " +
                s));
  REQUIRE(LoadExceptions(id, sources.Get(id).text, set, diagnostics));
  ProgrammeExceptions bound = BindExceptions(set, rs, rs.programmes[0], diagnostics);
  CHECK(diagnostics.empty());
  CHECK(bound.size() == 3);
  REQUIRE(bound.Find("L1") != nullptr);
  CHECK(bound.Find("L1")->items.size() == 2);
  CHECK(bound.Find("L1")->items[1].node == &rs.programmes[0].tiers[0].components[1].requirement);
  CHECK(bound.Find("L1")->items[1].tier == 0);
  CHECK(bound.Find("L1")->items[1].component == 1);
  CHECK(bound.Find("L2")->items[0].tier == 1);
  CHECK(bound.Find("L3") == nullptr);
  // Bound for another award id: none of these apply.
  BindOptions other;
  other.award = "q";
  other.check_awards = false;
  CHECK(BindExceptions(set, rs, rs.programmes[0], diagnostics, other).empty());
  CHECK(diagnostics.empty());
  // A baseline without a node warns instead.
  BindOptions baseline;
  baseline.missing_node = Severity::kWarning;
  baseline.rules_label = " in the --baseline rules";
  SourceId id2 = sources.Add("y.exceptions.yaml",
                             std::string(kHead) + Entry("learner: L1, node: top.gone, action: "
                                                        "waive, " +
                                                        s));
  ExceptionSet set2;
  REQUIRE(LoadExceptions(id2, sources.Get(id2).text, set2, diagnostics));
  CHECK(BindExceptions(set2, rs, rs.programmes[0], diagnostics, baseline).empty());
  CHECK(testing::RenderAll(diagnostics, sources) ==
        "y.exceptions.yaml:4:25: warning: exception for learner 'L1' names node 'top.gone', which "
        "programme 'p' in the --baseline rules does not have [unknown-node]\n");
}

TEST_CASE("each named achievement must be exactly one of the learner's records") {
  auto rules = LoadYaml(kRules);
  const RuleSet& rs = rules->result.rules;
  SourceSet sources;
  Diagnostics diagnostics;
  ExceptionSet set;
  const std::string s = kSigned;
  SourceId id = sources.Add(
      "x.exceptions.yaml",
      std::string(kHead) +
          Entry("learner: L1, node: top.study, action: force, achievement: {type: a-level, "
                "subject: physics}, " +
                s) +
          Entry("learner: L1, node: top.maths, action: substitute, achievement: {type: a-level}, " +
                s) +
          Entry("learner: L1, node: top.maths.gcse, action: allow, achievement: {type: gcse, "
                "grade: a}, " +
                s) +
          Entry("learner: L1, node: top.maths.a-level, action: allow, achievement: {type: a-level, "
                "grade: a, date: 2027-08-12, kind: Qualification, level: 3}, " +
                s) +
          Entry("learner: GONE, node: top.maths, action: waive, " + s));
  REQUIRE(LoadExceptions(id, sources.Get(id).text, set, diagnostics));
  ProgrammeExceptions bound = BindExceptions(set, rs, rs.programmes[0], diagnostics);
  REQUIRE(diagnostics.empty());
  Learner l1 = MakeLearner(
      rs, "L1",
      {"type=a-level subject=maths grade=A date=2027-08-12",
       "type=a-level subject=history grade=B date=2027-08-12", "type=gcse subject=maths grade=3"});
  l1.achievements[0].location = Location{id, 7, 1, {}};  // as if read from a file
  l1.achievements[1].location = Location{id, 8, 1, {}};
  const LearnerExceptions* mine = bound.Find("L1");
  REQUIRE(mine != nullptr);
  CHECK(MatchingAchievements(mine->items[0], l1).empty());
  CHECK(MatchingAchievements(mine->items[1], l1) == std::vector<std::uint32_t>{0, 1});
  CHECK(MatchingAchievements(mine->items[2], l1).empty());  // the gcse is a 3, not an A
  CHECK(MatchingAchievements(mine->items[3], l1) == std::vector<std::uint32_t>{0});
  CheckExceptionRecords(bound, {l1}, diagnostics);
  CHECK(testing::RenderAll(diagnostics, sources) ==
        "x.exceptions.yaml:4:64: error: learner 'L1' has no achievement with type 'a-level', "
        "subject 'physics', so this exception cannot apply [no-such-achievement]\n"
        "note: correct the exception, or the records if the achievement is missing from them\n"
        "x.exceptions.yaml:5:69: error: 2 achievements of learner 'L1' have type 'a-level': add "
        "fields (subject, date, title, ...) until one is named [ambiguous-achievement]\n"
        "x.exceptions.yaml:7:1: note: this achievement matches\n"
        "x.exceptions.yaml:8:1: note: this achievement matches\n"
        "x.exceptions.yaml:6:69: error: learner 'L1' has no achievement with type 'gcse', grade "
        "'a', so this exception cannot apply [no-such-achievement]\n"
        "note: correct the exception, or the records if the achievement is missing from them\n"
        "x.exceptions.yaml:8:15: warning: exceptions are given for learner 'GONE', who is not in "
        "the records read [absent-learner]\n");
}

}  // namespace accredit
