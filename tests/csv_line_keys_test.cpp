// A CSV line whose key the row memo knows is read by its bytes alone (records/csv_line_keys.h),
// every other line in full. The two must read alike: the same learners, achievements, texts
// and locations, and the same diagnostics. Here random inputs, with rows that repeat and rows
// of every awkward shape, are read both ways and compared.
#include "records/csv_line_keys.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "accredit/csv_records.h"
#include "accredit/record_stream.h"
#include "accredit/records.h"
#include "records_fixture.h"

namespace accredit {
namespace {

std::string Where(const Location& at) {
  return std::to_string(at.line) + ":" + std::to_string(at.column);
}

// Everything read: each learner, each achievement with its texts, date and location, each
// diagnostic rendered with its notes, and the accounting.
std::string ReadAll(const std::string& input, bool keys, const ReadOptions& options = {}) {
  internal::SetCsvLineKeys(keys);
  SourceSet sources;
  const SourceId id = sources.Add("records.csv", input);
  Diagnostics diagnostics;
  const RecordSet records =
      ReadCsvRecords(id, sources.Get(id).text, testing::SmallRuleSet(), options, diagnostics);
  internal::SetCsvLineKeys(true);
  std::string out;
  for (const Learner& learner : records.learners) {
    out += "learner " + learner.id + " at " + Where(learner.location) + ", " +
           std::to_string(learner.rejected_rows) + " rejected\n";
    for (const Achievement& a : learner.achievements) {
      out += "  at " + Where(a.location) + (a.date ? " dated" : "") + ":";
      for (std::size_t f = 0; f < kFieldCount; ++f) {
        out += " [" + std::string(learner.Text(a, static_cast<Field>(f))) + "]";
      }
      out += "\n";
    }
  }
  out += testing::RenderAll(diagnostics, sources);
  out += "read " + std::to_string(records.accounting.rows_read) + ", used " +
         std::to_string(records.accounting.rows_used) + ", rejected " +
         std::to_string(records.accounting.rows_rejected) + "\n";
  return out;
}

// A random CSV input: a header of one of a few layouts, then rows drawn from a small set so
// that they repeat, each now and then spoiled (spaces, quotes, a missing or extra field, a bad
// date or grade, an empty id, a field too long, a byte outside ASCII, a CR, a blank line).
class InputMaker {
 public:
  explicit InputMaker(unsigned seed) : random_(seed) {}

  std::string Input() {
    static const char* const kHeaders[] = {
        "learner,type,subject,grade,date",   // the date last: keys
        "learner,type,subject,grade",        // no date: keys
        "learner,type,subject,grade,date,",  // a trailing empty column name
        "type,learner,subject,grade,date",   // the learner not first: no keys
        "learner,type,date,subject,grade",   // the date not last: no keys
        "learner,grade",                     // too few columns: no keys
        "learner;type;subject;grade;date",   // another delimiter
    };
    const std::string header = kHeaders[random_() % std::size(kHeaders)];
    delimiter_ = header.find(';') != std::string::npos ? ';' : ',';
    columns_ = static_cast<std::size_t>(std::count(header.begin(), header.end(), delimiter_)) + 1;
    std::string input = header + "\n";
    const int rows = 5 + static_cast<int>(random_() % 30);
    for (int r = 0; r < rows; ++r) input += Row() + (Chance(15) ? "\r\n" : "\n");
    if (Chance(4)) input += Row();  // no line break at the end
    return input;
  }

 private:
  bool Chance(unsigned one_in) { return random_() % one_in == 0; }
  std::string Pick(const std::vector<std::string>& from) { return from[random_() % from.size()]; }

  std::string Row() {
    if (Chance(25)) return Pick({"", "  ", ",,,,"});
    std::vector<std::string> fields;
    fields.push_back(Chance(20) ? Pick({"", " "}) : "L" + std::to_string(random_() % 4));
    fields.push_back(Pick({"gcse", "gcse", "a-level", "btec"}));
    fields.push_back(Pick({"mathematics", "mathematics", "english-language", "art"}));
    fields.push_back(Pick({"4", "4", "7", "A*", "E", "X", "Q", "11"}));
    fields.push_back(Pick({"2026-06-01", "2026-06-02", "", "2026-13-01", "1/6/2026"}));
    for (std::string& field : fields) {
      if (Chance(20)) field = " " + field + " ";
      if (Chance(30)) field = "\"" + field + "\"";
      if (Chance(60)) field = std::string(5000, 'x');
      if (Chance(60)) field += "\xc3\xa9";
    }
    fields.resize(columns_);
    if (Chance(12)) fields.emplace_back(Pick({"", "extra"}));
    if (Chance(12)) fields.pop_back();
    std::string row;
    for (std::size_t f = 0; f < fields.size(); ++f) {
      if (f > 0) row += delimiter_;
      row += fields[f];
    }
    return row;
  }

  std::mt19937 random_;
  char delimiter_ = ',';
  std::size_t columns_ = 5;
};

TEST_CASE("a line read by its key reads as the line read in full") {
  for (unsigned seed = 1; seed <= 300; ++seed) {
    InputMaker maker(seed);
    const std::string input = maker.Input();
    INFO(input);
    CHECK(ReadAll(input, true) == ReadAll(input, false));
  }
}

TEST_CASE("a line read by its key is checked for its own field lengths") {
  ReadOptions options;
  options.csv.max_field_bytes = 10;
  const std::string input =
      "learner,type,grade,date\n"
      "L1,gcse,4,2026-06-01\n"
      "L2,gcse,4,2026-06-011\n"
      "L0000000003,gcse,4,2026-06-01\n";
  const std::string read = ReadAll(input, true, options);
  CHECK(read == ReadAll(input, false, options));
  CHECK(read.find("records.csv:3:11: error") != std::string::npos);
  CHECK(read.find("records.csv:4:1: error") != std::string::npos);
}

TEST_CASE("a line read by its key is a duplicate of the same row written with spaces") {
  const std::string input =
      "learner,type,subject,grade,date\n"
      "L1,gcse,mathematics,4,2026-06-01\n"
      "L2,gcse,mathematics,4,2026-06-01\n"
      "L2,gcse,mathematics,4, 2026-06-01 \n"
      " L2 ,gcse,mathematics,4,2026-06-01\n";
  const std::string read = ReadAll(input, true);
  CHECK(read == ReadAll(input, false));
  CHECK(read.find("records.csv:4: warning: duplicate row") != std::string::npos);
  CHECK(read.find("records.csv:5: warning: duplicate row") != std::string::npos);
}

// Everything read from `input` with `scratch`, as a thread of the record stream reads its
// chunks: the row memo, and the keys it learned, kept from the inputs read before.
std::string ReadWith(const std::string& input, ReadScratch* scratch) {
  SourceSet sources;
  const SourceId id = sources.Add("records.csv", input);
  Diagnostics diagnostics;
  const RuleSet rules = testing::SmallRuleSet();
  CsvReader csv(sources.Get(id).text, id, diagnostics);
  REQUIRE(csv.ReadHeader());
  internal::CsvColumns header;
  REQUIRE(internal::MapCsvColumns(csv.header(), id, 1, {}, header, diagnostics, &rules));
  const ReadOptions options;
  internal::Grouping grouping(rules, options, diagnostics, scratch);
  internal::ReadCsvRows(csv, header, true, id, grouping, diagnostics);
  std::string out;
  for (const Learner& learner : grouping.Release().learners) {
    for (const Achievement& a : learner.achievements) {
      out += learner.id + ": type " + std::to_string(a.type) + " subject " +
             std::to_string(a.subject) + "\n";
    }
  }
  return out + testing::RenderAll(diagnostics, sources);
}

TEST_CASE("keys learned in one layout of columns are not used in another") {
  const std::string first =
      "learner,type,subject,grade,date\n"
      "L1,gcse,mathematics,4,2026-06-01\n";
  // The same bytes between the learner and the date, in columns swapped.
  const std::string second =
      "learner,subject,type,grade,date\n"
      "L2,gcse,mathematics,4,2026-06-01\n";
  ReadScratch scratch;
  const std::string first_read = ReadWith(first, &scratch);
  CHECK(first_read.find("L1: type 0 subject 0") != std::string::npos);
  CHECK(ReadWith(second, &scratch) == ReadWith(second, nullptr));
  CHECK(ReadWith(first, &scratch) == first_read);
}

}  // namespace
}  // namespace accredit
