// LoadColumnMap(): reads a mapping file through the rules loader's YAML tree and typed helpers.
#include <fmt/format.h>

#include <map>

#include "accredit/column_map.h"
#include "base/text.h"
#include "rules/load_context.h"
#include "rules/yaml_tree.h"

namespace accredit {

namespace {

using internal::LoadContext;
using internal::Normalize;
using internal::YamlNode;

class MapLoader {
 public:
  MapLoader(LoadContext& context, ColumnMap& map) : context_(context), map_(map) {}

  // The field a key of `columns:`, `values:` or `set:` names; `unknown-field` otherwise.
  std::optional<Field> FieldKey(const YamlNode& key, std::string_view what) {
    std::optional<Field> field = FieldByName(key.value);
    if (!field) {
      Diagnostic& d = context_.Error(key, "unknown-field",
                                     fmt::format("unknown field '{}' in {}", key.value, what));
      internal::AddDidYouMeanOrList(d, key.value, NamesOf(kFieldNames), "fields");
    }
    return field;
  }

  // The entries of a mapping keyed by field names, the unknown ones reported and left out.
  std::vector<std::pair<Field, const YamlNode*>> FieldEntries(const YamlNode& node,
                                                              std::string_view what) {
    std::vector<std::pair<Field, const YamlNode*>> out;
    if (!node.IsMap()) {
      context_.Error(node, "bad-node",
                     fmt::format("expected a mapping for {}, got {}", what,
                                 internal::DescribeKind(node.kind)));
      return out;
    }
    for (const auto& [key, value] : node.entries) {
      if (std::optional<Field> field = FieldKey(key, what)) out.emplace_back(*field, &value);
    }
    return out;
  }

  void Columns(const YamlNode& node) {
    for (const auto& [field, value_node] : FieldEntries(node, "'columns'")) {
      const YamlNode& value = *value_node;
      const std::string_view key = FieldName(field);
      std::optional<std::vector<std::string>> names =
          context_.TextList(value, fmt::format("the columns of '{}'", key), true);
      if (!names) continue;
      for (const std::string& name : *names) {
        std::string normalized = Normalize(name);
        auto [it, inserted] = owner_.emplace(normalized, field);
        if (!inserted) {
          context_.Error(value, "duplicate-column",
                         fmt::format("column '{}' is mapped to '{}' and to '{}'", name,
                                     FieldName(it->second), key));
          continue;
        }
        map_.columns[static_cast<std::size_t>(field)].push_back(std::move(normalized));
      }
    }
  }

  // A mapping of source names to canonical values into `out`; false after an error.
  bool Spellings(const YamlNode& node, std::string_view what,
                 std::unordered_map<std::string, std::string>& out) {
    if (!node.IsMap()) {
      context_.Error(node, "bad-node",
                     fmt::format("expected a mapping for {}, got {}", what,
                                 internal::DescribeKind(node.kind)));
      return false;
    }
    bool ok = true;
    for (const auto& [key, value] : node.entries) {
      std::optional<std::string> from = context_.Text(key, what);
      std::optional<std::string> to = context_.Text(value, what);
      if (!from || !to) {
        ok = false;
        continue;
      }
      out[Normalize(*from)] = std::string(internal::TrimSpace(*to));
    }
    return ok;
  }

  void Values(const YamlNode& node) {
    for (const auto& [field, value] : FieldEntries(node, "'values'")) {
      Spellings(*value, fmt::format("the values of '{}'", FieldName(field)),
                map_.values[static_cast<std::size_t>(field)]);
    }
  }

  void Set(const YamlNode& node) {
    for (const auto& [field, value] : FieldEntries(node, "'set'")) {
      if (field == Field::kLearner) {
        context_.Error(*value, "bad-value", "'set' cannot give every row the same learner");
        continue;
      }
      std::optional<std::string> text =
          context_.Text(*value, fmt::format("the constant '{}'", FieldName(field)));
      if (text) map_.set[static_cast<std::size_t>(field)] = *text;
    }
  }

  void Dates(const YamlNode& node) {
    std::optional<std::string> text = context_.Text(node, "'dates'");
    if (!text) return;
    if (std::optional<DateFormat> format = ValueOf(kDateFormatNames, *text)) {
      map_.dates = *format;
    } else {
      Diagnostic& d = context_.Error(node, "bad-value",
                                     fmt::format("date format '{}' is not one of {}", *text,
                                                 fmt::join(NamesOf(kDateFormatNames), ", ")));
      internal::AddDidYouMean(d, *text, NamesOf(kDateFormatNames));
    }
  }

  void Ignore(const YamlNode& node) {
    std::optional<std::vector<std::string>> names = context_.TextList(node, "'ignore'", true);
    if (!names) return;
    for (const std::string& name : *names) map_.ignore.push_back(Normalize(name));
  }

  void Wide(const YamlNode& node) {
    if (!context_.CheckMap(node, "'wide'", {"id", "type", "subjects", "pattern"})) return;
    WideLayout wide;
    if (const YamlNode* id = node.Find("id")) {
      if (auto names = context_.TextList(*id, "'wide: id'", true)) {
        for (const std::string& name : *names) wide.id.push_back(Normalize(name));
      }
    }
    if (const YamlNode* type = node.Find("type")) {
      if (auto text = context_.Text(*type, "'wide: type'")) wide.type = *text;
    }
    const YamlNode* subjects = node.Find("subjects");
    if (subjects != nullptr) Spellings(*subjects, "'wide: subjects'", wide.subjects);
    const YamlNode* pattern = node.Find("pattern");
    if (pattern != nullptr) {
      if (auto text = context_.Text(*pattern, "'wide: pattern'")) {
        std::size_t at = text->find("{subject}");
        if (at == std::string::npos) {
          context_.Error(*pattern, "bad-value",
                         fmt::format("pattern '{}' has no '{{subject}}' in it", *text));
        } else {
          // The name is compared trimmed, so the pattern is too; inner spaces stay significant.
          std::string_view whole = internal::TrimSpace(*text);
          at = whole.find("{subject}");
          wide.pattern_prefix = internal::LowerAscii(whole.substr(0, at));
          wide.pattern_suffix = internal::LowerAscii(whole.substr(at + 9));
          wide.has_pattern = true;
        }
      }
    }
    if (subjects == nullptr && pattern == nullptr) {
      context_.Error(node, "bad-value", "'wide' needs 'subjects' or 'pattern' (or both)");
    }
    map_.wide = std::move(wide);
  }

 private:
  LoadContext& context_;
  ColumnMap& map_;
  std::map<std::string, Field> owner_;  // source column -> the field it fills
};

}  // namespace

std::optional<ColumnMap> LoadColumnMap(SourceId source, std::string_view text,
                                       Diagnostics& diagnostics) {
  const std::size_t errors_before = diagnostics.error_count();
  internal::YamlLimits limits;
  limits.max_depth = 16;  // a mapping is four levels deep at most
  limits.max_nodes = 100'000;
  std::optional<YamlNode> root = internal::ParseYaml(source, text, limits, diagnostics);
  if (!root) return std::nullopt;
  LoadContext context(source, diagnostics);
  if (root->IsNull()) {
    diagnostics.Error("missing-key", "mapping file needs 'accredit-map: 1' at the top",
                      Location{source, 1, 1, {}});
    return std::nullopt;
  }
  if (!context.CheckMap(
          *root, "a mapping file",
          {"accredit-map", "description", "columns", "values", "set", "dates", "ignore", "wide"})) {
    return std::nullopt;
  }
  const YamlNode* version = root->Find("accredit-map");
  if (version == nullptr) {
    diagnostics.Error("missing-key", "mapping file needs 'accredit-map: 1' at the top",
                      context.Loc(*root));
    return std::nullopt;
  }
  if (!version->IsScalar() || version->value != "1") {
    context.Error(*version, "bad-version",
                  fmt::format("unsupported mapping format version '{}': this accredit reads 1",
                              version->IsScalar() ? version->value : std::string("?")));
    return std::nullopt;
  }
  ColumnMap map;
  map.source = source;
  MapLoader loader(context, map);
  // In document order, so that diagnostics come in the order a reader meets them.
  for (const auto& [key, node] : root->entries) {
    if (key.value == "description") context.Text(node, "'description'");
    if (key.value == "columns") loader.Columns(node);
    if (key.value == "values") loader.Values(node);
    if (key.value == "set") loader.Set(node);
    if (key.value == "dates") loader.Dates(node);
    if (key.value == "ignore") loader.Ignore(node);
    if (key.value == "wide") loader.Wide(node);
  }
  if (diagnostics.error_count() > errors_before) return std::nullopt;
  return map;
}

}  // namespace accredit
