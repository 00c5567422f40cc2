#include "rules/yaml_tree.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <unordered_map>

namespace accredit::internal {

const YamlNode* YamlNode::Find(std::string_view key) const {
  for (const auto& [k, v] : entries) {
    if (k.value == key) return &v;
  }
  return nullptr;
}

std::string_view DescribeKind(YamlNode::Kind kind) {
  switch (kind) {
    case YamlNode::Kind::kNull:
      return "nothing";
    case YamlNode::Kind::kScalar:
      return "a single value";
    case YamlNode::Kind::kSequence:
      return "a list";
    case YamlNode::Kind::kMap:
      return "a mapping";
  }
  return "nothing";
}

namespace {

// yaml-cpp's parser recurses once per level of nesting, so a hostile file of a million `[`
// would exhaust the stack before we could count depth in the tree. This pre-scan bounds the
// nesting yaml-cpp will ever see: flow collections by bracket depth, block collections by
// indentation (each block level needs at least one more column).
bool PreScanDepth(SourceId source, std::string_view text, const YamlLimits& limits,
                  Diagnostics& diagnostics) {
  std::uint32_t line = 1;
  std::uint32_t column = 0;
  std::uint32_t depth = 0;
  std::uint32_t indent = 0;
  bool at_line_start = true;
  char quote = 0;
  bool comment = false;
  for (char c : text) {
    ++column;
    if (c == '\n') {
      ++line;
      column = 0;
      indent = 0;
      at_line_start = true;
      comment = false;
      continue;
    }
    if (comment) continue;
    if (at_line_start) {
      if (c == ' ' || c == '-' || c == '?' || c == '\t') {
        ++indent;
        if (indent > limits.max_depth * 16) {
          diagnostics.Error("too-deep",
                            fmt::format("indentation is deeper than {} columns", indent - 1),
                            Location{source, line, column, {}});
          return false;
        }
        continue;
      }
      at_line_start = false;
    }
    if (quote != 0) {
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '#') {
      comment = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limits.max_depth) {
        diagnostics.Error("too-deep",
                          fmt::format("nesting is deeper than the limit of {}", limits.max_depth),
                          Location{source, line, column, {}});
        return false;
      }
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return true;
}

class Converter {
 public:
  Converter(SourceId source, const YamlLimits& limits, Diagnostics& diagnostics)
      : source_(source), limits_(limits), diagnostics_(diagnostics) {}

  bool Convert(const YAML::Node& in, YamlNode& out, std::uint32_t depth, std::uint32_t line,
               std::uint32_t column) {
    if (failed_) return false;
    if (++nodes_ > limits_.max_nodes) {
      diagnostics_.Error("too-large",
                         fmt::format("document expands to more than {} nodes (are aliases "
                                     "nested inside each other?)",
                                     limits_.max_nodes),
                         Location{source_, line, column, {}});
      failed_ = true;
      return false;
    }
    const YAML::Mark mark = in.Mark();
    out.line = mark.line >= 0 ? static_cast<std::uint32_t>(mark.line) + 1 : line;
    out.column = mark.column >= 0 ? static_cast<std::uint32_t>(mark.column) + 1 : column;
    if (depth > limits_.max_depth) {
      diagnostics_.Error("too-deep",
                         fmt::format("nesting is deeper than the limit of {}", limits_.max_depth),
                         Location{source_, out.line, out.column, {}});
      failed_ = true;
      return false;
    }
    switch (in.Type()) {
      case YAML::NodeType::Undefined:
      case YAML::NodeType::Null:
        out.kind = YamlNode::Kind::kNull;
        return true;
      case YAML::NodeType::Scalar:
        out.kind = YamlNode::Kind::kScalar;
        out.value = in.Scalar();
        out.quoted = in.Tag() == "!";
        return true;
      case YAML::NodeType::Sequence:
        out.kind = YamlNode::Kind::kSequence;
        out.items.reserve(in.size());
        for (const YAML::Node& item : in) {
          out.items.emplace_back();
          if (!Convert(item, out.items.back(), depth + 1, out.line, out.column)) return false;
        }
        return true;
      case YAML::NodeType::Map: {
        out.kind = YamlNode::Kind::kMap;
        std::unordered_map<std::string, std::size_t> seen;
        for (auto it = in.begin(); it != in.end(); ++it) {
          YamlNode key;
          YamlNode value;
          if (!Convert(it->first, key, depth + 1, out.line, out.column)) return false;
          if (!Convert(it->second, value, depth + 1, key.line, key.column)) return false;
          if (key.IsScalar()) {
            auto [pos, inserted] = seen.emplace(key.value, out.entries.size());
            if (!inserted) {
              const YamlNode& first = out.entries[pos->second].first;
              diagnostics_
                  .Error("duplicate-key", fmt::format("duplicate key '{}'", key.value),
                         Location{source_, key.line, key.column, {}})
                  .notes.push_back(
                      Note{"first given here", Location{source_, first.line, first.column, {}}});
              continue;
            }
          }
          out.entries.emplace_back(std::move(key), std::move(value));
        }
        return true;
      }
    }
    return true;
  }

 private:
  SourceId source_;
  const YamlLimits& limits_;
  Diagnostics& diagnostics_;
  std::uint64_t nodes_ = 0;
  bool failed_ = false;
};

// yaml-cpp would quietly decode UTF-16 and UTF-32, and read on past NUL bytes; rule files are
// UTF-8 text, and lines and columns in diagnostics count UTF-8 bytes, so anything else is
// refused here.
bool CheckEncoding(SourceId source, std::string_view text, Diagnostics& diagnostics) {
  if (text.starts_with("\xff\xfe") || text.starts_with("\xfe\xff")) {
    diagnostics.Error("bad-encoding",
                      "the file is UTF-16 (it has a byte order mark); save it as UTF-8",
                      Location{source, 0, 0, {}});
    return false;
  }
  if (std::size_t nul = text.find('\0'); nul != std::string_view::npos) {
    std::uint32_t line = 1;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < nul; ++i) {
      if (text[i] == '\n') {
        ++line;
        line_start = i + 1;
      }
    }
    diagnostics.Error(
        "bad-encoding",
        "the file contains a NUL byte: it may be UTF-16 or not text; save it as UTF-8",
        Location{source, line, static_cast<std::uint32_t>(nul - line_start + 1), {}});
    return false;
  }
  return true;
}

}  // namespace

std::optional<YamlNode> ParseYaml(SourceId source, std::string_view text, const YamlLimits& limits,
                                  Diagnostics& diagnostics) {
  if (!CheckEncoding(source, text, diagnostics)) return std::nullopt;
  if (!PreScanDepth(source, text, limits, diagnostics)) return std::nullopt;
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    std::uint32_t line = e.mark.line >= 0 ? static_cast<std::uint32_t>(e.mark.line) + 1 : 0;
    std::uint32_t column = e.mark.column >= 0 ? static_cast<std::uint32_t>(e.mark.column) + 1 : 0;
    diagnostics.Error("yaml-syntax", fmt::format("invalid YAML: {}", e.msg),
                      Location{source, line, column, {}});
    return std::nullopt;
  }
  YamlNode out;
  Converter converter(source, limits, diagnostics);
  try {
    if (!converter.Convert(root, out, 0, 1, 1)) return std::nullopt;
  } catch (const YAML::Exception& e) {
    diagnostics.Error("yaml-syntax", fmt::format("invalid YAML: {}", e.msg),
                      Location{source, 0, 0, {}});
    return std::nullopt;
  }
  return out;
}

}  // namespace accredit::internal
