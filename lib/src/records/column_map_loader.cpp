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
        if (auto other = attribute_owner_.find(normalized); other != attribute_owner_.end()) {
          context_.Error(value, "duplicate-column",
                         fmt::format("column '{}' is mapped to attribute '{}' and to field '{}'",
                                     name, other->second, key));
          continue;
        }
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

  // `fits:` a list whose entries are a column or a list of alternative columns.
  void Fits(const YamlNode& node) {
    if (!node.IsSequence()) {
      context_.Error(
          node, "bad-node",
          fmt::format("expected a list for 'fits', got {}", internal::DescribeKind(node.kind)));
      return;
    }
    for (const YamlNode& item : node.items) {
      std::optional<std::vector<std::string>> names =
          context_.TextList(item, "an entry of 'fits'", true);
      if (!names || names->empty()) continue;
      std::vector<std::string> alternatives;
      for (const std::string& name : *names) alternatives.push_back(Normalize(name));
      map_.fits.push_back(std::move(alternatives));
    }
  }

  void Attributes(const YamlNode& node) {
    if (!node.IsMap()) {
      context_.Error(node, "bad-node",
                     fmt::format("expected a mapping for 'attributes', got {}",
                                 internal::DescribeKind(node.kind)));
      return;
    }
    for (const auto& [key, value] : node.entries) {
      if (!internal::IsValidId(key.value)) {
        context_.Error(key, "bad-id",
                       fmt::format("attribute '{}' is not an id (lower-case letters, digits and "
                                   "hyphens, as in pupil-premium)",
                                   key.value));
        continue;
      }
      std::optional<std::vector<std::string>> names =
          context_.TextList(value, fmt::format("the columns of attribute '{}'", key.value), true);
      if (!names) continue;
      std::vector<std::string> columns;
      for (const std::string& name : *names) {
        std::string normalized = Normalize(name);
        if (auto it = owner_.find(normalized); it != owner_.end()) {
          context_.Error(value, "duplicate-column",
                         fmt::format("column '{}' is mapped to field '{}' and to attribute '{}'",
                                     name, FieldName(it->second), key.value));
          continue;
        }
        auto [it, inserted] = attribute_owner_.emplace(normalized, key.value);
        if (!inserted) {
          context_.Error(value, "duplicate-column",
                         fmt::format("column '{}' is mapped to attributes '{}' and '{}'", name,
                                     it->second, key.value));
          continue;
        }
        columns.push_back(std::move(normalized));
      }
      map_.attributes.emplace_back(key.value, std::move(columns));
    }
  }

  // A `{subject}` pattern into `out`; false after an error.
  bool Pattern(const YamlNode& node, std::string_view what, ColumnPattern& out) {
    std::optional<std::string> text = context_.Text(node, what);
    if (!text) return false;
    // The name is compared trimmed, so the pattern is too; inner spaces stay significant.
    std::string_view whole = internal::TrimSpace(*text);
    const std::size_t at = whole.find("{subject}");
    if (at == std::string_view::npos) {
      context_.Error(node, "bad-value",
                     fmt::format("pattern '{}' has no '{{subject}}' in it", *text));
      return false;
    }
    out.prefix = internal::LowerAscii(whole.substr(0, at));
    out.suffix = internal::LowerAscii(whole.substr(at + 9));
    return true;
  }

  // The `type:` and `level:` of a grade column or a pattern.
  void TypeAndLevel(const YamlNode& node, std::string_view what, std::string& type,
                    std::string& level) {
    if (const YamlNode* t = node.Find("type")) {
      if (auto text = context_.Text(*t, fmt::format("the type of {}", what))) type = *text;
    }
    if (const YamlNode* l = node.Find("level")) {
      if (auto text = context_.Text(*l, fmt::format("the level of {}", what))) level = *text;
    }
  }

  // `wide: subjects`: column -> subject, or column -> {subject, type, level}.
  void WideSubjects(const YamlNode& node, WideLayout& wide) {
    if (!node.IsMap()) {
      context_.Error(node, "bad-node",
                     fmt::format("expected a mapping for 'wide: subjects', got {}",
                                 internal::DescribeKind(node.kind)));
      return;
    }
    for (const auto& [key, value] : node.entries) {
      std::optional<std::string> column = context_.Text(key, "'wide: subjects'");
      if (!column) continue;
      const std::string what = fmt::format("column '{}'", *column);
      GradeColumn grade;
      if (value.IsMap()) {
        if (!context_.CheckMap(value, what, {"subject", "type", "level"})) continue;
        const YamlNode* subject = value.Find("subject");
        if (subject == nullptr) {
          context_.Error(value, "missing-key", fmt::format("{} needs 'subject'", what));
          continue;
        }
        std::optional<std::string> text = context_.Text(*subject, what);
        if (!text) continue;
        grade.subject = std::string(internal::TrimSpace(*text));
        TypeAndLevel(value, what, grade.type, grade.level);
      } else {
        std::optional<std::string> text = context_.Text(value, what);
        if (!text) continue;
        grade.subject = std::string(internal::TrimSpace(*text));
      }
      wide.subjects[Normalize(*column)] = std::move(grade);
    }
  }

  void WidePatterns(const YamlNode& node, WideLayout& wide) {
    if (!node.IsSequence()) {
      context_.Error(node, "bad-node",
                     fmt::format("expected a list for 'wide: patterns', got {}",
                                 internal::DescribeKind(node.kind)));
      return;
    }
    for (const YamlNode& item : node.items) {
      if (!context_.CheckMap(item, "a pattern", {"pattern", "type", "level"})) continue;
      const YamlNode* text = item.Find("pattern");
      if (text == nullptr) {
        context_.Error(item, "missing-key", "each of 'wide: patterns' needs 'pattern'");
        continue;
      }
      ColumnPattern pattern;
      if (!Pattern(*text, "'wide: patterns'", pattern)) continue;
      TypeAndLevel(item, "a pattern", pattern.type, pattern.level);
      wide.patterns.push_back(std::move(pattern));
    }
  }

  void Wide(const YamlNode& node) {
    if (!context_.CheckMap(node, "'wide'", {"id", "type", "subjects", "pattern", "patterns"})) {
      return;
    }
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
    if (subjects != nullptr) WideSubjects(*subjects, wide);
    const YamlNode* pattern = node.Find("pattern");
    if (pattern != nullptr) {
      ColumnPattern one;
      if (Pattern(*pattern, "'wide: pattern'", one)) wide.patterns.push_back(std::move(one));
    }
    const YamlNode* patterns = node.Find("patterns");
    if (patterns != nullptr) WidePatterns(*patterns, wide);
    if (subjects == nullptr && pattern == nullptr && patterns == nullptr) {
      context_.Error(node, "bad-value", "'wide' needs 'subjects', 'pattern' or 'patterns'");
    }
    map_.wide = std::move(wide);
  }

 private:
  LoadContext& context_;
  ColumnMap& map_;
  std::map<std::string, Field> owner_;                  // source column -> the field it fills
  std::map<std::string, std::string> attribute_owner_;  // source column -> its attribute
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
  if (!context.CheckMap(*root, "a mapping file",
                        {"accredit-map", "description", "fits", "columns", "attributes", "values",
                         "set", "dates", "ignore", "wide"})) {
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
    if (key.value == "description") {
      if (std::optional<std::string> words = context.Text(node, "'description'")) {
        map.description = *words;
      }
    }
    if (key.value == "fits") loader.Fits(node);
    if (key.value == "attributes") loader.Attributes(node);
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
