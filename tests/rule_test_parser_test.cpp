// Test files (`*.test.yaml`): example learners kept beside a rule file. Table-driven tests of
// the test-file reader against a small inline programme, with the exact diagnostics it
// renders; then how LoadRules finds test files on disk (the shipped rules/ folder).
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "accredit/rule_tests.h"
#include "accredit/rules_loader.h"

namespace accredit {

namespace {

// A programme with a graded tier above an ungraded one.
constexpr const char* kRules = R"(accredit: 1
scales:
  s: {grades: [U, "1", "2", "3", "4"], pass: "4"}
types:
  gcse: {scale: s, level: 2}
subjects:
  mathematics: {title: Mathematics}
tables:
  pts: {version: "1", points: {gcse: {"4": 10}}}
programme: {id: maths-award, title: The Maths Award}
tiers:
  gold:
    components:
      maths: {role: core-maths, count: {at_least: 1, where: {type: gcse, grade: ">= 4"}}}
    grading: {points: {table: pts, of: [maths]}, bands: {merit: 10, pass: 0}}
  silver:
    components:
      maths: {role: core-maths, count: {at_least: 1, where: {type: gcse, grade: ">= 1"}}}
)";

// The usual header of a test file for the programme above.
constexpr const char* kHeader = "accredit-tests: 1\nprogramme: maths-award\n";

struct Loaded {
  SourceSet sources;
  LoadResult result;
  std::string rendered;  // every diagnostic, rendered without source lines
};

// Loads kRules (or `rules`) as x.yaml, then `tests` as x.test.yaml.
void LoadBoth(const std::string& tests, Loaded& out, const std::string& rules = kRules) {
  out.result = LoadRulesFromText("x.yaml", rules, out.sources);
  LoadTestFileFromText("x.test.yaml", tests, out.result, out.sources);
  RenderOptions options;
  options.source_lines = false;
  for (const Diagnostic& d : out.result.diagnostics.items()) {
    out.rendered += Render(d, out.sources, options);
  }
}

std::string Diagnose(const std::string& tests, const std::string& rules = kRules) {
  Loaded loaded;
  LoadBoth(tests, loaded, rules);
  return loaded.rendered;
}

struct Case {
  const char* name;
  std::string yaml;
  std::string expected;
};

}  // namespace

TEST_CASE("a test file's examples join the programme it names and run like a rule file's") {
  Loaded loaded;
  LoadBoth(std::string(kHeader) +
               "about: grade 4 is gold with a merit, grade 3 silver\n"
               "tests:\n"
               "  - name: a grade 4 is gold\n"
               "    learner: {id: T1, achievements: [{type: gcse, subject: mathematics, "
               "grade: \"4\"}]}\n"
               "    expect: {tier: gold, grade: merit, components: {gold.maths: met}}\n"
               "  - name: a grade 3 is wrongly expected to be gold\n"
               "    learner: {id: T2, achievements: [{type: gcse, subject: mathematics, "
               "grade: \"3\"}]}\n"
               "    expect: {tier: gold}\n",
           loaded);
  CHECK(loaded.rendered == "");
  REQUIRE(loaded.result.rules.programmes.size() == 1);
  const Programme& programme = loaded.result.rules.programmes[0];
  REQUIRE(programme.tests.size() == 2);
  REQUIRE(loaded.result.rules.test_files.size() == 1);
  CHECK(loaded.sources.Get(loaded.result.rules.test_files[0]).name == "x.test.yaml");
  CHECK(programme.tests[0].location.source == loaded.result.rules.test_files[0]);
  CHECK(programme.tests[1].location.line == 8);

  Diagnostics diagnostics;
  std::vector<RuleTestResult> results =
      RunRuleTests(loaded.result.rules, programme, {}, diagnostics);
  CHECK(diagnostics.items().empty());
  REQUIRE(results.size() == 2);
  CHECK(results[0].passed);
  CHECK_FALSE(results[1].passed);
  REQUIRE(results[1].failures.size() == 1);
  CHECK(results[1].failures[0] == "expected tier 'gold', got 'silver'");
  RuleCoverage coverage = CoverageOf(programme, results);
  CHECK(coverage.nodes == 2);
  CHECK(coverage.covered == 1);  // gold.maths met (T1) and not met (T2); silver.maths only met
  CHECK(coverage.never_not_met == std::vector<std::string>{"silver.maths"});
  CHECK(coverage.grades == 2);  // gold's merit and pass; silver is not graded
  CHECK(coverage.grades_awarded == 1);
  CHECK(coverage.never_awarded == std::vector<std::string>{"gold.pass"});
}

TEST_CASE("examples in a rule file and in its test file add up") {
  Loaded loaded;
  LoadBoth(std::string(kHeader) +
               "tests:\n"
               "  - learner: {id: T2, achievements: [{type: gcse, subject: mathematics, "
               "grade: U}]}\n"
               "    expect: {tier: none}\n",
           loaded,
           std::string(kRules) +
               "tests:\n"
               "  - learner: {id: T1, achievements: [{type: gcse, grade: \"2\"}]}\n"
               "    expect: {tier: silver}\n");
  CHECK(loaded.rendered == "");
  REQUIRE(loaded.result.rules.programmes[0].tests.size() == 2);
  CHECK(loaded.result.rules.programmes[0].tests[0].learner_id == "T1");
  CHECK(loaded.result.rules.programmes[0].tests[1].learner_id == "T2");
}

TEST_CASE("the test-file reader reports each problem with an exact message") {
  const std::string test = "  - learner: {id: T1}\n";
  const Case cases[] = {
      {"empty file", "",
       "x.test.yaml: error: test file is empty: it needs 'accredit-tests: 1' [missing-key]\n"},
      {"YAML syntax", "accredit-tests: 1\ntests: [a\n",
       "x.test.yaml:3:1: error: invalid YAML: end of sequence flow not found [yaml-syntax]\n"},
      {"not a mapping", "- a\n",
       "x.test.yaml:1:1: error: expected a mapping for a test file, got a list [bad-node]\n"},
      {"a rule file's header", "accredit: 1\nprogramme: maths-award\ntests: []\n",
       "x.test.yaml:1:1: error: unknown key 'accredit' in a test file [unknown-key]\n"
       "note: known keys: accredit-tests, about, programme, tests\n"
       "x.test.yaml:1:1: error: a test file needs a 'accredit-tests' key [missing-key]\n"},
      {"unsupported version", "accredit-tests: 2\nprogramme: maths-award\ntests: []\n",
       "x.test.yaml:1:17: error: unsupported test file format version '2': this accredit reads "
       "version 1 [bad-version]\n"},
      {"misspelt key", std::string(kHeader) + "test: []\n",
       "x.test.yaml:1:1: error: a test file needs a 'tests' key [missing-key]\n"
       "x.test.yaml:3:1: error: unknown key 'test' in a test file [unknown-key]\n"
       "note: did you mean 'tests'?\n"},
      {"no programme", "accredit-tests: 1\ntests: []\n",
       "x.test.yaml:1:1: error: a test file needs a 'programme' key [missing-key]\n"},
      {"a programme id that is not an id", "accredit-tests: 1\nprogramme: Maths Award\ntests: []\n",
       "x.test.yaml:2:12: error: 'Maths Award' is not a valid id for 'programme': use lower-case "
       "letters, digits and hyphens, like 'core-maths' [bad-id]\n"},
      {"unknown programme, close to one loaded",
       "accredit-tests: 1\nprogramme: math-award\ntests: []\n",
       "x.test.yaml:2:12: error: test file names unknown programme 'math-award' "
       "[unknown-programme]\n"
       "note: did you mean 'maths-award'?\n"},
      {"unknown programme, far from any loaded",
       "accredit-tests: 1\nprogramme: foxwood-sixth-form\ntests: []\n",
       "x.test.yaml:2:12: error: test file names unknown programme 'foxwood-sixth-form' "
       "[unknown-programme]\n"
       "note: the programmes loaded are: maths-award\n"},
      {"tests not a list", std::string(kHeader) + "tests: {a: 1}\n",
       "x.test.yaml:3:8: error: expected a list for 'tests', got a mapping [bad-node]\n"},
      {"unknown tier", std::string(kHeader) + "tests:\n" + test + "    expect: {tier: gld}\n",
       "x.test.yaml:5:20: error: test expects unknown tier 'gld' of programme 'maths-award' "
       "[bad-test]\n"
       "note: did you mean 'gold'?\n"},
      {"a grade the tier does not award",
       std::string(kHeader) + "tests:\n" + test + "    expect: {tier: gold, grade: meritt}\n",
       "x.test.yaml:5:33: error: test expects grade 'meritt', which tier 'gold' does not award "
       "[bad-test]\n"
       "note: did you mean 'merit'?\n"},
      {"a grade from an ungraded tier",
       std::string(kHeader) + "tests:\n" + test + "    expect: {tier: silver, grade: merit}\n",
       "x.test.yaml:5:35: error: test expects grade 'merit', but tier 'silver' is not graded "
       "[bad-test]\n"},
      {"a grade with no tier",
       std::string(kHeader) + "tests:\n" + test + "    expect: {tier: none, grade: pass}\n",
       "x.test.yaml:5:33: error: test expects grade 'pass' with tier 'none': a learner who "
       "meets no tier gets no grade [bad-test]\n"},
      {"unknown component, close to one",
       std::string(kHeader) + "tests:\n" + test +
           "    expect: {tier: none, components: {gold.math: not-met}}\n",
       "x.test.yaml:5:39: error: test expects a status for unknown component 'gold.math' "
       "[bad-test]\n"
       "note: did you mean 'gold.maths'?\n"},
      {"a component that is in no tier",
       std::string(kHeader) + "tests:\n" + test +
           "    expect: {tier: none, components: {development: not-met}}\n",
       "x.test.yaml:5:39: error: test expects a status for unknown component 'development' "
       "[bad-test]\n"
       "note: component ids are '<tier>.<component>', like 'gold.maths'\n"},
      {"a component named without its tier",
       std::string(kHeader) + "tests:\n" + test +
           "    expect: {tier: silver, components: {maths: met}}\n",
       "x.test.yaml:5:41: error: test expects a status for unknown component 'maths' "
       "[bad-test]\n"
       "note: did you mean 'silver.maths'?\n"},
      {"a status that is not one",
       std::string(kHeader) + "tests:\n" + test +
           "    expect: {tier: none, components: {gold.maths: passed}}\n",
       "x.test.yaml:5:51: error: component status is met, not-met or error, not 'passed' "
       "[bad-test]\n"},
      {"a test without expect", std::string(kHeader) + "tests:\n" + test,
       "x.test.yaml:4:5: error: a test needs a 'expect' key [missing-key]\n"},
      {"an achievement field that records do not have",
       std::string(kHeader) + "tests:\n  - learner: {id: T1, achievements: [{typ: gcse}]}\n"
                              "    expect: {tier: none}\n",
       "x.test.yaml:4:39: error: unknown key 'typ' in an achievement [unknown-key]\n"
       "note: did you mean 'type'?\n"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    CHECK(Diagnose(c.yaml) == c.expected);
  }
}

TEST_CASE("a test file names its programme even when no programme is loaded") {
  SourceSet sources;
  LoadResult loaded;
  LoadTestFileFromText("x.test.yaml", std::string(kHeader) + "tests: []\n", loaded, sources);
  REQUIRE(loaded.diagnostics.items().size() == 1);
  RenderOptions options;
  options.source_lines = false;
  CHECK(Render(loaded.diagnostics.items()[0], sources, options) ==
        "x.test.yaml:2:12: error: test file names unknown programme 'maths-award' "
        "[unknown-programme]\n"
        "note: no programme is loaded: name the rule file that defines it as well, or keep this "
        "file beside it (X.test.yaml beside X.yaml)\n");
}

TEST_CASE("a hostile test file is refused like a hostile rule file") {
  SUBCASE("aliases that expand past the node budget") {
    std::string yaml = std::string(kHeader) + "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (int i = 1; i < 9; ++i) {
      yaml += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
      for (int j = 0; j < 10; ++j) yaml += (j ? ", *a" : "*a") + std::to_string(i - 1);
      yaml += "]\n";
    }
    std::string out = Diagnose(yaml);
    CHECK(out.find("expands to more than 1000000 nodes") != std::string::npos);
    CHECK(out.find("[too-large]") != std::string::npos);
  }
  SUBCASE("nesting deeper than the limit") {
    std::string yaml =
        std::string(kHeader) + "tests: " + std::string(200, '[') + std::string(200, ']') + "\n";
    CHECK(Diagnose(yaml).find("[too-deep]") != std::string::npos);
  }
}

namespace {

LoadOptions WithTestFiles() {
  LoadOptions options;
  options.test_files = true;
  return options;
}

std::vector<std::string> Names(const std::vector<SourceId>& ids, const SourceSet& sources) {
  std::vector<std::string> names;
  for (SourceId id : ids) {
    std::string name = sources.Get(id).name;
    names.push_back(name.substr(name.rfind("rules/") + 6));
  }
  return names;
}

}  // namespace

TEST_CASE("test files are read from folders and beside rule files only when asked") {
  const std::string root = ACCREDIT_SOURCE_DIR "/rules";
  SUBCASE("a folder: every test file below it") {
    SourceSet sources;
    LoadResult result = LoadRules({root}, sources, WithTestFiles());
    CHECK(result.ok());
    CHECK(Names(result.rules.test_files, sources) ==
          std::vector<std::string>{"dfe/t-level.test.yaml", "htrt/bacc.test.yaml",
                                   "htrt/tech-bacc.test.yaml", "nbt/ashdown-ks4.test.yaml",
                                   "nbt/foxwood-sixth-form.test.yaml",
                                   "wjec/welsh-bacc.test.yaml"});
  }
  SUBCASE("a folder without the option: rule files only") {
    SourceSet sources;
    LoadResult result = LoadRules({root}, sources);
    CHECK(result.ok());
    CHECK(result.rules.test_files.empty());
  }
  SUBCASE("a rule file brings the test file beside it") {
    SourceSet sources;
    LoadResult result = LoadRules({root + "/nbt/ashdown-ks4.yaml"}, sources, WithTestFiles());
    CHECK(result.ok());
    CHECK(Names(result.rules.test_files, sources) ==
          std::vector<std::string>{"nbt/ashdown-ks4.test.yaml"});
  }
  SUBCASE("a test file brings the rule file beside it") {
    SourceSet sources;
    LoadResult result = LoadRules({root + "/nbt/ashdown-ks4.test.yaml"}, sources, WithTestFiles());
    CHECK(result.ok());
    REQUIRE(result.rules.programmes.size() == 1);
    CHECK(result.rules.programmes[0].id == "ashdown-ks4");
    CHECK(result.rules.test_files.size() == 1);
  }
  SUBCASE("a test file named twice is read once") {
    SourceSet sources;
    LoadResult result =
        LoadRules({root + "/nbt/ashdown-ks4.test.yaml", root + "/nbt"}, sources, WithTestFiles());
    CHECK(result.ok());
    CHECK(result.rules.test_files.size() == 2);  // ashdown-ks4 and foxwood-sixth-form
  }
  SUBCASE("a test file where rule files are expected is refused") {
    SourceSet sources;
    std::string path = root + "/nbt/ashdown-ks4.test.yaml";
    LoadResult result = LoadRules({path}, sources);
    REQUIRE(result.diagnostics.items().size() == 1);
    const Diagnostic& d = result.diagnostics.items()[0];
    CHECK(d.code == "not-rules");
    CHECK(d.message == "'" + path +
                           "' is a test file (example learners for 'accredit test'), not a rule "
                           "file");
  }
}

TEST_CASE("test files are not embedded in the binary") {
  for (const std::string& path : EmbeddedRulePaths()) {
    CAPTURE(path);
    CHECK_FALSE(path.ends_with(".test.yaml"));
  }
}

}  // namespace accredit
