// LoadExceptions(): reads an `accredit-exceptions: 1` file through the YAML tree and the
// loaders' typed helpers, every problem a located diagnostic.
#include <fmt/format.h>

#include <unordered_map>

#include "accredit/exceptions.h"
#include "base/text.h"
#include "rules/load_context.h"
#include "rules/yaml_tree.h"

namespace accredit {

namespace {

using internal::LoadContext;
using internal::YamlNode;

constexpr std::string_view kHeader = "accredit-exceptions";

// Node ids are tier, component and requirement ids joined by dots (accredit-rules(5)).
bool IsValidNodeId(std::string_view id) {
  if (id.empty()) return false;
  std::size_t start = 0;
  while (true) {
    std::size_t dot = id.find('.', start);
    if (!internal::IsValidId(id.substr(start, dot - start))) return false;
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

// What makes two entries the same decision: learner, award, node, action and achievement.
std::string DuplicateKey(const Exception& e) {
  std::string key = fmt::format("{}\x1f{}\x1f{}\x1f{}", e.learner, e.award, e.node,
                                ExceptionActionName(e.action));
  for (const std::string& field : e.achievement.fields) key += "\x1f" + field;
  return key;
}

class EntryReader {
 public:
  EntryReader(LoadContext& context, const std::string& default_award)
      : context_(context), default_award_(default_award) {}

  // The entry at `node`, or nullopt after an error.
  std::optional<Exception> Read(const YamlNode& node) {
    if (!context_.CheckMap(node, "an exception",
                           {"learner", "award", "node", "action", "achievement", "reason",
                            "approved-by", "date"})) {
      return std::nullopt;
    }
    const std::size_t errors_before = context_.diagnostics().error_count();
    Exception e;
    e.location = context_.Loc(node);
    if (const YamlNode* n = node.Find("learner")) {
      e.learner = NonEmpty(*n, "'learner'").value_or("");
      e.learner_location = context_.Loc(*n);
    } else {
      context_.Error(node, "missing-key", "an exception needs 'learner': the learner id");
    }
    // Later messages name the learner, so that a long file is easy to search.
    const std::string what = e.learner.empty()
                                 ? std::string("the exception")
                                 : fmt::format("the exception for learner '{}'", e.learner);
    e.award = default_award_;
    e.award_location = default_award_location_;
    if (const YamlNode* n = node.Find("award")) {
      e.award = context_.Id(*n, "an award").value_or("");
      e.award_location = context_.Loc(*n);
    } else if (default_award_.empty()) {
      context_.Error(node, "missing-key",
                     fmt::format("{} needs 'award' (or give 'award' once at the top of the "
                                 "file): the programme id it is for",
                                 what));
    }
    if (const YamlNode* n = Required(node, "node", what,
                                     "the id of the component or requirement it is about", false)) {
      e.node_location = context_.Loc(*n);
      if (auto text = context_.Text(*n, "'node'")) {
        if (IsValidNodeId(*text)) {
          e.node = *text;
        } else {
          context_.Error(*n, "bad-id",
                         fmt::format("'{}' is not a node id: write it as 'explain' shows it, "
                                     "like 'advanced.development'",
                                     *text));
        }
      }
    }
    bool has_action = false;
    if (const YamlNode* n = Required(node, "action", what, ListOf(kExceptionActionNames), false)) {
      if (auto text = context_.Text(*n, "'action'")) {
        if (auto action = ExceptionActionByName(*text)) {
          e.action = *action;
          has_action = true;
        } else {
          Diagnostic& d = context_.Error(
              *n, "unknown-action",
              fmt::format("unknown action '{}': use {}", *text, ListOf(kExceptionActionNames)));
          internal::AddDidYouMean(d, *text, NamesOf(kExceptionActionNames));
        }
      }
    }
    const YamlNode* achievement = node.Find("achievement");
    if (has_action) {
      if (e.action == ExceptionAction::kWaive && achievement != nullptr) {
        context_.Error(*achievement, "unexpected-achievement",
                       fmt::format("{} waives a requirement, so it names no achievement: remove "
                                   "'achievement', or use substitute, allow or force",
                                   what));
        achievement = nullptr;
      } else if (e.action != ExceptionAction::kWaive && achievement == nullptr) {
        context_.Error(node, "missing-achievement",
                       fmt::format("{} needs 'achievement': which of the learner's "
                                   "achievements to {}",
                                   what, ExceptionActionName(e.action)));
      }
    }
    if (achievement != nullptr) Selector(*achievement, e.achievement);
    RequiredText(node, "reason", what, "why the rule does not apply to this learner", e.reason);
    RequiredText(node, "approved-by", what, "who approved the decision", e.approved_by);
    if (const YamlNode* n = Required(node, "date", what, "when the decision was made")) {
      if (auto date = context_.DateValue(*n, "'date'")) e.date = *date;
    }
    if (context_.diagnostics().error_count() > errors_before) return std::nullopt;
    return e;
  }

  void set_default_award(std::string award, Location location) {
    default_award_ = std::move(award);
    default_award_location_ = std::move(location);
  }

 private:
  // Trimmed text that is not blank; `empty-value` otherwise.
  std::optional<std::string> NonEmpty(const YamlNode& node, std::string_view what) {
    if (node.IsNull() || (node.IsScalar() && internal::TrimSpace(node.value).empty())) {
      context_.Error(node, "empty-value", fmt::format("{} is empty", what));
      return std::nullopt;
    }
    std::optional<std::string> text = context_.Text(node, what);
    if (!text) return std::nullopt;
    return std::string(internal::TrimSpace(*text));
  }

  // The value of `key`; a `missing-key` error naming its purpose when absent, with a note on
  // the record every decision keeps when `record` is set.
  const YamlNode* Required(const YamlNode& node, std::string_view key, std::string_view what,
                           std::string_view purpose, bool record = true) {
    const YamlNode* value = node.Find(key);
    if (value == nullptr) {
      Diagnostic& d =
          context_.Error(node, "missing-key", fmt::format("{} needs '{}': {}", what, key, purpose));
      if (record) {
        d.notes.push_back(
            Note{"every exception records its reason, who approved it and the date", {}});
      }
    }
    return value;
  }

  void RequiredText(const YamlNode& node, std::string_view key, std::string_view what,
                    std::string_view purpose, std::string& out) {
    if (const YamlNode* n = Required(node, key, what, purpose)) {
      out = NonEmpty(*n, fmt::format("'{}'", key)).value_or("");
    }
  }

  void Selector(const YamlNode& node, AchievementSelector& out) {
    out.location = context_.Loc(node);
    if (!node.IsMap()) {
      context_.Error(node, "bad-node",
                     fmt::format("expected a mapping of record fields for 'achievement', like "
                                 "{{type: gcse, subject: statistics}}, got {}",
                                 internal::DescribeKind(node.kind)));
      return;
    }
    for (const auto& [key, value] : node.entries) {
      std::optional<Field> field = FieldByName(key.value);
      if (!field || *field == Field::kLearner) {
        Diagnostic& d = context_.Error(
            key, "unknown-field",
            field ? std::string("'learner' is not an achievement field: the exception's "
                                "'learner' gives it")
                  : fmt::format("unknown field '{}' in 'achievement'", key.value));
        if (!field) {
          std::vector<std::string> names;
          for (const EnumName<Field>& f : kFieldNames) {
            if (f.value != Field::kLearner) names.emplace_back(f.name);
          }
          internal::AddDidYouMean(d, key.value, names);
        }
        continue;
      }
      std::size_t f = static_cast<std::size_t>(*field);
      out.fields[f] =
          NonEmpty(value, fmt::format("achievement field '{}'", key.value)).value_or("");
      out.locations[f] = context_.Loc(value);
    }
    if (node.entries.empty()) {
      context_.Error(node, "empty-value",
                     "'achievement' names no field: give enough of type, subject, title, date "
                     "and the others to pick out one achievement");
    }
  }

  LoadContext& context_;
  std::string default_award_;
  Location default_award_location_;
};

}  // namespace

bool LoadExceptions(SourceId source, std::string_view text, ExceptionSet& set,
                    Diagnostics& diagnostics) {
  const std::size_t errors_before = diagnostics.error_count();
  internal::YamlLimits limits;
  limits.max_depth = 16;  // an exceptions file is four levels deep
  limits.max_nodes = 2'000'000;
  std::optional<YamlNode> root = internal::ParseYaml(source, text, limits, diagnostics);
  if (!root) return false;
  LoadContext context(source, diagnostics);
  const std::string header_needed =
      fmt::format("an exceptions file needs '{}: 1' at the top", kHeader);
  if (root->IsNull()) {
    diagnostics.Error("missing-key", header_needed, Location{source, 1, 1, {}});
    return false;
  }
  if (!context.CheckMap(*root, "an exceptions file",
                        {kHeader, "award", "description", "exceptions"})) {
    return false;
  }
  const YamlNode* version = root->Find(kHeader);
  if (version == nullptr) {
    diagnostics.Error("missing-key", header_needed, context.Loc(*root));
    return false;
  }
  if (!version->IsScalar() || version->value != "1") {
    context.Error(*version, "bad-version",
                  fmt::format("unsupported exceptions format version '{}': this accredit reads 1",
                              version->IsScalar() ? version->value : std::string("?")));
    return false;
  }
  EntryReader reader(context, "");
  if (const YamlNode* award = root->Find("award")) {
    if (auto id = context.Id(*award, "'award'")) reader.set_default_award(*id, context.Loc(*award));
  }
  if (const YamlNode* description = root->Find("description")) {
    context.Text(*description, "'description'");
  }
  const YamlNode* list = root->Find("exceptions");
  if (list == nullptr) {
    context.Error(*root, "missing-key",
                  "an exceptions file needs 'exceptions': the list of decisions");
    return false;
  }
  if (!list->IsNull() && !context.CheckList(*list, "'exceptions'")) return false;
  std::unordered_map<std::string, std::size_t> seen;  // duplicate key -> index in set
  for (std::size_t i = 0; i < set.exceptions.size(); ++i) {
    seen.emplace(DuplicateKey(set.exceptions[i]), i);
  }
  for (const YamlNode& item : list->items) {
    std::optional<Exception> e = reader.Read(item);
    if (!e) continue;
    auto [it, inserted] = seen.emplace(DuplicateKey(*e), set.exceptions.size());
    if (!inserted) {
      Diagnostic& d = diagnostics.Error(
          "duplicate-exception",
          fmt::format("the same exception for learner '{}' at node '{}' is given twice", e->learner,
                      e->node),
          e->location);
      d.notes.push_back(Note{"given first here", set.exceptions[it->second].location});
      continue;
    }
    set.exceptions.push_back(std::move(*e));
  }
  return diagnostics.error_count() == errors_before;
}

}  // namespace accredit
