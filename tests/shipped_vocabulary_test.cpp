// The shipped vocabulary (rules/england/subjects.yaml, types.yaml, scales.yaml) covers what
// English schools enter, under the names their exports give it: each subject found by its
// title and by the usual spellings, every type by the names exports use, the community
// languages present, and real subjects outside it read as their own rather than taken for a
// misspelling of a listed one.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "accredit/rules_loader.h"

namespace accredit {

namespace {

const RuleSet& Shipped() {
  static const RuleSet* rules = [] {
    static SourceSet sources;
    static LoadResult result = LoadDefaultRules(sources);
    REQUIRE(result.ok());
    return &result.rules;
  }();
  return *rules;
}

std::string SubjectOf(std::string_view text) {
  int s = Shipped().MatchSubject(text);
  return s == kNone ? "" : Shipped().subjects[static_cast<std::size_t>(s)].id;
}

std::string TypeOf(std::string_view text) {
  int t = Shipped().MatchType(text);
  return t == kNone ? "" : Shipped().types[static_cast<std::size_t>(t)].id;
}

}  // namespace

TEST_CASE("every shipped subject is found by its title, has an area, and a sentence-case title") {
  const RuleSet& rules = Shipped();
  REQUIRE(rules.subjects.size() >= 100);
  for (const Subject& subject : rules.subjects) {
    CAPTURE(subject.id);
    CHECK(SubjectOf(subject.title) == subject.id);
    CHECK(subject.ssa >= 1);
    CHECK(subject.ssa <= 15);
    REQUIRE_FALSE(subject.title.empty());
    CHECK(subject.title.front() >= 'A');
    CHECK(subject.title.front() <= 'Z');
  }
}

TEST_CASE("the spellings exports give subjects find them without a column mapping") {
  const std::vector<std::pair<const char*, const char*>> spellings = {
      {"Maths", "mathematics"},
      {"Eng Lang", "english-language"},
      {"English Lang", "english-language"},
      {"English Language", "english-language"},
      {"English", "english-language"},
      {"Eng Lit", "english-literature"},
      {"Comb Sci", "combined-science"},
      {"Combined Science: Trilogy", "combined-science"},
      {"Further Maths", "further-mathematics"},
      {"Art & Design", "art-and-design"},
      {"Art and Design (Photography)", "photography"},
      {"Computing", "computer-science"},
      {"PE", "physical-education"},
      {"RE", "religious-studies"},
      {"RS", "religious-studies"},
      {"D&T", "design-and-technology"},
      {"Psychology (AQA)", "psychology"},
      {"Chemistry (OCR)", "chemistry"},
      {"Business Studies", "business"},
      {"Food Prep", "food-preparation-and-nutrition"},
      {"Hospitality & Catering", "hospitality"},
      {"Government and Politics", "politics"},
      // The subjects a user found rejected: BTEC sectors and community languages.
      {"performing-arts", "performing-arts"},
      {"Performing Arts", "performing-arts"},
      {"creative-media", "creative-media-production"},
      {"Creative Digital Media Production", "creative-media-production"},
      {"Polish", "polish"},
      {"Urdu", "urdu"},
      {"Punjabi", "panjabi"},
      {"Greek", "modern-greek"},
      {"Mandarin", "chinese"},
      {"Farsi", "persian"},
      // Cambridge Nationals, T Levels, Functional Skills, projects, the IB.
      {"Creative iMedia", "creative-imedia"},
      {"Sport Science", "sport-and-exercise-science"},
      {"Enterprise and Marketing", "enterprise"},
      {"Digital Support Services", "digital-support-services"},
      {"Education and Early Years", "childcare"},
      {"Functional Skills Maths", "mathematics"},
      {"Essential Digital Skills", "digital-skills"},
      {"EPQ", "extended-project"},
      {"Theory of Knowledge", "theory-of-knowledge"},
      {"Business Management", "business"},
      {"Visual Arts", "art-and-design"},
      {"Mathematics: Analysis and Approaches", "mathematics"},
  };
  for (const auto& [text, id] : spellings) {
    CAPTURE(std::string(text));
    CHECK(SubjectOf(text) == id);
  }
}

TEST_CASE("the GCSE and A level languages, community languages included, are all listed") {
  // French, German, Spanish, Chinese, Italian, Russian, and the languages the DfE kept at GCSE
  // and A level in 2016, with Persian and the ancient languages.
  for (const char* id :
       {"french",        "german",  "spanish",         "chinese",  "italian",    "russian",
        "arabic",        "bengali", "biblical-hebrew", "gujarati", "japanese",   "modern-greek",
        "modern-hebrew", "panjabi", "persian",         "polish",   "portuguese", "turkish",
        "urdu",          "latin",   "classical-greek"}) {
    CAPTURE(std::string(id));
    CHECK(Shipped().FindSubject(id) != kNone);
  }
}

TEST_CASE("real subjects outside the vocabulary are read as their own, not as a misspelling") {
  // Each must neither match a listed subject nor be close enough to one to be rejected.
  for (const char* text :
       {"Welsh", "Irish", "Dutch", "Hindi", "Tamil", "Somali", "Korean", "Humanities",
        "General Studies", "Critical Thinking", "Textiles", "Polish Studies", "Music Performance",
        "Business Admin", "PSHE", "Motor Vehicle", "Art History of Asia"}) {
    CAPTURE(std::string(text));
    CHECK(Shipped().MatchSubject(text) == kNone);
    CHECK(Shipped().SuggestSubject(text) == "");
  }
  // A misspelling still is one: a slip of a key or two.
  CHECK(Shipped().SuggestSubject("Mathematcs") == "mathematics");
  CHECK(Shipped().SuggestSubject("Phsyics") == "physics");
  CHECK(Shipped().SuggestSubject("Englsh Langauge") == "english-language");
  CHECK(Shipped().SuggestSubject("Geograpy") == "geography");
}

TEST_CASE("the names exports give qualification types find them") {
  const std::vector<std::pair<const char*, const char*>> spellings = {
      {"GCSE (9-1)", "gcse"},
      {"GCSE Full Course", "gcse"},
      {"GCSE Short Course", "gcse-short-course"},
      {"GCE A Level", "a-level"},
      {"A Level", "a-level"},
      {"GCE AS Level", "as-level"},
      {"AS", "as-level"},
      {"Core Maths", "core-maths"},
      {"Level 3 Mathematical Studies", "core-maths"},
      {"BTEC Nat Ext Dip", "btec-national-extended-diploma"},
      {"BTEC Extended Certificate", "btec-national-extended-certificate"},
      {"BTEC National Foundation Diploma", "btec-national-foundation-diploma"},
      {"BTEC National Certificate", "btec-national-certificate"},
      {"BTEC Tech Award", "btec-tech-award"},
      {"Cambridge National", "cambridge-national"},
      {"Cambridge Technical Extended Diploma", "cambridge-technical-extended-diploma"},
      {"V Cert", "technical-award"},
      {"T Level", "t-level"},
      {"Functional Skills", "functional-skills"},
      {"EPQ", "epq"},
      {"Extended Project", "epq"},
      {"HPQ", "higher-project"},
      {"IB HL", "ib-higher-level"},
      {"IB Standard Level", "ib-standard-level"},
      {"IB Diploma", "ib-diploma"},
      {"Extended Essay", "ib-extended-essay"},
  };
  for (const auto& [text, id] : spellings) {
    CAPTURE(std::string(text));
    CHECK(TypeOf(text) == id);
  }
}

TEST_CASE("the new types have the scales, levels and sizes their awarding bodies give") {
  const RuleSet& rules = Shipped();
  auto type = [&](const char* id) -> const QualType& {
    int t = rules.FindType(id);
    REQUIRE(t != kNone);
    return rules.types[static_cast<std::size_t>(t)];
  };
  auto scale = [&](const QualType& t) -> const Scale& {
    REQUIRE(t.scale != kNone);
    return rules.scales[static_cast<std::size_t>(t.scale)];
  };
  const QualType& national = type("cambridge-national");
  CHECK(scale(national).grades ==
        std::vector<std::string>{"U", "L1P", "L1M", "L1D", "L2P", "L2M", "L2D", "L2D*"});
  CHECK(national.LevelFor(scale(national).Rank("L1D"))->value == 1);
  CHECK(national.LevelFor(scale(national).Rank("L2D*"))->value == 2);
  const QualType& t_level = type("t-level");
  CHECK(scale(t_level).grades ==
        std::vector<std::string>{"U", "Pass", "Merit", "Distinction", "Distinction*"});
  CHECK(scale(type("functional-skills")).grades == std::vector<std::string>{"Fail", "Pass"});
  const Scale& ib = scale(type("ib-higher-level"));
  CHECK(ib.grades.size() == 7);
  CHECK(ib.grades[static_cast<std::size_t>(ib.pass)] == "4");
  const Scale& diploma = scale(type("ib-diploma"));
  CHECK(diploma.grades.back() == "45");
  CHECK(diploma.grades[static_cast<std::size_t>(diploma.pass)] == "24");
  CHECK(type("ib-extended-essay").kind == Kind::kProject);
  CHECK(type("btec-national-certificate").size == 0.5);
  CHECK(type("btec-national-foundation-diploma").size == 1.5);
  CHECK(type("cambridge-technical-diploma").size == 2);
  CHECK(type("gcse-short-course").size == 0.5);
  CHECK(type("ib-standard-level").size == 0.5);
}

}  // namespace accredit
