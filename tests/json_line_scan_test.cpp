// A line of JSON Lines of the plain shape is read from one pass of its own
// (records/json_line_scan.h), every other line by walking it with simdjson's On Demand API.
// The two must read alike: the same learners, achievements, texts and locations, and the same
// diagnostics at the same places. Here random lines, most plain and some not, are read both
// ways and compared.
#include "records/json_line_scan.h"

#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "accredit/json_reader.h"
#include "accredit/records.h"
#include "records/json_records.h"
#include "records_fixture.h"

namespace accredit {
namespace {

std::string Where(const Location& at) {
  return std::to_string(at.line) + ":" + std::to_string(at.column) + " " + at.pointer;
}

// Everything read: each learner, each achievement with its texts and location, each
// diagnostic rendered with its pointer, and the accounting.
std::string ReadAll(const std::string& input, bool scan) {
  internal::SetJsonLineScan(scan);
  SourceSet sources;
  const SourceId id = sources.Add("records.jsonl", input);
  Diagnostics diagnostics;
  const RecordSet records =
      ReadJsonRecords(id, sources.Get(id).text, testing::SmallRuleSet(), {}, diagnostics);
  internal::SetJsonLineScan(true);
  std::string out;
  for (const Learner& learner : records.learners) {
    out += "learner " + learner.id + " at " + Where(learner.location) + ", " +
           std::to_string(learner.rejected_rows) + " rejected\n";
    for (const Achievement& a : learner.achievements) {
      out += "  at " + Where(a.location) + ":";
      for (std::size_t f = 0; f < kFieldCount; ++f) {
        out += " [" + std::string(learner.Text(a, static_cast<Field>(f))) + "]";
      }
      out += "\n";
    }
  }
  for (const Diagnostic& d : diagnostics.items()) {
    Diagnostics one;
    one.Add(d);
    out += testing::RenderAll(one, sources) + "  pointer " + d.location.pointer + "\n";
  }
  out += "read " + std::to_string(records.accounting.rows_read) + ", used " +
         std::to_string(records.accounting.rows_used) + ", rejected " +
         std::to_string(records.accounting.rows_rejected) + "\n";
  return out;
}

// A random line of JSON Lines: mostly of the plain shape, with now and then something that
// is not (an escape, a long number or one with an exponent, a boolean, a nested value, a
// learner without an id), or that the reader reports (an unknown key, a field given twice, a
// grade off the scale, a bad date, a row naming another learner).
class LineMaker {
 public:
  explicit LineMaker(unsigned seed) : random_(seed) {}

  std::string Line(int n) {
    std::string line = Space();
    if (Chance(8)) return line + "{" + Row(n) + "}" + Space();  // one flat row
    std::vector<std::string> members;
    if (!Chance(30)) members.push_back(Key("id") + Text(" L" + std::to_string(n % 7) + " "));
    std::string rows = "[";
    const int count = static_cast<int>(random_() % 5);
    for (int r = 0; r < count; ++r) {
      if (r > 0) rows += "," + Space();
      rows += Chance(40) ? "7" : "{" + Row(n) + "}";
    }
    rows += "]";
    if (!Chance(20)) members.push_back(Key("achievements") + rows);
    if (Chance(6)) members.push_back(Key(Pick({"name", "school", "x"})) + Value());
    if (Chance(40)) members.push_back(Key("id") + Text("L9"));
    std::shuffle(members.begin(), members.end(), random_);
    line += "{";
    for (std::size_t m = 0; m < members.size(); ++m) {
      if (m > 0) line += "," + Space();
      line += members[m];
    }
    return line + "}" + Space();
  }

 private:
  bool Chance(unsigned one_in) { return random_() % one_in == 0; }
  std::string Pick(const std::vector<std::string>& from) { return from[random_() % from.size()]; }
  std::string Space() { return Pick({"", "", "", " ", "\t", "  "}); }
  std::string Text(const std::string& text) { return "\"" + text + "\""; }
  std::string Key(const std::string& key) { return Text(key) + Space() + ":" + Space(); }
  std::string Value() {
    switch (random_() % 14) {
      case 0:
        return "null";
      case 1:
        return Pick({"4", "-2.5", "1234567890123456", "1e3", "0.5E-1", "12.0", "1e400", "1e-400",
                     "123456789012345678901234567890"});
      case 2:
        return Pick({"true", "false", "{}", "[1, \"a\"]", "{\"a\": {\"b\": [null]}}"});
      case 3:
        return Text(Pick({"ma\\u0074hs", "a\\\\b", "\\\"q\\\"", "é"}));
      default:
        return Text(Pick({"gcse", "a-level", "4", "9", "A*", "Z", "", " 5 ", "mathematics"}));
    }
  }
  std::string Row(int n) {
    std::vector<std::string> members;
    members.push_back(Key("type") + Text(Pick({"gcse", "gcse", "a-level", "btec"})));
    members.push_back(Key(Chance(10) ? "Grade" : "grade") +
                      (Chance(5) ? Value() : Text(Pick({"4", "7", "U", "A*", "X", "11"}))));
    if (Chance(2)) members.push_back(Key("subject") + Text(Pick({"mathematics", "art", ""})));
    if (Chance(3)) {
      members.push_back(Key("date") + Text(Pick({"2026-06-01", "2026-13-01", "1/6/2026"})));
    }
    if (Chance(4)) members.push_back(Key(Pick({"hours", "level", "status"})) + Value());
    if (Chance(10)) members.push_back(Key(Pick({"colour", "type", "learn\\u0065r"})) + Value());
    if (Chance(10)) members.push_back(Key("learner") + Text("L" + std::to_string(n % 3)));
    std::shuffle(members.begin(), members.end(), random_);
    std::string row;
    for (std::size_t m = 0; m < members.size(); ++m) {
      if (m > 0) row += "," + Space();
      row += members[m];
    }
    return row;
  }

  std::mt19937 random_;
};

TEST_CASE("a plain line is read from its scan as the walk reads it") {
  for (unsigned seed = 1; seed <= 200; ++seed) {
    LineMaker maker(seed);
    std::string input;
    for (int n = 0; n < 12; ++n) input += maker.Line(n) + "\n";
    INFO(input);
    CHECK(ReadAll(input, true) == ReadAll(input, false));
  }
}

// A line past simdjson's DOM check's limit (1 MiB) is checked by walking it, which does not
// check a number's range: such a line, with numbers in and out of range, reads alike both
// ways. (What keeps it so today is the walk's own check before the scan; the scan's bound on
// numbers is a guard this test cannot tell from its absence.)
TEST_CASE("a long line's numbers out of range are reported as the walk reports them") {
  const std::string filler(std::size_t{1} << 20, 'f');
  for (const char* number : {"1e400", "123456789012345678901234567890", "1e-400", "4"}) {
    const std::string input = "{\"id\": \"L1\", \"name\": \"" + filler +
                              "\", \"achievements\": [{\"type\": \"gcse\", \"grade\": " + number +
                              "}]}\n";
    INFO(number);
    const std::string walked = ReadAll(input, false);
    CHECK(ReadAll(input, true) == walked);
    CHECK((walked.find("[bad-number]") != std::string::npos) ==
          (std::string_view(number) == "1e400"));
  }
}

TEST_CASE("the scan takes the plain shape and declines the rest") {
  // The scanned texts are views of `padded`, the line with the padding the scan may read.
  std::string padded;
  auto scan = [&](const std::string& line, internal::ScannedLine& out) {
    padded = line + std::string(internal::kLinePadding, ' ');
    return internal::ScanCheckedLine(std::string_view(padded.data(), line.size()), out);
  };
  internal::ScannedLine line;
  REQUIRE(scan(R"( {"id": "L1", "achievements": [{"type": "gcse", "grade": 4, "x": null}, {}]})",
               line));
  CHECK(line.learner);
  CHECK(line.id == "L1");
  CHECK(line.offset == 1);
  CHECK(line.id_offset == 8);
  REQUIRE(line.rows.size() == 2);
  CHECK(line.rows[0].offset == 31);
  REQUIRE(line.members.size() == 3);
  CHECK(line.members[0].key == "type");
  CHECK(line.members[0].text == "gcse");
  CHECK(line.members[0].offset == 40);
  CHECK(line.members[1].text == "4");
  CHECK(line.members[2].text.empty());
  CHECK(line.rows[1].first == line.rows[1].end);

  REQUIRE(scan(R"({"learner": "L1", "grade": "4"})", line));
  CHECK_FALSE(line.learner);
  REQUIRE(line.rows.size() == 1);
  CHECK(line.members.size() == 2);

  REQUIRE(scan(R"({"name": {"a": [1, "]"]}, "id": "L1"})", line));
  REQUIRE(line.unknown.size() == 1);
  CHECK(line.unknown[0].key == "name");

  for (const char* declined : {
           R"({"achievements": []})",               // no id
           R"({"id": 7})",                          // an id not a string
           R"({"id": "L1", "id": "L2"})",           // two ids
           R"({"id": "L\u0031"})",                  // an escape
           R"({"id": "L1", "achievements": [7]})",  // a row not an object
           R"({"id": "L1", "achievements": {}})",   // achievements not an array
           R"({"grade": true})",                    // a boolean
           R"({"grade": 1e3})",                     // an exponent
           R"({"grade": 1234567890123456})",        // sixteen digits
           R"({"grade": [4]})",                     // a nested value
           R"({"gr\u0061de": "4"})",                // an escaped key
           R"({})",                                 // an empty object
       }) {
    INFO(declined);
    CHECK_FALSE(scan(declined, line));
  }
}

}  // namespace
}  // namespace accredit
