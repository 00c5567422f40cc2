#include "accredit/rules_lint.h"

#include <fmt/format.h>

#include <algorithm>

#include "accredit/rules_describe.h"

namespace accredit {

namespace {

// Whether every achievement that meets condition `l` meets `m` too, as far as the conditions as
// written show: false when unsure.
bool Implies(const RuleSet& rules, const Condition& l, const Condition& m) {
  if (l.field == m.field) {
    if (l.form == Condition::Form::kOneOf && m.form == Condition::Form::kOneOf) {
      return std::all_of(l.values.begin(), l.values.end(), [&](const std::string& v) {
        return std::find(m.values.begin(), m.values.end(), v) != m.values.end();
      });
    }
    return l.form == m.form && l.op == m.op && l.values == m.values;
  }
  // {type: a-level} implies {kind: qualification}.
  if (l.field == Field::kType && l.form == Condition::Form::kOneOf && m.field == Field::kKind &&
      m.form == Condition::Form::kOneOf) {
    return std::all_of(l.values.begin(), l.values.end(), [&](const std::string& id) {
      int type = rules.FindType(id);
      if (type == kNone) return false;
      std::string_view kind = KindName(rules.types[static_cast<std::size_t>(type)].kind);
      return std::find(m.values.begin(), m.values.end(), kind) != m.values.end();
    });
  }
  return false;
}

// Whether every achievement `narrow` matches, `wide` matches too, as far as the filters show.
bool Within(const RuleSet& rules, const Filter& narrow, const Filter& wide) {
  if (!wide.negated.empty() || !wide.alternatives.empty() || !narrow.alternatives.empty()) {
    return false;
  }
  return std::all_of(wide.conditions.begin(), wide.conditions.end(), [&](const Condition& m) {
    return std::any_of(narrow.conditions.begin(), narrow.conditions.end(),
                       [&](const Condition& l) { return Implies(rules, l, m); });
  });
}

// The allocating leaves (IsAllocatingLeaf) of a requirement tree.
void Leaves(const Requirement& requirement, std::vector<const Requirement*>& out) {
  if (IsAllocatingLeaf(requirement)) out.push_back(&requirement);
  for (const Requirement& child : requirement.children) Leaves(child, out);
}

std::string TitleOf(const Component& c) { return c.title.empty() ? c.local_id : c.title; }

}  // namespace

Diagnostics LintProgramme(const RuleSet& rules, const Programme& programme) {
  Diagnostics out;
  for (const Tier& tier : programme.tiers) {
    std::vector<std::vector<const Requirement*>> leaves(tier.components.size());
    for (std::size_t c = 0; c < tier.components.size(); ++c) {
      if (!tier.components[c].shared) Leaves(tier.components[c].requirement, leaves[c]);
    }
    for (std::size_t c = 0; c < tier.components.size(); ++c) {
      for (const Requirement* leaf : leaves[c]) {
        for (std::size_t d = 0; d < tier.components.size(); ++d) {
          if (d == c) continue;
          const Requirement* other = nullptr;
          for (const Requirement* candidate : leaves[d]) {
            if (Within(rules, leaf->aggregate.where, candidate->aggregate.where)) {
              other = candidate;
              break;
            }
          }
          if (other == nullptr) continue;
          const Component& here = tier.components[c];
          const Component& there = tier.components[d];
          Diagnostic& diagnostic = out.Warning(
              "contested-requirement",
              fmt::format("'{}' of tier '{}' needs {}, and every one of those could count for "
                          "'{}' instead: as neither is shared, each counts for one of them only",
                          TitleOf(here), tier.id, DescribeFilter(rules, leaf->aggregate.where),
                          TitleOf(there)),
              leaf->location);
          diagnostic.notes.push_back(
              Note{fmt::format("if '{}' only checks that the learner has one, write 'shared: true' "
                               "on it; if both need their own, nothing is wrong",
                               TitleOf(here)),
                   {}});
          break;  // one warning per leaf
        }
      }
    }
  }
  return out;
}

}  // namespace accredit
