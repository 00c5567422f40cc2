#include "accredit/diagnostic.h"

#include <doctest/doctest.h>

#include <string>

#include "records_fixture.h"

namespace accredit {
namespace {

std::string RenderAt(const std::string& text, std::uint32_t line, std::uint32_t column,
                     const std::string& message = "bad") {
  SourceSet sources;
  SourceId id = sources.Add("x.csv", text);
  Diagnostics diagnostics;
  diagnostics.Error("bad-row", message, Location{id, line, column, {}});
  return Render(diagnostics.items()[0], sources);
}

}  // namespace

TEST_CASE("a long source line is shown as a window around the caret") {
  const std::string line = std::string(300, 'a') + "X" + std::string(199, 'b');
  CHECK(RenderAt(line + "\n", 1, 301) ==
        "x.csv:1:301: error: bad [bad-row]\n"
        "    1 | ..." +
            std::string(99, 'a') + "X" + std::string(100, 'b') +
            "...\n"
            "      | " +
            std::string(102, ' ') + "^\n");
}

TEST_CASE("a long source line without a column shows its start") {
  const std::string line(1'000'000, 'z');
  CHECK(RenderAt(line, 1, 0) ==
        "x.csv:1: error: bad [bad-row]\n    1 | " + std::string(200, 'z') + "...\n");
}

TEST_CASE("a window never cuts a UTF-8 character in two") {
  std::string line;
  for (int i = 0; i < 150; ++i) line += "\xc3\xa9";  // 300 bytes of 'é'
  std::string out = RenderAt(line, 1, 0);
  // 200 bytes end on a character boundary: 100 whole characters.
  std::string shown;
  for (int i = 0; i < 100; ++i) shown += "\xc3\xa9";
  CHECK(out == "x.csv:1: error: bad [bad-row]\n    1 | " + shown + "...\n");
  out = RenderAt(line, 1, 102);  // column 102 is the second byte of a character
  CHECK(out.find("| ...\xa9") == std::string::npos);
}

TEST_CASE("control characters in user text are shown as '?'") {
  const std::string line = std::string("L1,\x1b[31mred\0,", 13) + "\tx";
  CHECK(RenderAt(line, 1, 4, "unknown subject '\x1b[31mred'\nx.csv:9: error: forged") ==
        "x.csv:1:4: error: unknown subject '?[31mred'?x.csv:9: error: forged [bad-row]\n"
        "    1 | L1,?[31mred?,\tx\n"
        "      |    ^\n");
}

TEST_CASE("spreadsheet columns are lettered A to Z, then AA on") {
  CHECK(ColumnLetters(0) == "A");
  CHECK(ColumnLetters(2) == "C");
  CHECK(ColumnLetters(25) == "Z");
  CHECK(ColumnLetters(26) == "AA");
  CHECK(ColumnLetters(27) == "AB");
  CHECK(ColumnLetters(701) == "ZZ");
  CHECK(ColumnLetters(702) == "AAA");
  CHECK(ColumnLetters(16383) == "XFD");  // Excel's last column
}

TEST_CASE("the field at a byte column counts delimiters outside quotes") {
  const std::string_view line = R"(B1,"Smith, ""Jo""",gcse,,4)";
  CHECK(FieldIndexAt(line, 1) == 0);
  CHECK(FieldIndexAt(line, 4) == 1);   // the opening quote
  CHECK(FieldIndexAt(line, 12) == 1);  // the comma inside the quotes
  CHECK(FieldIndexAt(line, 20) == 2);  // gcse
  CHECK(FieldIndexAt(line, 25) == 3);  // the empty field
  CHECK(FieldIndexAt(line, 26) == 4);
  CHECK(FieldIndexAt("a;b;c", 5, ';') == 2);
  CHECK(FieldIndexAt("a,b", 99) == 1);  // past the end: the last field
}

TEST_CASE("a diagnostic in a worksheet names the cell, or the row, and elsewhere the line") {
  SourceSet sources;
  const SourceId sheet =
      sources.AddSheet("results.xlsx", "KS5", "learner,type,grade\nB1,gcse,\"4*\"\nB2,gcse,5\n");
  const SourceId dropped = sources.AddSheet("big.xlsx", "Year 13", "");
  const SourceId csv = sources.Add("results.csv", "learner,type,grade\nB1,gcse,4*\n");
  CHECK(sources.Get(sheet).name == "results.xlsx[KS5]");
  CHECK(sources.Get(sheet).file() == "results.xlsx");
  CHECK(sources.Get(csv).file() == "results.csv");
  Diagnostics diagnostics;
  diagnostics.Error("bad-grade", "grade '4*' is not on the gcse scale", Location{sheet, 2, 9, {}})
      .notes.push_back(Note{"the same row is here", Location{sheet, 3, 0, {}}});
  diagnostics.Warning("duplicate-row", "duplicate row", Location{sheet, 3, 0, {}});
  diagnostics.Error("bad-grade", "bad", Location{dropped, 12, 9, {}});
  diagnostics.Error("bad-grade", "bad", Location{csv, 2, 9, {}});
  diagnostics.Error("missing-column", "missing 'learner' column", Location{sheet, 0, 0, {}});
  CHECK(testing::RenderAll(diagnostics, sources, true) ==
        "results.xlsx[KS5]!C2: error: grade '4*' is not on the gcse scale [bad-grade]\n"
        "    2 | B1,gcse,\"4*\"\n"
        "      |         ^\n"
        "results.xlsx[KS5] row 3: note: the same row is here\n"
        "results.xlsx[KS5] row 3: warning: duplicate row [duplicate-row]\n"
        "    3 | B2,gcse,5\n"
        "big.xlsx[Year 13] row 12: error: bad [bad-grade]\n"
        "results.csv:2:9: error: bad [bad-grade]\n"
        "    2 | B1,gcse,4*\n"
        "      |         ^\n"
        "results.xlsx[KS5]: error: missing 'learner' column [missing-column]\n");
  CHECK(FormatCell(Location{sheet, 2, 9, {}}, sources) == "C2");
  CHECK(FormatCell(Location{csv, 2, 9, {}}, sources).empty());
}

TEST_CASE("the lines of learner records are shown only when asked for") {
  SourceSet sources;
  const SourceId sheet =
      sources.AddSheet("results.xlsx", "KS5", "learner,name,grade\nB1,Ann Lee,4*\n");
  const SourceId csv = sources.Add("results.csv", "learner,name,grade\nB1,Ann Lee,4*\n");
  sources.SetPersonal(csv);
  const SourceId rules = sources.Add("rules.yaml", "scale: gcse-91\n");
  CHECK(sources.Get(sheet).personal);
  CHECK(sources.Get(csv).personal);
  CHECK_FALSE(sources.Get(rules).personal);
  Diagnostics diagnostics;
  diagnostics.Error("bad-grade", "grade '4*' is not on the gcse scale", Location{sheet, 2, 12, {}});
  diagnostics.Error("bad-grade", "grade '4*' is not on the gcse scale", Location{csv, 2, 12, {}});
  diagnostics.Error("unknown-scale", "unknown scale", Location{rules, 1, 8, {}});
  RenderOptions options;
  std::string out;
  for (const Diagnostic& d : diagnostics.items()) out += Render(d, sources, options);
  CHECK(out ==
        "results.xlsx[KS5]!C2: error: grade '4*' is not on the gcse scale [bad-grade]\n"
        "results.csv:2:12: error: grade '4*' is not on the gcse scale [bad-grade]\n"
        "rules.yaml:1:8: error: unknown scale [unknown-scale]\n"
        "    1 | scale: gcse-91\n"
        "      |        ^\n");
  CHECK(out.find("Ann Lee") == std::string::npos);
  options.personal_lines = true;
  out.clear();
  for (const Diagnostic& d : diagnostics.items()) out += Render(d, sources, options);
  CHECK(out.find("    2 | B1,Ann Lee,4*\n") != std::string::npos);
}

TEST_CASE("only errors not yet marked are marked as rejecting a row or an input") {
  Diagnostics diagnostics;
  diagnostics.Error("bad-grade", "a", Location{});
  diagnostics.Warning("unknown-subject", "b", Location{});
  diagnostics.Error("bad-date", "c", Location{});
  CHECK(diagnostics.MarkRejected(1, Rejected::kRow, "B7") == 1);
  CHECK(diagnostics.MarkRejected(0, Rejected::kInput) == 1);
  const std::vector<Diagnostic>& items = diagnostics.items();
  CHECK(items[0].rejected == Rejected::kInput);
  CHECK(items[0].learner.empty());
  CHECK(items[1].rejected == Rejected::kNothing);
  CHECK(items[2].rejected == Rejected::kRow);
  CHECK(items[2].learner == "B7");
}

}  // namespace accredit
