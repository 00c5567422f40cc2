// The fix list: every rejected row and refused input as a line of a to-do table, with the
// learner, the file, the sheet and cell, the problem and what would be accepted.
#include "accredit/fix_list.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "accredit/csv_records.h"
#include "accredit/record_input.h"
#include "records_fixture.h"

namespace accredit {
namespace {

constexpr const char* kHeader = "learner,file,sheet,cell,row,problem,accepted,code\n";

// The fix list of reading `inputs` (name, text) as files in memory.
std::string FixListOf(const std::vector<std::pair<std::string, std::string>>& inputs,
                      RecordSet* records = nullptr) {
  std::vector<RecordInput> files;
  for (const auto& [name, text] : inputs) files.push_back({InputFile::Bytes(name, text), nullptr});
  SourceSet sources;
  Diagnostics diagnostics;
  RecordSet read = ReadRecordInputs(files, testing::SmallRuleSet(), {}, sources, diagnostics);
  FixList fixes;
  fixes.Add(diagnostics, sources);
  if (records != nullptr) *records = std::move(read);
  return fixes.Csv();
}

}  // namespace

TEST_CASE("every rejected row of a CSV input is a line, with its learner id and cell") {
  const std::string csv =
      "learner,type,subject,grade\n"
      "B1,gcse,mathematics,5\n"
      "B1,gcse,mathematics,4*\n"
      "=B2,gcse,mathematic,4\n"
      "B3,gcse,mathematics,5\n"
      "B3,gcse,mathematics,5\n"
      ",gcse,mathematics,6\n"
      "B4,\"gcse\",english-language,Z\n";
  RecordSet records;
  CHECK(FixListOf({{"results.csv", csv}}, &records) ==
        std::string(kHeader) +
            "B1,results.csv,,D3,3,\"grade '4*' is not on the gcse scale (U, 1, 2, 3, 4, 5, 6, 7, "
            "8, 9)\",,bad-grade\n"
            // A learner id that a spreadsheet would run is written as text.
            "'=B2,results.csv,,C4,4,unknown subject 'mathematic',did you mean 'mathematics'?,"
            "unknown-subject\n"
            "B3,results.csv,,,6,duplicate row for learner 'B3': skipped; the same row is here "
            "(row 5),,duplicate-row\n"
            ",results.csv,,A7,7,missing learner id,,missing-field\n"
            "B4,results.csv,,D8,8,\"grade 'Z' is not on the gcse scale (U, 1, 2, 3, 4, 5, 6, 7, "
            "8, 9)\",,bad-grade\n");
  CHECK(records.refused_inputs.empty());
  CHECK(records.accounting.rows_rejected == 5);
}

TEST_CASE("an input refused whole is one line, and the record set names it") {
  RecordSet records;
  const std::string fixes = FixListOf({{"results.csv", "learner,type,grade\nB1,gcse,5\n"},
                                       {"activities.csv", "name,kind,hours\nJo,activity,4\n"},
                                       {"empty.csv", "learner,type,grade\n"}},
                                      &records);
  CHECK(fixes == std::string(kHeader) +
                     ",activities.csv,,,1,the file was not read: missing 'learner' column,,"
                     "missing-column\n"
                     ",empty.csv,,,,the file was not read: the input has a header row but no "
                     "data rows,,no-rows\n");
  CHECK(records.refused_inputs == std::vector<std::string>{"activities.csv", "empty.csv"});
  REQUIRE(records.learners.size() == 1);
  CHECK(records.learners[0].rejected_rows == 0);  // B1 lost nothing of its own
}

TEST_CASE("a file that cannot be opened is listed without a row") {
  RecordSet records;
  std::vector<RecordInput> files{{InputFile::Path("/nonexistent/accredit/acts.csv"), nullptr}};
  SourceSet sources;
  Diagnostics diagnostics;
  records = ReadRecordInputs(files, testing::SmallRuleSet(), {}, sources, diagnostics);
  FixList fixes;
  fixes.Add(diagnostics, sources);
  CHECK(fixes.Csv() == std::string(kHeader) +
                           ",/nonexistent/accredit/acts.csv,,,,the file was not read: cannot read "
                           "'/nonexistent/accredit/acts.csv': no such file or directory,,"
                           "io-error\n");
  CHECK(records.refused_inputs == std::vector<std::string>{"/nonexistent/accredit/acts.csv"});
}

TEST_CASE("a worksheet's rejected rows are named by workbook, sheet and cell") {
  SourceSet sources;
  const SourceId id = sources.AddSheet("results.xlsx", "KS5",
                                       "learner,title,type,subject,grade\n"
                                       "B1,\"Maths, further\",gcse,mathematics,4*\n"
                                       "\n"  // a row the sheet leaves out
                                       "B2,,gcse,mathematics,11\n");
  Diagnostics diagnostics;
  ReadCsvRecords(id, sources.Get(id).text, testing::SmallRuleSet(), {}, diagnostics);
  FixList fixes;
  fixes.Add(diagnostics, sources);
  CHECK(fixes.Csv() == std::string(kHeader) +
                           // Column E, after a quoted cell that holds a comma.
                           "B1,results.xlsx,KS5,E2,2,\"grade '4*' is not on the gcse scale (U, 1, "
                           "2, 3, 4, 5, 6, 7, 8, 9)\",,bad-grade\n"
                           "B2,results.xlsx,KS5,E4,4,\"grade '11' is not on the gcse scale (U, 1, "
                           "2, 3, 4, 5, 6, 7, 8, 9)\",,bad-grade\n");
}

TEST_CASE("a CSV file with a line break in a quoted field gives rows, not cells") {
  // Its lines are not a spreadsheet's rows, so a cell could point at the wrong one.
  CHECK(FixListOf({{"results.csv",
                    "learner,type,title,grade\n"
                    "B1,gcse,\"two\nlines\",5\n"
                    "B1,gcse,x,4*\n"}}) ==
        std::string(kHeader) +
            "B1,results.csv,,,4,\"grade '4*' is not on the gcse scale (U, 1, 2, 3, 4, 5, 6, 7, 8, "
            "9)\",,bad-grade\n");
}

TEST_CASE("a JSON row is placed by its line and JSON Pointer") {
  CHECK(FixListOf(
            {{"activities.json",
              "[{\"id\": \"B1\", \"achievements\": [\n"
              "  {\"type\": \"gcse\", \"subject\": \"mathematics\", \"grade\": \"5\"},\n"
              "  {\"type\": \"gcse\", \"subject\": \"mathematics\", \"grade\": \"10\"}]}]\n"}}) ==
        std::string(kHeader) +
            "B1,activities.json,,/0/achievements/1/grade,3,\"grade '10' is not on the gcse scale "
            "(U, 1, 2, 3, 4, 5, 6, 7, 8, 9)\",,bad-grade\n");
}

TEST_CASE("warnings about rows that were used are not listed, and Clear takes everything back") {
  SourceSet sources;
  const SourceId id = sources.Add("r.csv", "learner,type,grade\nB1,gcse,5\n");
  Diagnostics diagnostics;
  diagnostics.Warning("bad-check-character", "learner id 'B1' looks like a UPN",
                      Location{id, 2, 1, {}});
  diagnostics.Error("bad-grade", "grade '4*' is not on the gcse scale", Location{id, 2, 9, {}});
  FixList fixes;
  fixes.Add(diagnostics, sources);
  CHECK(fixes.size() == 0);  // nothing marked: not a reader's rejection
  diagnostics.MarkRejected(0, Rejected::kRow, "B1");
  fixes.Add(diagnostics, sources);
  CHECK(fixes.Csv() ==
        std::string(kHeader) + "B1,r.csv,,C2,2,grade '4*' is not on the gcse scale,,bad-grade\n");
  fixes.Clear();
  CHECK(fixes.Csv() == kHeader);
}

}  // namespace accredit
