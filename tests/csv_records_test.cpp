#include "accredit/csv_records.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "records_fixture.h"

namespace accredit {
namespace {

// Learners as "id: N achievements[, M rejected]" lines, the diagnostics rendered, and the
// accounting.
struct Outcome {
  std::string learners;
  std::string diagnostics;
  Accounting accounting;
};

Outcome ReadRecords(const std::string& input, const ReadOptions& options = {},
                    bool source_lines = false) {
  SourceSet sources;
  SourceId id = sources.Add("records.csv", input);
  Diagnostics diagnostics;
  RecordSet records =
      ReadCsvRecords(id, sources.Get(id).text, testing::SmallRuleSet(), options, diagnostics);
  Outcome out;
  for (const Learner& learner : records.learners) {
    out.learners += learner.id + ": " + std::to_string(learner.achievements.size());
    if (learner.rejected_rows > 0) out.learners += ", " + std::to_string(learner.rejected_rows);
    out.learners += "\n";
  }
  out.diagnostics = testing::RenderAll(diagnostics, sources, source_lines);
  out.accounting = records.accounting;
  return out;
}

struct Case {
  const char* name;
  std::string input;
  std::string learners;  // "id: achievements[, rejected rows]"
  std::string diagnostics;
  std::uint64_t read;
  std::uint64_t used;
  std::uint64_t rejected;
  ReadOptions options = {};
};

ReadOptions MaxField(std::size_t bytes) {
  ReadOptions options;
  options.csv.max_field_bytes = bytes;
  return options;
}

void Check(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    INFO(c.name);
    Outcome out = ReadRecords(c.input, c.options);
    CHECK(out.learners == c.learners);
    CHECK(out.diagnostics == c.diagnostics);
    CHECK(out.accounting.rows_read == c.read);
    CHECK(out.accounting.rows_used == c.used);
    CHECK(out.accounting.rows_rejected == c.rejected);
    CHECK(out.accounting.rows_read == out.accounting.rows_used + out.accounting.rows_rejected);
  }
}

}  // namespace

TEST_CASE("the header names canonical fields in any order, case and spacing") {
  Check({
      {"any order and case", " Grade ,LEARNER,type\n4,L1,gcse\nA,L2,a-level\n5,L1,gcse\n",
       "L1: 2\nL2: 1\n", "", 3, 3, 0},
      {"unknown columns are noted once", "learner,forename,type,grades,grade\nL1,Ann,gcse,x,4\n",
       "L1: 1\n",
       "records.csv:1:9: note: ignoring unknown columns 'forename', 'grades' [unknown-column]\n"
       "note: 'grades': did you mean 'grade'?\n",
       1, 1, 0},
      {"no learner column rejects every row", "upn,type,grade\nL1,gcse,4\n\nL2,gcse,5\n", "",
       "records.csv:1:1: note: ignoring unknown column 'upn' [unknown-column]\n"
       "records.csv:1: error: missing 'learner' column [missing-column]\n",
       2, 0, 2},
      {"a field named twice rejects every row", "learner,grade,type,Grade\nL1,4,gcse,5\n", "",
       "records.csv:1:20: error: column 'Grade' names field 'grade' again [duplicate-column]\n"
       "records.csv:1:9: note: the first column naming it is here\n",
       1, 0, 1},
      {"empty input", "", "", "records.csv: error: the input has no header row [missing-column]\n",
       0, 0, 0},
      {"header only", "learner,type,grade\r\n", "",
       "records.csv: error: the input has a header row but no data rows [no-rows]\n", 0, 0, 0},
  });
}

TEST_CASE("rows are grouped by learner and every row is used or rejected once") {
  Check({
      {"unsorted rows group in order of first appearance",
       "learner,type,grade\nL2,gcse,4\nL1,gcse,5\nL2,a-level,B\n", "L2: 2\nL1: 1\n", "", 3, 3, 0},
      {"a duplicate row is a warning and is not used",
       "learner,type,grade\nL1,gcse,4\nL2,gcse,4\nL1,gcse,4\nL1, gcse ,4\nL1,gcse,5\n",
       "L1: 2\nL2: 1\n",
       "records.csv:4: warning: duplicate row for learner 'L1': skipped [duplicate-row]\n"
       "records.csv:2: note: the same row is here\n"
       "records.csv:5: warning: duplicate row for learner 'L1': skipped [duplicate-row]\n"
       "records.csv:2: note: the same row is here\n",
       5, 3, 2},
      {"rejected rows mark their learner",
       "learner,type,grade\nL1,gcse,4\nL1,gcse,44\nL2,gcse\n,gcse,4\nL3,\"x\n",
       "L1: 1, 1\nL2: 0, 1\nL3: 0, 1\n",
       "records.csv:3:9: error: grade '44' is not on the gcse scale (U, 1, 2, 3, 4, 5, 6, 7, 8, "
       "9) [bad-grade]\n"
       "records.csv:4: error: expected 3 fields, got 2 [bad-row]\n"
       "records.csv:5:1: error: missing learner id [missing-field]\n"
       "records.csv:6:4: error: quoted field is never closed [bad-quote]\n",
       5, 1, 4},
      {"a row without a learner column value is counted only", "type,grade,learner\ngcse,4,\"\n",
       "", "records.csv:2:8: error: quoted field is never closed [bad-quote]\n", 1, 0, 1},
      {"an ignored result is used without an achievement", "learner,type,grade\nL1,a-level,W\n",
       "L1: 0\n",
       "records.csv:2:12: note: result 'W' (withdrawn entry) is ignored, as the rules say "
       "[ignored-result]\n",
       1, 1, 0},
  });
}

TEST_CASE("CSV edge cases keep the accounting whole") {
  Check({
      {"byte order mark and CRLF", "\xef\xbb\xbflearner,type,grade\r\nL1,gcse,4\r\n", "L1: 1\n", "",
       1, 1, 0},
      {"quoted comma, doubled quotes, newline in quotes",
       "learner,title,type,grade\nL1,\"Maths, \"\"Further\"\"\",gcse,4\nL1,\"two\nlines\",gcse,5\n",
       "L1: 2\n", "", 2, 2, 0},
      {"blank lines are not rows", "learner,type,grade\n\nL1,gcse,4\n\r\n,,\nL1,gcse,5\n\n",
       "L1: 2\n", "", 2, 2, 0},
      {"trailing delimiters", "learner,type,grade,\nL1,gcse,4,\nL1,gcse,5\n", "L1: 2\n", "", 2, 2,
       0},
      {"unterminated quote", "learner,title,type,grade\nL1,\"x,gcse,4\nL2,y,gcse,4\n",
       "L1: 0, 1\nL2: 1\n", "records.csv:2:4: error: quoted field is never closed [bad-quote]\n", 2,
       1, 1},
      {"UTF-16", std::string("\xff\xfel\0e\0a\0r\0n\0e\0r\0\n\0", 18), "",
       "records.csv: error: the input is UTF-16 (little-endian byte order mark); save it as "
       "UTF-8 [bad-encoding]\n",
       0, 0, 0},
      {"invalid UTF-8", "learner,type,grade,title\nL1,gcse,4,caf\xe9\nL1,gcse,5,ok\n", "L1: 1, 1\n",
       "records.csv:2:11: error: column 'title' is not valid UTF-8 [bad-utf8]\n", 2, 1, 1},
      {"invalid UTF-8 in the learner id", "learner,type,grade\nL\xff,gcse,4\n", "",
       "records.csv:2:1: error: column 'learner' is not valid UTF-8 [bad-utf8]\n", 1, 0, 1},
      {"field too long", "learner,type,grade,title\nL1,gcse,4,0123456789ab\n", "L1: 0, 1\n",
       "records.csv:2:11: error: column 'title' is 12 bytes long, more than 10 "
       "[field-too-long]\n",
       1, 0, 1, MaxField(10)},
  });
}

TEST_CASE("identifiers with a wrong check character are warned about and kept") {
  Check({
      {"UPN, once per learner",
       "learner,type,grade\nA801200005001,gcse,4\nA801200005001,gcse,5\nB801200005001,gcse,4\n"
       "M80120000500A,gcse,4\n",
       "A801200005001: 2\nB801200005001: 1\nM80120000500A: 1\n",
       "records.csv:2:1: warning: bad check letter in UPN 'A801200005001': expected 'B' "
       "[bad-check-character]\n",
       4, 4, 0},
      {"QAN, with or without slashes",
       "learner,type,grade,qan\nL1,gcse,4,601/8758/X\nL1,gcse,5,60331392\nL1,gcse,6,601/8758/1\n"
       "L1,gcse,7,not-a-qan\n",
       "L1: 4\n",
       "records.csv:4:11: warning: bad check character in qan '601/8758/1': expected 'X' "
       "[bad-check-character]\n",
       4, 4, 0},
  });
  ReadOptions quiet;
  quiet.check_identifiers = false;
  Outcome out = ReadRecords("learner,type,grade\nA801200005001,gcse,4\n", quiet);
  CHECK(out.diagnostics == "");
}

TEST_CASE("record errors point at the field with the source line") {
  Outcome out = ReadRecords("learner,type,grade\nL1,gcse,4\nL1,a-level,A**\n", {}, true);
  CHECK(out.diagnostics ==
        "records.csv:3:12: error: grade 'A**' is not on the a-level scale (U, E, D, C, B, A, A*) "
        "[bad-grade]\n"
        "    3 | L1,a-level,A**\n"
        "      |            ^\n"
        "note: did you mean 'A*'?\n");
}

TEST_CASE("a row read as an earlier one was (the row memo) points at its own fields") {
  // The second row is the first but for learner and date: its fields' places are worked out
  // only for its error.
  Outcome out = ReadRecords(
      "learner,type,grade,date\nA801200005001,gcse,4,2026-08-20\nB801200005001,gcse,4,"
      "2026-02-30\nL3,gcse,4,2026-08-20\n");
  CHECK(out.diagnostics ==
        "records.csv:2:1: warning: bad check letter in UPN 'A801200005001': expected 'B' "
        "[bad-check-character]\n"
        "records.csv:3:22: error: date '2026-02-30' is not an ISO date (YYYY-MM-DD) [bad-date]\n");
  CHECK(out.learners == "A801200005001: 1\nB801200005001: 0, 1\nL3: 1\n");
}

}  // namespace accredit
