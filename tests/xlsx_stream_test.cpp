// A workbook's sheet streamed: the chunks give the learners, accounting and diagnostics that
// reading the workbook whole gives, whatever the chunk size (and so wherever the sheet's XML is
// cut into pieces); what cannot be read in pieces ends the stream unsettled, so that it is
// read whole; and the bytes the stream holds do not grow with the sheet.
#include "stream/xlsx_stream.h"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <unistd.h>
#include <zip.h>

#include <cstdio>
#include <cstdlib>
#include <deque>
#include <string>
#include <vector>

#include "accredit/record_input.h"
#include "accredit/record_stream.h"
#include "accredit/rules_loader.h"

namespace accredit {
namespace {

const char* kNs =
    "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";

// A workbook file of one sheet named "Results", removed at the end of the test. `rows` is the
// sheet's <sheetData> content; `strings` the shared strings; style 1 is a date.
struct Workbook {
  Workbook(const std::string& rows, const std::vector<std::string>& strings) {
    char name[] = "/tmp/accredit-xlsx-stream-test-XXXXXX.xlsx";
    const int fd = mkstemps(name, 5);
    REQUIRE(fd >= 0);
    close(fd);
    path = name;
    std::deque<std::string> parts;  // alive until the archive is written
    int error = 0;
    zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    REQUIRE(archive != nullptr);
    auto add = [&](const char* part, std::string text) {
      parts.push_back(std::move(text));
      zip_source_t* source =
          zip_source_buffer(archive, parts.back().data(), parts.back().size(), 0);
      REQUIRE(source != nullptr);
      const zip_int64_t index = zip_file_add(archive, part, source, ZIP_FL_OVERWRITE);
      REQUIRE(index >= 0);
      zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0);
    };
    const std::string rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    add("xl/workbook.xml", fmt::format("<workbook {}><sheets><sheet name=\"Results\" sheetId=\"1\" "
                                       "r:id=\"rId1\"/></sheets></workbook>",
                                       kNs));
    add("xl/_rels/workbook.xml.rels",
        fmt::format("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                    "relationships\"><Relationship Id=\"rId1\" Type=\"{0}/worksheet\" "
                    "Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" "
                    "Type=\"{0}/sharedStrings\" Target=\"sharedStrings.xml\"/><Relationship "
                    "Id=\"rId3\" Type=\"{0}/styles\" Target=\"styles.xml\"/></Relationships>",
                    rel));
    add("xl/styles.xml", fmt::format("<styleSheet {}><cellXfs count=\"2\"><xf numFmtId=\"0\"/>"
                                     "<xf numFmtId=\"14\"/></cellXfs></styleSheet>",
                                     kNs));
    std::string shared = fmt::format("<sst {}>", kNs);
    for (const std::string& s : strings) shared += "<si><t>" + s + "</t></si>";
    add("xl/sharedStrings.xml", shared + "</sst>");
    add("xl/worksheets/sheet1.xml",
        fmt::format("<?xml version=\"1.0\"?>\n<worksheet {}><sheetViews/><sheetData>{}"
                    "</sheetData><pageMargins/></worksheet>",
                    kNs, rows));
    REQUIRE(zip_close(archive) == 0);
  }
  ~Workbook() { std::remove(path.c_str()); }
  std::string path;
};

// Builds a sheet of sorted learners, as Excel writes it (numbered rows and cells, text as
// shared strings, dates in a date style), with, when `odd`, what else a sheet may hold.
struct Sheet {
  std::string rows;
  std::vector<std::string> strings;
  std::uint64_t row = 0;

  std::string Shared(const std::string& text) {
    strings.push_back(text);
    return std::to_string(strings.size() - 1);
  }
  // One row of cells (column letter, cell XML after the reference); numbered unless told.
  void Row(const std::vector<std::pair<char, std::string>>& cells, bool numbered = true) {
    ++row;
    rows += numbered ? fmt::format("<row r=\"{}\" spans=\"1:9\">", row) : "<row>";
    for (const auto& [column, rest] : cells) {
      rows += numbered ? fmt::format("<c r=\"{}{}\"{}</c>", column, row, rest)
                       : fmt::format("<c{}</c>", rest);
    }
    rows += "</row>";
  }

  Sheet(int learners, bool odd) {
    const std::string header[] = {"learner", "kind",   "type", "subject", "grade",
                                  "hours",   "strand", "date", "title"};
    std::vector<std::pair<char, std::string>> cells;
    for (int i = 0; i < 9; ++i) {
      cells.emplace_back(static_cast<char>('A' + i), " t=\"s\"><v>" + Shared(header[i]) + "</v>");
    }
    Row(cells);
    const std::string qualification = Shared("qualification");
    const std::string activity = Shared("activity");
    const std::string gcse = Shared("gcse");
    const std::string maths = Shared("mathematics");
    const std::string english = Shared("english-language");
    const std::string leadership = Shared("leadership-service");
    const std::string creative = Shared("creative-cultural");
    const std::string title = Shared("Mentor, &quot;reading&quot;");
    auto s = [](const std::string& index) { return " t=\"s\"><v>" + index + "</v>"; };
    auto n = [](const std::string& value) { return "><v>" + value + "</v>"; };
    for (int i = 0; i < learners; ++i) {
      const std::string id = s(Shared(fmt::format("L{:07}", i)));
      const bool numbered = !(odd && i % 11 == 5);
      if (odd && i % 7 == 3) row += 2;  // rows the sheet leaves out
      Row({{'A', id},
           {'B', s(qualification)},
           {'C', s(gcse)},
           {'D', s(maths)},
           {'E', n(odd && i % 19 == 2 ? "99" : "5")}},
          numbered);
      if (odd && i % 17 == 4) {  // cells out of order
        Row({{'A', id}, {'E', n("6")}, {'B', s(qualification)}, {'D', s(english)}, {'C', s(gcse)}});
      } else {
        Row({{'A', id}, {'B', s(qualification)}, {'C', s(gcse)}, {'D', s(english)}, {'E', n("6")}},
            numbered);
      }
      const std::string hours = odd && i % 29 == 6 ? "><v><![CDATA[40]]></v>" : n("40");
      const std::string note =
          odd && i % 13 == 1 ? " t=\"inlineStr\"><is><t>line one\nline two</t></is>" : s(title);
      Row({{'A', id},
           {'B', s(activity)},
           {'F', hours},
           {'G', s(leadership)},
           {'H', " s=\"1\"><v>" + std::to_string(46100 + i % 200) + "</v>"},
           {'I', note}});
      if (odd && i % 23 == 8) {  // a duplicate row
        Row({{'A', id},
             {'B', s(activity)},
             {'F', hours},
             {'G', s(leadership)},
             {'H', " s=\"1\"><v>" + std::to_string(46100 + i % 200) + "</v>"},
             {'I', note}});
      }
      Row({{'A', id},
           {'B', s(activity)},
           {'F', n("30")},
           {'G', s(creative)},
           {'H', " s=\"1\"><v>46210</v>"}});
      if (odd && i % 31 == 9) rows += fmt::format("<row r=\"{}\"/>", ++row);  // an empty row
    }
  }
};

struct Outcome {
  std::vector<std::string> learners;  // id, achievements, rejected rows
  std::string diagnostics;            // rendered, with their source lines
  std::uint64_t rows_read = 0;
  std::uint64_t rows_used = 0;
  bool settled = true;
  std::uint64_t peak = 0;
};

void Add(Outcome& out, const RecordSet& records) {
  for (const Learner& learner : records.learners) {
    out.learners.push_back(
        fmt::format("{}:{}:{}", learner.id, learner.achievements.size(), learner.rejected_rows));
  }
  out.rows_read += records.accounting.rows_read;
  out.rows_used += records.accounting.rows_used;
}

std::string Rendered(const Diagnostics& diagnostics, const SourceSet& sources) {
  std::string out;
  RenderOptions shown;
  shown.personal_lines = true;  // the rows too, so that whole and streamed text is compared
  for (const Diagnostic& d : diagnostics.items()) out += Render(d, sources, shown);
  return out;
}

Outcome Whole(const std::string& path, const RuleSet& rules) {
  SourceSet sources;
  Diagnostics diagnostics;
  Outcome out;
  Add(out, ReadRecordInputs({path}, rules, ReadOptions{}, sources, diagnostics));
  out.diagnostics = Rendered(diagnostics, sources);
  return out;
}

// Streams `path` a chunk at a time, as validate does on one thread.
Outcome Streamed(const std::string& path, const RuleSet& rules, std::size_t chunk_bytes) {
  SourceSet sources;
  Diagnostics diagnostics;
  ReadOptions options;
  Outcome out;
  auto stream = RecordStream::Open(path, rules, options, sources, diagnostics, chunk_bytes);
  REQUIRE(stream != nullptr);
  Accounting total;
  RecordChunk chunk;
  while (stream->Next(chunk)) {
    Diagnostics local;
    ChunkRecords records = stream->Read(chunk, local, nullptr);
    if (!stream->Settle(records, local)) {
      out.settled = false;
      return out;
    }
    total.Add(records.records.accounting);
    Add(out, records.records);
    diagnostics.Append(local);
  }
  stream->Finish(total, diagnostics);
  out.diagnostics = Rendered(diagnostics, sources);
  out.peak = internal::XlsxStreamPeakBytes(*stream);
  return out;
}

TEST_CASE("a workbook streamed gives what reading it whole gives, at any chunk size") {
  SourceSet rule_sources;
  LoadResult loaded = LoadDefaultRules(rule_sources);
  REQUIRE(loaded.ok());
  Sheet sheet(120, true);
  Workbook workbook(sheet.rows, sheet.strings);
  const Outcome whole = Whole(workbook.path, loaded.rules);
  REQUIRE(whole.learners.size() == 120);
  // The odd rows gave diagnostics, shown with their lines (the sheet's text was kept).
  CHECK(whole.diagnostics.find("[duplicate-row]") != std::string::npos);
  CHECK(whole.diagnostics.find("Results]!") != std::string::npos);
  CHECK(whole.diagnostics.find(" | L0000002,qualification,gcse,mathematics,99") !=
        std::string::npos);
  for (std::size_t chunk_bytes :
       {std::size_t{1}, std::size_t{97}, std::size_t{4096}, kDefaultChunkBytes}) {
    CAPTURE(chunk_bytes);
    const Outcome streamed = Streamed(workbook.path, loaded.rules, chunk_bytes);
    CHECK(streamed.settled);
    CHECK(streamed.learners == whole.learners);
    CHECK(streamed.rows_read == whole.rows_read);
    CHECK(streamed.rows_used == whole.rows_used);
    CHECK(streamed.diagnostics == whole.diagnostics);
  }
}

TEST_CASE("a sheet that does not read in pieces ends the stream unsettled, to be read whole") {
  SourceSet rule_sources;
  LoadResult loaded = LoadDefaultRules(rule_sources);
  REQUIRE(loaded.ok());
  Sheet sheet(20, false);
  // A comment holding a row's end tag: a piece cut there is not well-formed on its own.
  const std::size_t middle = sheet.rows.find("<row r=\"40\"");
  REQUIRE(middle != std::string::npos);
  sheet.rows.insert(middle, "<!-- a note </row> -->");
  Workbook workbook(sheet.rows, sheet.strings);
  const Outcome whole = Whole(workbook.path, loaded.rules);
  CHECK(whole.learners.size() == 20);
  CHECK(whole.diagnostics.empty());
  const Outcome streamed = Streamed(workbook.path, loaded.rules, 1);
  CHECK_FALSE(streamed.settled);
}

TEST_CASE("the bytes a workbook stream holds do not grow with the sheet") {
  SourceSet rule_sources;
  LoadResult loaded = LoadDefaultRules(rule_sources);
  REQUIRE(loaded.ok());
  constexpr std::size_t kChunk = 4096;
  std::uint64_t peaks[2] = {};
  const int learners[2] = {1000, 10000};
  for (int i = 0; i < 2; ++i) {
    Sheet sheet(learners[i], false);
    Workbook workbook(sheet.rows, sheet.strings);
    const Outcome streamed = Streamed(workbook.path, loaded.rules, kChunk);
    REQUIRE(streamed.settled);
    REQUIRE(streamed.learners.size() == static_cast<std::size_t>(learners[i]));
    peaks[i] = streamed.peak;
    CAPTURE(sheet.rows.size());
  }
  CAPTURE(peaks[0]);
  CAPTURE(peaks[1]);
  CHECK(peaks[0] > 0);
  // Ten times the rows, not more held: a few pieces and chunks, whatever the sheet's size.
  CHECK(peaks[1] <= peaks[0] + peaks[0] / 2);
  CHECK(peaks[1] < 64 * kChunk);  // and the larger sheet's XML is 7.7 MB, 470 times that
}

}  // namespace
}  // namespace accredit
