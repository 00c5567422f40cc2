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
  CHECK(LongDate(*ParseDate("2027-08-12")) == "12 August 2027");
  CHECK(LongDate(*ParseDate("2026-01-01")) == "1 January 2026");
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

namespace accredit {
namespace {

TEST_CASE("hours are read as people write them in a log") {
  struct Case {
    const char* text;
    double hours;
  };
  for (const Case& c : std::initializer_list<Case>{{"12", 12},
                                                   {"12.5", 12.5},
                                                   {"0", 0},
                                                   {"1:30", 1.5},
                                                   {"10:05", 10 + 5.0 / 60},
                                                   {"0:45", 0.75},
                                                   {"10 hrs", 10},
                                                   {"10hrs", 10},
                                                   {"1.5h", 1.5},
                                                   {"1.5 H", 1.5},
                                                   {"2 hours", 2},
                                                   {"1 hour", 1},
                                                   {"1 hr", 1},
                                                   {"90 mins", 1.5},
                                                   {"90 Minutes", 1.5},
                                                   {"45 min", 0.75},
                                                   {"30m", 0.5},
                                                   {"1h 30m", 1.5},
                                                   {"1 hr 30 mins", 1.5},
                                                   {"2h15min", 2.25},
                                                   {" 3 hrs", 3}}) {
    CAPTURE(c.text);
    std::optional<double> hours = ParseHours(c.text);
    REQUIRE(hours.has_value());
    CHECK(*hours == doctest::Approx(c.hours));
  }
}

TEST_CASE("what is not a number of hours is refused, never guessed") {
  for (const char* text :
       {"", "-3", "ten", "1:3", "1:60", "1:300", "1.5:30", "10 days", "90 mins 10 hrs", "1h 30",
        "1h 2h", "NaN", "inf", "1e3", "3 hrs!", "h", "::", "1 : 30"}) {
    CAPTURE(text);
    CHECK_FALSE(ParseHours(text).has_value());
  }
}

}  // namespace
}  // namespace accredit
