// Parses the vocabulary of a rule file: scales, qualification types, points tables, subjects,
// custom roles and strands, and frameworks.
#include <fmt/format.h>

#include <algorithm>

#include "rules/rules_parse.h"

namespace accredit::internal {

namespace {

// Splits a multi-grade into part grades: by `separator` when set, else greedily taking the
// longest part grade that prefixes the rest ("D*D*D" -> D*, D*, D).
std::optional<std::vector<std::string>> SplitParts(const std::string& grade, const Scale& scale) {
  std::vector<std::string> parts;
  if (!scale.separator.empty()) {
    std::size_t start = 0;
    while (true) {
      std::size_t pos = grade.find(scale.separator, start);
      parts.push_back(grade.substr(start, pos == std::string::npos ? pos : pos - start));
      if (pos == std::string::npos) break;
      start = pos + scale.separator.size();
    }
  } else {
    std::size_t pos = 0;
    while (pos < grade.size()) {
      std::size_t best = 0;
      for (const std::string& part : scale.part_grades) {
        if (part.size() > best && grade.compare(pos, part.size(), part) == 0) best = part.size();
      }
      if (best == 0) return std::nullopt;
      parts.push_back(grade.substr(pos, best));
      pos += best;
    }
  }
  for (const std::string& part : parts) {
    if (std::find(scale.part_grades.begin(), scale.part_grades.end(), part) ==
        scale.part_grades.end()) {
      return std::nullopt;
    }
  }
  return parts;
}

void ParseScale(const std::string& id, const YamlNode& node, LoadContext& cx, Scale& scale) {
  std::string what = fmt::format("scale '{}'", id);
  if (!cx.CheckMap(node, what,
                   {"title", "grades", "pass", "special", "parts", "separator", "part_grades"})) {
    return;
  }
  if (const YamlNode* n = node.Find("title")) scale.title = cx.Text(*n, "'title'").value_or("");
  if (const YamlNode* n = cx.Require(node, "grades", what)) {
    if (auto grades = cx.TextList(*n, "'grades'", false)) {
      if (grades->empty()) cx.Error(*n, "bad-value", fmt::format("{} has no grades", what));
      for (std::size_t i = 0; i < grades->size(); ++i) {
        const std::string& g = (*grades)[i];
        if (scale.Rank(g) != kNone) {
          cx.Error(n->items[i], "duplicate-grade",
                   fmt::format("grade '{}' appears twice in {}", g, what));
          continue;
        }
        if (g.empty()) {
          cx.Error(n->items[i], "bad-value", "a grade may not be empty");
          continue;
        }
        scale.grades.push_back(g);
      }
    }
  }
  if (const YamlNode* n = node.Find("parts")) {
    scale.parts = cx.Integer(*n, "'parts'", 2).value_or(0);
    if (const YamlNode* sep = node.Find("separator")) {
      scale.separator = cx.Text(*sep, "'separator'").value_or("");
    }
    const YamlNode* pg = cx.Require(node, "part_grades", what);
    if (pg != nullptr)
      scale.part_grades =
          cx.TextList(*pg, "'part_grades'", false).value_or(std::vector<std::string>{});
    if (scale.parts > 0 && !scale.part_grades.empty()) {
      const YamlNode* grades = node.Find("grades");
      for (std::size_t i = 0; i < scale.grades.size() && grades && grades->IsSequence(); ++i) {
        auto parts = SplitParts(scale.grades[i], scale);
        if (!parts || static_cast<int>(parts->size()) != scale.parts) {
          cx.Error(grades->items[std::min(i, grades->items.size() - 1)], "bad-grade",
                   fmt::format("grade '{}' is not {} part grades from {}", scale.grades[i],
                               scale.parts, "'part_grades'"));
        }
      }
    }
  } else {
    for (const char* key : {"separator", "part_grades"}) {
      if (const YamlNode* orphan = node.Find(key)) {
        cx.Error(*orphan, "missing-key", fmt::format("'{}' needs 'parts' in {}", key, what));
      }
    }
  }
  if (const YamlNode* n = node.Find("pass")) {
    if (auto pass = cx.Text(*n, "'pass'")) {
      scale.pass = scale.Rank(*pass);
      if (scale.pass == kNone) {
        Diagnostic& d =
            cx.Error(*n, "unknown-grade", fmt::format("pass grade '{}' is not on {}", *pass, what));
        AddDidYouMean(d, *pass, scale.grades);
      }
    }
  }
}

void ParseSpecial(const YamlNode& node, LoadContext& cx, Scale& scale) {
  if (!node.IsMap()) {
    cx.Error(node, "bad-node",
             fmt::format("expected a mapping of result codes for 'special', got {}",
                         DescribeKind(node.kind)));
    return;
  }
  for (const auto& [key, value] : node.entries) {
    auto code = cx.Text(key, "a special result code");
    if (!code) continue;
    std::string what = fmt::format("special code '{}'", *code);
    if (scale.Rank(*code) != kNone) {
      cx.Error(
          key, "duplicate-grade",
          fmt::format("'{}' is both a grade and a special code on scale '{}'", *code, scale.id));
      continue;
    }
    SpecialCode special{*code, "", SpecialTreatment::kFail, cx.Loc(key)};
    if (!cx.CheckMap(value, what, {"meaning", "treat"})) continue;
    if (const YamlNode* m = value.Find("meaning")) {
      special.meaning = cx.Text(*m, "'meaning'").value_or("");
    }
    if (const YamlNode* t = cx.Require(value, "treat", what)) {
      if (auto text = cx.Text(*t, "'treat'")) {
        if (auto treat = ValueOf(kSpecialTreatmentNames, *text)) {
          special.treat = *treat;
        } else {
          Diagnostic& d = cx.Error(
              *t, "bad-value",
              fmt::format("'treat' must be {}, got '{}'", ListOf(kSpecialTreatmentNames), *text));
          AddDidYouMean(d, *text, NamesOf(kSpecialTreatmentNames));
        }
      }
    }
    scale.special.push_back(std::move(special));
  }
}

// `aliases`: a list of other names (each a non-empty text) the entry goes by in results data.
void ParseAliases(const YamlNode& node, LoadContext& cx, std::vector<Alias>& out) {
  if (!cx.CheckList(node, "'aliases'")) return;
  for (const YamlNode& item : node.items) {
    std::optional<std::string> name = cx.Text(item, "an alias");
    if (!name) continue;
    if (NameKey(*name).empty()) {
      cx.Error(item, "bad-value", "an alias may not be empty");
      continue;
    }
    out.push_back(Alias{std::move(*name), cx.Loc(item)});
  }
}

void ParseType(const std::string& id, const YamlNode& node, LoadContext& cx, QualType& type) {
  std::string what = fmt::format("type '{}'", id);
  if (!cx.CheckMap(
          node, what,
          {"title", "aliases", "kind", "scale", "level", "level_by_grade", "size", "completion"})) {
    return;
  }
  if (const YamlNode* n = node.Find("completion")) {
    if (cx.Needs11(*LoadContext::KeyOf(node, "completion"), "'completion' in a type")) {
      type.completion = cx.Bool(*n, "'completion'").value_or(false);
    }
  }
  if (const YamlNode* n = node.Find("title")) type.title = cx.Text(*n, "'title'").value_or("");
  if (const YamlNode* n = node.Find("aliases")) ParseAliases(*n, cx, type.aliases);
  if (const YamlNode* n = node.Find("kind")) {
    if (auto text = cx.Text(*n, "'kind'")) {
      if (auto kind = KindByName(*text)) {
        type.kind = *kind;
      } else {
        Diagnostic& d = cx.Error(
            *n, "bad-value", fmt::format("'kind' must be {}, got '{}'", ListOf(kKindNames), *text));
        AddDidYouMean(d, *text, NamesOf(kKindNames));
      }
    }
  }
  // A completion activity may leave out its scale: it has no grades.
  if (const YamlNode* n = type.completion ? node.Find("scale") : cx.Require(node, "scale", what)) {
    type.scale_id = cx.Text(*n, "'scale'").value_or("");
    type.scale_location = cx.Loc(*n);
  }
  if (type.completion && type.kind != Kind::kActivity) {
    cx.Error(*node.Find("completion"), "bad-value",
             fmt::format("'completion' is for a type of kind activity, and {} is of kind {}", what,
                         KindName(type.kind)));
  }
  if (const YamlNode* n = node.Find("level")) type.level = cx.LevelValue(*n, "'level'");
  if (const YamlNode* n = node.Find("level_by_grade")) {
    if (!n->IsMap()) {
      cx.Error(*n, "bad-node", "expected a mapping of grade: level for 'level_by_grade'");
    } else {
      for (const auto& [grade, level] : n->entries) {
        auto g = cx.Text(grade, "a grade in 'level_by_grade'");
        auto l = cx.LevelValue(level, "'level_by_grade'");
        if (g && l) type.level_grades.emplace_back(*g, *l);
      }
    }
  }
  if (const YamlNode* n = node.Find("size")) {
    auto size = cx.Number(*n, "'size'");
    if (size && *size <= 0) {
      cx.Error(*n, "bad-number", "'size' must be greater than 0");
    } else if (size) {
      type.size = *size;
    }
  }
}

void ParseTable(const std::string& id, const YamlNode& node, LoadContext& cx, PointsTable& table) {
  std::string what = fmt::format("table '{}'", id);
  if (!cx.CheckMap(node, what, {"title", "version", "key", "points"})) return;
  if (const YamlNode* n = node.Find("title")) table.title = cx.Text(*n, "'title'").value_or("");
  if (const YamlNode* n = cx.Require(node, "version", what)) {
    table.version = cx.Text(*n, "'version'").value_or("");
  }
  if (const YamlNode* n = node.Find("key")) {
    auto keys = cx.TextList(*n, "'key'", false);
    if (keys && keys->size() != 2) {
      cx.Error(*n, "bad-value", "'key' names exactly two fields, like [type, grade]");
    } else if (keys) {
      Field* slots[2] = {&table.key1, &table.key2};
      for (std::size_t i = 0; i < 2; ++i) {
        if (auto field = FieldByName((*keys)[i])) {
          *slots[i] = *field;
        } else {
          Diagnostic& d = cx.Error(n->items[i], "unknown-field",
                                   fmt::format("unknown field '{}' in 'key'", (*keys)[i]));
          AddDidYouMean(d, (*keys)[i], NamesOf(kFieldNames));
        }
      }
    }
  }
  const YamlNode* points = cx.Require(node, "points", what);
  if (points == nullptr) return;
  if (!points->IsMap()) {
    cx.Error(*points, "bad-node", "expected a mapping for 'points'");
    return;
  }
  for (const auto& [k1, row] : points->entries) {
    auto key1 = cx.Text(k1, "a table key");
    if (!key1 || !row.IsMap()) {
      if (key1)
        cx.Error(row, "bad-node", fmt::format("expected a mapping of points for '{}'", *key1));
      continue;
    }
    auto& cells = table.points[*key1];
    for (const auto& [k2, value] : row.entries) {
      auto key2 = cx.Text(k2, "a table key");
      auto number = cx.Number(value, "points");
      if (number && *number < 0) {
        cx.Error(value, "bad-number", "points may not be negative");
        continue;
      }
      if (key2 && number) cells[*key2] = *number;
    }
  }
}

// Reads a top-level mapping of id -> definition, calling `parse` for each.
template <typename T, typename Parse>
void ParseSection(const YamlNode& root, std::string_view key, LoadContext& cx, std::vector<T>& out,
                  Parse parse) {
  const YamlNode* section = root.Find(key);
  if (section == nullptr) return;
  if (!section->IsMap()) {
    cx.Error(*section, "bad-node",
             fmt::format("expected a mapping of ids for '{}', got {}", key,
                         DescribeKind(section->kind)));
    return;
  }
  for (const auto& [k, v] : section->entries) {
    auto id = cx.Id(k, fmt::format("an entry of '{}'", key));
    if (!id) continue;
    T item;
    item.id = *id;
    item.location = cx.Loc(k);
    parse(*id, v, item);
    out.push_back(std::move(item));
  }
}

}  // namespace

void ParseVocabulary(const YamlNode& root, LoadContext& cx, RuleSet& rules) {
  ParseSection(root, "scales", cx, rules.scales,
               [&](const std::string& id, const YamlNode& node, Scale& scale) {
                 ParseScale(id, node, cx, scale);
                 if (node.IsMap()) {
                   if (const YamlNode* s = node.Find("special")) ParseSpecial(*s, cx, scale);
                 }
               });
  ParseSection(root, "types", cx, rules.types,
               [&](const std::string& id, const YamlNode& node, QualType& type) {
                 ParseType(id, node, cx, type);
               });
  ParseSection(root, "tables", cx, rules.tables,
               [&](const std::string& id, const YamlNode& node, PointsTable& table) {
                 ParseTable(id, node, cx, table);
               });
  ParseSection(root, "subjects", cx, rules.subjects,
               [&](const std::string& id, const YamlNode& node, Subject& subject) {
                 std::string what = fmt::format("subject '{}'", id);
                 if (node.IsNull()) return;
                 if (!cx.CheckMap(node, what, {"title", "ssa", "aliases"})) return;
                 if (const YamlNode* n = node.Find("title")) {
                   subject.title = cx.Text(*n, "'title'").value_or("");
                 }
                 if (const YamlNode* n = node.Find("aliases")) {
                   ParseAliases(*n, cx, subject.aliases);
                 }
                 if (const YamlNode* n = node.Find("ssa")) {
                   auto ssa = cx.Integer(*n, "'ssa'", 1);
                   if (ssa && *ssa > 15) {
                     cx.Error(*n, "bad-number", "'ssa' is a sector subject area from 1 to 15");
                   } else if (ssa) {
                     subject.ssa = *ssa;
                   }
                 }
               });
  auto named = [&](std::string_view section) {
    return [&cx, section](const std::string& id, const YamlNode& node, NamedItem& item) {
      if (node.IsNull()) return;
      if (!cx.CheckMap(node, fmt::format("{} '{}'", section, id), {"title", "description"})) {
        return;
      }
      if (const YamlNode* n = node.Find("title")) item.title = cx.Text(*n, "'title'").value_or("");
      if (const YamlNode* n = node.Find("description")) {
        item.description = cx.Text(*n, "'description'").value_or("");
      }
    };
  };
  ParseSection(root, "roles", cx, rules.roles, named("role"));
  ParseSection(root, "strands", cx, rules.strands, named("strand"));
}

namespace {

void ParseCriterion(const YamlNode& node, LoadContext& cx, Criterion& criterion) {
  std::vector<std::string> allowed = {"id", "title", "description"};
  for (const EnumName<Criterion::Kind>& check : kCriterionKindNames) {
    allowed.emplace_back(check.name);
  }
  if (!cx.CheckMapKeys(node, "a criterion", allowed)) return;
  if (const YamlNode* n = cx.Require(node, "id", "a criterion")) {
    criterion.id = cx.Id(*n, "a criterion").value_or("");
  }
  if (const YamlNode* n = node.Find("title")) criterion.title = cx.Text(*n, "'title'").value_or("");
  if (const YamlNode* n = node.Find("description")) {
    criterion.description = cx.Text(*n, "'description'").value_or("");
  }
  // The one check key present names the criterion's kind.
  int checks = 0;
  const YamlNode* check = nullptr;
  Criterion::Kind kind = Criterion::Kind::kRoles;
  for (const EnumName<Criterion::Kind>& entry : kCriterionKindNames) {
    if (const YamlNode* n = node.Find(entry.name)) {
      ++checks;
      check = n;
      kind = entry.value;
    }
  }
  if (checks != 1) {
    cx.Error(node, checks == 0 ? DiagnosticCode("missing-key") : DiagnosticCode("bad-value"),
             fmt::format("criterion '{}' needs exactly one check: {}", criterion.id,
                         ListOf(kCriterionKindNames)));
    return;
  }
  criterion.kind = kind;
  const std::string what = fmt::format("'{}'", NameOf(kCriterionKindNames, kind));
  switch (criterion.kind) {
    case Criterion::Kind::kRoles:
      criterion.roles = cx.TextList(*check, what, false).value_or(std::vector<std::string>{});
      break;
    case Criterion::Kind::kStrands:
      if (!cx.CheckMap(*check, what, {"role", "values"})) return;
      if (const YamlNode* r = cx.Require(*check, "role", what)) {
        criterion.strand_role = cx.Text(*r, "'role'").value_or("");
      }
      if (const YamlNode* v = cx.Require(*check, "values", what)) {
        criterion.strands = cx.TextList(*v, "'values'", false).value_or(std::vector<std::string>{});
      }
      break;
    case Criterion::Kind::kMinMonths:
      criterion.min_months = cx.Integer(*check, what, 1).value_or(0);
      break;
    case Criterion::Kind::kTitlePattern:
      criterion.title_pattern = cx.Text(*check, what).value_or("");
      break;
    case Criterion::Kind::kRequiresStart:
      if (cx.Bool(*check, what) == false) {
        cx.Error(*check, "bad-value",
                 fmt::format("{} can only be true (leave it out otherwise)", what));
      }
      break;
  }
}

}  // namespace

void ParseFramework(const YamlNode& node, LoadContext& cx, RuleSet& rules) {
  if (!cx.CheckMap(node, "'framework'", {"id", "title", "version", "description", "criteria"})) {
    return;
  }
  Framework framework;
  framework.location = cx.Loc(node);
  if (const YamlNode* n = cx.Require(node, "id", "'framework'")) {
    framework.id = cx.Id(*n, "'framework'").value_or("");
  }
  if (const YamlNode* n = node.Find("title")) framework.title = cx.Text(*n, "'title'").value_or("");
  if (const YamlNode* n = node.Find("version")) {
    framework.version = cx.Text(*n, "'version'").value_or("");
  }
  if (const YamlNode* n = node.Find("description")) {
    framework.description = cx.Text(*n, "'description'").value_or("");
  }
  if (const YamlNode* n = cx.Require(node, "criteria", "'framework'")) {
    if (cx.CheckList(*n, "'criteria'")) {
      for (const YamlNode& item : n->items) {
        Criterion criterion;
        criterion.location = cx.Loc(item);
        ParseCriterion(item, cx, criterion);
        framework.criteria.push_back(std::move(criterion));
      }
    }
  }
  rules.frameworks.push_back(std::move(framework));
}

}  // namespace accredit::internal
