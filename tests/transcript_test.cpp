#include "accredit/transcript.h"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <regex>
#include <vector>

#include "evaluation_fixture.h"

namespace accredit {

namespace {

constexpr const char* kRules = R"(accredit: 1
scales:
  g: {grades: [U, "1", "2", "3", "4", "5"], pass: "4"}
types:
  gcse: {title: GCSE, scale: g, level_by_grade: {"1": 1, "4": 2}}
subjects:
  mathematics: {title: Mathematics}
programme: {id: p, title: The Test Baccalaureate, centre: Test School, starts: 2025-09-01,
            ends: 2027-08-31}
tiers:
  top:
    title: Top
    components:
      maths:
        role: core-maths
        title: Maths
        count: {at_least: 1, where: {type: gcse, subject: mathematics, grade: ">= 4"}}
      development:
        role: personal-development
        title: Activities
        sum: {of: hours, at_least: 10, where: {kind: activity}}
)";

struct Fixture {
  std::unique_ptr<testing::LoadedRules> rules = testing::LoadYaml(kRules);
  const RuleSet& rs() const { return rules->result.rules; }
  const Programme& programme() const { return rs().programmes[0]; }
  Outcome Evaluate(const Learner& l) const {
    return Evaluator(rs(), programme()).Evaluate(l, EvaluateOptions{});
  }
};

}  // namespace

TEST_CASE("a transcript's file stem is the id when safe, else a safe name and a hash") {
  CHECK(TranscriptFileStem("F0001") == "F0001");
  CHECK(TranscriptFileStem("a.b_c-D9") == "a.b_c-D9");
  std::string evil = TranscriptFileStem("../<script>");
  CHECK(std::regex_match(evil, std::regex("_\\.__script_-[0-9a-f]{8}")));
  CHECK(TranscriptFileStem("a/b") != TranscriptFileStem("a_b"));
  CHECK(TranscriptFileStem("a/b") != TranscriptFileStem("a\\b"));
  CHECK(std::regex_match(TranscriptFileStem(""), std::regex("-[0-9a-f]{8}")));
  CHECK(std::regex_match(TranscriptFileStem(".hidden"), std::regex("_hidden-[0-9a-f]{8}")));
  CHECK(TranscriptFileStem(std::string(100, 'x')).size() == 64 + 9);
  // Never the name of a cohort file (index.html, transcripts.html), in any case.
  CHECK(std::regex_match(TranscriptFileStem("index"), std::regex("index-[0-9a-f]{8}")));
  CHECK(std::regex_match(TranscriptFileStem("Transcripts"), std::regex("Transcripts-[0-9a-f]{8}")));
  CHECK(TranscriptFileStem("index2") == "index2");
}

TEST_CASE("credential ids are well-formed version 8 UUIDs that depend on the name only") {
  std::string a = NameBasedUrn("accredit:clr:p:F0001");
  CHECK(std::regex_match(
      a,
      std::regex("urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")));
  CHECK(a == NameBasedUrn("accredit:clr:p:F0001"));
  CHECK(a != NameBasedUrn("accredit:clr:p:F0002"));
}

TEST_CASE(
    "a transcript is valid from --as-of, else the learner's latest date, else the programme") {
  Fixture f;
  Learner l =
      testing::MakeLearner(f.rs(), "L",
                           {"type=gcse subject=mathematics grade=5 date=2026-08-20",
                            "kind=activity strand=physical-outdoor hours=12 date=2027-03-01"});
  CHECK(FormatDate(TranscriptDate(f.programme(), l, {})) == "2027-03-01");
  TranscriptOptions as_of;
  as_of.as_of = ParseDate("2026-01-01");
  CHECK(FormatDate(TranscriptDate(f.programme(), l, as_of)) == "2026-01-01");
  Learner undated = testing::MakeLearner(f.rs(), "U", {"type=gcse subject=mathematics grade=5"});
  CHECK(FormatDate(TranscriptDate(f.programme(), undated, {})) == "2027-08-31");
}

TEST_CASE("the transcript HTML escapes learner text and links only web evidence") {
  Fixture f;
  Learner l =
      testing::MakeLearner(f.rs(), "<script>alert(1)</script>",
                           {"type=gcse subject=mathematics grade=5",
                            "kind=activity strand=physical-outdoor hours=12 date=2027-03-01 "
                            "title=<b>O'Brien\"s</b> evidence=https://example.org/e?a=1&b=2",
                            "kind=activity strand=creative-cultural hours=1 date=2027-03-02 "
                            "evidence=javascript:alert(2)"});
  Outcome o = f.Evaluate(l);
  std::string html = TranscriptHtml(f.rs(), f.programme(), l, o, {});
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(html.find("&lt;b&gt;O&#39;Brien&quot;s&lt;/b&gt;") != std::string::npos);
  CHECK(html.find("<a href=\"https://example.org/e?a=1&amp;b=2\">") != std::string::npos);
  CHECK(html.find("href=\"javascript") == std::string::npos);
  CHECK(html.find("<td class=\"evidence\">javascript:alert(2)</td>") != std::string::npos);
  CHECK(html.find("Top") != std::string::npos);

  TranscriptOptions no_names;
  no_names.no_names = true;
  std::string anonymous = TranscriptHtml(f.rs(), f.programme(), l, o, no_names);
  CHECK(anonymous.find("Brien") == std::string::npos);
  CHECK(anonymous.find("example.org") == std::string::npos);
  CHECK(anonymous.find("&lt;script&gt;alert(1)") != std::string::npos);  // the id stays
}

TEST_CASE(
    "the transcript HTML shows the name, British dates and only columns that hold something") {
  Fixture f;
  Learner l = testing::MakeLearner(
      f.rs(), "L1",
      {"type=gcse subject=mathematics grade=5",
       "kind=activity strand=physical-outdoor hours=12 date=2027-03-01 provider=Scouts"});
  l.SetAttribute("name", "Zoë <O'Neill>");
  Outcome o = f.Evaluate(l);
  std::string html = TranscriptHtml(f.rs(), f.programme(), l, o, {});
  CHECK(html.find("<h1 class=\"learner-name\">Zoë &lt;O&#39;Neill&gt;</h1>") != std::string::npos);
  CHECK(html.find("1 March 2027") != std::string::npos);
  CHECK(html.find("2027-03-01") == std::string::npos);
  // Activities have a provider; nothing has a title, evidence, or a status other than achieved.
  CHECK(html.find("<th scope=\"col\">provider</th>") != std::string::npos);
  CHECK(html.find("<td>Scouts</td>") != std::string::npos);
  // (The components table above them has a status column of its own.)
  const std::string records = html.substr(html.find("<h2 class=\"part\">Qualifications"));
  for (const std::string head : {"title", "evidence", "status", "activity"}) {
    CAPTURE(head);
    CHECK(records.find(fmt::format("<th scope=\"col\">{}</th>", head)) == std::string::npos);
  }
  // The GCSE has no date: the qualifications table has no date column.
  std::string quals = html.substr(0, html.find("<h2 class=\"part\">Personal development"));
  CHECK(quals.find("<th scope=\"col\">grade</th>") != std::string::npos);
  CHECK(quals.find("<th scope=\"col\">date</th>") == std::string::npos);

  TranscriptOptions no_names;
  no_names.no_names = true;
  std::string anonymous = TranscriptHtml(f.rs(), f.programme(), l, o, no_names);
  CHECK(anonymous.find("Neill") == std::string::npos);
  CHECK(anonymous.find("Scouts") == std::string::npos);
  CHECK(anonymous.find("<th scope=\"col\">provider</th>") == std::string::npos);
  CHECK(anonymous.find("<h1 class=\"learner-name\">Learner L1</h1>") != std::string::npos);
}

TEST_CASE("a transcript names an activity that is done or not by its type, with no hours") {
  // Rule language 1.1's `completion`; an undated programme and undated records give the
  // page no "record as of" date, not 1 January 1970.
  auto rules = testing::LoadYaml(R"(accredit: 1.1
types:
  placement: {kind: activity, completion: true, title: work placement}
programme: {id: p, title: The Placement Award}
tiers:
  top:
    components:
      placement:
        role: personal-development
        title: Placement
        count: {at_least: 1, where: {type: placement}}
)");
  const RuleSet& rs = rules->result.rules;
  Learner l = testing::MakeLearner(rs, "L1", {"type=placement title=At_the_library"});
  Outcome o = Evaluator(rs, rs.programmes[0]).Evaluate(l, EvaluateOptions{});
  REQUIRE(o.tier == 0);
  std::string html = TranscriptHtml(rs, rs.programmes[0], l, o, {});
  CHECK(html.find("<td>work placement</td>") != std::string::npos);
  CHECK(html.find("Hours that count") == std::string::npos);
  CHECK(html.find("1970") == std::string::npos);
  CHECK(html.find("Record as of") == std::string::npos);
}

TEST_CASE("a cohort's index links every learner's page and its book holds every transcript") {
  Fixture f;
  Learner a =
      testing::MakeLearner(f.rs(), "A1",
                           {"type=gcse subject=mathematics grade=5",
                            "kind=activity strand=physical-outdoor hours=12 date=2027-03-01"});
  a.SetAttribute("name", "Ann <b>");
  Learner b = testing::MakeLearner(f.rs(), "index", {"type=gcse subject=mathematics grade=2"});
  Outcome oa = f.Evaluate(a);
  Outcome ob = f.Evaluate(b);
  std::vector<TranscriptEntry> entries = {{&a, &oa}, {&b, &ob}};
  std::string index = TranscriptIndexHtml(f.programme(), entries, {});
  CHECK(index.find("<th scope=\"row\">Ann &lt;b&gt;</th><td>A1</td><td>Top</td>"
                   "<td><a href=\"A1.html\">A1.html</a></td>") != std::string::npos);
  CHECK(index.find("<td></td><th scope=\"row\">index</th><td>not yet achieved</td><td><a href=\"" +
                   TranscriptFileStem("index") + ".html\">") != std::string::npos);
  CHECK(index.find("2 learners: 1 Top, 1 not yet achieved.") != std::string::npos);
  CHECK(index.find("<a href=\"transcripts.html\">") != std::string::npos);
  TranscriptOptions no_names;
  no_names.no_names = true;
  CHECK(TranscriptIndexHtml(f.programme(), entries, no_names).find("Ann") == std::string::npos);

  std::string book = TranscriptBookHtml(f.rs(), f.programme(), entries, {});
  CHECK(book.find("<h2 class=\"learner-name\">Ann &lt;b&gt;</h2>") != std::string::npos);
  CHECK(book.find("<h2 class=\"learner-name\">Learner index</h2>") != std::string::npos);
  CHECK(book.find("<h3 class=\"part\">Qualifications</h3>") != std::string::npos);
  CHECK(book.find("article + article { break-before: page;") != std::string::npos);
  std::size_t articles = 0;
  for (std::size_t at = book.find("<article>"); at != std::string::npos;
       at = book.find("<article>", at + 1)) {
    ++articles;
  }
  CHECK(articles == 2);
}

TEST_CASE("the transcript JSON bundles unsigned OB3 credentials for the award and its parts") {
  Fixture f;
  Learner l =
      testing::MakeLearner(f.rs(), "L\"1",
                           {"type=gcse subject=mathematics grade=5",
                            "kind=activity strand=physical-outdoor hours=12 date=2027-03-01 "
                            "evidence=https://example.org/e"});
  Outcome o = f.Evaluate(l);
  std::string json = TranscriptJson(f.rs(), f.programme(), l, o, {});
  CHECK(json == TranscriptJson(f.rs(), f.programme(), l, o, {}));  // deterministic
  CHECK(json.find(R"("type":["VerifiableCredential","ClrCredential"])") != std::string::npos);
  CHECK(json.find(R"("type":["VerifiableCredential","OpenBadgeCredential"])") != std::string::npos);
  CHECK(json.find(R"("identityHash":"L\"1")") != std::string::npos);
  CHECK(json.find(R"("validFrom":"2027-03-01T00:00:00Z")") != std::string::npos);
  CHECK(json.find(R"("value":"Top","status":"Completed")") != std::string::npos);
  CHECK(json.find(R"("associationType":"isParentOf")") != std::string::npos);
  CHECK(json.find(R"("associationType":"isChildOf")") != std::string::npos);
  CHECK(json.find(R"("evidence":[{"id":"https://example.org/e")") != std::string::npos);
  CHECK(json.find("\"proof\"") == std::string::npos);
  CHECK(json.find("Unsigned") != std::string::npos);
  // 1 award + 2 components + 2 record achievements, each as a credential.
  std::size_t credentials = 0;
  for (std::size_t at = json.find("\"OpenBadgeCredential\""); at != std::string::npos;
       at = json.find("\"OpenBadgeCredential\"", at + 1)) {
    ++credentials;
  }
  CHECK(credentials == 5);

  TranscriptOptions no_names;
  no_names.no_names = true;
  std::string anonymous = TranscriptJson(f.rs(), f.programme(), l, o, no_names);
  CHECK(anonymous.find("example.org") == std::string::npos);
  CHECK(anonymous.find("\"evidence\"") == std::string::npos);
}

TEST_CASE("a transcript leaves out an empty section the programme does not ask for") {
  Fixture f;
  Learner l = testing::MakeLearner(f.rs(), "L1", {"type=gcse subject=mathematics grade=5"});
  Outcome o = f.Evaluate(l);
  std::string html = TranscriptHtml(f.rs(), f.programme(), l, o, {});
  // No component is a personal project, and the learner has none: no Project section.
  CHECK(html.find("<h2 class=\"part\">Project") == std::string::npos);
  // A component is personal development: its section says none are recorded.
  const std::size_t activities = html.find("<h2 class=\"part\">Personal development activities");
  REQUIRE(activities != std::string::npos);
  CHECK(html.find("None recorded.", activities) != std::string::npos);
}

TEST_CASE("activities without a strand are headed as activities, not personal development") {
  Fixture f;
  Learner l = testing::MakeLearner(f.rs(), "L1", {"kind=activity hours=12 date=2027-03-01"});
  Outcome o = f.Evaluate(l);
  std::string html = TranscriptHtml(f.rs(), f.programme(), l, o, {});
  CHECK(html.find("<h2 class=\"part\">Activities") != std::string::npos);
  CHECK(html.find("Personal development activities") == std::string::npos);
  l = testing::MakeLearner(f.rs(), "L1", {"kind=activity strand=physical-outdoor hours=12"});
  html = TranscriptHtml(f.rs(), f.programme(), l, f.Evaluate(l), {});
  CHECK(html.find("<h2 class=\"part\">Personal development activities") != std::string::npos);
}

}  // namespace accredit
