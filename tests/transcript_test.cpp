#include "accredit/transcript.h"

#include <doctest/doctest.h>

#include <regex>

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
  CHECK(html.find("<td>javascript:alert(2)</td>") != std::string::npos);
  CHECK(html.find("Top") != std::string::npos);

  TranscriptOptions no_names;
  no_names.no_names = true;
  std::string anonymous = TranscriptHtml(f.rs(), f.programme(), l, o, no_names);
  CHECK(anonymous.find("Brien") == std::string::npos);
  CHECK(anonymous.find("example.org") == std::string::npos);
  CHECK(anonymous.find("&lt;script&gt;alert(1)") != std::string::npos);  // the id stays
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

}  // namespace accredit
