// The parsers of the rules loader: each reads one part of a rule file's YamlNode tree into the
// RuleSet, with names of cross references kept as text. CheckRuleSet() (rules_check.cpp)
// resolves them once every file is loaded, since definitions may come in any order.
#pragma once

#include "accredit/rules.h"
#include "rules/load_context.h"
#include "rules/yaml_tree.h"

namespace accredit::internal {

// Rule language 1.1's reuse (definitions.cpp): takes the top-level `define` out of `root` and
// puts each block it names wherever `{use: name}` stands in the rest of the file; a list used
// as an item of a list is spliced into it, and keys beside `use` replace or add to a mapping's.
// Reports unknown names, a block that uses itself and expansion past `max_nodes`.
void ExpandDefinitions(YamlNode& root, LoadContext& context, std::uint64_t max_nodes);

// Top-level `scales`, `types`, `tables`, `subjects`, `roles`, `strands` of one file.
void ParseVocabulary(const YamlNode& root, LoadContext& context, RuleSet& rules);

// Top-level `framework`.
void ParseFramework(const YamlNode& node, LoadContext& context, RuleSet& rules);

// Top-level `programme`, `tiers` and `tests` of one file (tests need the programme).
void ParseProgramme(const YamlNode& root, LoadContext& context, RuleSet& rules);

// A requirement node (one primitive key of kRequirementKindNames, read by that primitive's
// parse function in requirement_parser.cpp) whose node id is `id`. `extra_keys` are further keys
// the caller reads from the same mapping (a component's role, title...). Depth counts requirement
// nesting, for `too-deep`.
bool ParseRequirement(const YamlNode& node, std::string id,
                      const std::vector<std::string>& extra_keys, int depth, LoadContext& context,
                      Requirement& out);

// An aggregate written as `{count: {...}}`, `{sum: {...}}`, `{best: {...}}` or (rule language
// 1.1) `{value: name-or-number}`: a `compare` side, a threshold's `by`, a named value's part.
bool ParseAggregate(const YamlNode& node, std::string_view what, LoadContext& context,
                    Aggregate& out);

// Top-level `values` of a programme's file (rule language 1.1, value_parser.cpp).
void ParseValues(const YamlNode& node, LoadContext& context, Programme& programme);

// A `where` filter.
bool ParseFilter(const YamlNode& node, LoadContext& context, Filter& out);

// One example learner of a `tests:` list (rule_test_parser.cpp).
void ParseTest(const YamlNode& node, LoadContext& context, TestCase& test);

// A test file (`accredit-tests: 1`) registered as `source`, read after every rule file is
// loaded and checked: its tests join the `tests` of the programme it names, and are checked
// as a rule file's are. The source is added to `rules.test_files`.
void ParseTestFile(SourceId source, std::string_view text, const YamlLimits& limits, RuleSet& rules,
                   Diagnostics& diagnostics);

// Resolves cross references and runs the semantic checks over a fully loaded RuleSet.
void CheckRuleSet(RuleSet& rules, Diagnostics& diagnostics);

// Checks the tests of `programme` from index `first` on: expected tiers, grades and component
// ids must exist (`bad-test`, with "did you mean").
void CheckTests(const Programme& programme, std::size_t first, Diagnostics& diagnostics);

inline constexpr int kMaxRequirementDepth = 32;
// The largest magnitude of a number in a rule file (points, thresholds, sizes): 1,000,000,000.
inline constexpr double kMaxRuleNumber = 1e9;
// The allocation search keeps a tier's candidate components in a 64-bit mask.
inline constexpr std::size_t kMaxComponentsPerTier = 64;

}  // namespace accredit::internal
