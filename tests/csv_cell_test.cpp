// A CSV output cell: RFC 4180 quoting, and no formula a spreadsheet would run.
#include "base/csv_cell.h"

#include <doctest/doctest.h>

namespace accredit::internal {
namespace {

TEST_CASE("a CSV cell is quoted only when it must be") {
  CHECK(CsvCell("F0001") == "F0001");
  CHECK(CsvCell("") == "");
  CHECK(CsvCell("Smith, Jo") == "\"Smith, Jo\"");
  CHECK(CsvCell("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(CsvCell("two\nlines") == "\"two\nlines\"");
}

TEST_CASE("a cell a spreadsheet would run as a formula is made text") {
  CHECK(CsvCell("=HYPERLINK(\"http://x\",\"click\")") ==
        "\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\"");
  CHECK(CsvCell("+44 7700") == "'+44 7700");
  CHECK(CsvCell("-2+3") == "'-2+3");
  CHECK(CsvCell("@SUM(A1:A9)") == "'@SUM(A1:A9)");
  CHECK(CsvCell("\tcmd") == "'\tcmd");
  CHECK(CsvCell("\r=1") == "\"'\r=1\"");
  CHECK(CsvCell("-") == "'-");
}

TEST_CASE("a plain number keeps its sign") {
  CHECK(CsvCell("-3") == "-3");
  CHECK(CsvCell("+2.5") == "+2.5");
  CHECK(CsvCell("12") == "12");
  CHECK(CsvCell("a=b") == "a=b");  // only the first character counts
}

TEST_CASE("AppendCsvCell appends what CsvCell gives") {
  for (std::string_view text : {"F0001", "", "Smith, Jo", "say \"hi\"", "two\nlines", "=1+1",
                                "+44 7700", "-3", "-", "@x", "\tcmd", "\r=1", "a=b", "cr\r"}) {
    std::string out = "before,";
    AppendCsvCell(out, text);
    CHECK(out == "before," + CsvCell(text));
  }
}

}  // namespace
}  // namespace accredit::internal
