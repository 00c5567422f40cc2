// What changed between two versions of a programme, in plain English: the first thing a
// rule-change report shows, before who changes outcome.
#include <fmt/format.h>

#include <algorithm>

#include "accredit/report.h"
#include "accredit/rules_describe.h"
#include "accredit/values.h"
#include "output/report_internal.h"

namespace accredit {

namespace {

// A requirement and everything under it as one line: "all of the following: a; b; c".
std::string DescribeTree(const RuleSet& rules, const Requirement& r) {
  std::string text = DescribeRequirement(rules, r);
  if (ShapeOf(r.kind) != RequirementShape::kGroup) return text;
  std::vector<std::string> parts;
  for (const Requirement& c : r.children) parts.push_back(DescribeTree(rules, c));
  return fmt::format("{}: {}", text, fmt::join(parts, "; "));
}

std::string DescribeGrading(const RuleSet& rules, const Grading& g) {
  if (g.kind == Grading::Kind::kUngraded || g.bands.empty()) return "not graded";
  std::vector<std::string> bands;
  for (const Band& b : g.bands) {
    bands.push_back(b.at_least > 0
                        ? fmt::format("{} from {}", b.name, internal::FormatScore(b.at_least))
                        : b.name);
  }
  std::string of = g.kind == Grading::Kind::kPoints ? "points" : "count";
  if (g.kind == Grading::Kind::kPoints && g.table >= 0) {
    const PointsTable& t = rules.tables[static_cast<std::size_t>(g.table)];
    of = fmt::format("{} points", t.title.empty() ? t.id : t.title);
    if (g.best > 0) of += fmt::format(" of the best {}", g.best);
    if (g.combine == Grading::Combine::kLowest) of = "lowest " + of;
  } else if (g.kind == Grading::Kind::kCount) {
    of = "count of " + DescribeFilter(rules, g.where);
  } else if (g.kind == Grading::Kind::kValue) {
    of = "value " + g.value_id;
  }
  return fmt::format("by {}: {}", of, fmt::join(bands, ", "));
}

std::string DateOr(const std::optional<Date>& date, std::string_view none) {
  return date ? FormatDate(*date) : std::string(none);
}

class Differ {
 public:
  Differ(const RuleSet& old_rules, const RuleSet& new_rules)
      : old_rules_(old_rules), new_rules_(new_rules) {}

  void Add(std::string where, std::string before, std::string after) {
    if (before != after) out_.push_back({std::move(where), std::move(before), std::move(after)});
  }

  // One change per leaf that differs while the two trees have the same shape; the whole tree
  // where the shape differs (a child added, a group turned into another kind).
  void Requirements(const std::string& where, const Requirement& a, const Requirement& b) {
    std::string head_a = DescribeRequirement(old_rules_, a);
    std::string head_b = DescribeRequirement(new_rules_, b);
    bool same_shape = a.kind == b.kind && a.children.size() == b.children.size() &&
                      (ShapeOf(a.kind) != RequirementShape::kGroup || head_a == head_b);
    if (!same_shape) {
      Add(where, DescribeTree(old_rules_, a), DescribeTree(new_rules_, b));
      return;
    }
    if (ShapeOf(a.kind) != RequirementShape::kGroup) {
      Add(where, head_a, head_b);
      return;
    }
    for (std::size_t i = 0; i < a.children.size(); ++i) {
      Requirements(where, a.children[i], b.children[i]);
    }
  }

  void Tier(const accredit::Tier* a, const accredit::Tier* b) {
    std::string where = internal::TitleOf(b != nullptr ? *b : *a);
    if (a == nullptr || b == nullptr) {
      Add(where, a != nullptr ? "this tier" : "", b != nullptr ? "this tier" : "");
      return;
    }
    for (const Component& cb : b->components) {
      auto ca = std::find_if(a->components.begin(), a->components.end(),
                             [&](const Component& c) { return c.local_id == cb.local_id; });
      std::string at = fmt::format("{}: {}", where, internal::TitleOf(cb));
      if (ca == a->components.end()) {
        Add(at, "", DescribeTree(new_rules_, cb.requirement));
      } else {
        Requirements(at, ca->requirement, cb.requirement);
      }
    }
    for (const Component& ca : a->components) {
      if (std::none_of(b->components.begin(), b->components.end(),
                       [&](const Component& c) { return c.local_id == ca.local_id; })) {
        Add(fmt::format("{}: {}", where, internal::TitleOf(ca)),
            DescribeTree(old_rules_, ca.requirement), "");
      }
    }
    Add(where + ": award grade", DescribeGrading(old_rules_, a->grading),
        DescribeGrading(new_rules_, b->grading));
  }

  std::vector<RuleChange> Finish() { return std::move(out_); }

 private:
  const RuleSet& old_rules_;
  const RuleSet& new_rules_;
  std::vector<RuleChange> out_;
};

const Tier* FindTier(const Programme& p, std::string_view id) {
  for (const Tier& t : p.tiers) {
    if (t.id == id) return &t;
  }
  return nullptr;
}

}  // namespace

std::vector<RuleChange> CompareRules(const RuleSet& old_rules, const Programme& old_programme,
                                     const RuleSet& new_rules, const Programme& new_programme) {
  Differ d(old_rules, new_rules);
  d.Add("Programme title", old_programme.title, new_programme.title);
  d.Add("Work counts from", DateOr(old_programme.starts, "any date"),
        DateOr(new_programme.starts, "any date"));
  d.Add("Programme ends", DateOr(old_programme.ends, "no end date"),
        DateOr(new_programme.ends, "no end date"));
  d.Add("Rules valid from", DateOr(old_programme.valid_from, "any date"),
        DateOr(new_programme.valid_from, "any date"));
  d.Add("Rules valid to", DateOr(old_programme.valid_to, "no end date"),
        DateOr(new_programme.valid_to, "no end date"));
  for (const Tier& t : new_programme.tiers) d.Tier(FindTier(old_programme, t.id), &t);
  for (const Tier& t : old_programme.tiers) {
    if (FindTier(new_programme, t.id) == nullptr) d.Tier(&t, nullptr);
  }
  return d.Finish();
}

}  // namespace accredit
