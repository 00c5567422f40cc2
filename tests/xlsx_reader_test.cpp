// Reading a workbook: every kind of cell as Excel shows it, each sheet as CSV with spreadsheet
// row N on line N, and what is not a workbook refused with a coded error.
#include "records/xlsx_reader.h"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

namespace accredit::internal {
namespace {

std::string Fixture(const std::string& name) {
  std::ifstream in(std::string(ACCREDIT_SOURCE_DIR) + "/tests/xlsx/" + name, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string Codes(const Diagnostics& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics.items()) out += d.code + ": " + d.message + "\n";
  return out;
}

TEST_CASE("a workbook's cells read as Excel shows them, row N on line N") {
  const std::string bytes = Fixture("cell-types.xlsx");
  REQUIRE_FALSE(bytes.empty());
  CHECK(IsXlsx("anything", bytes));
  Diagnostics diagnostics;
  std::vector<XlsxSheet> sheets = ReadXlsxSheets(bytes, "", 1 << 30, kNoSource, diagnostics);
  CHECK(Codes(diagnostics).empty());
  REQUIRE(sheets.size() == 2);
  CHECK(sheets[0].name == "Activities");
  CHECK(sheets[0].csv ==
        "learner,kind,hours,strand,date,title\n"
        "\n"  // row 2 is not in the sheet
        // inline string; shared string; 0.1 in its shortest form; a custom date style; rich
        // text without its phonetic run
        "L1,activity,0.1,leadership-service,2023-03-15,Zo\xc3\xab\n"
        // a formula's cached result; a built-in date style past the false 1900-02-29; a line
        // break in a cell made a space, and the cell quoted
        "L2,activity,12,leadership-service,1900-03-01,\"two lines, \"\"quoted\"\"\"\n"
        // a number in a style that is not a date; the false 1900-02-29; a boolean
        "L3,activity,2.5,leadership-service,1900-02-28,TRUE\n"
        // trailing empty cells left out of the sheet, padded to the header's width
        "L4,activity,3,,,\n");
  CHECK(sheets[1].name == "Notes");
  CHECK(sheets[1].csv == "Exported 1 Dec\n");
}

TEST_CASE("one sheet is chosen by name, and a name the workbook lacks is said") {
  const std::string bytes = Fixture("cell-types.xlsx");
  Diagnostics diagnostics;
  std::vector<XlsxSheet> sheets = ReadXlsxSheets(bytes, "Notes", 1 << 30, kNoSource, diagnostics);
  REQUIRE(sheets.size() == 1);
  CHECK(sheets[0].name == "Notes");
  sheets = ReadXlsxSheets(bytes, "KS5", 1 << 30, kNoSource, diagnostics);
  CHECK(sheets.empty());
  CHECK(Codes(diagnostics) ==
        "bad-workbook: the workbook has no sheet 'KS5' (it has 'Activities', 'Notes')\n");
}

TEST_CASE("what is not a workbook, or too large, is refused with a code") {
  Diagnostics diagnostics;
  CHECK(ReadXlsxSheets("learner\nL1\n", "", 1 << 30, kNoSource, diagnostics).empty());
  CHECK(diagnostics.items().front().code == "bad-workbook");
  Diagnostics small;
  // More than the bytes allowed: refused, never held.
  CHECK(ReadXlsxSheets(Fixture("cell-types.xlsx"), "", 200, kNoSource, small).empty());
  CHECK(small.items().front().code == "too-large");
  CHECK_FALSE(IsXlsx("results.csv", "learner\n"));
  CHECK(IsXlsx("Results.XLSX", ""));
}

TEST_CASE("Excel serial dates count the 1900 leap day that never was") {
  CHECK(ExcelSerialDate(1) == "1900-01-01");
  CHECK(ExcelSerialDate(59) == "1900-02-28");
  CHECK(ExcelSerialDate(60) == "1900-02-28");
  CHECK(ExcelSerialDate(61) == "1900-03-01");
  CHECK(ExcelSerialDate(45000) == "2023-03-15");
  CHECK(ExcelSerialDate(46203.75) == "2026-06-30");  // a time of day is dropped
  CHECK(ExcelSerialDate(2958465) == "9999-12-31");
  CHECK(ExcelSerialDate(0).empty());
  CHECK(ExcelSerialDate(2958466).empty());
}

}  // namespace
}  // namespace accredit::internal
