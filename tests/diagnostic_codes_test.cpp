#include "accredit/diagnostic_codes.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>

#include "accredit/diagnostic.h"

namespace accredit {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The codes the manual pages (man/*.[1-9]) document, each with the pages that list it. A code is
// documented by an item `.It Li code` of a tag list (several codes share one item as
// `.It Li a , b`); the pages use such items for codes and nothing else.
std::map<std::string, std::set<std::string>> DocumentedCodes() {
  std::map<std::string, std::set<std::string>> codes;
  for (const fs::directory_entry& entry : fs::directory_iterator(ACCREDIT_SOURCE_DIR "/man")) {
    const std::string page = entry.path().filename().string();
    const std::string extension = entry.path().extension().string();
    if (extension.size() != 2 || extension[1] < '1' || extension[1] > '9') continue;
    std::istringstream lines(ReadFile(entry.path()));
    std::string line;
    while (std::getline(lines, line)) {
      if (line.rfind(".It Li ", 0) != 0) continue;
      std::istringstream words(line.substr(7));
      std::string word;
      while (words >> word) {
        if (word != "," && word != "Li") codes[word].insert(page);
      }
    }
  }
  return codes;
}

bool IsKebabCase(std::string_view name) {
  if (name.empty() || name.front() == '-' || name.back() == '-') return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

TEST_CASE("the diagnostic codes are listed once each, in alphabetical order") {
  std::string previous;
  for (const DiagnosticCodeInfo& code : kDiagnosticCodes) {
    CAPTURE(code.name);
    CHECK(std::string(code.name) > previous);
    CHECK(IsKebabCase(code.name));
    CHECK_FALSE(code.meaning.empty());
    previous = code.name;
  }
}

TEST_CASE(
    "every diagnostic code is documented in a manual page, and every documented code exists") {
  const std::map<std::string, std::set<std::string>> documented = DocumentedCodes();
  REQUIRE_FALSE(documented.empty());
  for (const DiagnosticCodeInfo& code : kDiagnosticCodes) {
    CHECK_MESSAGE(documented.count(std::string(code.name)) == 1, "'", code.name,
                  "' is in kDiagnosticCodes but no manual page lists it (as `.It Li ", code.name,
                  "` under DIAGNOSTICS)");
  }
  for (const auto& [name, pages] : documented) {
    CHECK_MESSAGE(IsDiagnosticCode(name), *pages.begin(), " documents '", name,
                  "', which is not in kDiagnosticCodes (lib/include/accredit/diagnostic_codes.h)");
  }
}

TEST_CASE("every diagnostic code is given by the library") {
  // A code in the table that no source names is documented for nothing.
  std::string sources;
  for (const char* folder : {ACCREDIT_SOURCE_DIR "/lib/src", ACCREDIT_SOURCE_DIR "/cli"}) {
    for (const fs::directory_entry& entry : fs::recursive_directory_iterator(folder)) {
      const std::string extension = entry.path().extension().string();
      if (extension == ".cpp" || extension == ".h") sources += ReadFile(entry.path());
    }
  }
  REQUIRE_FALSE(sources.empty());
  for (const DiagnosticCodeInfo& code : kDiagnosticCodes) {
    const std::string quoted = "\"" + std::string(code.name) + "\"";
    CHECK_MESSAGE(sources.find(quoted) != std::string::npos, "'", code.name,
                  "' is in kDiagnosticCodes but nothing in lib/src or cli gives it");
  }
}

TEST_CASE("a diagnostic code is made only from a listed name") {
  static_assert(IsDiagnosticCode("band-gap"));
  static_assert(!IsDiagnosticCode("band-gaps"));
  static_assert(!IsDiagnosticCode(""));
  constexpr DiagnosticCode code = "bad-row";
  CHECK(code.name() == "bad-row");
  // A code chosen at run time: a choice between two codes.
  Diagnostics diagnostics;
  diagnostics.Warning(diagnostics.empty() ? DiagnosticCode("band-gap") : DiagnosticCode("bad-row"),
                      "a message", Location{});
  REQUIRE(diagnostics.items().size() == 1);
  CHECK(diagnostics.items()[0].code == "band-gap");
}

}  // namespace
}  // namespace accredit
