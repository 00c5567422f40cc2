// The rules model's matching of names from records: NameKey, MatchSubject and MatchType over
// ids and aliases (indexed, and searched one entry at a time), SuggestSubject, and the clashes
// IndexNames() finds.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "accredit/rules.h"

namespace accredit {
namespace {

Subject MakeSubject(std::string id, std::vector<std::string> aliases = {}) {
  Subject subject;
  subject.id = std::move(id);
  for (std::string& alias : aliases) subject.aliases.push_back(Alias{std::move(alias), {}});
  return subject;
}

QualType MakeType(std::string id, std::vector<std::string> aliases = {}) {
  QualType type;
  type.id = std::move(id);
  for (std::string& alias : aliases) type.aliases.push_back(Alias{std::move(alias), {}});
  return type;
}

RuleSet Vocabulary() {
  RuleSet rules;
  rules.subjects.push_back(MakeSubject("mathematics", {"Maths", "Math"}));
  rules.subjects.push_back(MakeSubject("english-language", {"Eng Lang", "English"}));
  rules.subjects.push_back(MakeSubject("art-and-design", {"Art & Design", "Art"}));
  rules.subjects.push_back(MakeSubject("psychology"));
  rules.types.push_back(MakeType("gcse", {"GCSE (9-1)", "GCSE Full Course"}));
  rules.types.push_back(MakeType("a-level", {"GCE A Level"}));
  return rules;
}

}  // namespace

TEST_CASE("a name's key ignores ASCII case, spaces at either end and how words are joined") {
  CHECK(NameKey("English Language") == "english-language");
  CHECK(NameKey("  english_language\t") == "english-language");
  CHECK(NameKey("English -  Language") == "english-language");
  CHECK(NameKey("GCSE (9-1)") == "gcse-(9-1)");
  CHECK(NameKey("Art & Design") == "art-&-design");
  CHECK(NameKey("Éire") == "Éire");  // only ASCII letters are folded
  CHECK(NameKey("   ").empty());
  CHECK(SameName("Eng  Lang", "eng-lang"));
  CHECK_FALSE(SameName("English Lit", "English Lang"));
  CHECK(SameName(std::string(300, 'A') + " b", std::string(300, 'a') + "-B"));
}

TEST_CASE("a subject or type is matched by id, then alias, indexed or not") {
  RuleSet plain = Vocabulary();
  RuleSet indexed = Vocabulary();
  indexed.IndexNames();
  struct Case {
    const char* text;
    int subject;
  };
  const Case cases[] = {
      {"mathematics", 0},
      {"Maths", 0},
      {" MATHS ", 0},
      {"math", 0},
      {"English Language", 1},
      {"english_language", 1},
      {"eng lang", 1},
      {"English", 1},
      {"ART & DESIGN", 2},
      {"Art and Design", 2},
      {"Psychology (AQA)", 3},
      {"Maths (Pearson Edexcel)", 0},
      {"Psychology(OCR)", 3},
      {"Polish", kNone},
      {"Psychology (Year 12)", kNone},
      {"(AQA)", kNone},
      {"", kNone},
      {"Maths Further", kNone},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    CHECK(plain.MatchSubject(c.text) == c.subject);
    CHECK(indexed.MatchSubject(c.text) == c.subject);
  }
  CHECK(indexed.MatchType("GCSE (9-1)") == 0);
  CHECK(indexed.MatchType("gcse full course") == 0);
  CHECK(indexed.MatchType("A Level") == 1);
  CHECK(indexed.MatchType("gce a level") == 1);
  CHECK(indexed.MatchType("A2") == kNone);
  CHECK(plain.MatchType("A Level") == 1);
  // Rule files name things by id exactly.
  CHECK(indexed.FindSubject("Maths") == kNone);
  CHECK(indexed.FindType("A Level") == kNone);
}

TEST_CASE("an index built before entries were added is not used") {
  RuleSet rules = Vocabulary();
  rules.IndexNames();
  rules.subjects.push_back(MakeSubject("polish", {"Polski"}));
  CHECK(rules.MatchSubject("Polski") == 4);
  CHECK(rules.MatchSubject("Maths") == 0);
}

TEST_CASE("a name close to an id or alias suggests the subject's id") {
  RuleSet rules = Vocabulary();
  rules.IndexNames();
  CHECK(rules.SuggestSubject("Mathematcs") == "mathematics");
  CHECK(rules.SuggestSubject("Eng Lagn") == "english-language");
  CHECK(rules.SuggestSubject("english languag") == "english-language");
  CHECK(rules.SuggestSubject("Polish") == "");
  CHECK(rules.SuggestSubject("Polish Studies") == "");
  CHECK(rules.SuggestType("GCSE (9-2)") == "gcse");
  CHECK(Vocabulary().SuggestSubject("Psycology") == "psychology");
}

TEST_CASE("names that two subjects or two types share are listed as clashes") {
  RuleSet rules = Vocabulary();
  rules.subjects.push_back(MakeSubject("further-mathematics", {"Further Maths", "maths"}));
  rules.subjects.push_back(MakeSubject("English_Language"));  // a hand-made id, not a valid one
  rules.subjects.push_back(MakeSubject("statistics", {"Statistics", "STATS", "stats"}));
  rules.types.push_back(MakeType("gcse-full-course", {"A-Level"}));
  std::vector<NameClash> subjects;
  std::vector<NameClash> types;
  rules.IndexNames(&subjects, &types);
  REQUIRE(subjects.size() == 2);
  // Ids go in first: the id clash comes before the alias clash, whatever the order of entries.
  CHECK(subjects[0].first == 1);
  CHECK(subjects[0].second == 5);
  CHECK(subjects[0].first_alias == kNone);
  CHECK(subjects[0].second_alias == kNone);
  CHECK(subjects[1].first == 0);
  CHECK(subjects[1].second == 4);
  CHECK(subjects[1].first_alias == 0);
  CHECK(subjects[1].second_alias == 1);
  REQUIRE(types.size() == 2);
  CHECK(types[0].first == 2);  // the id gcse-full-course is GCSE Full Course, an alias of gcse
  CHECK(types[0].second == 0);
  CHECK(types[0].first_alias == kNone);
  CHECK(types[0].second_alias == 1);
  CHECK(types[1].first == 1);
  CHECK(types[1].second == 2);
  CHECK(types[1].first_alias == kNone);
  CHECK(types[1].second_alias == 0);
  // The name goes to the entry that holds it first.
  CHECK(rules.MatchSubject("maths") == 0);
  CHECK(rules.MatchSubject("stats") == 6);
}

}  // namespace accredit
