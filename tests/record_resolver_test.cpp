#include "accredit/record_resolver.h"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <string>
#include <vector>

#include "records_fixture.h"

namespace accredit {
namespace {

// Field values from "name=value|name=value"; values may have spaces.
std::array<std::string_view, kFieldCount> Values(std::string_view spec) {
  std::array<std::string_view, kFieldCount> values{};
  while (!spec.empty()) {
    std::size_t bar = spec.find('|');
    std::string_view pair = spec.substr(0, bar);
    spec = bar == std::string_view::npos ? std::string_view() : spec.substr(bar + 1);
    std::size_t eq = pair.find('=');
    std::optional<Field> field = FieldByName(pair.substr(0, eq));
    REQUIRE(field.has_value());
    values[static_cast<std::size_t>(*field)] = pair.substr(eq + 1);
  }
  return values;
}

struct Resolved {
  bool used = false;
  Learner learner;
  std::string diagnostics;
};

Resolved Resolve(std::string_view spec, const RuleSet& rules = testing::SmallRuleSet()) {
  SourceSet sources;
  SourceId id = sources.Add("records.csv", "");
  Diagnostics diagnostics;
  Resolved out;
  out.learner.id = "L1";
  out.used =
      ResolveAchievement(rules, Values(spec), Location{id, 7, 0, {}}, out.learner, diagnostics);
  out.diagnostics = testing::RenderAll(diagnostics, sources);
  return out;
}

struct Case {
  const char* name;
  std::string values;
  std::string diagnostics;
};

}  // namespace

TEST_CASE("a row that breaks no rule becomes one achievement and says nothing") {
  const std::vector<const char*> rows = {
      "learner=L1|type=gcse|subject=mathematics|grade=4",
      "learner=L1|type=a-level|grade=A*|status=predicted|date=2025-08-14|level=3",
      "learner=L1|kind=activity|hours=12.5|strand=creative-cultural",
      "learner=L1|hours=3",
      "learner=L1|kind=activity|hours=100000|strand=creative-cultural",
      "learner=L1|kind=project|title=Bridges|provider=school",
      "learner=L1|type=gcse|grade=X",
      "learner=L1|type=gcse|grade=Q|qan=601/8758/X",
  };
  for (const char* row : rows) {
    INFO(row);
    Resolved r = Resolve(row);
    CHECK(r.used);
    CHECK(r.learner.achievements.size() == 1);
    CHECK(r.diagnostics == "");
  }
}

TEST_CASE("a row that breaks a rule is rejected with exactly one error") {
  const std::vector<Case> cases = {
      {"no learner id", "type=gcse|grade=4",
       "records.csv:7: error: missing learner id [missing-field]\n"},
      {"blank learner id", "learner=  |type=gcse|grade=4",
       "records.csv:7: error: missing learner id [missing-field]\n"},
      {"qualification without type", "learner=L1|kind=qualification|grade=4",
       "records.csv:7: error: qualification has no 'type' [missing-field]\n"},
      {"qualification without grade", "learner=L1|type=gcse|subject=mathematics",
       "records.csv:7: error: qualification has no 'grade' [missing-field]\n"},
      {"activity without hours", "learner=L1|kind=activity|strand=creative-cultural",
       "records.csv:7: error: activity has no 'hours' [missing-field]\n"},
      {"neither type nor hours", "learner=L1|subject=mathematics",
       "records.csv:7: error: row has no 'type' (nor 'hours' for an activity) [missing-field]\n"},
      {"unknown type", "learner=L1|type=gcse91|grade=4",
       "records.csv:7: error: unknown qualification type 'gcse91' [unknown-type]\n"
       "note: did you mean 'gcse'?\n"},
      {"unknown type, nothing close", "learner=L1|type=btec|grade=4",
       "records.csv:7: error: unknown qualification type 'btec' [unknown-type]\n"},
      {"unknown subject", "learner=L1|type=gcse|grade=4|subject=mathmatics",
       "records.csv:7: error: unknown subject 'mathmatics' [unknown-subject]\n"
       "note: did you mean 'mathematics'?\n"},
      {"grade not on the scale", "learner=L1|type=a-level|grade=A**",
       "records.csv:7: error: grade 'A**' is not on the a-level scale (U, E, D, C, B, A, A*) "
       "[bad-grade]\nnote: did you mean 'A*'?\n"},
      {"special code treated as an error", "learner=L1|type=a-level|grade=N",
       "records.csv:7: error: result 'N' (not submitted) is a data error [bad-grade]\n"},
      {"level out of range", "learner=L1|type=gcse|grade=4|level=9",
       "records.csv:7: error: level '9' is not entry1, entry2, entry3 or 1 to 8 [bad-level]\n"},
      {"negative hours", "learner=L1|kind=activity|hours=-3",
       "records.csv:7: error: hours '-3' is not a number of hours [bad-number]\n"
       "note: hours are written as 12, 1.5, 1:30, 90 mins or 10 hrs\n"},
      {"hours not a number", "learner=L1|hours=ten",
       "records.csv:7: error: hours 'ten' is not a number of hours [bad-number]\n"
       "note: hours are written as 12, 1.5, 1:30, 90 mins or 10 hrs\n"},
      {"hours above the limit", "learner=L1|hours=100000.5",
       "records.csv:7: error: hours '100000.5' is more than the limit of 100000 [bad-number]\n"},
      {"hours that would overflow a sum", "learner=L1|hours=" + std::string(308, '9'),
       "records.csv:7: error: hours '" + std::string(308, '9') +
           "' is more than the limit of 100000 [bad-number]\n"},
      {"hours out of a double's range", "learner=L1|hours=1" + std::string(400, '0'),
       "records.csv:7: error: hours '1" + std::string(400, '0') +
           "' is not a number of hours [bad-number]\n"
           "note: hours are written as 12, 1.5, 1:30, 90 mins or 10 hrs\n"},
      {"hours nan", "learner=L1|hours=nan",
       "records.csv:7: error: hours 'nan' is not a number of hours [bad-number]\n"
       "note: hours are written as 12, 1.5, 1:30, 90 mins or 10 hrs\n"},
      {"hours inf", "learner=L1|hours=inf",
       "records.csv:7: error: hours 'inf' is not a number of hours [bad-number]\n"
       "note: hours are written as 12, 1.5, 1:30, 90 mins or 10 hrs\n"},
      {"hours in exponent form", "learner=L1|hours=1e3",
       "records.csv:7: error: hours '1e3' is not a number of hours [bad-number]\n"
       "note: hours are written as 12, 1.5, 1:30, 90 mins or 10 hrs\n"},
      {"date not ISO", "learner=L1|type=gcse|grade=4|date=01/09/2025",
       "records.csv:7: error: date '01/09/2025' is not an ISO date (YYYY-MM-DD) [bad-date]\n"},
      {"date that does not exist", "learner=L1|type=gcse|grade=4|date=2023-02-29",
       "records.csv:7: error: date '2023-02-29' is not an ISO date (YYYY-MM-DD) [bad-date]\n"},
      {"kind not a kind", "learner=L1|kind=activty|hours=2",
       "records.csv:7: error: kind 'activty' is not one of qualification, project, activity "
       "[bad-value]\nnote: did you mean 'activity'?\n"},
      {"status not a status", "learner=L1|type=gcse|grade=4|status=acheived",
       "records.csv:7: error: status 'acheived' is not one of achieved, predicted, in-progress, "
       "withdrawn [bad-value]\nnote: did you mean 'achieved'?\n"},
      {"unknown strand", "learner=L1|hours=2|strand=physical-outdoors",
       "records.csv:7: error: unknown strand 'physical-outdoors' [bad-value]\n"
       "note: did you mean 'physical-outdoor'?\n"},
      {"the first broken field is the one reported", "learner=L1|type=gcse|grade=11|date=x",
       "records.csv:7: error: grade '11' is not on the gcse scale (U, 1, 2, 3, 4, 5, 6, 7, 8, 9) "
       "[bad-grade]\n"},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    Resolved r = Resolve(c.values);
    CHECK_FALSE(r.used);
    CHECK(r.learner.achievements.empty());
    CHECK(r.learner.text.empty());
    CHECK(r.diagnostics == c.diagnostics);
  }
}

TEST_CASE("a special code the rules ignore is used but adds no achievement") {
  Resolved r = Resolve("learner=L1|type=a-level|grade=W");
  CHECK(r.used);
  CHECK(r.learner.achievements.empty());
  CHECK(r.diagnostics ==
        "records.csv:7: note: result 'W' (withdrawn entry) is ignored, as the rules say "
        "[ignored-result]\n");
  // Still an error when another field is broken.
  Resolved broken = Resolve("learner=L1|type=a-level|grade=W|date=2025");
  CHECK_FALSE(broken.used);
  CHECK(broken.diagnostics ==
        "records.csv:7: error: date '2025' is not an ISO date (YYYY-MM-DD) [bad-date]\n");
}

TEST_CASE("resolved achievements hold ranks, indexes, defaults and the text read") {
  Resolved r = Resolve("learner=L1|type=gcse|subject=  mathematics |grade=3|date=2024-08-22");
  REQUIRE(r.learner.achievements.size() == 1);
  const Achievement& a = r.learner.achievements[0];
  CHECK(a.kind == Kind::kQualification);
  CHECK(a.status == Status::kAchieved);
  CHECK(a.type == 0);
  CHECK(a.subject == 0);
  CHECK(a.grade == 3);
  CHECK(a.special == kNone);
  CHECK(a.level == Level{1});  // grades 1-3 of gcse sit at Level 1
  CHECK(a.date == ParseDate("2024-08-22"));
  CHECK(r.learner.Text(a, Field::kSubject) == "mathematics");
  CHECK(r.learner.Text(a, Field::kGrade) == "3");
  CHECK(r.learner.Text(a, Field::kHours) == "");
  CHECK(a.location.line == 7);

  CHECK(Resolve("learner=L1|type=gcse|grade=4").learner.achievements[0].level == Level{2});
  CHECK(Resolve("learner=L1|type=gcse|grade=4|level=entry 3").learner.achievements[0].level ==
        Level{0});

  const Achievement absent = Resolve("learner=L1|type=gcse|grade=x").learner.achievements[0];
  CHECK(absent.grade == kNone);
  CHECK(absent.special == 0);
  CHECK(absent.level == Level{2});  // the type's default level

  const Achievement star = Resolve("learner=L1|type=a-level|grade=a*").learner.achievements[0];
  CHECK(star.grade == 6);
  CHECK(star.level == Level{3});

  const Achievement activity = Resolve("learner=L1|hours=7.5").learner.achievements[0];
  CHECK(activity.kind == Kind::kActivity);
  CHECK(activity.type == kNone);
  CHECK(activity.hours == doctest::Approx(7.5));

  CHECK(Resolve("learner=L1|type=gcse|grade=5|status=Predicted").learner.achievements[0].status ==
        Status::kPredicted);
  CHECK(Resolve("learner=L1|kind=Project|title=x").learner.achievements[0].kind == Kind::kProject);
}

TEST_CASE("subjects are free text when the rules declare none") {
  RuleSet rules = testing::SmallRuleSet();
  rules.subjects.clear();
  Resolved r = Resolve("learner=L1|type=gcse|grade=4|subject=underwater-basketry", rules);
  CHECK(r.used);
  CHECK(r.diagnostics == "");
  CHECK(r.learner.achievements[0].subject == kNone);
}

TEST_CASE("an activity of a completion type needs no hours; any other activity does") {
  // Rule language 1.1: a placement signed off is complete or not.
  RuleSet rules = testing::SmallRuleSet();
  QualType placement;
  placement.id = "placement";
  placement.kind = Kind::kActivity;
  placement.completion = true;
  rules.types.push_back(placement);
  QualType club;
  club.id = "club";
  club.kind = Kind::kActivity;
  rules.types.push_back(club);
  rules.IndexNames();
  Resolved done = Resolve("learner=L1|type=placement|status=achieved", rules);
  CHECK(done.used);
  CHECK(done.diagnostics == "");
  REQUIRE(done.learner.achievements.size() == 1);
  CHECK(done.learner.achievements[0].kind == Kind::kActivity);
  CHECK(done.learner.achievements[0].hours == 0);
  // With hours given, they are read as any activity's.
  Resolved timed = Resolve("learner=L1|type=placement|hours=70", rules);
  CHECK(timed.used);
  CHECK(timed.learner.achievements[0].hours == 70);
  Resolved untimed = Resolve("learner=L1|type=club", rules);
  CHECK_FALSE(untimed.used);
  CHECK(untimed.diagnostics == "records.csv:7: error: activity has no 'hours' [missing-field]\n");
}

namespace {

// The fixture's rules with aliases, as a rule file could give them.
RuleSet RulesWithAliases() {
  RuleSet rules = testing::SmallRuleSet();
  rules.subjects[0].aliases = {Alias{"Maths", {}}, Alias{"Math", {}}};
  rules.subjects[1].aliases = {Alias{"Eng Lang", {}}};
  rules.types[0].aliases = {Alias{"GCSE (9-1)", {}}};
  rules.types[1].aliases = {Alias{"GCE A Level", {}}};
  rules.IndexNames();
  return rules;
}

}  // namespace

TEST_CASE("a type or subject is read by its id or an alias, as exports spell them") {
  const RuleSet rules = RulesWithAliases();
  struct Spelling {
    const char* row;
    int type;
    int subject;
  };
  const Spelling spellings[] = {
      {"learner=L1|type=GCSE (9-1)|subject=Maths|grade=4", 0, 0},
      {"learner=L1|type=gcse (9-1)|subject= MATHS |grade=4", 0, 0},
      {"learner=L1|type=GCSE|subject=Mathematics|grade=4", 0, 0},
      {"learner=L1|type=A Level|subject=English Language|grade=B", 1, 1},
      {"learner=L1|type=gce a level|subject=eng lang|grade=B", 1, 1},
      {"learner=L1|type=A_LEVEL|subject=Maths (AQA)|grade=B", 1, 0},
  };
  for (const Spelling& s : spellings) {
    INFO(s.row);
    Resolved r = Resolve(s.row, rules);
    REQUIRE(r.used);
    CHECK(r.diagnostics == "");
    REQUIRE(r.learner.achievements.size() == 1);
    CHECK(r.learner.achievements[0].type == s.type);
    CHECK(r.learner.achievements[0].subject == s.subject);
  }
  // The text as read is kept for outputs.
  Resolved r = Resolve("learner=L1|type=GCSE (9-1)|subject=Maths|grade=4", rules);
  CHECK(r.learner.Text(r.learner.achievements[0], Field::kSubject) == "Maths");
}

TEST_CASE("a subject outside the vocabulary is read as a subject of its own, with a warning") {
  const RuleSet rules = RulesWithAliases();
  Resolved r = Resolve("learner=L1|type=gcse|subject=Polish Studies|grade=7", rules);
  CHECK(r.used);
  REQUIRE(r.learner.achievements.size() == 1);
  const Achievement& a = r.learner.achievements[0];
  CHECK(a.subject == kNone);
  CHECK(a.grade == 7);
  CHECK(r.learner.Text(a, Field::kSubject) == "Polish Studies");
  CHECK(SubjectName(rules, r.learner, a) == "Polish Studies");
  CHECK(r.diagnostics ==
        "records.csv:7: warning: subject 'Polish Studies' is not in the rules' vocabulary: "
        "counted as its own subject [unlisted-subject]\n"
        "note: add it to the rules' subjects, or as an alias of one, for 'subject' filters to "
        "match it\n");
  // A listed subject shows its title.
  Resolved listed = Resolve("learner=L1|type=gcse|subject=Maths|grade=7", rules);
  CHECK(SubjectName(rules, listed.learner, listed.learner.achievements[0]) == "Mathematics");
  // Close to a listed subject (or one of its aliases) it is taken for a misspelling: an error.
  Resolved close = Resolve("learner=L1|type=gcse|subject=Eng Lagn|grade=7", rules);
  CHECK_FALSE(close.used);
  CHECK(close.diagnostics ==
        "records.csv:7: error: unknown subject 'Eng Lagn' [unknown-subject]\n"
        "note: did you mean 'english-language'?\n");
}

TEST_CASE("an input warns of each subject outside the vocabulary once, at the first row read") {
  const RuleSet rules = RulesWithAliases();
  SourceSet sources;
  SourceId id = sources.Add("records.csv", "");
  const char* rows[] = {
      "learner=L1|type=gcse|subject=Urdu|grade=11",       // rejected (bad grade): no warning yet
      "learner=L1|type=gcse|subject=Polish|grade=6",      // warned
      "learner=L1|type=gcse|subject=URDU|grade=5",        // warned: the first Urdu row read
      "learner=L2|type=gcse|subject=polish |grade=4",     // the same subject: read, no warning
      "learner=L2|type=gcse|subject=Mathematcs|grade=4",  // close to mathematics: an error
      "learner=L2|type=gcse|subject=mathematcs|grade=5",  // judged once, still an error per row
  };
  for (bool once : {true, false}) {
    INFO("warn once: " << once);
    UnlistedSubjects unlisted;
    unlisted.warn_once = once;
    Diagnostics diagnostics;
    Learner learner;
    learner.id = "L1";
    std::vector<bool> used;
    for (std::uint32_t i = 0; i < std::size(rows); ++i) {
      used.push_back(ResolveAchievement(rules, Values(rows[i]), Location{id, i + 2, 0, {}}, learner,
                                        diagnostics, nullptr, &unlisted));
    }
    CHECK(used == std::vector<bool>{false, true, true, true, false, false});
    CHECK(unlisted.verdicts.size() == 3);
    CHECK(unlisted.verdicts.at("mathematcs").close_to == "mathematics");
    std::string codes;
    for (const Diagnostic& d : diagnostics.items()) {
      codes += fmt::format("{}:{} ", d.location.line, d.code);
    }
    CHECK(codes == (once ? "2:bad-grade 3:unlisted-subject 4:unlisted-subject "
                           "6:unknown-subject 7:unknown-subject "
                         : "2:bad-grade 3:unlisted-subject 4:unlisted-subject "
                           "5:unlisted-subject 6:unknown-subject 7:unknown-subject "));
    // Each subject counts as itself: Polish twice (one subject), Urdu once.
    REQUIRE(learner.achievements.size() == 3);
    for (const Achievement& a : learner.achievements) CHECK(a.subject == kNone);
  }
  Diagnostics diagnostics;
  Learner learner;
  UnlistedSubjects unlisted;
  ResolveAchievement(rules, Values(rows[1]), Location{id, 3, 0, {}}, learner, diagnostics, nullptr,
                     &unlisted);
  CHECK(testing::RenderAll(diagnostics, sources) ==
        "records.csv:3: warning: subject 'Polish' is not in the rules' vocabulary: counted as its "
        "own subject [unlisted-subject]\n"
        "note: add it to the rules' subjects, or as an alias of one, for 'subject' filters to "
        "match it\n"
        "note: each row that gives it is read; this input warns once\n");
}

TEST_CASE("achievements of one learner share one text store") {
  RuleSet rules = testing::SmallRuleSet();
  Learner learner;
  Diagnostics diagnostics;
  REQUIRE(ResolveAchievement(rules, Values("learner=L1|type=gcse|grade=4"), Location{}, learner,
                             diagnostics));
  REQUIRE(ResolveAchievement(rules, Values("learner=L1|type=a-level|grade=B"), Location{}, learner,
                             diagnostics));
  REQUIRE(learner.achievements.size() == 2);
  CHECK(learner.Text(learner.achievements[0], Field::kType) == "gcse");
  CHECK(learner.Text(learner.achievements[1], Field::kType) == "a-level");
  CHECK(learner.Text(learner.achievements[1], Field::kGrade) == "B");
  CHECK(learner.text == "L1gcse4L1a-levelB");
}

}  // namespace accredit
