#include "accredit/identifiers.h"

#include <doctest/doctest.h>

namespace accredit {

TEST_CASE("UPN check letters follow the published example") {
  CHECK(LooksLikeUpn("B801200005001"));
  CHECK(UpnCheckLetter("B801200005001") == 'B');
  CHECK(UpnCheckLetter("A801200005001") == 'B');
  CHECK(LooksLikeUpn("M80120000500A"));  // temporary UPN: ends in a letter
  CHECK(UpnCheckLetter("M80120000500A") == 'M');
  CHECK(LooksLikeUpn("b801200005001"));
  CHECK_FALSE(LooksLikeUpn("B80120000500"));
  CHECK_FALSE(LooksLikeUpn("B8012000050011"));
  CHECK_FALSE(LooksLikeUpn("1801200005001"));
  CHECK_FALSE(LooksLikeUpn("B80120000500I"));  // I is not in the check alphabet
  CHECK_FALSE(LooksLikeUpn("B8012000X5001"));
}

TEST_CASE("QAN check characters reproduce the published numbers") {
  CHECK(LooksLikeQan("601/8758/X"));
  CHECK(QanCheckCharacter("601/8758/X") == 'X');
  CHECK(QanCheckCharacter("603/3139/2") == '2');
  CHECK(LooksLikeQan("6018758x"));
  CHECK(QanCheckCharacter("6018758x") == 'X');
  CHECK_FALSE(LooksLikeQan("601-8758-X"));
  CHECK_FALSE(LooksLikeQan("601/8758/Y"));
  CHECK_FALSE(LooksLikeQan("6018758"));
}

TEST_CASE("identifier checks warn only on a wrong check character") {
  SourceSet sources;
  SourceId id = sources.Add("records.csv", "");
  Diagnostics diagnostics;
  Location at{id, 3, 1, {}};
  CHECK(CheckUpn("B801200005001", at, diagnostics));
  CHECK(CheckUpn("S1234", at, diagnostics));
  CHECK(CheckQan("603/3139/2", at, diagnostics));
  CHECK(CheckQan("Z/123", at, diagnostics));
  CHECK(diagnostics.empty());
  CHECK_FALSE(CheckUpn("A801200005001", at, diagnostics));
  CHECK_FALSE(CheckQan("6033139X", at, diagnostics));
  REQUIRE(diagnostics.items().size() == 2);
  RenderOptions plain;
  plain.source_lines = false;
  CHECK(Render(diagnostics.items()[0], sources, plain) ==
        "records.csv:3:1: warning: bad check letter in UPN 'A801200005001': expected 'B' "
        "[bad-check-character]\n");
  CHECK(Render(diagnostics.items()[1], sources, plain) ==
        "records.csv:3:1: warning: bad check character in qan '6033139X': expected '2' "
        "[bad-check-character]\n");
}

}  // namespace accredit
