#include "accredit/record_input.h"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "accredit/column_map.h"
#include "records_fixture.h"

namespace accredit {
namespace {

// Learners as "id: field texts of each achievement[, N rejected]".
std::string Describe(const RecordSet& records) {
  std::string out;
  for (const Learner& learner : records.learners) {
    out += learner.id + ":";
    for (const Achievement& a : learner.achievements) {
      out += " ";
      out += a.kind == Kind::kQualification ? learner.Text(a, Field::kType) : KindName(a.kind);
      out += "/";
      out += learner.Text(a, Field::kGrade).empty() ? learner.Text(a, Field::kHours)
                                                    : learner.Text(a, Field::kGrade);
    }
    if (learner.rejected_rows > 0)
      out += ", " + std::to_string(learner.rejected_rows) + " rejected";
    out += "\n";
  }
  return out;
}

std::string Accounts(const Accounting& a) {
  return std::to_string(a.rows_read) + " = " + std::to_string(a.rows_used) + " + " +
         std::to_string(a.rows_rejected) + ", " + std::to_string(a.learners) + " learners";
}

// Reads texts as if they were files named `names`, merged in order.
RecordSet ReadTexts(const std::vector<std::pair<std::string, std::string>>& inputs,
                    SourceSet& sources, Diagnostics& diagnostics) {
  RecordSet out;
  RuleSet rules = testing::SmallRuleSet();
  for (const auto& [name, text] : inputs) {
    SourceId id = sources.Add(name, text);
    MergeRecordSets(out, ReadRecordText(id, name, sources.Get(id).text, rules, {}, diagnostics));
  }
  return out;
}

}  // namespace

TEST_CASE("the format of an input comes from its extension, else from its first byte") {
  struct FormatCase {
    const char* name;
    const char* text;
    RecordFormat format;
  };
  const std::vector<FormatCase> cases = {
      {"results.csv", "[not json", RecordFormat::kCsv},
      {"RESULTS.CSV", "", RecordFormat::kCsv},
      {"a.json", "learner,type", RecordFormat::kJson},
      {"a.jsonl", "", RecordFormat::kJson},
      {"a.NDJSON", "", RecordFormat::kJson},
      {"<stdin>", "  \r\n[{}]", RecordFormat::kJson},
      {"<stdin>", "\xef\xbb\xbf{\"id\": 1}", RecordFormat::kJson},
      {"<stdin>", "learner,type,grade", RecordFormat::kCsv},
      {"export.txt", "", RecordFormat::kCsv},
  };
  for (const FormatCase& c : cases) {
    INFO(c.name << " " << c.text);
    CHECK(DetectRecordFormat(c.name, c.text) == c.format);
  }
}

TEST_CASE("learners are merged by id across inputs, in order of first appearance") {
  SourceSet sources;
  Diagnostics diagnostics;
  RecordSet records =
      ReadTexts({{"results.csv", "learner,type,grade\nL2,gcse,4\nL1,gcse,5\nL1,gcse,55\n"},
                 {"<stdin>",
                  "{\"id\": \"L3\", \"achievements\": [{\"kind\": \"activity\", \"hours\": 3}]}\n"
                  "{\"id\": \"L1\", \"achievements\": [{\"kind\": \"activity\", \"hours\": 12.5}, "
                  "{\"kind\": \"activity\"}]}\n"},
                 {"more.csv", "learner,kind,hours\nL2,activity,1\n"}},
                sources, diagnostics);
  CHECK(Describe(records) ==
        "L2: gcse/4 activity/1\n"
        "L1: gcse/5 activity/12.5, 2 rejected\n"
        "L3: activity/3\n");
  CHECK(Accounts(records.accounting) == "7 = 5 + 2, 3 learners");
  CHECK(testing::RenderAll(diagnostics, sources) ==
        "results.csv:4:9: error: grade '55' is not on the gcse scale (U, 1, 2, 3, 4, 5, 6, 7, 8, "
        "9) [bad-grade]\n"
        "<stdin>:2:68: error: activity has no 'hours' [missing-field]\n");
  // A merged achievement keeps the place it was read at.
  CHECK(FormatLocation(records.learners[1].achievements[1].location, sources) == "<stdin>:2:31");
  CHECK(records.learners[1].achievements[1].location.pointer == "/achievements/0");
}

TEST_CASE("files that cannot be read are errors, and never hang the run") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("accredit-input-" + std::to_string(getpid()));
  fs::create_directories(dir);
  const std::string fifo = (dir / "pipe").string();
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  const std::string csv = (dir / "results.csv").string();
  std::ofstream(csv) << "learner,type,grade\nL1,gcse,4\n";
  const std::string json = (dir / "activities.json").string();
  std::ofstream(json) << "[{\"id\": \"L1\", \"achievements\": [{\"hours\": 2}]}]";

  SourceSet sources;
  Diagnostics diagnostics;
  RecordSet records =
      ReadRecordInputs({dir.string(), fifo, (dir / "missing.csv").string(), csv, json},
                       testing::SmallRuleSet(), {}, sources, diagnostics);
  CHECK(Describe(records) == "L1: gcse/4 activity/2\n");
  CHECK(Accounts(records.accounting) == "2 = 2 + 0, 1 learners");
  std::string d = dir.string();
  CHECK(testing::RenderAll(diagnostics, sources) ==
        d + ": error: '" + d + "' is a folder, not a records file [io-error]\n" + fifo +
            ": error: '" + fifo +
            "' is not a regular file (a pipe, socket or device): save it first [io-error]\n" + d +
            "/missing.csv: error: cannot read '" + d +
            "/missing.csv': no such file or directory [io-error]\n");

  ReadOptions small;
  small.max_file_bytes = 10;
  Diagnostics too_large;
  records = ReadRecordInputs({csv}, testing::SmallRuleSet(), small, sources, too_large);
  CHECK(Accounts(records.accounting) == "0 = 0 + 0, 0 learners");
  CHECK(testing::RenderAll(too_large, sources) ==
        csv + ": error: '" + csv + "' is 29 bytes, more than the limit of 10 [too-large]\n");
  fs::remove_all(dir);
}

}  // namespace accredit

namespace accredit {
namespace {

std::string ReadSourceFile(const std::string& relative) {
  std::ifstream in(std::string(ACCREDIT_SOURCE_DIR) + "/" + relative, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

TEST_CASE("the messy example export reads with the documented accounting") {
  SourceSet sources;
  Diagnostics diagnostics;
  const std::string map_text = ReadSourceFile("rules/mappings/sims-results.map.yaml");
  std::optional<ColumnMap> map = LoadColumnMap(
      sources.Add("rules/mappings/sims-results.map.yaml", map_text), map_text, diagnostics);
  REQUIRE(map);
  ReadOptions options;
  options.map = &*map;
  const std::string dir = std::string(ACCREDIT_SOURCE_DIR) + "/examples/messy-export/";
  RecordSet records = ReadRecordInputs({dir + "results.csv", dir + "activities.json"},
                                       testing::SmallRuleSet(), options, sources, diagnostics);
  std::string rendered = testing::RenderAll(diagnostics, sources);
  for (std::size_t at = rendered.find(dir); at != std::string::npos; at = rendered.find(dir)) {
    rendered.replace(at, dir.size(), "");
  }
  CHECK(rendered ==
        "results.csv:7:71: error: grade '4*' is not on the gcse scale (U, 1, 2, 3, 4, 5, 6, 7, 8, "
        "9) [bad-grade]\n"
        "results.csv:10: warning: duplicate row for learner 'K873401522003': skipped "
        "[duplicate-row]\n"
        "results.csv:8: note: the same row is here\n"
        "results.csv:12:57: error: grade 'Merit' is not on the gcse scale (U, 1, 2, 3, 4, 5, 6, 7, "
        "8, 9) [bad-grade]\n"
        "results.csv:13:51: error: unknown subject 'Englsh Language' [unknown-subject]\n"
        "note: did you mean 'english-language'?\n"
        "results.csv:14:1: warning: bad check letter in UPN 'A873401522005': expected 'N' "
        "[bad-check-character]\n"
        "activities.json:2:35: note: ignoring unknown field 'name' [unknown-field]\n"
        "activities.json:16:41: note: ignoring unknown field 'notes' [unknown-field]\n"
        "activities.json:22:37: error: unknown strand 'leadership-servce' [bad-value]\n"
        "note: did you mean 'leadership-service'?\n");
  // Names are never read: no learner text holds a forename or surname.
  for (const Learner& learner : records.learners) {
    CHECK(learner.text.find("Hart") == std::string::npos);
    CHECK(learner.text.find("Amelia") == std::string::npos);
  }
  CHECK(Accounts(records.accounting) == "25 = 20 + 5, 6 learners");
}

}  // namespace accredit
