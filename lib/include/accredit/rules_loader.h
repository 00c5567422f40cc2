// Loading rule files into a RuleSet.
//
// LoadRules() reads `accredit: 1` YAML files (and folders of them), follows their `uses`,
// builds the RuleSet and runs every semantic check (rules_check.h) over the whole set, so the
// result is either a RuleSet ready to evaluate or a list of located diagnostics. All errors in
// all files are reported in one run; nothing is thrown.
//
// Where `uses` paths are looked for, in order:
//   1. the folder of the file that names them;
//   2. each allowed root: the folders named on the command line (or holding the files named),
//      then LoadOptions::library_dirs;
//   3. the rules embedded in the binary (the shipped rules/ folder), when enabled.
// A path that resolves outside every allowed root (through `..` or a symlink) is refused with
// `include-escape`; absolute paths are refused too. Files are read, never executed.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accredit/diagnostic.h"
#include "accredit/input_file.h"
#include "accredit/rules.h"
#include "accredit/source.h"

namespace accredit {

struct LoadOptions {
  // library_dirs (empty): extra folders searched for `uses` paths; the CLI takes them from
  // ACCREDIT_RULES_PATH.
  std::vector<std::string> library_dirs;
  // embedded_library (true): fall back to the rules embedded in the binary.
  bool embedded_library = true;
  // max_file_bytes (16 MiB): larger rule files are refused with `too-large`.
  std::size_t max_file_bytes = 16u << 20;
  // max_yaml_depth (128): deeper YAML nesting is refused with `too-deep`.
  std::uint32_t max_yaml_depth = 128;
  // max_yaml_nodes (1,000,000): a document that expands past this many nodes through
  // aliases is refused with `too-large` (a "billion laughs" file fails fast).
  std::uint64_t max_yaml_nodes = 1'000'000;
  // test_files (false): also read test files (`*.test.yaml`, example learners for
  // `accredit test`, see accredit-rules(5)): every one below a folder given, the one beside
  // each rule file given (X.test.yaml beside X.yaml), and each one named, together with the
  // rule file beside it. Their examples join the `tests` of the programme each names, and are
  // checked like a rule file's. When false, a test file named is refused with `not-rules`.
  bool test_files = false;
};

struct LoadResult {
  RuleSet rules;
  Diagnostics diagnostics;
  bool ok() const { return !diagnostics.has_errors(); }
};

// Loads files and folders (every *.yaml below a folder, in sorted order; `*.test.yaml` files
// are example files for `accredit test`, read only with LoadOptions::test_files;
// `*.map.yaml` files are column mappings (column_map.h) and `*.exceptions.yaml` files assessor
// exceptions (exceptions.h), both skipped). A path of the form "<rules>/P" names the embedded
// rule file P. Every file read is registered in `sources`.
LoadResult LoadRules(const std::vector<std::string>& paths, SourceSet& sources,
                     const LoadOptions& options = {});

// LoadRules() over files named by path and rule files given as bytes (InputFile::text), in
// order, checked together as one set. A rule file in memory resolves its `uses` against the
// library only (LoadOptions::library_dirs and the embedded rules).
LoadResult LoadRules(const std::vector<InputFile>& files, SourceSet& sources,
                     const LoadOptions& options = {});

// The rules of `files` (LoadRules), or the built-in default programme (LoadDefaultRules) when
// `files` is empty.
LoadResult LoadRulesOrDefault(const std::vector<InputFile>& files, SourceSet& sources,
                              const LoadOptions& options = {});

// Loads one rule file given as text (its `uses` resolve against the library only). For tests
// and for rules read from standard input.
LoadResult LoadRulesFromText(std::string name, std::string text, SourceSet& sources,
                             const LoadOptions& options = {});

// Reads one test file given as text into `loaded` (rules loaded before): its examples join the
// programme it names; diagnostics (`unknown-programme`, `bad-test`...) are added to
// `loaded.diagnostics`. For tests and for test files read from standard input.
void LoadTestFileFromText(std::string name, std::string text, LoadResult& loaded,
                          SourceSet& sources, const LoadOptions& options = {});

// The path, within the embedded rules, of the default programme (the shipped NBT example
// programme, used when no --rules is given).
inline constexpr std::string_view kDefaultRulesFile = "nbt/foxwood-sixth-form.yaml";

// Loads the default programme from the embedded rules.
LoadResult LoadDefaultRules(SourceSet& sources, const LoadOptions& options = {});

// Paths of every embedded rule file, relative to rules/, sorted (column mappings, `*.map.yaml`,
// are not rule files and are left out).
std::vector<std::string> EmbeddedRulePaths();
// The text of embedded rule file `path` (relative to rules/, as EmbeddedRulePaths() gives it),
// for a front end that shows or edits it; nullopt when there is none.
std::optional<std::string_view> EmbeddedRuleText(std::string_view path);

}  // namespace accredit
