#include "rules/load_context.h"

#include <fmt/format.h>

#include <cmath>

#include "rules/rules_parse.h"

namespace accredit::internal {

bool IsValidId(std::string_view id) {
  if (id.empty()) return false;
  for (std::size_t i = 0; i < id.size(); ++i) {
    char c = id[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && i > 0);
    if (!ok) return false;
  }
  return true;
}

void AddDidYouMean(Diagnostic& diagnostic, std::string_view word,
                   const std::vector<std::string>& candidates) {
  std::string match = ClosestMatch(word, candidates);
  if (!match.empty())
    diagnostic.notes.push_back(Note{fmt::format("did you mean '{}'?", match), {}});
}

void AddDidYouMeanOrList(Diagnostic& diagnostic, std::string_view word,
                         const std::vector<std::string>& candidates, std::string_view noun) {
  std::string match = ClosestMatch(word, candidates);
  if (!match.empty()) {
    diagnostic.notes.push_back(Note{fmt::format("did you mean '{}'?", match), {}});
  } else if (!candidates.empty()) {
    diagnostic.notes.push_back(
        Note{fmt::format("known {}: {}", noun, fmt::join(candidates, ", ")), {}});
  }
}

bool LoadContext::CheckMap(const YamlNode& node, std::string_view what,
                           std::initializer_list<std::string_view> allowed) {
  return CheckMapKeys(node, what, std::vector<std::string>(allowed.begin(), allowed.end()));
}

bool LoadContext::CheckMapKeys(const YamlNode& node, std::string_view what,
                               const std::vector<std::string>& allowed) {
  if (!node.IsMap()) {
    Error(node, "bad-node",
          fmt::format("expected a mapping for {}, got {}", what, DescribeKind(node.kind)));
    return false;
  }
  for (const auto& [key, value] : node.entries) {
    if (!key.IsScalar()) {
      Error(key, "bad-node", fmt::format("keys of {} must be single values", what));
      continue;
    }
    bool known = false;
    for (const std::string& a : allowed) known = known || a == key.value;
    if (!known) {
      Diagnostic& d =
          Error(key, "unknown-key", fmt::format("unknown key '{}' in {}", key.value, what));
      AddDidYouMeanOrList(d, key.value, allowed, "keys");
    }
  }
  return true;
}

const YamlNode* LoadContext::Require(const YamlNode& node, std::string_view key,
                                     std::string_view what) {
  const YamlNode* value = node.Find(key);
  if (value == nullptr) {
    Error(node, "missing-key", fmt::format("{} needs a '{}' key", what, key));
  }
  return value;
}

bool LoadContext::Needs11(const YamlNode& node, std::string_view what) {
  if (minor_version_ >= 1) return true;
  Error(node, "bad-version",
        fmt::format("{} is rule language 1.1: write 'accredit: 1.1' at the top of the file", what));
  return false;
}

const YamlNode* LoadContext::KeyOf(const YamlNode& map, std::string_view key) {
  for (const auto& [k, v] : map.entries) {
    if (k.value == key) return &k;
  }
  return nullptr;
}

std::optional<std::string> LoadContext::Text(const YamlNode& node, std::string_view what) {
  if (!node.IsScalar()) {
    Error(node, "bad-node",
          fmt::format("expected a single value for {}, got {}", what, DescribeKind(node.kind)));
    return std::nullopt;
  }
  return node.value;
}

std::optional<std::string> LoadContext::Id(const YamlNode& node, std::string_view what) {
  std::optional<std::string> text = Text(node, what);
  if (!text) return std::nullopt;
  if (!IsValidId(*text)) {
    Error(node, "bad-id",
          fmt::format("'{}' is not a valid id for {}: use lower-case letters, digits and "
                      "hyphens, like 'core-maths'",
                      *text, what));
    return std::nullopt;
  }
  return text;
}

std::optional<double> LoadContext::Number(const YamlNode& node, std::string_view what) {
  std::optional<std::string> text = Text(node, what);
  if (!text) return std::nullopt;
  std::optional<double> value = ParseNumber(*text);
  if (!value || node.quoted) {
    Error(node, "bad-number", fmt::format("expected a number for {}, got '{}'", what, *text));
    return std::nullopt;
  }
  // Bounded so that sums of points and thresholds stay exact and never overflow.
  if (std::abs(*value) > kMaxRuleNumber) {
    Error(node, "bad-number",
          fmt::format("{} is '{}', beyond the limit of {}", what, *text, kMaxRuleNumber));
    return std::nullopt;
  }
  return value;
}

std::optional<int> LoadContext::Integer(const YamlNode& node, std::string_view what, int minimum) {
  std::optional<double> value = Number(node, what);
  if (!value) return std::nullopt;
  if (*value != static_cast<double>(static_cast<long long>(*value)) || *value < minimum ||
      *value > 1e9) {
    Error(node, "bad-number",
          fmt::format("expected a whole number of at least {} for {}, got '{}'", minimum, what,
                      node.value));
    return std::nullopt;
  }
  return static_cast<int>(*value);
}

std::optional<bool> LoadContext::Bool(const YamlNode& node, std::string_view what) {
  std::optional<std::string> text = Text(node, what);
  if (!text) return std::nullopt;
  if (*text == "true") return true;
  if (*text == "false") return false;
  Error(node, "bad-value", fmt::format("expected true or false for {}, got '{}'", what, *text));
  return std::nullopt;
}

std::optional<Date> LoadContext::DateValue(const YamlNode& node, std::string_view what) {
  std::optional<std::string> text = Text(node, what);
  if (!text) return std::nullopt;
  std::optional<Date> date = ParseDate(*text);
  if (!date) {
    Error(node, "bad-date",
          fmt::format("expected a date like 2025-09-01 for {}, got '{}'", what, *text));
  }
  return date;
}

std::optional<Field> LoadContext::FieldValue(const YamlNode& node, std::string_view what) {
  auto name = Text(node, what);
  if (!name) return std::nullopt;
  std::optional<Field> field = FieldByName(*name);
  if (!field) {
    Diagnostic& d =
        Error(node, "unknown-field", fmt::format("unknown field '{}' in {}", *name, what));
    AddDidYouMean(d, *name, std::vector<std::string>(FieldNames().begin(), FieldNames().end()));
  }
  return field;
}

std::optional<Level> LoadContext::LevelValue(const YamlNode& node, std::string_view what) {
  std::optional<std::string> text = Text(node, what);
  if (!text) return std::nullopt;
  std::optional<Level> level = ParseLevel(*text);
  if (!level) {
    Error(node, "bad-level",
          fmt::format("'{}' is not a level for {}: use entry1, entry2, entry3 or 1 to 8", *text,
                      what));
  }
  return level;
}

std::optional<std::vector<std::string>> LoadContext::TextList(const YamlNode& node,
                                                              std::string_view what,
                                                              bool scalar_ok) {
  if (scalar_ok && node.IsScalar()) return std::vector<std::string>{node.value};
  if (!node.IsSequence()) {
    Error(node, "bad-node",
          fmt::format("expected a list for {}, got {}", what, DescribeKind(node.kind)));
    return std::nullopt;
  }
  std::vector<std::string> out;
  bool ok = true;
  for (const YamlNode& item : node.items) {
    std::optional<std::string> text = Text(item, what);
    if (text) {
      out.push_back(*text);
    } else {
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return out;
}

bool LoadContext::CheckList(const YamlNode& node, std::string_view what) {
  if (node.IsSequence()) return true;
  Error(node, "bad-node",
        fmt::format("expected a list for {}, got {}", what, DescribeKind(node.kind)));
  return false;
}

}  // namespace accredit::internal
