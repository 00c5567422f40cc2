// Helpers shared by the parts of the rules loader: reading YamlNodes as typed values and
// mappings with a fixed set of keys, reporting every problem as a located diagnostic.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "accredit/diagnostic.h"
#include "accredit/values.h"
#include "rules/yaml_tree.h"

namespace accredit::internal {

class LoadContext {
 public:
  LoadContext(SourceId source, Diagnostics& diagnostics)
      : source_(source), diagnostics_(diagnostics) {}

  SourceId source() const { return source_; }
  // The rule language version the file declares (`accredit: 1` or `accredit: 1.1`), as its
  // minor number: a key that 1.1 adds is refused in a 1 file, with the line to write.
  int minor_version() const { return minor_version_; }
  void set_minor_version(int minor) { minor_version_ = minor; }
  Diagnostics& diagnostics() { return diagnostics_; }
  Location Loc(const YamlNode& node) const { return Location{source_, node.line, node.column, {}}; }
  Diagnostic& Error(const YamlNode& node, DiagnosticCode code, std::string message) {
    if (IsQuiet(node)) return discarded_ = Diagnostic{};
    return diagnostics_.Error(code, std::move(message), Loc(node));
  }
  // Errors at `node` from now on are not reported: it stands where a block that could not be
  // put in place was (definitions.cpp), which is reported already.
  void Quiet(const YamlNode& node) { quiet_.emplace_back(node.line, node.column); }
  Diagnostic& Warning(const YamlNode& node, DiagnosticCode code, std::string message) {
    return diagnostics_.Warning(code, std::move(message), Loc(node));
  }
  // Checks `node` is a mapping (else `bad-node`) and that its keys are among `allowed`
  // (else `unknown-key` with a "did you mean", or the list of known keys). Returns false when it is
  // not a mapping.
  bool CheckMap(const YamlNode& node, std::string_view what,
                std::initializer_list<std::string_view> allowed);
  // As CheckMap, but the allowed keys are given as a vector.
  bool CheckMapKeys(const YamlNode& node, std::string_view what,
                    const std::vector<std::string>& allowed);
  // The value of `key` in mapping `node`; if absent, a `missing-key` error at `node`.
  const YamlNode* Require(const YamlNode& node, std::string_view key, std::string_view what);

  // Whether the file declares rule language 1.1; if not, a `bad-version` error at `node`
  // saying that `what` ("'any' in a filter") is 1.1, and the line to write.
  bool Needs11(const YamlNode& node, std::string_view what);
  // The key node of `key` in mapping `map` (for a diagnostic at the key), or nullptr.
  static const YamlNode* KeyOf(const YamlNode& map, std::string_view key);

  // A scalar as text; `bad-node` otherwise.
  std::optional<std::string> Text(const YamlNode& node, std::string_view what);
  // A kebab-case id (`bad-id` otherwise).
  std::optional<std::string> Id(const YamlNode& node, std::string_view what);
  // A finite number (`bad-number` otherwise).
  std::optional<double> Number(const YamlNode& node, std::string_view what);
  // A whole number >= minimum (`bad-number` otherwise).
  std::optional<int> Integer(const YamlNode& node, std::string_view what, int minimum);
  std::optional<bool> Bool(const YamlNode& node, std::string_view what);
  std::optional<Date> DateValue(const YamlNode& node, std::string_view what);
  std::optional<Level> LevelValue(const YamlNode& node, std::string_view what);
  // The name of a record field (`unknown-field`, with "did you mean", otherwise).
  std::optional<Field> FieldValue(const YamlNode& node, std::string_view what);
  // A list of scalars (a single scalar is accepted as a one-element list when `scalar_ok`).
  std::optional<std::vector<std::string>> TextList(const YamlNode& node, std::string_view what,
                                                   bool scalar_ok);
  // Checks `node` is a list (`bad-node` otherwise).
  bool CheckList(const YamlNode& node, std::string_view what);

 private:
  bool IsQuiet(const YamlNode& node) const {
    for (const auto& [line, column] : quiet_) {
      if (line == node.line && column == node.column) return true;
    }
    return false;
  }

  SourceId source_;
  Diagnostics& diagnostics_;
  int minor_version_ = 0;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> quiet_;  // line, column
  Diagnostic discarded_;  // what Error() returns for a node that is quiet
};

// True for a lower-case kebab-case id: [a-z0-9][a-z0-9-]*.
bool IsValidId(std::string_view id);

// "did you mean 'x'?" note on `diagnostic` when `word` is close to one of `candidates`.
void AddDidYouMean(Diagnostic& diagnostic, std::string_view word,
                   const std::vector<std::string>& candidates);

// As AddDidYouMean; when no candidate is close, a note listing them all instead ("known keys:
// a, b, c" for `noun` "keys"), so that an unknown key or field always says what is allowed.
// tests/rules-schema/check_keys.py reads these notes to hold the JSON Schemas in rules/schema/
// to the loader's keys.
void AddDidYouMeanOrList(Diagnostic& diagnostic, std::string_view word,
                         const std::vector<std::string>& candidates, std::string_view noun);

}  // namespace accredit::internal
