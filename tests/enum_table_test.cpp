#include "accredit/enum_table.h"

#include <doctest/doctest.h>

#include "accredit/values.h"

namespace accredit {
namespace {

enum class Colour : std::uint8_t { kRed, kGreen, kBlue };
constexpr EnumName<Colour> kColourNames[] = {
    {Colour::kRed, "red", "Red"}, {Colour::kGreen, "green", ""}, {Colour::kBlue, "blue", "Blue"}};
static_assert(InDeclarationOrder(kColourNames));

constexpr EnumName<Colour> kSkipping[] = {{Colour::kRed, "red", ""}, {Colour::kBlue, "blue", ""}};
static_assert(!InDeclarationOrder(kSkipping));

TEST_CASE("an enum table gives names, titles and values both ways") {
  CHECK(NameOf(kColourNames, Colour::kGreen) == "green");
  CHECK(TitleOf(kColourNames, Colour::kRed) == "Red");
  CHECK(TitleOf(kColourNames, Colour::kGreen) == "green");  // no title: the name
  CHECK(ValueOf(kColourNames, "blue") == Colour::kBlue);
  CHECK_FALSE(ValueOf(kColourNames, "Blue").has_value());  // names are exact
  CHECK(NameOf(kSkipping, Colour::kGreen).empty());
}

TEST_CASE("an enum table lists its names for choices and messages") {
  CHECK(NamesOf(kColourNames) == std::vector<std::string>{"red", "green", "blue"});
  CHECK(ListOf(kColourNames) == "red, green or blue");
  CHECK(ListOf(kColourNames, "and") == "red, green and blue");
  constexpr EnumName<Colour> kOne[] = {{Colour::kRed, "red", ""}};
  CHECK(ListOf(kOne) == "red");
  CHECK(ListOf(kSkipping) == "red or blue");
}

}  // namespace
}  // namespace accredit
