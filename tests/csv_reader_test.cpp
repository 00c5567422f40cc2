#include "accredit/csv_reader.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "records_fixture.h"

namespace accredit {
namespace {

std::string Escaped(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else {
      out += c;
    }
  }
  return out;
}

std::string Join(std::span<const CsvField> fields) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += '|';
    out += Escaped(fields[i].text);
  }
  return out;
}

// The header and rows as "line: a|b|c" (a rejected row as "line! " and the fields read before
// its fault), and the diagnostics rendered; counts every row as ok or rejected.
struct Read {
  std::string rows;
  std::string diagnostics;
  int ok = 0;
  int rejected = 0;
};

Read ReadAll(const std::string& input, const CsvOptions& options = {}) {
  SourceSet sources;
  SourceId id = sources.Add("records.csv", input);
  Diagnostics diagnostics;
  Read read;
  CsvReader reader(sources.Get(id).text, id, diagnostics, options);
  if (reader.ReadHeader()) read.rows += "header: " + Join(reader.header()) + "\n";
  CsvRow row;
  while (reader.Next(row)) {
    read.rows += std::to_string(row.line) + (row.ok ? ": " : "! ") + Join(row.fields) + "\n";
    ++(row.ok ? read.ok : read.rejected);
  }
  read.diagnostics = testing::RenderAll(diagnostics, sources);
  return read;
}

struct Case {
  const char* name;
  std::string input;
  std::string rows;
  std::string diagnostics;
  CsvOptions options = {};
};

CsvOptions Limits(std::size_t field, std::size_t record, std::size_t columns) {
  CsvOptions options;
  options.max_field_bytes = field;
  options.max_record_bytes = record;
  options.max_columns = columns;
  return options;
}

}  // namespace

TEST_CASE("the CSV reader splits well-formed input into a header and rows") {
  const std::vector<Case> cases = {
      {"plain LF", "learner,type\nL1,gcse\nL2,a-level\n",
       "header: learner|type\n2: L1|gcse\n3: L2|a-level\n", ""},
      {"no final newline", "learner,type\nL1,gcse", "header: learner|type\n2: L1|gcse\n", ""},
      {"UTF-8 byte order mark", "\xef\xbb\xbflearner,type\nL1,gcse\n",
       "header: learner|type\n2: L1|gcse\n", ""},
      {"CRLF", "learner,type\r\nL1,gcse\r\nL2,gcse\r\n",
       "header: learner|type\n2: L1|gcse\n3: L2|gcse\n", ""},
      {"quoted comma", "learner,title\nL1,\"Maths, Further\"\n",
       "header: learner|title\n2: L1|Maths, Further\n", ""},
      {"doubled quotes", "learner,title\nL1,\"the \"\"best\"\" one\",\n",
       "header: learner|title\n2: L1|the \"best\" one\n", ""},
      {"doubled quotes in two fields of a row", "a,b\n\"x\"\"\",\"\"\"y\"\n",
       "header: a|b\n2: x\"|\"y\n", ""},
      {"newline in quotes", "learner,title,grade\nL1,\"two\nlines\",4\nL2,x,5\n",
       "header: learner|title|grade\n2: L1|two\\nlines|4\n4: L2|x|5\n", ""},
      {"CRLF in quotes is kept", "a,b\r\nL1,\"x\r\ny\"\r\n", "header: a|b\n2: L1|x\\r\\ny\n", ""},
      {"blank lines", "\nlearner,type\n\nL1,gcse\n\r\n  \n,\nL2,gcse\n\n",
       "header: learner|type\n4: L1|gcse\n8: L2|gcse\n", ""},
      {"trailing delimiters", "learner,type,\nL1,gcse,\nL2,gcse\nL3,gcse,,\n",
       "header: learner|type\n2: L1|gcse\n3: L2|gcse\n4: L3|gcse\n", ""},
      {"empty fields", "a,b,c\n,,x\n", "header: a|b|c\n2: ||x\n", ""},
      {"a quote inside an unquoted field is text", "a,b\nL1,5'11\"\n",
       "header: a|b\n2: L1|5'11\"\n", ""},
      {"spaces after a closing quote", "a,b\n\"x\"  ,y\n", "header: a|b\n2: x|y\n", ""},
      {"multi-byte UTF-8", "a,b\nL1,caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\n",
       "header: a|b\n2: L1|caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\n", ""},
      {"empty input", "", "", ""},
      {"only blank lines", "\n\r\n\n", "", ""},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    Read read = ReadAll(c.input, c.options);
    CHECK(read.rows == c.rows);
    CHECK(read.diagnostics == c.diagnostics);
    CHECK(read.rejected == 0);
  }
}

TEST_CASE("the CSV reader rejects malformed rows with one error each and carries on") {
  const std::vector<Case> cases = {
      {"unterminated quote", "learner,title\nL1,\"open\nL2,x\n",
       "header: learner|title\n2! L1\n3: L2|x\n",
       "records.csv:2:4: error: quoted field is never closed [bad-quote]\n"},
      {"unterminated quote of only quotes", "a,b\n\"\"\"\"\"\nL2,x\n",
       "header: a|b\n2! \n3: L2|x\n",
       "records.csv:2:1: error: quoted field is never closed [bad-quote]\n"},
      {"text after a closing quote", "learner,title\nL1,\"a\"b,c\nL2,x\n",
       "header: learner|title\n2! L1\n3: L2|x\n",
       "records.csv:2:7: error: unexpected text after a closing quote [bad-quote]\n"},
      {"invalid UTF-8", "learner,title\nL1,caf\xe9\nL2,ok\n",
       "header: learner|title\n2! L1\n3: L2|ok\n",
       "records.csv:2:4: error: column 'title' is not valid UTF-8 [bad-utf8]\n"},
      {"overlong UTF-8", "a,b\n\xc0\xaf,x\n", "header: a|b\n2! \n",
       "records.csv:2:1: error: column 'a' is not valid UTF-8 [bad-utf8]\n"},
      {"UTF-8 surrogate", "a,b\nx,\xed\xa0\x80\n", "header: a|b\n2! x\n",
       "records.csv:2:3: error: column 'b' is not valid UTF-8 [bad-utf8]\n"},
      {"truncated UTF-8 at the end", "a,b\nx,\xe2\x82", "header: a|b\n2! x\n",
       "records.csv:2:3: error: column 'b' is not valid UTF-8 [bad-utf8]\n"},
      // Past the first eight bytes, where ASCII is checked a word at a time.
      {"invalid UTF-8 after ASCII words", "a,b\nx,abcdefghijklmnopq\xe9rs\n", "header: a|b\n2! x\n",
       "records.csv:2:3: error: column 'b' is not valid UTF-8 [bad-utf8]\n"},
      {"invalid UTF-8 as the last byte of a word", "a,b\nx,abcdefg\xff\n", "header: a|b\n2! x\n",
       "records.csv:2:3: error: column 'b' is not valid UTF-8 [bad-utf8]\n"},
      {"UTF-8 after ASCII words", "a,b\nx,abcdefghijklmnop\xc3\xa9z\n",
       "header: a|b\n2: x|abcdefghijklmnop\xc3\xa9z\n", ""},
      {"too few fields", "learner,type,grade\nL1,gcse\nL2,gcse,4\n",
       "header: learner|type|grade\n2! L1|gcse\n3: L2|gcse|4\n",
       "records.csv:2: error: expected 3 fields, got 2 [bad-row]\n"},
      {"too many fields", "learner,type\nL1,gcse,4\n", "header: learner|type\n2! L1|gcse|4\n",
       "records.csv:2: error: expected 2 fields, got 3 [bad-row]\n"},
      {"field too long", "learner,title\nL1,123456789\nL2,12345678\n",
       "header: learner|title\n2! L1\n3: L2|12345678\n",
       "records.csv:2:4: error: column 'title' is 9 bytes long, more than 8 [field-too-long]\n",
       Limits(8, 1024, 256)},
      {"quoted field too long", "a,b\nL1,\"1234\"\"5678\"\nL2,x\n", "header: a|b\n2! L1\n3: L2|x\n",
       "records.csv:2:4: error: column 'b' is 9 bytes long, more than 8 [field-too-long]\n",
       Limits(8, 1024, 256)},
      {"line too long", "learner,title\nL1,aaaaaaaaaaaaaaaaaaaa\nL2,b\n",
       "header: learner|title\n2! L1\n3: L2|b\n",
       "records.csv:2:1: error: record is longer than 16 bytes [line-too-long]\n",
       Limits(4096, 16, 256)},
      {"quoted record too long resumes on the next line", "a,b\nL1,\"x\ny\nzzzzzzzzzzzz\"\nL2,c\n",
       "header: a|b\n2! L1\n3! y\n4! zzzzzzzzzzzz\"\n5: L2|c\n",
       "records.csv:2:1: error: record is longer than 16 bytes [line-too-long]\n"
       "records.csv:3: error: expected 2 fields, got 1 [bad-row]\n"
       "records.csv:4: error: expected 2 fields, got 1 [bad-row]\n",
       Limits(4096, 16, 256)},
      {"too many columns", "a,b\nL1,x,y,z\nL2,x\n", "header: a|b\n2! L1|x\n3: L2|x\n",
       "records.csv:2:6: error: more than 2 fields in a record [too-many-columns]\n",
       Limits(4096, 1024, 2)},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    Read read = ReadAll(c.input, c.options);
    CHECK(read.rows == c.rows);
    CHECK(read.diagnostics == c.diagnostics);
  }
}

TEST_CASE("the CSV reader refuses UTF-16 and CR-only input once and reads nothing") {
  const std::vector<Case> cases = {
      {"UTF-16 little-endian", std::string("\xff\xfel\0,\0t\0\n\0", 10), "",
       "records.csv: error: the input is UTF-16 (little-endian byte order mark); save it as "
       "UTF-8 [bad-encoding]\n"},
      {"UTF-16 big-endian", std::string("\xfe\xff\0l\0,\0t\0\n", 10), "",
       "records.csv: error: the input is UTF-16 (big-endian byte order mark); save it as UTF-8 "
       "[bad-encoding]\n"},
      {"NUL bytes without a byte order mark", std::string("l\0,\0t\0\n\0L\0", 10), "",
       "records.csv: error: the input contains NUL bytes: it may be UTF-16 or not text; save it "
       "as UTF-8 [bad-encoding]\n"},
      {"classic Mac line endings", "learner,type\rL1,gcse\r", "",
       "records.csv: error: the input's lines end in CR alone (classic Mac line endings); save "
       "it with LF or CRLF line endings [bad-encoding]\n"},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    Read read = ReadAll(c.input, c.options);
    CHECK(read.rows == c.rows);
    CHECK(read.diagnostics == c.diagnostics);
    CHECK(read.ok + read.rejected == 0);
  }
}

TEST_CASE("a malformed header fails the header but rows are still walked for counting") {
  Read read = ReadAll("learner,\"type\nL1,gcse\nL2,gcse,4\n");
  CHECK(read.rows == "2: L1|gcse\n3: L2|gcse|4\n");
  CHECK(read.diagnostics == "records.csv:1:9: error: quoted field is never closed [bad-quote]\n");
}

TEST_CASE("fields carry the line and byte column they start at") {
  SourceSet sources;
  SourceId id = sources.Add("r.csv",
                            "\xef\xbb\xbf"
                            "a,bb,c\r\nx,\"y\nz\",w\n\n  p,\"q\",\n");
  Diagnostics diagnostics;
  CsvReader reader(sources.Get(id).text, id, diagnostics);
  REQUIRE(reader.ReadHeader());
  REQUIRE(reader.header().size() == 3);
  CHECK(reader.header()[1].line == 1);
  CHECK(reader.header()[1].column == 3);  // after the byte order mark
  CsvRow row;
  REQUIRE(reader.Next(row));
  CHECK(row.line == 2);
  REQUIRE(row.fields.size() == 3);
  CHECK(row.fields[1].column == 3);
  CHECK(row.fields[2].line == 3);
  CHECK(row.fields[2].column == 4);
  REQUIRE(reader.Next(row));
  CHECK(row.line == 5);
  REQUIRE(row.fields.size() == 3);
  CHECK(row.fields[0].text == "  p");
  CHECK(row.fields[1].column == 5);
  CHECK_FALSE(reader.Next(row));
  CHECK(diagnostics.empty());
}

// Unquoted ASCII records are split eight bytes at a time (CsvReader::ParsePlainRecord): every
// record of short fields over an alphabet with the delimiter, spaces and lone CRs, against a
// plain split of each line, fields and columns alike.
TEST_CASE("unquoted records split the same at every position in a word") {
  const std::string alphabet = "ab, \r";
  std::uint64_t state = 20261123;
  const auto next = [&state](std::size_t bound) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<std::size_t>(state >> 33) % bound;
  };
  for (int round = 0; round < 1000; ++round) {
    std::string text;
    const std::size_t lines = 1 + next(4);
    for (std::size_t l = 0; l < lines; ++l) {
      const std::size_t length = next(40);  // over two of the widest blocks (swar.h)
      for (std::size_t i = 0; i < length; ++i) text += alphabet[next(alphabet.size())];
      if (l + 1 < lines || next(2) == 0) text += next(3) == 0 ? "\r\n" : "\n";
    }
    // CRs and no LF at all is refused as classic Mac line endings (tested above).
    if (text.find('\n') == std::string::npos) text += '\n';
    // The expected records: each line (a CR before its LF dropped) split at the delimiter,
    // empty and all-blank lines skipped.
    std::string expected;
    std::size_t start = 0;
    for (std::uint32_t line = 1; start < text.size(); ++line) {
      std::size_t newline = text.find('\n', start);
      std::size_t end = newline == std::string::npos ? text.size() : newline;
      if (newline != std::string::npos && end > start && text[end - 1] == '\r') --end;
      const std::string record = text.substr(start, end - start);
      start = newline == std::string::npos ? text.size() : newline + 1;
      if (record.find_first_not_of(" ,") == std::string::npos) continue;
      expected += std::to_string(line) + ":";
      std::size_t field = 0;
      for (std::size_t i = 0; i <= record.size(); ++i) {
        if (i < record.size() && record[i] != ',') continue;
        expected +=
            " " + std::to_string(field + 1) + "=" + Escaped(record.substr(field, i - field));
        field = i + 1;
      }
      expected += "\n";
    }
    Diagnostics diagnostics;
    CsvReader reader(text, 0, diagnostics);
    std::string actual;
    CsvRow row;
    while (reader.Next(row)) {
      actual += std::to_string(row.line) + ":";
      for (const CsvField& f : row.fields) {
        CHECK(f.line == row.line);
        actual += " " + std::to_string(f.column) + "=" + Escaped(f.text);
      }
      actual += "\n";
    }
    INFO("input: ", Escaped(text));
    CHECK(actual == expected);
    CHECK(diagnostics.empty());
  }
}

TEST_CASE("fields without doubled quotes point into the caller's buffer") {
  std::string text = "a,b\n\"x,y\",z\n";
  Diagnostics diagnostics;
  CsvReader reader(text, 0, diagnostics);
  REQUIRE(reader.ReadHeader());
  CsvRow row;
  REQUIRE(reader.Next(row));
  CHECK(row.fields[0].text.data() == text.data() + 5);
  CHECK(row.fields[1].text.data() == text.data() + 10);
}

TEST_CASE("a caret marks the field a CSV error is about") {
  SourceSet sources;
  SourceId id = sources.Add("records.csv", "learner,grade\nL1,\"4\" x\n");
  Diagnostics diagnostics;
  CsvReader reader(sources.Get(id).text, id, diagnostics);
  REQUIRE(reader.ReadHeader());
  CsvRow row;
  REQUIRE(reader.Next(row));
  CHECK_FALSE(row.ok);
  CHECK(testing::RenderAll(diagnostics, sources, true) ==
        "records.csv:2:8: error: unexpected text after a closing quote [bad-quote]\n"
        "    2 | L1,\"4\" x\n"
        "      |        ^\n");
}

}  // namespace accredit
