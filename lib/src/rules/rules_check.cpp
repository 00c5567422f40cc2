// Semantic checks over a fully loaded RuleSet: resolves names to indexes and reports unknown
// references (with "did you mean"), duplicate ids, grades no filter could reach, impossible
// requirements, unreachable tiers, overlapping grading bands and malformed tests.
#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <map>
#include <set>

#include "rules/rules_parse.h"

namespace accredit::internal {

namespace {

template <typename T>
std::vector<std::string> Ids(const std::vector<T>& items) {
  std::vector<std::string> ids;
  for (const T& item : items) ids.push_back(item.id);
  return ids;
}

void DidYouMean(Diagnostic& d, std::string_view word, const std::vector<std::string>& options) {
  std::string match = ClosestMatch(word, options);
  if (!match.empty()) d.notes.push_back(Note{fmt::format("did you mean '{}'?", match), {}});
}

template <typename T>
void CheckDuplicates(const std::vector<T>& items, std::string_view what, Diagnostics& diags) {
  std::map<std::string, const T*> seen;
  for (const T& item : items) {
    if (item.id.empty()) continue;
    auto [it, inserted] = seen.emplace(item.id, &item);
    if (!inserted) {
      diags
          .Error("duplicate-id", fmt::format("{} '{}' is defined twice", what, item.id),
                 item.location)
          .notes.push_back(Note{"first defined here", it->second->location});
    }
  }
}

class Checker {
 public:
  Checker(RuleSet& rules, Diagnostics& diags) : rules_(rules), diags_(diags) {}

  void Run() {
    CheckDuplicates(rules_.scales, "scale", diags_);
    CheckDuplicates(rules_.types, "type", diags_);
    CheckDuplicates(rules_.tables, "table", diags_);
    CheckDuplicates(rules_.subjects, "subject", diags_);
    CheckDuplicates(rules_.roles, "role", diags_);
    CheckDuplicates(rules_.strands, "strand", diags_);
    CheckDuplicates(rules_.frameworks, "framework", diags_);
    CheckDuplicates(rules_.programmes, "programme", diags_);
    CheckNames();
    for (QualType& type : rules_.types) ResolveType(type);
    for (const PointsTable& table : rules_.tables) CheckTable(table);
    for (Programme& programme : rules_.programmes) CheckProgramme(programme);
  }

 private:
  // Indexes the names of subjects and types for the records, and reports a name that two
  // subjects (or two types) share: a record giving it could not be told apart.
  void CheckNames() {
    std::vector<NameClash> subjects;
    std::vector<NameClash> types;
    rules_.IndexNames(&subjects, &types);
    ReportClashes(rules_.subjects, subjects, "subject");
    ReportClashes(rules_.types, types, "type");
  }

  template <typename T>
  void ReportClashes(const std::vector<T>& items, const std::vector<NameClash>& clashes,
                     std::string_view what) {
    for (const NameClash& clash : clashes) {
      const T& first = items[static_cast<std::size_t>(clash.first)];
      const T& second = items[static_cast<std::size_t>(clash.second)];
      auto name_of = [](const T& item, int alias) -> const std::string& {
        return alias == kNone ? item.id : item.aliases[static_cast<std::size_t>(alias)].name;
      };
      auto where = [](const T& item, int alias) {
        return alias == kNone ? item.location
                              : item.aliases[static_cast<std::size_t>(alias)].location;
      };
      const std::string& name = name_of(second, clash.second_alias);
      std::string message =
          clash.second_alias == kNone
              ? fmt::format(
                    "{} '{}' has the same name as {} '{}' once case, spaces and hyphens "
                    "are ignored",
                    what, second.id, what, first.id)
          : clash.first_alias == kNone
              ? fmt::format("alias '{}' of {} '{}' is the id of {} '{}'", name, what, second.id,
                            what, first.id)
              : fmt::format("alias '{}' of {} '{}' is already an alias of {} '{}'", name, what,
                            second.id, what, first.id);
      diags_.Error("duplicate-alias", std::move(message), where(second, clash.second_alias))
          .notes.push_back(
              Note{fmt::format("'{}' is given here", name_of(first, clash.first_alias)),
                   where(first, clash.first_alias)});
    }
  }

  void ResolveType(QualType& type) {
    if (type.scale_id.empty()) return;
    type.scale = rules_.FindScale(type.scale_id);
    if (type.scale == kNone) {
      Diagnostic& d = diags_.Error(
          "unknown-scale", fmt::format("type '{}' uses unknown scale '{}'", type.id, type.scale_id),
          type.scale_location);
      DidYouMean(d, type.scale_id, Ids(rules_.scales));
      return;
    }
    const Scale& scale = rules_.scales[static_cast<std::size_t>(type.scale)];
    for (const auto& [grade, level] : type.level_grades) {
      int rank = scale.Rank(grade);
      if (rank == kNone) {
        Diagnostic& d = diags_.Error(
            "unknown-grade",
            fmt::format("grade '{}' in 'level_by_grade' of type '{}' is not on scale '{}'", grade,
                        type.id, scale.id),
            type.location);
        DidYouMean(d, grade, scale.grades);
        continue;
      }
      type.level_by_grade.emplace_back(rank, level);
    }
    std::sort(type.level_by_grade.begin(), type.level_by_grade.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
  }

  void CheckTable(const PointsTable& table) {
    if (table.key1 != Field::kType) return;
    for (const auto& [type_id, row] : table.points) {
      int type = rules_.FindType(type_id);
      if (type == kNone) {
        Diagnostic& d = diags_.Error(
            "unknown-type",
            fmt::format("table '{}' gives points for unknown type '{}'", table.id, type_id),
            table.location);
        DidYouMean(d, type_id, Ids(rules_.types));
        continue;
      }
      int scale = rules_.types[static_cast<std::size_t>(type)].scale;
      if (table.key2 != Field::kGrade || scale == kNone) continue;
      const Scale& s = rules_.scales[static_cast<std::size_t>(scale)];
      for (const auto& [grade, points] : row) {
        if (s.Rank(grade) != kNone) continue;
        Diagnostic& d = diags_.Error(
            "unknown-grade",
            fmt::format("table '{}' gives points for grade '{}' of type '{}', which is not on "
                        "scale '{}'",
                        table.id, grade, type_id, s.id),
            table.location);
        DidYouMean(d, grade, s.grades);
      }
    }
  }

  // The types a filter can match: those named by its `type` condition, else those of its
  // `kind`, else every type.
  std::vector<int> ReachableTypes(const Filter& filter) const {
    std::vector<int> out;
    const Condition* type_cond = nullptr;
    const Condition* kind_cond = nullptr;
    for (const Condition& c : filter.conditions) {
      if (c.field == Field::kType && c.form == Condition::Form::kOneOf) type_cond = &c;
      if (c.field == Field::kKind && c.form == Condition::Form::kOneOf) kind_cond = &c;
    }
    for (std::size_t i = 0; i < rules_.types.size(); ++i) {
      const QualType& t = rules_.types[i];
      if (type_cond != nullptr) {
        if (std::find(type_cond->values.begin(), type_cond->values.end(), t.id) ==
            type_cond->values.end()) {
          continue;
        }
      } else if (kind_cond != nullptr) {
        if (std::find(kind_cond->values.begin(), kind_cond->values.end(), KindName(t.kind)) ==
            kind_cond->values.end()) {
          continue;
        }
      }
      out.push_back(static_cast<int>(i));
    }
    return out;
  }

  void CheckGrade(const Condition& c, const Filter& filter) {
    std::vector<int> types = ReachableTypes(filter);
    std::set<int> scales;
    for (int t : types) {
      int s = rules_.types[static_cast<std::size_t>(t)].scale;
      if (s != kNone) scales.insert(s);
    }
    if (scales.empty()) return;  // an unknown type was reported already
    std::vector<std::string> names;
    for (int s : scales) names.push_back(rules_.scales[static_cast<std::size_t>(s)].id);
    std::string scale_list = fmt::format("{}", fmt::join(names, ", "));
    if (c.form == Condition::Form::kPass) {
      for (int s : scales) {
        if (rules_.scales[static_cast<std::size_t>(s)].pass != kNone) return;
      }
      diags_.Error("unknown-grade",
                   fmt::format("'grade: pass' but no scale this filter can reach ({}) has a "
                               "'pass' grade",
                               scale_list),
                   c.location);
      return;
    }
    for (const std::string& grade : c.values) {
      bool found = false;
      std::vector<std::string> all;
      for (int s : scales) {
        const Scale& scale = rules_.scales[static_cast<std::size_t>(s)];
        bool on_scale = scale.Rank(grade) != kNone;
        bool special = c.form == Condition::Form::kOneOf && scale.Special(grade) != nullptr;
        found = found || on_scale || special;
        all.insert(all.end(), scale.grades.begin(), scale.grades.end());
      }
      if (found) continue;
      Diagnostic& d =
          diags_.Error("unknown-grade",
                       fmt::format("grade '{}' is not on any scale this filter can reach ({})",
                                   grade, scale_list),
                       c.location);
      DidYouMean(d, grade, all);
    }
  }

  // A rule file names a subject or type by its id; a name that records may use for it is not
  // enough, since a filter is compared with ids.
  static void NoteById(Diagnostic& d, std::string_view name, std::string_view id,
                       std::string_view what) {
    d.notes.push_back(Note{fmt::format("'{}' is a name records may use for '{}'; rules name {} "
                                       "by id: write '{}'",
                                       name, id, what, id),
                           {}});
  }

  void CheckFilter(const Filter& filter) {
    for (const Condition& c : filter.conditions) {
      switch (c.field) {
        case Field::kType:
          for (const std::string& v : c.values) {
            if (rules_.FindType(v) != kNone) continue;
            Diagnostic& d =
                diags_.Error("unknown-type", fmt::format("unknown type '{}'", v), c.location);
            if (int t = rules_.MatchType(v); t != kNone) {
              NoteById(d, v, rules_.types[static_cast<std::size_t>(t)].id, "types");
            } else {
              DidYouMean(d, v, Ids(rules_.types));
            }
          }
          break;
        case Field::kSubject:
          for (const std::string& v : c.values) {
            if (rules_.FindSubject(v) != kNone) continue;
            Diagnostic& d =
                diags_.Error("unknown-subject", fmt::format("unknown subject '{}'", v), c.location);
            if (int s = rules_.MatchSubject(v); s != kNone) {
              NoteById(d, v, rules_.subjects[static_cast<std::size_t>(s)].id, "subjects");
              continue;
            }
            DidYouMean(d, v, Ids(rules_.subjects));
            if (rules_.subjects.empty()) {
              d.notes.push_back(
                  Note{"subjects are declared under 'subjects:'; is "
                       "england/subjects.yaml in 'uses'?",
                       {}});
            }
          }
          break;
        case Field::kStrand:
          for (const std::string& v : c.values) {
            if (rules_.IsStrand(v)) continue;
            Diagnostic& d =
                diags_.Error("unknown-strand", fmt::format("unknown strand '{}'", v), c.location);
            std::vector<std::string> strands(kBuiltinStrands.begin(), kBuiltinStrands.end());
            for (const NamedItem& s : rules_.strands) strands.push_back(s.id);
            DidYouMean(d, v, strands);
          }
          break;
        case Field::kGrade:
          CheckGrade(c, filter);
          break;
        default:
          break;
      }
    }
    for (const Filter& negated : filter.negated) CheckFilter(negated);
    for (const Filter& alternative : filter.alternatives) CheckFilter(alternative);
  }

  // The index of the named value `id` among the first `visible` of the programme's, or kNone
  // with an `unknown-reference` error at `location`.
  int ResolveValue(const std::string& id, std::size_t visible, const Location& location) {
    std::vector<std::string> ids;
    for (std::size_t i = 0; i < visible && i < programme_->values.size(); ++i) {
      if (programme_->values[i].id == id) return static_cast<int>(i);
      ids.push_back(programme_->values[i].id);
    }
    bool later = false;
    for (std::size_t i = visible; i < programme_->values.size(); ++i) {
      later = later || programme_->values[i].id == id;
    }
    Diagnostic& d = diags_.Error(
        "unknown-reference",
        later ? fmt::format("value '{}' is used before it is defined: a value may use only those "
                            "written above it",
                            id)
              : fmt::format("unknown value '{}'", id),
        location);
    if (!later) DidYouMean(d, id, ids);
    if (!later && programme_->values.empty()) {
      d.notes.push_back(Note{"named values are defined under the top-level 'values:'", {}});
    }
    return kNone;
  }

  int ResolveTable(const std::string& id, const Location& location) {
    int table = rules_.FindTable(id);
    if (table == kNone) {
      Diagnostic& d =
          diags_.Error("unknown-table", fmt::format("unknown points table '{}'", id), location);
      DidYouMean(d, id, Ids(rules_.tables));
    }
    return table;
  }

  void ResolveAggregate(Aggregate& agg) {
    if (agg.kind == Aggregate::Kind::kValue) {
      if (!agg.value_id.empty()) {
        agg.value = ResolveValue(agg.value_id, programme_->values.size(), agg.location);
      }
      return;
    }
    CheckFilter(agg.where);
    if (agg.table_id.empty()) return;
    agg.table = ResolveTable(agg.table_id, agg.table_location);
  }

  // Rule language 1.1's named values: references to values written above, tables, filters.
  void ResolveExpr(ValueExpr& expr, std::size_t visible) {
    switch (expr.kind) {
      case ValueExpr::Kind::kNumber:
        return;
      case ValueExpr::Kind::kAggregate:
        ResolveAggregate(expr.aggregate);
        return;
      case ValueExpr::Kind::kValue:
        // An id that could not be read is reported where it was read.
        if (!expr.value_id.empty())
          expr.value = ResolveValue(expr.value_id, visible, expr.location);
        return;
      case ValueExpr::Kind::kAdd:
      case ValueExpr::Kind::kMultiply:
      case ValueExpr::Kind::kLowest:
      case ValueExpr::Kind::kHighest:
        for (ValueExpr& operand : expr.operands) ResolveExpr(operand, visible);
        return;
      case ValueExpr::Kind::kLookup:
        if (!expr.table_id.empty()) expr.table = ResolveTable(expr.table_id, expr.table_location);
        CheckFilter(expr.row);
        CheckFilter(expr.column);
        return;
    }
  }

  // Values are the keys of one mapping, which the YAML reader keeps unique (duplicate-key).
  void CheckValues(Programme& programme) {
    for (std::size_t i = 0; i < programme.values.size(); ++i) {
      ResolveExpr(programme.values[i].expr, i);
    }
  }

  void ResolveThreshold(Threshold& t) {
    for (Aggregate& by : t.by) ResolveAggregate(by);
  }

  // Returns whether some set of achievements could meet `req`; reports why not.
  bool CheckRequirement(Requirement& req, std::map<std::string, Location>& ids) {
    auto [it, inserted] = ids.emplace(req.id, req.location);
    if (!inserted) {
      diags_.Error("duplicate-id", fmt::format("node id '{}' is used twice", req.id), req.location)
          .notes.push_back(Note{"first used here", it->second});
    }
    switch (ShapeOf(req.kind)) {
      case RequirementShape::kBounded: {
        ResolveAggregate(req.aggregate);
        ResolveThreshold(req.at_least);
        ResolveThreshold(req.at_most);
        bool fixed = req.at_least.present && req.at_most.present && req.at_least.by.empty() &&
                     req.at_most.by.empty();
        if (fixed && req.at_least.value > req.at_most.value) {
          diags_.Error("impossible-requirement",
                       fmt::format("'{}' needs at least {} and at most {}: nothing can meet it",
                                   req.id, req.at_least.value, req.at_most.value),
                       req.location);
          return false;
        }
        return true;
      }
      case RequirementShape::kExclusion:
        CheckFilter(req.aggregate.where);
        return true;
      case RequirementShape::kComparison:
        ResolveAggregate(req.aggregate);
        ResolveAggregate(req.right);
        return true;
      case RequirementShape::kGroup:
        break;
    }
    std::size_t possible = 0;
    for (Requirement& child : req.children) possible += CheckRequirement(child, ids) ? 1u : 0u;
    std::size_t n = req.children.size();
    if (n == 0) {
      diags_.Error("impossible-requirement",
                   fmt::format("'{}' has an empty list of requirements", req.id), req.location);
      return false;
    }
    // Only an n_of can ask for fewer than one or more than all of its children.
    int needed = NeededChildren(req);
    if (needed < 1 || static_cast<std::size_t>(needed) > n) {
      diags_.Error("impossible-requirement",
                   fmt::format("'{}' needs {} of {} requirements", req.id, needed, n),
                   req.location);
      return false;
    }
    return possible >= static_cast<std::size_t>(needed);
  }

  void CheckGrading(Tier& tier) {
    Grading& g = tier.grading;
    switch (g.kind) {
      case Grading::Kind::kUngraded:
        return;
      case Grading::Kind::kPoints:
        if (g.table_id.empty()) break;
        g.table = ResolveTable(g.table_id, g.location);
        break;
      case Grading::Kind::kCount:
        CheckFilter(g.where);
        break;
      case Grading::Kind::kValue:
        if (!g.value_id.empty()) {
          g.value = ResolveValue(g.value_id, programme_->values.size(), g.location);
        }
        break;
    }
    std::vector<std::string> component_ids;
    for (const Component& c : tier.components) component_ids.push_back(c.local_id);
    for (const std::string& id : g.of_ids) {
      auto it = std::find(component_ids.begin(), component_ids.end(), id);
      if (it == component_ids.end()) {
        Diagnostic& d = diags_.Error(
            "unknown-reference",
            fmt::format("grading of tier '{}' names unknown component '{}'", tier.id, id),
            g.location);
        DidYouMean(d, id, component_ids);
        continue;
      }
      g.of.push_back(static_cast<int>(it - component_ids.begin()));
    }
    // A band written as `name: minimum` ends where the next higher band starts.
    std::vector<Band*> sorted;
    for (Band& b : g.bands) sorted.push_back(&b);
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const Band* a, const Band* b) { return a->at_least > b->at_least; });
    for (std::size_t i = 0; i < sorted.size(); ++i) {
      Band& band = *sorted[i];
      if (i > 0 && band.below == std::numeric_limits<double>::infinity()) {
        band.below = sorted[i - 1]->at_least;
      }
      if (band.below <= band.at_least) {
        diags_.Error(
            "overlapping-bands",
            i > 0 && band.at_least == sorted[i - 1]->at_least
                ? fmt::format("bands '{}' and '{}' both start at {}", band.name,
                              sorted[i - 1]->name, band.at_least)
                : fmt::format("band '{}' is empty: 'below' must be above 'at_least'", band.name),
            band.location);
      } else if (i > 0 && band.below > sorted[i - 1]->at_least) {
        diags_.Error("overlapping-bands",
                     fmt::format("bands '{}' and '{}' overlap: a score of {} would be in both",
                                 band.name, sorted[i - 1]->name, sorted[i - 1]->at_least),
                     band.location);
      }
    }
    if (!sorted.empty() && sorted.back()->at_least > 0) {
      diags_.Warning("band-gap",
                     fmt::format("the lowest band '{}' starts at {}: a learner who meets tier "
                                 "'{}' with fewer points gets no grade",
                                 sorted.back()->name, sorted.back()->at_least, tier.id),
                     sorted.back()->location);
    }
    for (std::size_t i = 0; i + 1 < g.bands.size(); ++i) {
      if (g.bands[i].at_least < g.bands[i + 1].at_least) {
        diags_.Warning("band-order",
                       fmt::format("bands are listed highest first: '{}' should come before '{}'",
                                   g.bands[i + 1].name, g.bands[i].name),
                       g.bands[i + 1].location);
        break;
      }
    }
  }

  // Rule language 1.1's `different`: the components it names are others of the same tier.
  void CheckDifferent(Tier& tier) {
    std::vector<std::string> ids;
    for (const Component& c : tier.components) ids.push_back(c.local_id);
    for (std::size_t i = 0; i < tier.components.size(); ++i) {
      Component& component = tier.components[i];
      for (const std::string& id : component.different_from_ids) {
        auto it = std::find(ids.begin(), ids.end(), id);
        if (it == ids.end()) {
          Diagnostic& d = diags_.Error(
              "unknown-reference",
              fmt::format("'different' of component '{}' names unknown component '{}' of tier '{}'",
                          component.id, id, tier.id),
              component.different_location);
          DidYouMean(d, id, ids);
          continue;
        }
        if (static_cast<std::size_t>(it - ids.begin()) == i) {
          diags_.Error(
              "bad-value",
              fmt::format("component '{}' cannot be 'different' from itself", component.id),
              component.different_location);
          continue;
        }
        component.different_from.push_back(static_cast<int>(it - ids.begin()));
      }
    }
  }

  void CheckProgramme(Programme& programme) {
    if (!programme.framework_id.empty()) {
      programme.framework = rules_.FindFramework(programme.framework_id);
      if (programme.framework == kNone) {
        Diagnostic& d = diags_.Error("unknown-framework",
                                     fmt::format("programme '{}' names unknown framework '{}'",
                                                 programme.id, programme.framework_id),
                                     programme.location);
        DidYouMean(d, programme.framework_id, Ids(rules_.frameworks));
      }
    }
    if (programme.has_prior_learning) CheckFilter(programme.prior_learning);
    programme_ = &programme;
    CheckValues(programme);
    std::map<std::string, Location> ids;
    std::vector<std::string> roles(kBuiltinRoles.begin(), kBuiltinRoles.end());
    for (const NamedItem& r : rules_.roles) roles.push_back(r.id);
    for (Tier& tier : programme.tiers) {
      if (tier.components.size() > kMaxComponentsPerTier) {
        diags_.Error("too-large",
                     fmt::format("tier '{}' has {} components; the limit is {}", tier.id,
                                 tier.components.size(), kMaxComponentsPerTier),
                     tier.location);
      }
      bool reachable = true;
      CheckDifferent(tier);
      for (Component& component : tier.components) {
        if (!component.role.empty() && !rules_.IsRole(component.role)) {
          Diagnostic& d = diags_.Error(
              "unknown-role",
              fmt::format("component '{}' has unknown role '{}'", component.id, component.role),
              component.location);
          DidYouMean(d, component.role, roles);
          d.notes.push_back(Note{"custom roles are declared under 'roles:'", {}});
        }
        reachable = CheckRequirement(component.requirement, ids) && reachable;
      }
      if (!reachable) {
        diags_.Error("unreachable-tier",
                     fmt::format("no learner can reach tier '{}': one of its components can "
                                 "never be met",
                                 tier.id),
                     tier.location);
      }
      CheckGrading(tier);
    }
    CheckTests(programme, 0, diags_);
  }

  RuleSet& rules_;
  Diagnostics& diags_;
  Programme* programme_ = nullptr;  // the programme being checked, for its named values
};

}  // namespace

void CheckRuleSet(RuleSet& rules, Diagnostics& diagnostics) { Checker(rules, diagnostics).Run(); }

void CheckTests(const Programme& programme, std::size_t first, Diagnostics& diagnostics) {
  std::vector<std::string> tier_ids{"none"};
  std::vector<std::string> component_ids;
  for (const Tier& t : programme.tiers) {
    tier_ids.push_back(t.id);
    for (const Component& c : t.components) component_ids.push_back(c.id);
  }
  std::vector<std::string> value_ids;
  for (const NamedValue& v : programme.values) value_ids.push_back(v.id);
  for (std::size_t i = first; i < programme.tests.size(); ++i) {
    const TestCase& test = programme.tests[i];
    const Tier* tier = nullptr;
    for (const Tier& t : programme.tiers) {
      if (t.id == test.expect_tier) tier = &t;
    }
    if (tier == nullptr && test.expect_tier != "none" && !test.expect_tier.empty()) {
      Diagnostic& d =
          diagnostics.Error("bad-test",
                            fmt::format("test expects unknown tier '{}' of programme '{}'",
                                        test.expect_tier, programme.id),
                            test.tier_location);
      DidYouMean(d, test.expect_tier, tier_ids);
    }
    if (!test.expect_grade.empty()) {
      if (tier == nullptr && test.expect_tier == "none") {
        diagnostics.Error("bad-test",
                          fmt::format("test expects grade '{}' with tier 'none': a learner who "
                                      "meets no tier gets no grade",
                                      test.expect_grade),
                          test.grade_location);
      } else if (tier != nullptr) {
        std::vector<std::string> bands;
        for (const Band& b : tier->grading.bands) bands.push_back(b.name);
        if (std::find(bands.begin(), bands.end(), test.expect_grade) == bands.end()) {
          Diagnostic& d = diagnostics.Error(
              "bad-test",
              bands.empty() ? fmt::format("test expects grade '{}', but tier '{}' is not graded",
                                          test.expect_grade, tier->id)
                            : fmt::format("test expects grade '{}', which tier '{}' does not award",
                                          test.expect_grade, tier->id),
              test.grade_location);
          DidYouMean(d, test.expect_grade, bands);
        }
      }
    }
    for (const ExpectedValue& expected : test.expect_values) {
      if (std::find(value_ids.begin(), value_ids.end(), expected.value) == value_ids.end()) {
        Diagnostic& d = diagnostics.Error(
            "bad-test", fmt::format("test expects unknown value '{}'", expected.value),
            expected.location);
        DidYouMean(d, expected.value, value_ids);
      }
    }
    for (const ExpectedStatus& expected : test.expect_components) {
      if (std::find(component_ids.begin(), component_ids.end(), expected.component) ==
          component_ids.end()) {
        Diagnostic& d = diagnostics.Error(
            "bad-test",
            fmt::format("test expects a status for unknown component '{}'", expected.component),
            expected.location);
        DidYouMean(d, expected.component, component_ids);
        if (d.notes.empty() && expected.component.find('.') == std::string::npos) {
          // A component named without its tier: the expected tier's, else the first tier's.
          const Component* match = nullptr;
          for (const Tier& t : programme.tiers) {
            for (const Component& c : t.components) {
              if (c.local_id == expected.component && (match == nullptr || &t == tier)) {
                match = &c;
              }
            }
          }
          if (match != nullptr) {
            d.notes.push_back(Note{fmt::format("did you mean '{}'?", match->id), {}});
          }
        }
        if (d.notes.empty() && !component_ids.empty()) {
          d.notes.push_back(Note{
              fmt::format("component ids are '<tier>.<component>', like '{}'", component_ids[0]),
              {}});
        }
      }
    }
  }
}

}  // namespace accredit::internal
