#include "accredit/map_proposal.h"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "accredit/column_map.h"
#include "accredit/csv_records.h"
#include "accredit/rules_loader.h"
#include "base/text.h"
#include "records/export_vocabulary.h"
#include "records/proposed_map.h"

namespace accredit {
namespace {

// The default rules' vocabulary (the built-in programme and rules/england), loaded once.
const RuleSet& DefaultRules() {
  static SourceSet* sources = new SourceSet;
  static const LoadResult* loaded = new LoadResult(LoadDefaultRules(*sources));
  return loaded->rules;
}

struct Proposed {
  MapProposal proposal;
  std::string problems;  // one per line
  std::string notes;
  std::string diagnostics;
};

Proposed Propose(std::vector<InputFile> inputs) {
  SourceSet sources;
  Diagnostics diagnostics;
  Proposed out;
  out.proposal = ProposeColumnMaps(inputs, DefaultRules(), sources, diagnostics);
  for (const MapProblem& p : out.proposal.problems) {
    out.problems += p.input + ": " + p.message + "\n";
  }
  for (const std::string& note : out.proposal.notes) out.notes += note + "\n";
  for (const Diagnostic& d : diagnostics.items()) {
    out.diagnostics += Render(d, sources, RenderOptions{false, false});
  }
  return out;
}

Proposed Propose(const std::string& name, const std::string& text) {
  return Propose({InputFile::Bytes(name, text)});
}

// Reads `csv` with mapping `yaml`: the learners and their achievements, and the accounting.
std::string ReadWith(const std::string& yaml, const std::string& csv) {
  SourceSet sources;
  Diagnostics diagnostics;
  const SourceId map_id = sources.Add("m.map.yaml", yaml);
  std::optional<ColumnMap> map = LoadColumnMap(map_id, sources.Get(map_id).text, diagnostics);
  REQUIRE(map);
  REQUIRE_FALSE(diagnostics.has_errors());
  ReadOptions options;
  options.map = &*map;
  const SourceId id = sources.Add("export.csv", csv);
  RecordSet records =
      ReadCsvRecords(id, sources.Get(id).text, DefaultRules(), options, diagnostics);
  std::string out;
  for (const Learner& learner : records.learners) {
    out += learner.id + ":";
    for (const Achievement& a : learner.achievements) {
      // The type and subject as resolved (an id), the grade as read.
      const RuleSet& rules = DefaultRules();
      const std::string_view type =
          a.type == kNone ? std::string_view() : rules.types[static_cast<std::size_t>(a.type)].id;
      const std::string_view subject = a.subject == kNone
                                           ? learner.Text(a, Field::kSubject)
                                           : rules.subjects[static_cast<std::size_t>(a.subject)].id;
      out += fmt::format(" {}/{}/{}", type, subject, learner.Text(a, Field::kGrade));
      if (a.hours > 0) out += fmt::format("/{}h", a.hours);
      if (a.date) out += "@" + FormatDate(*a.date);
    }
    out += "\n";
  }
  out += fmt::format("read {} used {} rejected {}\n", records.accounting.rows_read,
                     records.accounting.rows_used, records.accounting.rows_rejected);
  for (const Diagnostic& d : diagnostics.items()) {
    if (d.severity == Severity::kError) out += "error: " + d.message + "\n";
  }
  return out;
}

std::string FileText(const std::string& path) {
  std::ifstream in(std::string(ACCREDIT_SOURCE_DIR) + "/" + path, std::ios::binary);
  REQUIRE(in);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST_CASE("export words are compared without case, punctuation or '&'") {
  using internal::WordKey;
  CHECK(WordKey("Art & Design") == "art and design");
  CHECK(WordKey("  GCSE (9-1) ") == "gcse 9 1");
  CHECK(WordKey("Leadership/Service") == "leadership service");
  CHECK(internal::IdForm("Computer Science") == "computer-science");
}

TEST_CASE("common export spellings mean the rules' ids") {
  SourceSet sources;
  const std::vector<ColumnMap> shipped = LoadShippedColumnMaps(sources);
  const internal::ExportVocabulary vocabulary(DefaultRules(), shipped);
  CHECK(vocabulary.Value(Field::kSubject, "Maths") == "mathematics");
  CHECK(vocabulary.Value(Field::kSubject, "Eng Lang") == "english-language");
  CHECK(vocabulary.Value(Field::kSubject, "Comb Sci") == "combined-science");
  CHECK(vocabulary.Value(Field::kSubject, "Further Maths") == "further-mathematics");
  CHECK(vocabulary.Value(Field::kSubject, "Art & Design") == "art-and-design");
  CHECK(vocabulary.Value(Field::kSubject, "Comp Sci") == "computer-science");
  CHECK(vocabulary.Value(Field::kSubject, "RE") == "religious-studies");
  CHECK(vocabulary.Value(Field::kSubject, "Geography") == "geography");  // a rules title
  CHECK(vocabulary.Value(Field::kSubject, "Socio") == "sociology");      // only an export's
  CHECK(vocabulary.Value(Field::kSubject, "Klingon").empty());
  // What the records resolver reads by itself (the rules' ids and aliases) needs no mapping.
  CHECK(vocabulary.ReadAsIs(Field::kSubject, "Maths"));
  CHECK(vocabulary.ReadAsIs(Field::kType, "GCSE (9-1)"));
  CHECK_FALSE(vocabulary.ReadAsIs(Field::kSubject, "Socio"));
  CHECK_FALSE(vocabulary.ReadAsIs(Field::kType, "GCE A2 Level"));
  CHECK(vocabulary.Value(Field::kStrand, "Leadership & Service") == "leadership-service");
  CHECK(vocabulary.Value(Field::kStrand, "Creative/Cultural") == "creative-cultural");
  CHECK(vocabulary.Value(Field::kStrand, "Physical & Outdoor") == "physical-outdoor");
  CHECK(vocabulary.Value(Field::kType, "GCSE (9-1)") == "gcse");
  CHECK(vocabulary.Value(Field::kType, "BTEC Nat Ext Dip") == "btec-national-extended-diploma");
  CHECK(vocabulary.Value(Field::kType, "GCE A2 Level") == "a-level");
  CHECK(vocabulary.Value(Field::kType, "GCSE Short Course") == "gcse-short-course");
  CHECK(vocabulary.Value(Field::kType, "HL") == "ib-higher-level");
  CHECK(vocabulary.Closest(Field::kSubject, "Sprts") == "sport");
  const int btec = DefaultRules().FindType("btec-national-extended-certificate");
  const int tech = DefaultRules().FindType("btec-tech-award");
  const int t_level = DefaultRules().FindType("t-level");
  const int gcse = DefaultRules().FindType("gcse");
  CHECK(vocabulary.IsCommonType(gcse));
  CHECK(vocabulary.IsCommonType(DefaultRules().FindType("as-level")));
  CHECK_FALSE(vocabulary.IsCommonType(DefaultRules().FindType("gcse-short-course")));
  CHECK_FALSE(vocabulary.IsCommonType(DefaultRules().FindType("ib-higher-level")));
  CHECK(vocabulary.Grade(btec, "Dist*") == "D*");
  CHECK(vocabulary.Grade(t_level, "Dist*") == "Distinction*");
  CHECK(vocabulary.Grade(tech, "Level 2 Merit") == "L2M");
  CHECK(vocabulary.Grade(gcse, "absent") == "X");
  CHECK(vocabulary.Grade(gcse, "A").empty());
}

TEST_CASE("a broadsheet gets a wide mapping, each column's type from its grades") {
  const std::string csv =
      "UPN,Forename,Surname,Reg Group,PP,Maths,Eng Lang,Comb Sci,Art & Design,Sport (BTEC),"
      "Notes\n"
      "B801200005001,Ann,Smith,11A,Y,7,6,6-5,5,L2 Merit,lovely\n"
      "A801200005002,Bob,Jones,11B,N,4,5,4-4,,Level 2 Pass,\n";
  const Proposed p = Propose("broadsheet.csv", csv);
  REQUIRE(p.proposal.mappings.size() == 1);
  const ProposedMapping& m = p.proposal.mappings.front();
  CHECK(m.wide);
  CHECK(Contains(m.yaml, "  learner: UPN"));
  CHECK(Contains(m.yaml, "  type: gcse"));
  CHECK(Contains(m.yaml, "    Maths: mathematics"));
  CHECK(Contains(m.yaml, "    Comb Sci: {subject: combined-science, type: gcse-combined-science}"));
  CHECK(Contains(m.yaml, "    Sport (BTEC): {subject: sport, type: btec-tech-award}"));
  CHECK(Contains(m.yaml, "  form: Reg Group"));
  CHECK(Contains(m.yaml, "  pupil-premium: PP"));
  CHECK(Contains(m.yaml, "    Level 2 Pass: L2P"));
  // Nothing a learner wrote or is called is in the mapping or the problems.
  for (const char* personal : {"Ann", "Smith", "Bob", "lovely", "11A", "B801200005001"}) {
    CHECK_FALSE(Contains(m.yaml, personal));
    CHECK_FALSE(Contains(p.problems, personal));
    CHECK_FALSE(Contains(p.notes, personal));
  }
  CHECK(p.problems ==
        "broadsheet.csv: column 'Notes' is not read: accredit does not know what it holds; if "
        "it holds something accredit needs, name its field under columns: in the mapping\n");
  CHECK(m.rows_read == 9);
  CHECK(m.rows_rejected == 0);
  CHECK(m.learners == 2);
  CHECK(ReadWith(m.yaml, csv) ==
        "B801200005001: gcse/mathematics/7 gcse/english-language/6 "
        "gcse-combined-science/combined-science/6-5 gcse/art-and-design/5 "
        "btec-tech-award/sport/L2M\n"
        "A801200005002: gcse/mathematics/4 gcse/english-language/5 "
        "gcse-combined-science/combined-science/4-4 btec-tech-award/sport/L2P\n"
        "read 9 used 9 rejected 0\n");
}

TEST_CASE("a long export gets its columns, spellings, date format and fits") {
  const std::string csv =
      "Adno,Name,Qualification,Subject,Result,Exam Series\n"
      "1001,Ann Smith,GCSE (9-1),Maths,7,June 2026\n"
      "1001,Ann Smith,GCE A2 Level,Further Maths,A*,Summer 2027\n"
      "1002,Bob Jones,BTEC Nat Ext Dip,Socio,Dist* Dist* Dist,June 2027\n"
      "1002,Bob Jones,GCSE (9-1),Sprts,absent,June 2026\n";
  const Proposed p = Propose("results.csv", csv);
  REQUIRE(p.proposal.mappings.size() == 1);
  const std::string& yaml = p.proposal.mappings.front().yaml;
  CHECK_FALSE(p.proposal.mappings.front().wide);
  CHECK(Contains(yaml, "fits: [Subject, Result]"));
  CHECK(Contains(yaml, "  learner: Adno"));
  CHECK(Contains(yaml, "  name: Name"));
  CHECK(Contains(yaml, "    GCE A2 Level: a-level"));
  CHECK(Contains(yaml, "    Socio: sociology"));
  // The rules' own names and aliases are read as they are: no entry.
  CHECK_FALSE(Contains(yaml, "GCSE (9-1):"));
  CHECK_FALSE(Contains(yaml, "BTEC Nat Ext Dip:"));
  CHECK_FALSE(Contains(yaml, "Maths:"));
  CHECK(Contains(yaml, "\n  subject:\n"));
  CHECK(Contains(yaml, "    # Sprts: sport"));
  CHECK(Contains(yaml, "\"Dist* Dist* Dist\": \"D*D*D\""));
  CHECK(Contains(yaml, "absent: X"));
  CHECK(Contains(yaml, "dates: series"));
  CHECK(p.problems ==
        "results.csv: value 'Sprts' in column 'Subject' is not a known subject: did you mean "
        "'sport'? (the mapping has it as a guess, commented out)\n");
  CHECK(ReadWith(yaml, csv) ==
        "1001: gcse/mathematics/7@2026-06-30 a-level/further-mathematics/A*@2027-06-30\n"
        "1002: btec-national-extended-diploma/sociology/D*D*D@2027-06-30 "
        "gcse/Sprts/X@2026-06-30\n"
        "read 4 used 4 rejected 0\n");
}

TEST_CASE("spellings that are all guesses are written commented out whole, and load") {
  // Every other value is the rules' own: the field's only entry is a guess, and a key with
  // nothing under it would not load.
  const std::string csv =
      "Pupil Number,Course,Outcome,Award Type\n"
      "X1,Sprts,7,GCSE\n"
      "X2,Maths,6,GCSE (9-1)\n";
  const Proposed p = Propose("g.csv", csv);
  REQUIRE(p.proposal.mappings.size() == 1);
  const std::string& yaml = p.proposal.mappings.front().yaml;
  CHECK(Contains(yaml,
                 "# values:                               # remove this '#' too if a guess below "
                 "is right\n"
                 "  # subject:                            # remove this '#' too if a guess below "
                 "is right\n"
                 "    # Sprts: sport                      # CHECK: a guess\n"));
  CHECK_FALSE(Contains(p.problems, "does not load"));
  CHECK(ReadWith(yaml, csv) ==
        "X1: gcse/Sprts/7\nX2: gcse/mathematics/6\nread 2 used 2 rejected 0\n");
  // A person who agrees removes the '#'s, and the guess is read.
  std::string reviewed = yaml;
  for (const char* line : {"# values:", "  # subject:", "    # Sprts: sport"}) {
    const std::size_t at = reviewed.find(line);
    REQUIRE(at != std::string::npos);
    reviewed.erase(reviewed.find('#', at), 2);
  }
  CHECK(ReadWith(reviewed, csv) ==
        "X1: gcse/sport/7\nX2: gcse/mathematics/6\nread 2 used 2 rejected 0\n");
}

TEST_CASE("an activity log: strands as people spell them, hours, UK dates") {
  const std::string csv =
      "Timestamp,Student ID,Your name,Activity,Strand,Hours,Date of activity\n"
      "15/03/2026 14:32,S1,Ann,Choir,Creative/Cultural,1.5,14/03/2026\n"
      "16/03/2026 09:00,S1,Ann,Litter pick,Leadership & Service,90 mins,15/03/2026\n"
      "16/03/2026 09:10,S2,Bob,DofE walk,Physical & Outdoor,10 hrs,02/03/2026\n";
  const Proposed p = Propose("log.csv", csv);
  REQUIRE(p.proposal.mappings.size() == 1);
  const std::string& yaml = p.proposal.mappings.front().yaml;
  CHECK(Contains(yaml, "dates: dd/mm/yyyy"));
  CHECK(Contains(yaml, "  title: Activity"));
  CHECK(Contains(yaml, "    Creative/Cultural: creative-cultural"));
  CHECK(Contains(yaml, "  - Timestamp"));
  CHECK(p.problems.empty());
  CHECK(ReadWith(yaml, csv) ==
        "S1: ///1.5h@2026-03-14 ///1.5h@2026-03-15\n"
        "S2: ///10h@2026-03-02\n"
        "read 3 used 3 rejected 0\n");
}

TEST_CASE("a column whose name does not say is read by its values, with a check") {
  const std::string csv =
      "Student ID,Type,Hours,When,Details\n"
      "S1,Creative,1.5,14/03/2026,x\n"
      "S2,Sport,2,15/03/2026,y\n"
      "S3,Volunteering,3,16/03/2026,z\n";
  const Proposed p = Propose("log.csv", csv);
  REQUIRE(p.proposal.mappings.size() == 1);
  const std::string& yaml = p.proposal.mappings.front().yaml;
  CHECK(Contains(yaml, "  strand: Type"));
  CHECK(Contains(yaml, "  date: When"));
  CHECK(Contains(p.problems, "column 'Type' is read as the strand (its values are strands)"));
  CHECK(Contains(p.problems, "column 'When' is read as the date (its values are dates)"));
  CHECK(ReadWith(yaml, csv) ==
        "S1: ///1.5h@2026-03-14\nS2: ///2h@2026-03-15\nS3: ///3h@2026-03-16\n"
        "read 3 used 3 rejected 0\n");
}

TEST_CASE("an online form's questions are read by their words, its times left out") {
  const std::string csv =
      "ID,Start time,Completion time,Email,Name,UPN,What did you do?,Which strand?,"
      "How many hours?,Date of activity,Finished?\n"
      "1,17/10/2025 16:01,17/10/2025 16:01,a@x.org,Amy H,X1,Council,Leadership & Service,"
      "20 hrs,17/10/2025,Yes\n"
      "2,13/02/2026 16:02,13/02/2026 16:02,a@x.org,Amy H,X1,Choir,Creative & Cultural,15,"
      "13/02/2026,No\n";
  const Proposed p = Propose("form.csv", csv);
  REQUIRE(p.proposal.mappings.size() == 1);
  const std::string& yaml = p.proposal.mappings.front().yaml;
  CHECK(Contains(yaml, "  hours: \"How many hours?\""));
  CHECK(Contains(yaml, "  strand: \"Which strand?\""));
  CHECK(Contains(yaml, "  status: \"Finished?\""));
  CHECK(Contains(yaml, "    \"No\": in-progress"));
  CHECK(Contains(yaml, "  - Start time                          # when the form was filled in"));
  // The form's ID is its own in every row, where a learner has several: a response number.
  CHECK(Contains(yaml,
                 "  - ID                                  # numbers the rows, not the learners"));
  CHECK(p.problems.empty());
  CHECK(ReadWith(yaml, csv) ==
        "X1: ///20h@2025-10-17 ///15h@2026-02-13\nread 2 used 2 rejected 0\n");
}

TEST_CASE("a date whose second number is over 12 proves the month comes first") {
  const std::string csv =
      "UPN,Subject,Grade,Qualification,Date\n"
      "X1,Maths,7,GCSE,08/22/2026\n"
      "X2,Maths,6,GCSE,08/03/2026\n";
  const Proposed p = Propose("us.csv", csv);
  REQUIRE(p.proposal.mappings.size() == 1);
  CHECK(Contains(p.proposal.mappings.front().yaml, "dates: mm/dd/yyyy"));
  CHECK(Contains(p.problems, "month first"));
}

TEST_CASE("an export a shipped mapping reads whole needs no new mapping") {
  const Proposed p = Propose("results.csv", FileText("examples/messy-export/results.csv"));
  CHECK(p.proposal.mappings.empty());
  CHECK(Contains(p.notes, "read by the shipped mapping 'sims-results'"));
  const Proposed canonical = Propose("cohort.csv", FileText("examples/ks4/cohort.csv"));
  CHECK(canonical.proposal.mappings.empty());
  CHECK(Contains(canonical.notes, "accredit's own"));
  CHECK(canonical.problems.empty());
}

TEST_CASE("a column a fitting shipped mapping leaves out is placed, with a warning") {
  const std::string csv =
      "UPN,Forename,Maths,Eng Lang,Polish,Klingon,Music\n"
      "B801200005001,Ann,7,6,9,8,\n"
      "A801200005002,Bob,5,4,8,6,\n";
  const Proposed p = Propose("sheet.csv", csv);
  REQUIRE(p.proposal.mappings.size() == 1);
  const std::string& yaml = p.proposal.mappings.front().yaml;
  CHECK(Contains(p.notes,
                 "the shipped mapping 'arbor-broadsheet' fits its header but does not "
                 "read columns 'Polish', 'Klingon', 'Music'"));
  CHECK(Contains(yaml, "    Polish: polish"));
  CHECK(Contains(yaml, "    Klingon: klingon"));
  CHECK(Contains(yaml, "    Music: music"));
  CHECK(Contains(p.problems, "column 'Klingon' holds grades but is not named after a subject"));
  CHECK_FALSE(Contains(p.problems, "column 'Polish'"));  // a subject the rules know
  CHECK(Contains(p.problems,
                 "column 'Music' looks like the subject music but has no grades yet: "
                 "it is read as a GCSE grade column; check the type"));
}

TEST_CASE("ambiguous grades and unknown values are problems, never guesses in silence") {
  const std::string csv =
      "UPN,Biology,History\n"
      "B801200005001,A,7\n"
      "A801200005002,B,Q7\n";
  const Proposed p = Propose("ks5.csv", csv);
  REQUIRE(p.proposal.mappings.size() == 1);
  CHECK(Contains(p.problems,
                 "column 'Biology' (grades A, B) is read as A level, but its grades "
                 "fit AS level as well: check the type"));
  CHECK(Contains(p.problems, "column 'History' holds 'Q7' that is not a grade of GCSE"));
}

TEST_CASE("a rarer type that fits a column's grades too is said only when the table names it") {
  // 7s and 4s are GCSE grades, and IB subject grades too (and a GCSE short course's, and IB
  // Diploma points): in a broadsheet that names no IB type, they are GCSE, and nothing is said.
  const Proposed gcse = Propose("y11.csv",
                                "UPN,Maths,Eng Lit,Polish\n"
                                "B801200005001,7,6,9\n"
                                "A801200005002,4,5,8\n");
  REQUIRE(gcse.proposal.mappings.size() == 1);
  CHECK(Contains(gcse.proposal.mappings.front().yaml, "  type: gcse"));
  CHECK(gcse.problems.empty());
  // Beside columns named as IB subjects, they may well be IB: said, for a person to choose.
  const Proposed ib = Propose("ib.csv",
                              "UPN,Chemistry HL,Physics SL,Maths\n"
                              "B801200005001,7,5,4\n"
                              "A801200005002,6,4,7\n");
  REQUIRE(ib.proposal.mappings.size() == 1);
  const std::string& yaml = ib.proposal.mappings.front().yaml;
  CHECK(Contains(yaml, "    Chemistry HL: {subject: chemistry, type: ib-higher-level}"));
  CHECK(Contains(yaml, "    Physics SL: {subject: physics, type: ib-standard-level}"));
  CHECK(ib.problems ==
        "ib.csv: column 'Maths' (grades 4, 7) is read as GCSE, but its grades fit IB Higher "
        "Level subject, IB Standard Level subject as well: check the type\n");
}

TEST_CASE("a sheet's name gives the type of the grade columns whose headers name none") {
  SourceSet sources;
  const std::vector<ColumnMap> shipped = LoadShippedColumnMaps(sources);
  const internal::ExportVocabulary vocabulary(DefaultRules(), shipped);
  internal::ExportTable table;
  table.header = {"UPN", "Biology", "History"};
  table.rows = {{"X1", "A", "B"}, {"X2", "B", "C"}};
  table.lines = {2, 3};
  const auto propose = [&](const std::string& sheet) {
    table.sheet = sheet;
    table.name = "book.xlsx[" + sheet + "]";
    return internal::ProposeForTable(table, vocabulary, shipped);
  };
  const internal::TableProposal a_level = propose("A Level results");
  REQUIRE(a_level.map);
  CHECK(a_level.map->wide_type == "a-level");
  CHECK(a_level.problems.empty());
  // A sheet that does not say: A and B are A level or AS level grades alike.
  const internal::TableProposal year13 = propose("Year 13");
  REQUIRE(year13.map);
  CHECK(year13.map->wide_type == "a-level");
  REQUIRE(year13.problems.size() == 2);
  CHECK(year13.problems[0] ==
        "column 'Biology' (grades A, B) is read as A level, but its grades fit AS level as "
        "well: check the type");
}

TEST_CASE("a grade of another type says the type is wrong, not the grade") {
  const Proposed p = Propose("r.csv",
                             "UPN,Qual,Course,Grade\n"
                             "X1,GCSE (9-1),Combined Science,6-5\n"
                             "X1,GCSE (9-1),Maths,7\n");
  CHECK(p.problems ==
        "r.csv: column 'Grade' holds '6-5' that is not a grade of GCSE; it is one of the grades "
        "of GCSE combined science (double award): check the type of those results: those "
        "results will be rejected until they are corrected or mapped under values: grade\n");
}

TEST_CASE("a canonical header's other columns are listed, never dropped in silence") {
  const Proposed p = Propose("c.csv", "learner,type,subject,grade,Notes\nX1,gcse,mathematics,7,\n");
  CHECK(p.proposal.mappings.empty());
  CHECK(p.problems ==
        "c.csv: column 'Notes' is not one of accredit's fields (accredit-records(5), FIELDS): it "
        "is not read; rename it after the field it holds, or remove it\n");
}

TEST_CASE("two columns of one name: the second is said, and the first still read") {
  const std::string csv = "UPN,Course,Result,RESULT,Qual\nX1,Maths,7,6,GCSE\n";
  const Proposed p = Propose("dup.csv", csv);
  REQUIRE(p.proposal.mappings.size() == 1);
  CHECK(p.problems ==
        "dup.csv: column 4 is named 'RESULT' like column 3: only the first is read; rename one of "
        "them in the export\n");
  CHECK(ReadWith(p.proposal.mappings.front().yaml, csv) ==
        "X1: gcse/mathematics/7\nread 1 used 1 rejected 0\n");
}

TEST_CASE("a title above the header is said in plain words") {
  const Proposed p = Propose("t.csv", "Year 11 results\nUPN,Maths\nX1,7\n");
  CHECK(p.proposal.mappings.empty());
  CHECK(p.problems ==
        "t.csv: the first row has one cell and the rows below it more: it looks like a title "
        "above the header row; delete the rows above the header in the spreadsheet, save it and "
        "run accredit map again\n");
}

TEST_CASE("no learner column is said, and the mapping marks where to write it") {
  const Proposed p = Propose("x.csv", "Who,Subject,Grade\nAnn,Maths,7\n");
  REQUIRE(p.proposal.mappings.size() == 1);
  CHECK(Contains(p.problems, "no column identifies the learner"));
  CHECK(Contains(p.proposal.mappings.front().yaml, "CHECK: no learner column was found"));
  CHECK(Contains(p.problems, "column 'Who' is not read"));
}

TEST_CASE("inputs of one layout share a mapping; another layout gets its own") {
  const Proposed p =
      Propose({InputFile::Bytes("y11.csv", "UPN,Maths,Eng Lit,Drama\nB801200005001,7,6,5\n"),
               InputFile::Bytes("y10.csv", "UPN,Maths,History\nA801200005002,5,4\n"),
               InputFile::Bytes("ks5.csv",
                                "UPN,Qual,Course,Grade\n"
                                "B801200005001,A Level,History,B\n")});
  REQUIRE(p.proposal.mappings.size() == 2);
  CHECK(p.proposal.mappings[0].inputs == std::vector<std::string>{"y11.csv", "y10.csv"});
  CHECK(Contains(p.proposal.mappings[0].yaml, "    History: history"));
  CHECK(Contains(p.proposal.mappings[0].yaml, "    Eng Lit: english-literature"));
  CHECK(p.proposal.mappings[1].inputs == std::vector<std::string>{"ks5.csv"});
  CHECK(p.proposal.mappings[0].rows_read == 5);
  CHECK(p.proposal.mappings[1].rows_read == 1);
}

TEST_CASE("tab-separated UTF-16 and Windows-1252 exports are read as the records readers do") {
  std::string utf16 = "\xff\xfe";
  for (char c : std::string("Adno\tCourse\tResult\tQual\r\nX1\tMaths\t7\tGCSE\r\n")) {
    utf16 += c;
    utf16 += '\0';
  }
  const Proposed p = Propose("export.txt", utf16);
  REQUIRE(p.proposal.mappings.size() == 1);
  CHECK(p.proposal.mappings.front().rows_read == 1);
  CHECK(p.proposal.mappings.front().rows_rejected == 0);
  const Proposed latin =
      Propose("export.csv", "Adno,Course,Result,Qual,Caf\xe9 notes\nX1,Maths,7,GCSE,\n");
  REQUIRE(latin.proposal.mappings.size() == 1);
  CHECK(Contains(latin.problems, "column 'Caf\xc3\xa9 notes' is not read"));
}

TEST_CASE("an input that cannot be read is an error, and nothing is proposed for it") {
  const Proposed empty = Propose("empty.csv", "");
  CHECK(empty.proposal.unreadable == 1);
  CHECK(Contains(empty.diagnostics, "'empty.csv' is empty: it has no header row to read"));
  const Proposed missing = Propose({InputFile::Path("/nonexistent/x.csv")});
  CHECK(missing.proposal.unreadable == 1);
  CHECK(Contains(missing.diagnostics, "[io-error]"));
}

TEST_CASE("a workbook's sheets are proposed for one by one") {
  const Proposed p = Propose(
      {InputFile::Path(std::string(ACCREDIT_SOURCE_DIR) + "/examples/sixth-form/cohort.xlsx")});
  CHECK(p.proposal.unreadable == 0);
  CHECK(p.proposal.mappings.empty());
  CHECK(Contains(p.notes, "cohort.xlsx["));
}

TEST_CASE("every example export and test input gets a mapping that loads and reads it") {
  // The round trip: whatever is proposed loads with LoadColumnMap and reads its input's rows
  // (ProposeColumnMaps checks both, and says so as a problem when either fails).
  namespace fs = std::filesystem;
  const fs::path root(ACCREDIT_SOURCE_DIR);
  std::vector<std::string> paths;
  for (const char* folder : {"examples", "tests/cli", "tests/xlsx"}) {
    for (const fs::directory_entry& entry : fs::recursive_directory_iterator(root / folder)) {
      const std::string path = entry.path().string();
      const std::string ext = entry.path().extension().string();
      // Inputs only: a hostile input is refused by design, and a case's expected_files are
      // what a command writes.
      if (!entry.is_regular_file() || path.find("/hostile-") != std::string::npos ||
          path.find("/expected_files/") != std::string::npos) {
        continue;
      }
      if (ext == ".csv" || ext == ".xlsx" || ext == ".txt" || entry.path().filename() == "stdin") {
        paths.push_back(path);
      }
    }
  }
  std::sort(paths.begin(), paths.end());
  CHECK(paths.size() > 20);
  std::size_t proposed = 0;
  for (const std::string& path : paths) {
    CAPTURE(path);
    const Proposed p = Propose({InputFile::Path(path)});
    CHECK(p.proposal.unreadable == 0);
    CHECK_FALSE(Contains(p.problems, "does not load"));
    CHECK_FALSE(Contains(p.problems, "does not read it"));
    for (const ProposedMapping& m : p.proposal.mappings) {
      ++proposed;
      CHECK(m.rows_read > 0);
      CHECK(m.learners > 0);
      CHECK(m.rows_rejected < m.rows_read);
    }
  }
  CHECK(proposed >= 5);
}

TEST_CASE("a YAML scalar is plain only when it reads back as the same text") {
  using internal::YamlScalar;
  CHECK(YamlScalar("Maths") == "Maths");
  CHECK(YamlScalar("GCSE (9-1)") == "GCSE (9-1)");
  CHECK(YamlScalar("A*") == "\"A*\"");
  CHECK(YamlScalar("6-5") == "\"6-5\"");
  CHECK(YamlScalar("Art & Design") == "\"Art & Design\"");
  CHECK(YamlScalar("yes") == "\"yes\"");
  CHECK(YamlScalar("say \"hi\"\n") == "\"say \\\"hi\\\"\\x0a\"");
  CHECK(YamlScalar("Comb Sci: x") == "\"Comb Sci: x\"");
}

}  // namespace
}  // namespace accredit
