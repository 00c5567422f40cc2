#include "accredit/report.h"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "accredit/workflow.h"
#include "evaluation_fixture.h"

namespace accredit {

namespace {

// Two tiers: "top" (maths, project, 30 hours), graded high for maths at grade 5, and "base"
// (maths).
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
        shared: true
        count: {at_least: 1, where: {type: gcse, subject: mathematics, grade: ">= 4"}}
      project:
        role: personal-project
        title: Project
        count: {at_least: 1, where: {type: epq, grade: ">= E"}}
      development:
        role: personal-development
        title: Personal development
        sum: {of: hours, at_least: 30, where: {kind: activity}}
    grading:
      count: {where: {type: gcse, grade: ">= 5"}, of: [maths]}
      bands: {high: 1, low: 0}
  base:
    components:
      maths:
        role: core-maths
        title: Maths
        count: {at_least: 1, where: {type: gcse, subject: mathematics, grade: ">= 4"}}
)";

// The same with 40 hours for "top".
std::string MoreHours() {
  std::string rules = kRules;
  rules.replace(rules.find("at_least: 30"), 12, "at_least: 40");
  return rules;
}

struct Cohort {
  std::unique_ptr<testing::LoadedRules> rules;
  std::vector<Learner> learners;
  std::vector<ReportedOutcome> outcomes;

  const RuleSet& rs() const { return rules->result.rules; }
  const Programme& programme() const { return rs().programmes[0]; }

  void Evaluate(const RuleSet& against, std::vector<ReportedOutcome>& into) const {
    Evaluator evaluator(against, against.programmes[0]);
    EvaluateOptions options;
    options.trace = true;
    into.clear();
    for (const Learner& l : learners) {
      into.push_back(ForReport(against, l, evaluator.Evaluate(l, options)));
    }
  }
};

const char* const kMaths5 = "type=gcse subject=mathematics grade=5 provider=North";
const char* const kEnglish5 = "type=gcse subject=english grade=5";
const char* const kEpq = "type=epq grade=C";
const char* const kHours35 = "kind=activity strand=physical-outdoor hours=35 date=2026-01-01";
const char* const kHours20 = "kind=activity strand=physical-outdoor hours=20 date=2026-01-01";

Cohort MakeCohort(const std::string& yaml = kRules) {
  Cohort c;
  c.rules = testing::LoadYaml(yaml);
  const RuleSet& rs = c.rules->result.rules;
  // A: top, high (maths at 5). B: top, low (maths at 4). C: base, one component (hours) short of
  // top. D: base, two components short. E: none. F: data error.
  c.learners.push_back(testing::MakeLearner(rs, "A", {kMaths5, kEnglish5, kEpq, kHours35}));
  c.learners.push_back(testing::MakeLearner(
      rs, "B", {"type=gcse subject=mathematics grade=4 provider=South", kEpq, kHours35}));
  c.learners.push_back(testing::MakeLearner(rs, "C", {kMaths5, kEpq, kHours20}));
  c.learners.push_back(testing::MakeLearner(rs, "D", {kMaths5}));
  c.learners.push_back(
      testing::MakeLearner(rs, "E", {"type=gcse subject=mathematics grade=3 provider=South"}));
  c.learners.push_back(testing::MakeLearner(rs, "F", {kMaths5, kEpq, kHours35}));
  c.learners.back().rejected_rows = 2;
  c.Evaluate(rs, c.outcomes);
  return c;
}

// The report points into `c`, which must outlive it.
Report Build(const Cohort& c, const ReportOptions& options = {}) {
  Accounting accounting{20, 18, 2, c.learners.size()};
  return BuildReport(c.rs(), c.programme(), c.learners, c.outcomes, accounting, EvaluateOptions{},
                     options);
}

}  // namespace

TEST_CASE("the report counts learners per tier and award grade, errors apart") {
  Cohort c = MakeCohort();
  Report r = Build(c);
  const CohortSummary& s = r.cohort;
  CHECK(s.learners == 6);
  CHECK(s.errors == 1);
  CHECK(s.none == 1);
  REQUIRE(s.tiers.size() == 2);
  CHECK(s.tiers[0].learners == 2);
  CHECK(s.tiers[1].learners == 2);
  REQUIRE(s.tiers[0].grades.size() == 2);
  CHECK(s.tiers[0].grades[0].grade == "high");
  CHECK(s.tiers[0].grades[0].learners == 1);
  CHECK(s.tiers[0].grades[1].grade == "low");
  CHECK(s.tiers[0].grades[1].learners == 1);
  CHECK(s.tiers[1].grades.empty());
  REQUIRE(s.data_errors.size() == 1);
  CHECK(s.data_errors[0].learner == "F");
  CHECK(s.data_errors[0].rejected_rows == 2);
}

TEST_CASE("a component's pass rate is over the learners evaluated at its tier") {
  Cohort c = MakeCohort();
  Report r = Build(c);
  const std::vector<ComponentRate>& rates = r.cohort.components;
  REQUIRE(rates.size() == 4);
  // top: every judged learner (A-E); base: those below top (C, D, E).
  CHECK(rates[0].component->id == "top.maths");
  CHECK(rates[0].evaluated == 5);
  CHECK(rates[0].met == 4);
  CHECK(rates[1].component->id == "top.project");
  CHECK(rates[1].met == 3);
  CHECK(rates[2].component->id == "top.development");
  CHECK(rates[2].met == 2);
  CHECK(rates[3].component->id == "base.maths");
  CHECK(rates[3].evaluated == 3);
  CHECK(rates[3].met == 2);
}

TEST_CASE("still-needed requirements are counted per requirement, most common first") {
  Cohort c = MakeCohort();
  Report r = Build(c);
  const std::vector<NeededReason>& reasons = r.cohort.reasons;
  // C and D need top's hours, D top's project, E base's maths.
  REQUIRE(reasons.size() == 3);
  CHECK(reasons[0].learners == 2);
  CHECK(reasons[0].text == "top: Personal development: at least 30 hours of activities");
  CHECK(reasons[1].learners == 1);
  CHECK(reasons[1].component->id == "top.project");
  CHECK(reasons[2].learners == 1);
  CHECK(reasons[2].component->id == "base.maths");

  ReportOptions top1;
  top1.top_reasons = 1;
  CHECK(Build(c, top1).cohort.reasons.size() == 1);
}

TEST_CASE("learners exactly one component short of the next tier are listed with what they need") {
  Cohort c = MakeCohort();
  Report r = Build(c);
  const std::vector<CloseLearner>& close = r.cohort.close;
  REQUIRE(close.size() == 2);
  CHECK(close[0].learner == "C");
  CHECK(close[0].achieved->id == "base");
  CHECK(close[0].next->id == "top");
  CHECK(close[0].missing->id == "top.development");
  CHECK(close[0].still_needed ==
        std::vector<std::string>{"Personal development: needs 10 more hours of activities "
                                 "(has 20 of 30)"});
  // E has no tier: the lowest tier is the next, and it is one component away.
  CHECK(close[1].learner == "E");
  CHECK(close[1].achieved == nullptr);
  CHECK(close[1].next->id == "base");
}

TEST_CASE("--group-by takes each learner's first value of the field and summarises each group") {
  ReportOptions options;
  options.group_by = Field::kProvider;
  Cohort c = MakeCohort();
  Report r = Build(c, options);
  REQUIRE(r.groups.size() == 2);
  CHECK(r.groups[0].group == "North");  // A, C, D, F
  CHECK(r.groups[0].learners == 4);
  CHECK(r.groups[0].tiers[0].learners == 1);
  CHECK(r.groups[0].errors == 1);
  CHECK(r.groups[1].group == "South");  // B, E
  CHECK(r.groups[1].learners == 2);
  CHECK(r.groups[1].none == 1);
  CHECK(r.cohort.close[0].group == "North");
}

TEST_CASE("--no-names numbers the groups of a free-text field instead of naming them") {
  ReportOptions options;
  options.group_by = Field::kProvider;
  options.no_names = true;
  Cohort c = MakeCohort();
  Report r = Build(c, options);
  REQUIRE(r.groups.size() == 2);
  CHECK(r.groups[0].group == "group 1");
  CHECK(r.groups[1].group == "group 2");
  std::string text = ReportText(r);
  CHECK(text.find("North") == std::string::npos);
  CHECK(text.find("South") == std::string::npos);
  CHECK(IsNameField(Field::kTitle));
  CHECK(IsNameField(Field::kEvidence));
  CHECK_FALSE(IsNameField(Field::kSubject));
}

TEST_CASE("a reported outcome keeps the still-needed items of each unmet tier, not the traces") {
  Cohort c = MakeCohort();
  const ReportedOutcome& d = c.outcomes[3];  // D: base met, top not
  REQUIRE(d.outcome.tiers.size() == 2);
  REQUIRE(d.needs.size() == 2);
  CHECK(d.needs[0].size() == 2);  // top: project and hours
  CHECK(d.needs[0][0].component->id == "top.project");
  CHECK(d.needs[1].empty());
  for (const TierResult& t : d.outcome.tiers) {
    for (const ComponentResult& r : t.components) CHECK(r.trace.node == nullptr);
  }
}

TEST_CASE("GroupValue is the field on the learner's first row that has it") {
  auto rules = testing::LoadYaml(kRules);
  Learner l = testing::MakeLearner(rules->result.rules, "X",
                                   {kEnglish5, "type=gcse subject=mathematics grade=4 provider=P1",
                                    "type=gcse subject=english grade=4 provider=P2"});
  CHECK(GroupValue(l, Field::kProvider) == "P1");
  CHECK(GroupValue(l, Field::kCategory).empty());
}

TEST_CASE("a rule change lists exactly the learners whose outcome changes, with the reason") {
  Cohort c = MakeCohort();
  auto old_rules = testing::LoadYaml(MoreHours());  // the baseline asked for 40 hours
  std::vector<ReportedOutcome> before;
  c.Evaluate(old_rules->result.rules, before);
  CHECK(CompareVocabulary(c.rs(), old_rules->result.rules).empty());
  BaselineComparison b =
      CompareOutcomes(c.programme(), old_rules->result.rules, old_rules->result.rules.programmes[0],
                      c.learners, c.outcomes, before, {});
  CHECK(b.before == std::vector<std::string>{"top", "base", "none", "error"});
  CHECK(b.after == b.before);
  // A and B (35 hours) were base under 40 hours and are top under 30.
  CHECK(b.transitions[1][0] == 2);
  CHECK(b.transitions[1][1] == 2);  // C, D
  CHECK(b.transitions[2][2] == 1);  // E
  CHECK(b.transitions[3][3] == 1);  // F
  CHECK(b.unchanged == 4);
  REQUIRE(b.changes.size() == 2);
  CHECK(b.changes[0].learner == "A");
  CHECK(b.changes[0].before_tier == "base");
  CHECK(b.changes[0].after_tier == "top");
  CHECK(b.changes[0].after_grade == "high");
  CHECK(b.changes[0].reasons ==
        std::vector<std::string>{"now top; under the old rules: Personal development: needs 5 "
                                 "more hours of activities (has 35 of 40)"});
  CHECK(b.changes[1].learner == "B");

  // The other way round: the same two learners lose the tier, and are told why.
  BaselineComparison back = CompareOutcomes(old_rules->result.rules.programmes[0], c.rs(),
                                            c.programme(), c.learners, before, c.outcomes, {});
  REQUIRE(back.changes.size() == 2);
  CHECK(back.changes[1].before_tier == "top");
  CHECK(back.changes[1].before_grade == "low");
  CHECK(back.changes[1].after_tier == "base");
  CHECK(back.changes[1].reasons ==
        std::vector<std::string>{"no longer top: Personal development: needs 5 more hours of "
                                 "activities (has 35 of 40)"});
}

TEST_CASE("a rule change names each requirement that changed, old and new in plain English") {
  Cohort c = MakeCohort();
  auto old_rules = testing::LoadYaml(MoreHours());
  std::vector<RuleChange> changes = CompareRules(
      old_rules->result.rules, old_rules->result.rules.programmes[0], c.rs(), c.programme());
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].where == "top: Personal development");
  CHECK(changes[0].before == "at least 40 hours of activities");
  CHECK(changes[0].after == "at least 30 hours of activities");
  CHECK(CompareRules(c.rs(), c.programme(), c.rs(), c.programme()).empty());
}

TEST_CASE("the HTML report links each learner to their own section, by name only when allowed") {
  Cohort c = MakeCohort();
  c.learners[0].SetAttribute("name", "Amelia Hart");
  Report r = Build(c);
  REQUIRE(r.learners.size() == c.learners.size());
  CHECK(r.learners[0].name == "Amelia Hart");
  std::string html = ReportHtml(r);
  CHECK(html.find("<a href=\"#learner-A\">A</a> <span class=\"name\">Amelia Hart</span>") !=
        std::string::npos);
  CHECK(html.find("<article class=\"learner\" id=\"learner-A\">") != std::string::npos);
  ReportOptions options;
  options.no_names = true;
  Report anonymous = BuildReport(c.rs(), c.programme(), c.learners, c.outcomes, Accounting{},
                                 EvaluateOptions{}, options);
  CHECK(anonymous.learners[0].name.empty());
  CHECK(ReportHtml(anonymous).find("Amelia") == std::string::npos);
}

TEST_CASE("without learner details the HTML report is the dashboard alone") {
  Cohort c = MakeCohort();
  ReportOptions options;
  options.learner_details = false;
  std::string whole = ReportHtml(Build(c));
  std::string dashboard = ReportHtml(Build(c, options));
  CHECK(whole.find("id=\"learner-table\"") != std::string::npos);
  CHECK(whole.find("<article class=\"learner\"") != std::string::npos);
  CHECK(dashboard.find("id=\"learner-table\"") == std::string::npos);
  CHECK(dashboard.find("<article class=\"learner\"") == std::string::npos);
  CHECK(dashboard.find("<h2>About this data</h2>") != std::string::npos);
  CHECK(dashboard.size() < whole.size());
}

TEST_CASE("a report's tables of single learners list at most learners_listed, counting the rest") {
  Cohort c = MakeCohort();
  Report whole = Build(c);
  REQUIRE(whole.cohort.close.size() >= 2);
  ReportOptions options;
  options.learners_listed = 1;
  std::string html = ReportHtml(Build(c, options));
  const std::string close = html.substr(html.find("id=\"close\""));
  const std::string table = close.substr(0, close.find("</table>"));
  std::size_t rows = 0;
  for (std::size_t at = table.find("<tr><th scope=\"row\">"); at != std::string::npos;
       at = table.find("<tr><th scope=\"row\">", at + 1)) {
    ++rows;
  }
  CHECK(rows == 1);
  const std::size_t more = whole.cohort.close.size() - 1;
  CHECK(close.find(fmt::format("and {} more learner{} one part short, not listed here.", more,
                               more == 1 ? "" : "s")) != std::string::npos);
  CHECK(ReportHtml(whole).find("not listed here") == std::string::npos);
}

TEST_CASE("a baseline with a different vocabulary is refused, saying what differs") {
  auto a = testing::LoadYaml(kRules);
  std::string other = kRules;
  other.replace(other.find("  english: {title: English}"), 27,
                "  english: {title: English}\n  french: {title: French}");
  auto b = testing::LoadYaml(other);
  CHECK(CompareVocabulary(a->result.rules, b->result.rules) == "their subjects differ");
}

TEST_CASE("learner text is escaped in every report format") {
  Cohort c = MakeCohort();
  c.learners[2].id = "<script>\"x\" & 'y'|*</script>";
  Report r = Build(c);
  std::string html = ReportHtml(r);
  // The page's own script is the only one; the id cannot open another or break out of an id.
  CHECK(html.find("<script>") == html.rfind("<script>"));
  CHECK(html.find("<script>\"x") == std::string::npos);
  CHECK(html.find("id=\"learner-_3Cscript_3E_22x_22_20_26_20_27y_27_7C_2A_3C_2Fscript_3E\"") !=
        std::string::npos);
  CHECK(html.find("&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;|*&lt;/script&gt;") !=
        std::string::npos);
  std::string json = ReportJson(r);
  CHECK(json.find(R"("learner":"<script>\"x\" & 'y'|*</script>")") != std::string::npos);
  std::string csv = ReportCsv(r);
  CHECK(csv.find(R"(,"<script>""x"" & 'y'|*</script>",)") != std::string::npos);
  std::string md = ReportMarkdown(r);
  CHECK(md.find(R"(| \<script\>"x" \& 'y'\|\*\</script\> |)") != std::string::npos);
}

TEST_CASE("pass rates are shown as counts and a percentage rounded to a whole number") {
  // top.maths: 4 of 5 judged learners; base.maths: 2 of 3 (66.7%, shown as 67%).
  Cohort c = MakeCohort();
  Report r = Build(c);
  CHECK(ReportText(r).find("Maths" + std::string(32, ' ') + "4 of 5      80%") !=
        std::string::npos);
  CHECK(ReportMarkdown(r).find("| base | Maths | 2 | 3 | 67% |") != std::string::npos);
}

}  // namespace accredit
