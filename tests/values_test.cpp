#include "accredit/values.h"

#include <doctest/doctest.h>

namespace accredit {

TEST_CASE("levels parse in every common spelling and order entry below level 1") {
  CHECK(ParseLevel("entry1")->value == -2);
  CHECK(ParseLevel("Entry 3")->value == 0);
  CHECK(ParseLevel("E2")->value == -1);
  CHECK(ParseLevel("3")->value == 3);
  CHECK(ParseLevel("Level 2")->value == 2);
  CHECK(ParseLevel("L8")->value == 8);
  CHECK_FALSE(ParseLevel("9").has_value());
  CHECK_FALSE(ParseLevel("entry4").has_value());
  CHECK_FALSE(ParseLevel("").has_value());
  CHECK(*ParseLevel("entry3") < *ParseLevel("1"));
  CHECK(FormatLevel(*ParseLevel("entry2")) == "entry2");
  CHECK(DescribeLevel(*ParseLevel("3")) == "Level 3");
}

TEST_CASE("dates are strict ISO calendar dates and round-trip") {
  CHECK(FormatDate(*ParseDate("2025-09-01")) == "2025-09-01");
  CHECK(ParseDate("2024-02-29").has_value());
  CHECK_FALSE(ParseDate("2023-02-29").has_value());
  CHECK_FALSE(ParseDate("2025-13-01").has_value());
  CHECK_FALSE(ParseDate("01/09/2025").has_value());
  CHECK_FALSE(ParseDate("2025-9-1").has_value());
  CHECK(ParseDate("1970-01-01")->days == 0);
  CHECK(ParseDate("2025-09-01")->days + 1 == ParseDate("2025-09-02")->days);
}

TEST_CASE("numbers are finite decimals only") {
  CHECK(*ParseNumber("12.5") == doctest::Approx(12.5));
  CHECK(*ParseNumber("-3") == doctest::Approx(-3));
  CHECK(*ParseNumber("+4") == doctest::Approx(4));
  CHECK_FALSE(ParseNumber("nan").has_value());
  CHECK_FALSE(ParseNumber("inf").has_value());
  CHECK_FALSE(ParseNumber("0x10").has_value());
  CHECK_FALSE(ParseNumber("12 hours").has_value());
  CHECK_FALSE(ParseNumber("").has_value());
}

TEST_CASE("field names map both ways") {
  for (std::string_view name : FieldNames()) {
    REQUIRE(FieldByName(name).has_value());
    CHECK(FieldName(*FieldByName(name)) == name);
  }
  CHECK_FALSE(FieldByName("grades").has_value());
}

}  // namespace accredit
