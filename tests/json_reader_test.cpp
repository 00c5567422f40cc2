#include "accredit/json_reader.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "accredit/column_map.h"
#include "records_fixture.h"

namespace accredit {
namespace {

// Learners as "id: N achievements[, M rejected]" lines, the diagnostics rendered, the JSON
// Pointer of each diagnostic (space separated, "-" for none), and the accounting.
struct Outcome {
  std::string learners;
  std::string diagnostics;
  std::string pointers;
  Accounting accounting;
};

Outcome ReadJson(const std::string& input, const ReadOptions& options = {}) {
  SourceSet sources;
  SourceId id = sources.Add("records.json", input);
  Diagnostics diagnostics;
  RecordSet records =
      ReadJsonRecords(id, sources.Get(id).text, testing::SmallRuleSet(), options, diagnostics);
  Outcome out;
  for (const Learner& learner : records.learners) {
    out.learners += learner.id + ": " + std::to_string(learner.achievements.size());
    if (learner.rejected_rows > 0) out.learners += ", " + std::to_string(learner.rejected_rows);
    out.learners += "\n";
  }
  out.diagnostics = testing::RenderAll(diagnostics, sources);
  for (const Diagnostic& d : diagnostics.items()) {
    if (!out.pointers.empty()) out.pointers += " ";
    out.pointers += d.location.pointer.empty() ? "-" : d.location.pointer;
  }
  out.accounting = records.accounting;
  return out;
}

struct Case {
  const char* name;
  std::string input;
  std::string learners;
  std::string diagnostics;
  std::string pointers;
  std::uint64_t read;
  std::uint64_t used;
  std::uint64_t rejected;
  ReadOptions options = {};
};

void Check(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    INFO(c.name);
    Outcome out = ReadJson(c.input, c.options);
    CHECK(out.learners == c.learners);
    CHECK(out.diagnostics == c.diagnostics);
    CHECK(out.pointers == c.pointers);
    CHECK(out.accounting.rows_read == c.read);
    CHECK(out.accounting.rows_used == c.used);
    CHECK(out.accounting.rows_rejected == c.rejected);
    CHECK(out.accounting.rows_read == out.accounting.rows_used + out.accounting.rows_rejected);
  }
}

}  // namespace

TEST_CASE("three JSON shapes read the same learners") {
  Check({
      {"an array of learners",
       "[{\"id\": \"L1\", \"achievements\": [\n"
       "  {\"type\": \"gcse\", \"subject\": \"mathematics\", \"grade\": 6},\n"
       "  {\"kind\": \"activity\", \"hours\": 12.5, \"strand\": \"creative-cultural\"}]},\n"
       " {\"achievements\": [], \"id\": \"L2\"}]\n",
       "L1: 2\nL2: 0\n", "", "", 2, 2, 0},
      {"JSON Lines",
       "{\"id\": \"L1\", \"achievements\": [{\"type\": \"gcse\", \"grade\": \"4\"}]}\n"
       "\n"
       "{\"id\": \"L2\", \"achievements\": [{\"type\": \"a-level\", \"grade\": \"B\"}]}\r\n"
       "{\"id\": \"L1\", \"achievements\": [{\"type\": \"gcse\", \"grade\": 5}]}\n",
       "L1: 2\nL2: 1\n", "", "", 3, 3, 0},
      {"an array of long-form rows",
       "\xef\xbb\xbf[{\"learner\": \"L2\", \"type\": \"gcse\", \"grade\": 4},\n"
       " {\"Learner\": \"L1\", \"Type\": \"a-level\", \"Grade\": \"A*\", \"qan\": null}]",
       "L2: 1\nL1: 1\n", "", "", 2, 2, 0},
      {"an empty array: an export that came out empty", "[]", "",
       "records.json: error: the input holds no records: no achievement of any learner "
       "[no-rows]\n",
       "-", 0, 0, 0},
      {"one pretty-printed learner",
       "{\n  \"id\": \"L1\",\n  \"achievements\": [\n    {\"type\": \"gcse\", \"grade\": "
       "44}\n  ]\n}\n",
       "L1: 0, 1\n",
       "records.json:4:31: error: grade '44' is not on the gcse scale (U, 1, 2, 3, 4, 5, 6, 7, 8, "
       "9) [bad-grade]\n",
       "/achievements/0/grade", 1, 0, 1},
  });
}

TEST_CASE("JSON rows are located by line, column and pointer") {
  Check({
      {"a bad grade",
       "[{\"id\": \"L1\", \"achievements\": [\n"
       "  {\"type\": \"gcse\", \"grade\": 4},\n"
       "  {\"type\": \"gcse\", \"grade\": 44}]}]",
       "L1: 1, 1\n",
       "records.json:3:29: error: grade '44' is not on the gcse scale (U, 1, 2, 3, 4, 5, 6, 7, 8, "
       "9) [bad-grade]\n",
       "/0/achievements/1/grade", 2, 1, 1},
      {"unknown keys are noted once each and ignored",
       "[{\"id\": \"L1\", \"forename\": \"Ann\", \"achievements\": [\n"
       "  {\"type\": \"gcse\", \"grade\": 4, \"grades\": 5, \"a/b\": 1},\n"
       "  {\"type\": \"gcse\", \"grade\": 5, \"grades\": 6}]}]",
       "L1: 2\n",
       "records.json:1:27: note: ignoring unknown field 'forename' [unknown-field]\n"
       "records.json:2:42: note: ignoring unknown field 'grades' [unknown-field]\n"
       "note: did you mean 'grade'?\n"
       "records.json:2:52: note: ignoring unknown field 'a/b' [unknown-field]\n",
       "/0/forename /0/achievements/0/grades /0/achievements/0/a~1b", 2, 2, 0},
      {"duplicate rows and merged learners",
       "[{\"id\": \"L1\", \"achievements\": [{\"type\": \"gcse\", \"grade\": 4}]},\n"
       " {\"id\": \"L1\", \"achievements\": [{\"grade\": \"4\", \"type\": \"gcse\"}]}]",
       "L1: 1\n",
       "records.json:2:32: warning: duplicate row for learner 'L1': skipped [duplicate-row]\n"
       "records.json:1:32: note: the same row is here\n",
       "/1/achievements/0", 2, 1, 1},
  });
}

TEST_CASE("JSON values must be strings, numbers or null") {
  Check({
      {"a boolean, an object, an array",
       "[{\"learner\": \"L1\", \"type\": \"gcse\", \"grade\": true},\n"
       " {\"learner\": \"L1\", \"type\": {\"x\": 1}, \"grade\": 4},\n"
       " {\"learner\": \"L1\", \"type\": \"gcse\", \"grade\": [4]}]",
       "L1: 0, 3\n",
       "records.json:1:45: error: 'grade' must be a string or a number, got true or false "
       "[bad-value]\n"
       "records.json:2:28: error: 'type' must be a string or a number, got an object "
       "[bad-value]\n"
       "records.json:3:45: error: 'grade' must be a string or a number, got an array "
       "[bad-value]\n",
       "/0/grade /1/type /2/grade", 3, 0, 3},
      {"a huge number", "[{\"learner\": \"L1\", \"kind\": \"activity\", \"hours\": 1e400}]",
       "L1: 0, 1\n",
       "records.json:1:49: error: number 1e400 of 'hours' is out of range [bad-number]\n",
       "/0/hours", 1, 0, 1},
      {"a field twice, a learner named twice",
       "[{\"id\": \"L1\", \"achievements\": [{\"type\": \"gcse\", \"grade\": 4, \"Grade\": 5},\n"
       "  {\"learner\": \"L2\", \"type\": \"gcse\", \"grade\": 4}, {\"learner\": \"L1\", "
       "\"type\": \"gcse\", \"grade\": 6}]}]",
       "L1: 1, 2\n",
       "records.json:1:70: error: field 'grade' is given twice [bad-value]\n"
       "records.json:2:15: error: achievement names learner 'L2' inside learner 'L1' "
       "[bad-value]\n",
       "/0/achievements/0/Grade /0/achievements/1/learner", 3, 1, 2},
      {"elements that are not objects",
       "[{\"id\": \"L1\", \"achievements\": [4, {\"type\": \"gcse\", \"grade\": 4}]},\n"
       " \"L2\",\n {\"id\": \"L3\", \"achievements\": {}}]",
       "L1: 1, 1\nL3: 0, 1\n",
       "records.json:1:32: error: expected an achievement object, got a number [bad-value]\n"
       "records.json:2:2: error: expected a learner or row object, got a string [bad-value]\n"
       "records.json:3:31: error: 'achievements' must be an array, got an object [bad-value]\n",
       "/0/achievements/0 /1 /2/achievements", 4, 1, 3},
      {"a learner without an id",
       "[{\"achievements\": [{\"type\": \"gcse\", \"grade\": 4}, {\"type\": \"gcse\"}]},\n"
       " {\"id\": \" \", \"achievements\": []}]",
       "",
       "records.json:1:2: error: learner object has no 'id' [missing-field]\n"
       "records.json:2:9: error: learner 'id' is empty [missing-field]\n",
       "/0 /1/id", 2, 0, 2},
  });
}

TEST_CASE("broken JSON is one rejected row, located where possible") {
  Check({
      {"missing comma", "[{\"learner\": \"L1\", \"type\": \"gcse\", \"grade\": 4}\n {\"x\": 1}]",
       "",
       "records.json:2:2: error: invalid JSON: a comma, colon, key or value is missing or out "
       "of place [bad-json]\n",
       "-", 1, 0, 1},
      {"unclosed string", "[{\"learner\": \"L1}]", "",
       "records.json:1:14: error: a string is never closed [bad-json]\n", "-", 1, 0, 1},
      {"line break in a string", "[{\"learner\": \"L1\n\"}]", "",
       "records.json:1:17: error: a control character inside a string must be escaped "
       "[bad-json]\n",
       "-", 1, 0, 1},
      {"mismatched bracket", "[{\"learner\": \"L1\"]]", "",
       "records.json:1:18: error: expected '}' before ']' [bad-json]\n", "-", 1, 0, 1},
      {"text after the end", "[]\n[]", "",
       "records.json:2:1: error: unexpected text after the end of the JSON value [bad-json]\n", "-",
       1, 0, 1},
      {"bad literal", "[{\"learner\": tru}]", "",
       "records.json:1:14: error: invalid JSON: expected a value (a string, number, object, "
       "array, true, false or null) [bad-json]\n",
       "-", 1, 0, 1},
      {"bad number", "[{\"learner\": \"L1\", \"hours\": 01}]", "",
       "records.json:1:29: error: invalid JSON: invalid number [bad-json]\n", "-", 1, 0, 1},
      {"invalid UTF-8", "[{\"learner\": \"caf\xe9\"}]", "",
       "records.json:1:18: error: the input is not valid UTF-8 [bad-utf8]\n", "-", 1, 0, 1},
      {"not a shape", "\"L1\"", "",
       "records.json:1:1: error: expected a JSON array of learners or rows, or JSON Lines of "
       "learner objects [bad-json]\n",
       "-", 1, 0, 1},
      {"empty", " \n", "", "records.json: error: the input is empty: expected JSON [bad-json]\n",
       "-", 0, 0, 0},
      {"one bad line of JSON Lines",
       "{\"id\": \"L1\", \"achievements\": [{\"type\": \"gcse\", \"grade\": 4}]}\n"
       "{\"id\": \"L2\", \"achievements\": [{\"type\": \"gcse\" \"grade\": 4}]}\n"
       "{\"id\": \"L3\", \"achievements\": [{\"type\": \"gcse\", \"grade\": 4}]}\n",
       "L1: 1\nL3: 1\n",
       "records.json:2:47: error: invalid JSON: a comma, colon, key or value is missing or out "
       "of place [bad-json]\n",
       "-", 3, 2, 1},
  });
}

TEST_CASE("JSON bounds: nesting depth and rows per learner") {
  ReadOptions shallow;
  shallow.max_json_depth = 3;
  ReadOptions few;
  few.max_learner_rows = 2;
  Check({
      {"too deep", "[{\"id\": \"L1\", \"achievements\": [{\"title\": [[1]]}]}]", "",
       "records.json:1:32: error: nesting is deeper than the limit of 3 [too-deep]\n", "-", 1, 0, 1,
       shallow},
      // JSON Lines are checked another way (simdjson's DOM parser), to the same limit: a line
      // as deep as the limit is read, one deeper is refused.
      {"JSON Lines: as deep as the limit, then deeper",
       "{\"id\": \"L1\", \"achievements\": [{\"type\": \"gcse\", \"grade\": 4}]}\n"
       "{\"id\": \"L2\", \"achievements\": [{\"type\": \"gcse\", \"title\": [4]}]}\n",
       "L1: 1\n", "records.json:2:57: error: nesting is deeper than the limit of 3 [too-deep]\n",
       "-", 2, 1, 1, shallow},
      {"too many rows for one learner",
       "[{\"id\": \"L1\", \"achievements\": [{\"type\": \"gcse\", \"grade\": 4},\n"
       " {\"type\": \"gcse\", \"grade\": 5}, {\"type\": \"gcse\", \"grade\": 6},\n"
       " {\"type\": \"gcse\", \"grade\": 7}]}, {\"id\": \"L2\", \"achievements\": [{\"type\": "
       "\"gcse\", \"grade\": 4}]}]",
       "L1: 2, 2\nL2: 1\n",
       "records.json:2:32: error: learner 'L1' has more than 2 rows: the rest are rejected "
       "[too-large]\n",
       "/0/achievements/2", 5, 3, 2, few},
  });
}

TEST_CASE("identifiers in JSON are checked like in CSV") {
  Check({
      {"UPN and QAN",
       "[{\"id\": \"A801200005001\", \"achievements\": [{\"type\": \"gcse\", \"grade\": 4, "
       "\"qan\": \"601/8758/1\"}]}]",
       "A801200005001: 1\n",
       "records.json:1:9: warning: bad check letter in UPN 'A801200005001': expected 'B' "
       "[bad-check-character]\n"
       "records.json:1:79: warning: bad check character in qan '601/8758/1': expected 'X' "
       "[bad-check-character]\n",
       "/0/id /0/achievements/0/qan", 1, 1, 0},
  });
}

TEST_CASE("a mapping's values, constants and dates apply to JSON rows") {
  SourceSet sources;
  Diagnostics diagnostics;
  const char* text =
      "accredit-map: 1\n"
      "values: {subject: {Maths: mathematics}, type: {\"GCSE (9-1)\": gcse}}\n"
      "set: {kind: qualification}\n"
      "dates: dd/mm/yyyy\n";
  std::optional<ColumnMap> map = LoadColumnMap(sources.Add("m.map.yaml", text), text, diagnostics);
  REQUIRE(map);
  ReadOptions options;
  options.map = &*map;
  Check({
      {"mapped",
       "[{\"learner\": \"L1\", \"type\": \"GCSE (9-1)\", \"subject\": \" maths\", \"grade\": 4, "
       "\"date\": \"22/08/2024\"},\n"
       " {\"learner\": \"L1\", \"type\": \"gcse\", \"grade\": 4, \"date\": \"2024-22-08\"}]",
       "L1: 1, 1\n",
       "records.json:2:56: error: date '2024-22-08' is not a date like 22/08/2024 (day/month/year) "
       "[bad-date]\n",
       "/1/date", 2, 1, 1, options},
  });
}

// Keys and strings without an escape are read in place, the rest unescaped: both must read the
// same, and a field found through an escaped key is located by its key as written unescaped.
TEST_CASE("JSON keys and strings with escapes read as their plain forms") {
  Check({
      {"escaped and plain rows of one learner",
       "{\"id\": \"L\\u0031\", \"achievements\": [\n"
       "  {\"ty\\u0070e\": \"gcse\", \"subject\": \"mathematics\", \"grade\": \"\\u0034\"},\n"
       "  {\"type\": \"g\\u0063se\", \"subject\": \"english-language\", \"gr\\u0061de\": "
       "\"4\\u0034\"},\n"
       "  {\"type\": \"gcse\", \"subject\": \"mathematics\", \"grade\": \"4\"}]}\n",
       "L1: 1, 1\n",
       "records.json:3:70: error: grade '44' is not on the gcse scale (U, 1, 2, 3, 4, 5, 6, 7, 8, "
       "9) [bad-grade]\n"
       "records.json:4:3: warning: duplicate row for learner 'L1': skipped [duplicate-row]\n"
       "records.json:2:3: note: the same row is here\n",
       "/achievements/1/grade /achievements/2", 3, 1, 2},
  });
}

// Found by fuzzing (tests/fuzz/regressions/json_reader/): each pass over a learner object's
// keys used to unescape them again into the parser's string buffer, which has room for one
// unescaping of the document, and overflowed it when long keys made up most of the line.
TEST_CASE("long keys in a learner object are read without overflowing the parser") {
  const std::string key(400, 'p');
  const std::string escaped = "\\u0070" + std::string(300, 'p') + "\\n";
  for (const std::string& input :
       {"{\"id\": \"L1\", \"" + key +
            "\": 1, \"achievements\": [{\"type\": \"gcse\", \"grade\": 4}]}\n",
        "{\"" + key + "\": [], \"id\": \"L1\", \"" + key + "x\": {}}\n",
        "{\"id\": \"L1\", \"" + escaped + "\": 1, \"" + escaped + "2\": 2}\n"}) {
    Outcome out = ReadJson(input);
    CHECK(out.learners.starts_with("L1: "));
    CHECK(out.diagnostics.find("[unknown-field]") != std::string::npos);
    CHECK(out.accounting.rows_read == out.accounting.rows_used + out.accounting.rows_rejected);
  }
}

}  // namespace accredit
