#include "accredit/diagnostic.h"

#include <doctest/doctest.h>

#include <string>

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

}  // namespace accredit
