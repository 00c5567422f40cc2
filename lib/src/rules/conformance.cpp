#include "accredit/conformance.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace accredit {

namespace {

// Glob match where '*' stands for one or more characters.
bool MatchPattern(std::string_view pattern, std::string_view text) {
  if (pattern.empty()) return text.empty();
  if (pattern.front() == '*') {
    for (std::size_t i = 1; i <= text.size(); ++i) {
      if (MatchPattern(pattern.substr(1), text.substr(i))) return true;
    }
    return false;
  }
  return !text.empty() && pattern.front() == text.front() &&
         MatchPattern(pattern.substr(1), text.substr(1));
}

void CollectStrands(const Filter& filter, std::set<std::string>& out) {
  for (const Condition& c : filter.conditions) {
    if (c.field == Field::kStrand && c.form == Condition::Form::kOneOf) {
      out.insert(c.values.begin(), c.values.end());
    }
  }
}

void CollectStrands(const Requirement& req, std::set<std::string>& out) {
  CollectStrands(req.aggregate.where, out);
  for (const Requirement& child : req.children) CollectStrands(child, out);
}

// Whether a filter can only match qualifications: it says `kind: qualification`, or names
// only types whose kind is qualification.
bool OnlyQualifications(const RuleSet& rules, const Filter& filter) {
  for (const Condition& c : filter.conditions) {
    if (c.form != Condition::Form::kOneOf) continue;
    if (c.field == Field::kKind) {
      return std::all_of(c.values.begin(), c.values.end(),
                         [](const std::string& v) { return v == "qualification"; });
    }
    if (c.field == Field::kType) {
      return std::all_of(c.values.begin(), c.values.end(), [&](const std::string& v) {
        int t = rules.FindType(v);
        return t != kNone && rules.types[static_cast<std::size_t>(t)].kind == Kind::kQualification;
      });
    }
  }
  return false;
}

// Whole months from `from` up to the day after `to`: 2025-09-01..2027-08-31 is 24 months.
int MonthsSpanned(Date from, Date to) {
  CivilDate a = ToCivil(from);
  CivilDate b = ToCivil(Date{to.days + 1});
  int months = (b.year - a.year) * 12 + (b.month - a.month);
  if (b.day < a.day) --months;
  return months;
}

}  // namespace

Diagnostics CheckConformance(const RuleSet& rules, const Programme& programme) {
  Diagnostics out;
  if (programme.framework == kNone) return out;
  const Framework& framework = rules.frameworks[static_cast<std::size_t>(programme.framework)];
  auto fail = [&](const Criterion& criterion, DiagnosticCode code, std::string message,
                  const Location& where) {
    Diagnostic& d = out.Error(code, std::move(message), where);
    d.notes.push_back(Note{fmt::format("{} criterion '{}': {}", framework.id, criterion.id,
                                       criterion.title.empty() ? criterion.id : criterion.title),
                           criterion.location});
  };
  for (const Criterion& criterion : framework.criteria) {
    switch (criterion.kind) {
      case Criterion::Kind::kRoles:
        for (const Tier& tier : programme.tiers) {
          for (const std::string& role : criterion.roles) {
            bool has = std::any_of(tier.components.begin(), tier.components.end(),
                                   [&](const Component& c) { return c.role == role; });
            if (!has) {
              fail(criterion, "framework-roles",
                   fmt::format("tier '{}' has no component with role '{}'", tier.id, role),
                   tier.location);
            }
          }
        }
        break;
      case Criterion::Kind::kStrands:
        for (const Tier& tier : programme.tiers) {
          for (const Component& c : tier.components) {
            if (c.role != criterion.strand_role) continue;
            std::set<std::string> covered;
            CollectStrands(c.requirement, covered);
            for (const std::string& strand : criterion.strands) {
              if (covered.count(strand) != 0) continue;
              fail(criterion, "framework-strands",
                   fmt::format("component '{}' does not require any '{}' activity", c.id, strand),
                   c.location);
            }
          }
        }
        break;
      case Criterion::Kind::kMinMonths:
        if (!programme.starts || !programme.ends) {
          fail(criterion, "framework-duration",
               fmt::format("programme '{}' must give 'starts' and 'ends' dates to show it spans "
                           "at least {} months",
                           programme.id, criterion.min_months),
               programme.location);
        } else if (int months = MonthsSpanned(*programme.starts, *programme.ends);
                   months < criterion.min_months) {
          fail(criterion, "framework-duration",
               fmt::format("programme '{}' spans {} months ({} to {}); at least {} are required",
                           programme.id, months, FormatDate(*programme.starts),
                           FormatDate(*programme.ends), criterion.min_months),
               programme.location);
        }
        break;
      case Criterion::Kind::kTitlePattern:
        if (!MatchPattern(criterion.title_pattern, programme.title)) {
          fail(criterion, "framework-title",
               fmt::format("programme title '{}' does not have the form '{}'", programme.title,
                           criterion.title_pattern),
               programme.location);
        }
        break;
      case Criterion::Kind::kRequiresStart:
        if (!programme.starts) {
          fail(criterion, "framework-start",
               fmt::format("programme '{}' must give a 'starts' date: work before it does not "
                           "count",
                           programme.id),
               programme.location);
        } else if (programme.has_prior_learning &&
                   !OnlyQualifications(rules, programme.prior_learning)) {
          fail(criterion, "framework-start",
               fmt::format("programme '{}' lets earlier work count through 'prior_learning': "
                           "limit it to qualifications (kind: qualification, or qualification "
                           "types), never activities or projects",
                           programme.id),
               programme.location);
        }
        break;
    }
  }
  return out;
}

}  // namespace accredit
