// The YAML boundary: the only place yaml-cpp is seen.
//
// ParseYaml() turns a YAML document into a YamlNode tree that owns its strings and carries a
// 1-based line and column for every node. It reports YAML syntax errors, duplicate keys,
// nesting deeper than a limit and documents that expand (through aliases) past a node budget,
// all as diagnostics; it never throws. The rest of the rules loader reads YamlNodes only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "accredit/diagnostic.h"
#include "accredit/source.h"

namespace accredit::internal {

struct YamlNode {
  // Declared here and defaulted below the struct, where YamlNode is complete: clang would
  // otherwise instantiate the destructor of `entries` while YamlNode is still incomplete.
  YamlNode();
  ~YamlNode();
  YamlNode(const YamlNode&);
  YamlNode(YamlNode&&) noexcept;
  YamlNode& operator=(const YamlNode&);
  YamlNode& operator=(YamlNode&&) noexcept;

  enum class Kind : std::uint8_t { kNull, kScalar, kSequence, kMap };
  Kind kind = Kind::kNull;
  std::string value;    // kScalar: the scalar's text
  bool quoted = false;  // kScalar: written in quotes (so never a number or a null)
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  std::vector<YamlNode> items;                         // kSequence
  std::vector<std::pair<YamlNode, YamlNode>> entries;  // kMap: key, value in document order

  bool IsNull() const { return kind == Kind::kNull; }
  bool IsScalar() const { return kind == Kind::kScalar; }
  bool IsSequence() const { return kind == Kind::kSequence; }
  bool IsMap() const { return kind == Kind::kMap; }
  // The value of key `key` in a map, or nullptr.
  const YamlNode* Find(std::string_view key) const;
};

inline YamlNode::YamlNode() = default;
inline YamlNode::~YamlNode() = default;
inline YamlNode::YamlNode(const YamlNode&) = default;
inline YamlNode::YamlNode(YamlNode&&) noexcept = default;
inline YamlNode& YamlNode::operator=(const YamlNode&) = default;
inline YamlNode& YamlNode::operator=(YamlNode&&) noexcept = default;

// "a mapping", "a list", "a scalar", "nothing": for "expected X, got Y" messages.
std::string_view DescribeKind(YamlNode::Kind kind);

struct YamlLimits {
  std::uint32_t max_depth = 128;        // nesting of mappings and lists
  std::uint64_t max_nodes = 1'000'000;  // nodes after alias expansion
};

// Parses `text` (registered as `source`). On a syntax error returns nullopt after adding a
// `yaml-syntax` diagnostic. Emits `duplicate-key`, `too-deep`, `too-large`, and
// `bad-encoding` for UTF-16 (a byte order mark) or NUL bytes.
std::optional<YamlNode> ParseYaml(SourceId source, std::string_view text, const YamlLimits& limits,
                                  Diagnostics& diagnostics);

}  // namespace accredit::internal
