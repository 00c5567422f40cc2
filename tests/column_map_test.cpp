#include "accredit/column_map.h"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "accredit/csv_records.h"
#include "accredit/rules_loader.h"
#include "records_fixture.h"

namespace accredit {
namespace {

struct Loaded {
  std::optional<ColumnMap> map;
  std::string diagnostics;
};

Loaded Load(const std::string& text) {
  SourceSet sources;
  Diagnostics diagnostics;
  SourceId id = sources.Add("m.map.yaml", text);
  Loaded out;
  out.map = LoadColumnMap(id, sources.Get(id).text, diagnostics);
  out.diagnostics = testing::RenderAll(diagnostics, sources);
  return out;
}

struct Outcome {
  std::string learners;
  std::string diagnostics;
  Accounting accounting;
};

// Reads CSV `input` through the mapping `map_text`.
Outcome ReadMapped(const std::string& map_text, const std::string& input) {
  SourceSet sources;
  Diagnostics diagnostics;
  SourceId map_id = sources.Add("m.map.yaml", map_text);
  std::optional<ColumnMap> map = LoadColumnMap(map_id, sources.Get(map_id).text, diagnostics);
  REQUIRE(map);
  ReadOptions options;
  options.map = &*map;
  SourceId id = sources.Add("export.csv", input);
  RecordSet records =
      ReadCsvRecords(id, sources.Get(id).text, testing::SmallRuleSet(), options, diagnostics);
  Outcome out;
  for (const Learner& learner : records.learners) {
    out.learners += learner.id + ":";
    for (const Achievement& a : learner.achievements) {
      out.learners += fmt::format(" {}/{}/{}", learner.Text(a, Field::kType),
                                  learner.Text(a, Field::kSubject), learner.Text(a, Field::kGrade));
      if (a.date) out.learners += "@" + FormatDate(*a.date);
    }
    if (learner.rejected_rows > 0)
      out.learners += fmt::format(" ({} rejected)", learner.rejected_rows);
    out.learners += "\n";
  }
  out.diagnostics = testing::RenderAll(diagnostics, sources);
  out.accounting = records.accounting;
  return out;
}

struct Case {
  const char* name;
  std::string map;
  std::string input;
  std::string learners;
  std::string diagnostics;
  std::uint64_t read;
  std::uint64_t used;
  std::uint64_t rejected;
};

void Check(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    INFO(c.name);
    Outcome out = ReadMapped(c.map, c.input);
    CHECK(out.learners == c.learners);
    CHECK(out.diagnostics == c.diagnostics);
    CHECK(out.accounting.rows_read == c.read);
    CHECK(out.accounting.rows_used == c.used);
    CHECK(out.accounting.rows_rejected == c.rejected);
    CHECK(out.accounting.rows_read == out.accounting.rows_used + out.accounting.rows_rejected);
  }
}

}  // namespace

TEST_CASE("mapping files are checked with located diagnostics") {
  struct Bad {
    const char* name;
    std::string text;
    std::string diagnostics;
  };
  const std::vector<Bad> cases = {
      {"no version", "columns: {learner: UPN}\n",
       "m.map.yaml:1:1: error: mapping file needs 'accredit-map: 1' at the top [missing-key]\n"},
      {"empty file", "",
       "m.map.yaml:1:1: error: mapping file needs 'accredit-map: 1' at the top [missing-key]\n"},
      {"wrong version", "accredit-map: 2\n",
       "m.map.yaml:1:15: error: unsupported mapping format version '2': this accredit reads 1 "
       "[bad-version]\n"},
      {"unknown top-level key", "accredit-map: 1\ncolums: {learner: UPN}\n",
       "m.map.yaml:2:1: error: unknown key 'colums' in a mapping file [unknown-key]\n"
       "note: did you mean 'columns'?\n"},
      {"unknown field", "accredit-map: 1\ncolumns: {learner: UPN, grades: Result}\n",
       "m.map.yaml:2:25: error: unknown field 'grades' in 'columns' [unknown-field]\n"
       "note: did you mean 'grade'?\n"},
      {"unknown field with nothing close: the fields are listed",
       "accredit-map: 1\nset: {colour: red}\n",
       "m.map.yaml:2:7: error: unknown field 'colour' in 'set' [unknown-field]\n"
       "note: known fields: learner, kind, type, subject, level, grade, hours, strand, status, "
       "date, qan, title, provider, evidence, category\n"},
      {"a column for two fields", "accredit-map: 1\ncolumns: {learner: [UPN, Adno], qan: adno}\n",
       "m.map.yaml:2:38: error: column 'adno' is mapped to 'learner' and to 'qan' "
       "[duplicate-column]\n"},
      {"bad shapes",
       "accredit-map: 1\ncolumns: [learner]\nvalues: {subject: [Maths]}\nignore: {a: b}\n",
       "m.map.yaml:2:10: error: expected a mapping for 'columns', got a list [bad-node]\n"
       "m.map.yaml:3:19: error: expected a mapping for the values of 'subject', got a list "
       "[bad-node]\n"
       "m.map.yaml:4:9: error: expected a list for 'ignore', got a mapping [bad-node]\n"},
      {"bad date format, set learner",
       "accredit-map: 1\ndates: seres\nset: {learner: L1, kind: qualification}\n",
       "m.map.yaml:2:8: error: date format 'seres' is not one of iso, series, dd/mm/yyyy, "
       "mm/dd/yyyy, d mon yyyy [bad-value]\n"
       "note: did you mean 'series'?\n"
       "m.map.yaml:3:16: error: 'set' cannot give every row the same learner [bad-value]\n"},
      {"wide layouts",
       "accredit-map: 1\nwide: {id: UPN, type: gcse, pattern: \"GCSE\", subject: {}}\n",
       "m.map.yaml:2:46: error: unknown key 'subject' in 'wide' [unknown-key]\n"
       "note: did you mean 'subjects'?\n"
       "m.map.yaml:2:38: error: pattern 'GCSE' has no '{subject}' in it [bad-value]\n"},
      {"wide without subjects", "accredit-map: 1\nwide: {type: gcse}\n",
       "m.map.yaml:2:7: error: 'wide' needs 'subjects', 'pattern' or 'patterns' [bad-value]\n"},
      {"YAML syntax", "accredit-map: 1\ncolumns: {learner: [UPN}\n",
       "m.map.yaml:2:24: error: invalid YAML: illegal flow end [yaml-syntax]\n"},
  };
  for (const Bad& c : cases) {
    INFO(c.name);
    Loaded loaded = Load(c.text);
    CHECK(!loaded.map);
    CHECK(loaded.diagnostics == c.diagnostics);
  }
  Loaded good = Load(
      "accredit-map: 1\ndescription: SIMS\ncolumns: {learner: [UPN, Adno]}\n"
      "values: {subject: {\" Maths \": mathematics}}\nset: {kind: qualification}\n"
      "dates: series\nignore: Forename\nwide: {subjects: {Maths: mathematics}, pattern: "
      "\"{subject} Grade\"}\n");
  REQUIRE(good.map);
  CHECK(good.diagnostics == "");
  CHECK(good.map->FieldFor(" adno ") == Field::kLearner);
  CHECK(good.map->FieldFor("learner") == Field::kLearner);
  CHECK(good.map->FieldFor("GRADE") == Field::kGrade);
  CHECK(good.map->Ignores("FORENAME"));
  CHECK(good.map->MapValue(Field::kSubject, "MATHS") == "mathematics");
  CHECK(good.map->MapValue(Field::kSubject, "Maths!") == "Maths!");
  CHECK(good.map->dates == DateFormat::kSeries);
  auto subject_of = [&](std::string_view column) -> std::optional<std::string> {
    std::optional<GradeColumn> found = good.map->wide->ColumnFor(column);
    if (!found) return std::nullopt;
    return found->subject;
  };
  CHECK(subject_of("maths") == "mathematics");
  CHECK(subject_of(" History Grade") == "History");
  CHECK(subject_of("Grade") == std::nullopt);
  auto mapped_subject_of = [&](std::string_view column) -> std::optional<std::string> {
    std::optional<GradeColumn> found = good.map->GradeColumnFor(column);
    if (!found) return std::nullopt;
    CHECK(found->type.empty());
    return found->subject;
  };
  CHECK(mapped_subject_of(" Maths Grade") == "mathematics");
  CHECK(mapped_subject_of("Art & Design Grade") == "art-design");
  CHECK(mapped_subject_of("Maths") == "mathematics");
  CHECK(mapped_subject_of("Notes") == std::nullopt);
}

TEST_CASE("a mixed broadsheet gives columns and patterns their own type and level") {
  Loaded mixed = Load(
      "accredit-map: 1\nwide:\n  id: [UPN]\n  type: gcse\n  subjects:\n    Maths: mathematics\n"
      "    Comb Sci: {subject: combined-science, type: gcse-combined-science}\n"
      "    BTEC Sport: {subject: sport, type: btec-tech-award, level: 2}\n"
      "  patterns:\n    - {pattern: \"{subject} (A level)\", type: a-level}\n"
      "    - {pattern: \"{subject} (GCSE)\"}\n");
  REQUIRE(mixed.map);
  CHECK(mixed.diagnostics == "");
  std::optional<GradeColumn> maths = mixed.map->GradeColumnFor("MATHS");
  REQUIRE(maths);
  CHECK(maths->subject == "mathematics");
  CHECK(maths->type == "");
  std::optional<GradeColumn> science = mixed.map->GradeColumnFor("comb sci");
  REQUIRE(science);
  CHECK(science->type == "gcse-combined-science");
  std::optional<GradeColumn> sport = mixed.map->GradeColumnFor("BTEC Sport");
  REQUIRE(sport);
  CHECK(sport->level == "2");
  std::optional<GradeColumn> history = mixed.map->GradeColumnFor("History (A level)");
  REQUIRE(history);
  CHECK(history->subject == "history");
  CHECK(history->type == "a-level");
  std::optional<GradeColumn> french = mixed.map->GradeColumnFor("French (GCSE)");
  REQUIRE(french);
  CHECK(french->type == "");

  Loaded bad = Load(
      "accredit-map: 1\nwide:\n  subjects:\n    Maths: {type: gcse}\n"
      "  patterns:\n    - {type: gcse}\n    - {pattern: GCSE}\n");
  CHECK(!bad.map);
  CHECK(bad.diagnostics ==
        "m.map.yaml:4:12: error: column 'Maths' needs 'subject' [missing-key]\n"
        "m.map.yaml:6:7: error: each of 'wide: patterns' needs 'pattern' [missing-key]\n"
        "m.map.yaml:7:17: error: pattern 'GCSE' has no '{subject}' in it [bad-value]\n");
}

TEST_CASE("attributes and fits are read; a column is one attribute's or one field's") {
  Loaded good = Load(
      "accredit-map: 1\nfits: [Subject, [Grade, Result]]\ncolumns: {learner: [UPN], grade: "
      "[Result]}\n"
      "attributes:\n  name: [Full Name, Name]\n  form: [Reg Group]\n  pupil-premium: [PP]\n");
  REQUIRE(good.map);
  CHECK(good.diagnostics == "");
  CHECK(good.map->fits == std::vector<std::vector<std::string>>{{"subject"}, {"grade", "result"}});
  std::size_t preference = 9;
  CHECK(good.map->AttributeFor(" name ", &preference) == "name");
  CHECK(preference == 1);
  CHECK(good.map->AttributeFor("REG GROUP") == "form");
  CHECK(good.map->AttributeFor("UPN") == "");

  Loaded bad = Load(
      "accredit-map: 1\ncolumns: {learner: [UPN]}\n"
      "attributes:\n  Form Group: [Form]\n  name: [UPN]\n  form: [Reg]\n  year: [reg]\n");
  CHECK(!bad.map);
  CHECK(bad.diagnostics ==
        "m.map.yaml:4:3: error: attribute 'Form Group' is not an id (lower-case letters, digits "
        "and hyphens, as in pupil-premium) [bad-id]\n"
        "m.map.yaml:5:9: error: column 'UPN' is mapped to field 'learner' and to attribute "
        "'name' [duplicate-column]\n"
        "m.map.yaml:7:9: error: column 'reg' is mapped to attributes 'form' and 'year' "
        "[duplicate-column]\n");
}

TEST_CASE("dates are converted from series and UK formats") {
  struct DateCase {
    const char* text;
    DateFormat format;
    std::optional<std::string> iso;
  };
  const std::vector<DateCase> cases = {
      {"June 2024", DateFormat::kSeries, "2024-06-30"},
      {"summer 2024", DateFormat::kSeries, "2024-06-30"},
      {"Nov 2023", DateFormat::kSeries, "2023-11-30"},
      {"Autumn 2023", DateFormat::kSeries, "2023-11-30"},
      {"February 2024", DateFormat::kSeries, "2024-02-29"},
      {"2024-08-22", DateFormat::kSeries, "2024-08-22"},
      {"Jun 24", DateFormat::kSeries, std::nullopt},
      {"Sumer 2024", DateFormat::kSeries, std::nullopt},
      {"22/08/2024", DateFormat::kDayMonthYear, "2024-08-22"},
      {"1/9/2025", DateFormat::kDayMonthYear, "2025-09-01"},
      {"31/02/2024", DateFormat::kDayMonthYear, std::nullopt},
      {"08/22/2024", DateFormat::kDayMonthYear, std::nullopt},
      {"22/08/24", DateFormat::kDayMonthYear, std::nullopt},
      {"June 2024", DateFormat::kIso, std::nullopt},
      {"08/22/2024", DateFormat::kMonthDayYear, "2024-08-22"},
      {"03/04/2026", DateFormat::kMonthDayYear, "2026-03-04"},
      {"03/04/2026", DateFormat::kDayMonthYear, "2026-04-03"},
      {"22/08/2024", DateFormat::kMonthDayYear, std::nullopt},
      {"22 Aug 2024", DateFormat::kDayMonName, "2024-08-22"},
      {"1 September 2025", DateFormat::kDayMonName, "2025-09-01"},
      {"22-aug-2024", DateFormat::kDayMonName, "2024-08-22"},
      {"30 Feb 2024", DateFormat::kDayMonName, std::nullopt},
      {"22 Agu 2024", DateFormat::kDayMonName, std::nullopt},
      // Excel serials of five digits or more, in every format but iso.
      {"45526", DateFormat::kDayMonthYear, "2024-08-22"},
      {"45526.5", DateFormat::kSeries, "2024-08-22"},
      {"10000", DateFormat::kDayMonName, "1927-05-18"},
      {"2024", DateFormat::kSeries, std::nullopt},  // a year, never a day of 1905
      {"2958465", DateFormat::kDayMonthYear, "9999-12-31"},
      {"2958466", DateFormat::kDayMonthYear, std::nullopt},
      {"45526", DateFormat::kIso, std::nullopt},
      {"45526.x", DateFormat::kDayMonthYear, std::nullopt},
  };
  for (const DateCase& c : cases) {
    INFO(c.text);
    CHECK(ConvertDate(c.text, c.format) == c.iso);
  }
}

TEST_CASE("a long-form export is read through its mapping") {
  const std::string map =
      "accredit-map: 1\n"
      "columns:\n"
      "  learner: [UPN, Adno]\n"
      "  type: [Qualification]\n"
      "  grade: [Result, Grade]\n"
      "  date: [Series]\n"
      "values:\n"
      "  type: {\"GCSE (9-1)\": gcse, \"GCE A Level\": a-level}\n"
      "  subject: {Maths: mathematics, \"English Language\": english-language}\n"
      "set: {status: achieved}\n"
      "dates: series\n"
      "ignore: [Forename, Surname]\n";
  Check({
      {"columns, values, constants and series dates", map,
       "UPN,Forename,Surname,Qualification,Subject,Grade,Series,Tier\n"
       "L1,Ann,\"Smith, Jr\",GCSE (9-1),Maths,7,June 2024,H\n"
       "L1,Ann,\"Smith, Jr\",gcse (9-1), english language ,5,Summer 2024,F\n"
       "L2,Bo,Lee,GCE A Level,Maths,B,June 2025,\n",
       "L1: gcse/mathematics/7@2024-06-30 gcse/english-language/5@2024-06-30\n"
       "L2: a-level/mathematics/B@2025-06-30\n",
       "export.csv:1:57: note: ignoring unknown column 'Tier' [unknown-column]\n", 3, 3, 0},
      {"the first alternative wins; unmapped values are checked downstream", map,
       "Adno,Qualification,Grade,Result,Subject,Series\n"
       "L1,GCSE (9-1),9,4,Mathematcs,June 2024\n"
       "L1,GCSE (9-1),9,4,Maths,Jnue 2024\n",
       "L1: (2 rejected)\n",
       "export.csv:1:20: note: column 'Grade' also maps to field 'grade': not read "
       "[unused-column]\n"
       "export.csv:2:19: error: unknown subject 'Mathematcs' [unknown-subject]\n"
       "note: did you mean 'mathematics'?\n"
       "export.csv:3:25: error: date 'Jnue 2024' is not an exam series like 'June 2024' "
       "[bad-date]\n",
       2, 0, 2},
      {"no learner column", map, "Forename,Grade\nAnn,4\n", "",
       "export.csv:1: error: missing 'learner' column [missing-column]\n"
       "note: the mapping reads it from any of 'upn', 'adno'\n",
       1, 0, 1},
  });
}

TEST_CASE("a wide broadsheet makes one row of each non-empty grade cell") {
  const std::string map =
      "accredit-map: 1\n"
      "wide:\n"
      "  id: [UPN]\n"
      "  type: gcse\n"
      "  subjects: {Maths: mathematics, \"Eng Lang\": english-language}\n"
      "  pattern: \"{subject} (GCSE)\"\n"
      "values: {subject: {History: mathematics}, grade: {Abs: X}}\n"
      "ignore: [Forename, Surname, Reg]\n";
  Check({
      {"cells, blanks, a pattern and a bad grade", map,
       "UPN,Forename,Surname,Reg,Maths,Eng Lang,History (GCSE),Notes\n"
       "L1,Ann,Smith,11A,7,5,,x\n"
       "L2,Bo,Lee,11B,,Abs,10,\n"
       "L3,Cy,Ng,11C,,,,\n"
       "L4,Di,Oz,11D,4\n",
       "L1: gcse/mathematics/7 gcse/english-language/5\n"
       "L2: gcse/english-language/X (1 rejected)\n"
       "L4: (1 rejected)\n",
       "export.csv:1:56: note: ignoring unknown column 'Notes' [unknown-column]\n"
       "export.csv:3:20: error: grade '10' is not on the gcse scale (U, 1, 2, 3, 4, 5, 6, 7, 8, "
       "9) [bad-grade]\n"
       "export.csv:5: error: expected 8 fields, got 5 [bad-row]\n",
       5, 3, 2},
      {"no grade columns", map, "UPN,Forename\nL1,Ann\n", "",
       "export.csv:1: error: no column matches the wide layout's subjects or pattern "
       "[missing-column]\n",
       1, 0, 1},
  });
}

namespace {

std::string ShippedMap(const std::string& name) {
  std::ifstream in(std::string(ACCREDIT_SOURCE_DIR) + "/rules/mappings/" + name);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace

TEST_CASE("every shipped mapping file loads with no diagnostics") {
  for (const char* name :
       {"sims-results.map.yaml", "ofqual-candidate.map.yaml", "arbor-broadsheet.map.yaml"}) {
    INFO(name);
    std::string text = ShippedMap(name);
    REQUIRE(!text.empty());
    Loaded loaded = Load(text);
    CHECK(loaded.map);
    CHECK(loaded.diagnostics == "");
  }
}

TEST_CASE("the shipped mappings read the layouts they are written for") {
  Check({
      {"Ofqual candidate-level template", ShippedMap("ofqual-candidate.map.yaml"),
       "CentreNo,UCI,CandidateNumber,QualificationNumber,QualificationLevel,QualificationType,"
       "SpecificationTitle,Grade,ExamSeries\n"
       "12345,123450B241234A,1234,601/4873/1,Level 1/Level 2,GCSE (9-1),Mathematics,5,June "
       "2024\n"
       "12345,123450B241234A,1234,601/4437/3,Level 3,GCE A Level,Mathematics,B,June 2026\n",
       "123450B241234A: gcse/mathematics/5@2024-06-30 a-level/mathematics/B@2026-06-30\n",
       "export.csv:1:14: note: column 'CandidateNumber' also maps to field 'learner': not read "
       "[unused-column]\n",
       2, 2, 0},
      {"Arbor broadsheet", ShippedMap("arbor-broadsheet.map.yaml"),
       "UPN,Forename,Surname,Reg Group,Maths,Eng Lang,Mathematics (GCSE)\n"
       "B801200005001,Ann,Smith,11A,7,ABS,\n"
       "B801200005001,Ann,Smith,11A,,,8\n",
       "B801200005001: gcse/mathematics/7 gcse/english-language/X gcse/mathematics/8\n", "", 3, 3,
       0},
  });
}

TEST_CASE("mapping files are not rule files") {
  for (const std::string& path : EmbeddedRulePaths()) CHECK(!path.ends_with(".map.yaml"));
  SourceSet sources;
  const std::string folder = std::string(ACCREDIT_SOURCE_DIR) + "/rules/mappings";
  LoadResult result = LoadRules({folder}, sources);
  REQUIRE(result.diagnostics.items().size() == 1);
  CHECK(result.diagnostics.items()[0].code == "io-error");
  CHECK(result.diagnostics.items()[0].message ==
        "no rule files (*.yaml) in folder '" + folder + "'");
}

}  // namespace accredit
