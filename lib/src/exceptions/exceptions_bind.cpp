// BindExceptions() and the checks against records: exceptions resolved against a programme's
// node ids and vocabulary, and each named achievement tied to one of the learner's records.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <unordered_set>

#include "accredit/exceptions.h"
#include "base/text.h"
#include "rules/load_context.h"

namespace accredit {

const LearnerExceptions* ProgrammeExceptions::Find(std::string_view learner_id) const {
  if (index_.empty()) return nullptr;
  auto it = index_.find(learner_id);
  return it == index_.end() ? nullptr : &learners_[it->second];
}

namespace {

struct NodeRef {
  int tier = kNone;
  int component = kNone;
  const Requirement* node = nullptr;
};

void IndexNodes(const Requirement& r, int tier, int component,
                std::map<std::string, NodeRef, std::less<>>& out) {
  out.emplace(r.id, NodeRef{tier, component, &r});
  for (const Requirement& child : r.children) IndexNodes(child, tier, component, out);
}

const Requirement* FirstCountingLeaf(const Requirement& r) {
  if (IsAllocatingLeaf(r)) return &r;
  for (const Requirement& child : r.children) {
    if (const Requirement* leaf = FirstCountingLeaf(child)) return leaf;
  }
  return nullptr;
}

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  return internal::LowerAscii(a) == internal::LowerAscii(b);
}

}  // namespace

// Builds ProgrammeExceptions (a friend of it).
struct ExceptionBinder {
  ExceptionBinder(const RuleSet& rules, const Programme& programme, Diagnostics& diagnostics,
                  const BindOptions& options)
      : rules_(rules), programme_(programme), diagnostics_(diagnostics), options_(options) {
    for (std::size_t t = 0; t < programme.tiers.size(); ++t) {
      const Tier& tier = programme.tiers[t];
      for (std::size_t c = 0; c < tier.components.size(); ++c) {
        IndexNodes(tier.components[c].requirement, static_cast<int>(t), static_cast<int>(c),
                   nodes_);
      }
    }
    for (const auto& [id, ref] : nodes_) node_ids_.push_back(id);
    for (const Programme& p : rules.programmes) programme_ids_.push_back(p.id);
    for (const QualType& t : rules.types) type_ids_.push_back(t.id);
  }

  ProgrammeExceptions Bind(const ExceptionSet& set) {
    ProgrammeExceptions out;
    out.programme_ = &programme_;
    const std::string& award = options_.award.empty() ? programme_.id : options_.award;
    // (learner, tier, selector) -> the component a force gave it, to find conflicts.
    std::map<std::string, const BoundException*> forced;
    std::vector<std::pair<std::string, BoundException>> bound;
    for (const Exception& e : set.exceptions) {
      if (e.award != award) {
        if (options_.check_awards && rules_.FindProgramme(e.award) == kNone) UnknownAward(e);
        continue;
      }
      std::optional<BoundException> b = BindOne(e);
      if (!b) continue;
      bound.emplace_back(e.learner, *b);
    }
    for (auto& [learner, b] : bound) {
      if (b.exception->action == ExceptionAction::kForce) {
        std::string key = fmt::format("{}\x1f{}\x1f{}", learner, b.tier,
                                      DescribeSelector(b.exception->achievement));
        auto [it, inserted] = forced.emplace(key, &b);
        if (!inserted && it->second->component != b.component) {
          Diagnostic& d = diagnostics_.Error(
              "conflicting-exception",
              fmt::format("learner '{}' has the achievement with {} forced to '{}' and to '{}'",
                          learner, DescribeSelector(b.exception->achievement),
                          it->second->exception->node, b.exception->node),
              b.exception->location);
          d.notes.push_back(Note{"forced first here", it->second->exception->location});
          continue;
        }
      }
      auto [it, inserted] = out.index_.emplace(b.exception->learner, out.learners_.size());
      if (inserted) out.learners_.push_back(LearnerExceptions{b.exception->learner, {}});
      out.learners_[it->second].items.push_back(b);
      ++out.count_;
    }
    return out;
  }

 private:
  void UnknownAward(const Exception& e) {
    // One diagnostic per unknown award id, at its first use.
    if (!reported_awards_.insert(e.award).second) return;
    Diagnostic& d = diagnostics_.Error(
        "unknown-award",
        fmt::format("exceptions are given for award '{}', which the rules do not define{}", e.award,
                    programme_ids_.empty()
                        ? std::string()
                        : fmt::format(" (they define: {})", fmt::join(programme_ids_, ", "))),
        e.award_location.source != kNoSource ? e.award_location : e.location);
    internal::AddDidYouMean(d, e.award, programme_ids_);
  }

  std::optional<BoundException> BindOne(const Exception& e) {
    auto it = nodes_.find(e.node);
    if (it == nodes_.end()) {
      Diagnostic& d = diagnostics_.Add(
          options_.missing_node, "unknown-node",
          fmt::format("exception for learner '{}' names node '{}', which programme '{}'{} does "
                      "not have",
                      e.learner, e.node, programme_.id, options_.rules_label),
          e.node_location);
      internal::AddDidYouMean(d, e.node, node_ids_);
      return std::nullopt;
    }
    BoundException b;
    b.exception = &e;
    b.tier = it->second.tier;
    b.component = it->second.component;
    b.node = it->second.node;
    if (!CheckNode(e, b)) return std::nullopt;
    if (!e.achievement.empty() && !ResolveSelector(e.achievement, b)) return std::nullopt;
    return b;
  }

  bool CheckNode(const Exception& e, const BoundException& b) {
    const Requirement& node = *b.node;
    const Component& component = programme_.tiers[static_cast<std::size_t>(b.tier)]
                                     .components[static_cast<std::size_t>(b.component)];
    std::string message;
    std::string suggestion;
    switch (e.action) {
      case ExceptionAction::kWaive:
        return true;
      case ExceptionAction::kSubstitute:
        if (FirstCountingLeaf(node) != nullptr) return true;
        message = fmt::format(
            "substitute needs a node that counts achievements, but '{}' checks the whole record "
            "(a none, compare or at_most condition): waive it instead",
            e.node);
        break;
      case ExceptionAction::kAllow:
        if (IsAllocatingLeaf(node)) return true;
        if (const Requirement* leaf = FirstCountingLeaf(node)) {
          message = fmt::format(
              "allow names one condition that counts achievements, but '{}' is a group of "
              "conditions: name the one the achievement should count towards",
              e.node);
          suggestion = fmt::format("for example '{}'", leaf->id);
        } else {
          message = fmt::format(
              "allow names one condition that counts achievements, but '{}' checks the whole "
              "record (a none, compare or at_most condition): waive it instead",
              e.node);
        }
        break;
      case ExceptionAction::kForce:
        if (&node == &component.requirement) return true;
        message = fmt::format(
            "force allocates an achievement to a component, but '{}' is a condition inside "
            "component '{}'",
            e.node, component.id);
        suggestion = fmt::format("did you mean '{}'?", component.id);
        break;
    }
    Diagnostic& d = diagnostics_.Error("bad-action-node", message, e.node_location);
    if (!suggestion.empty()) d.notes.push_back(Note{suggestion, {}});
    return false;
  }

  bool ResolveSelector(const AchievementSelector& s, BoundException& b) {
    bool ok = true;
    auto text = [&](Field f) -> const std::string& {
      return s.fields[static_cast<std::size_t>(f)];
    };
    auto at = [&](Field f) -> const Location& { return s.locations[static_cast<std::size_t>(f)]; };
    if (const std::string& type = text(Field::kType); !type.empty()) {
      b.type = rules_.MatchType(type);
      if (b.type == kNone) {
        Diagnostic& d = diagnostics_.Error(
            "unknown-type", fmt::format("unknown qualification type '{}' in 'achievement'", type),
            at(Field::kType));
        internal::AddDidYouMean(d, type, type_ids_);
        ok = false;
      }
    }
    if (const std::string& subject = text(Field::kSubject);
        !subject.empty() && !rules_.subjects.empty()) {
      // Named as records name it: by id or alias. A subject outside the vocabulary names the
      // achievements whose records give it (records count it as a subject of its own), unless
      // it is close to a listed one, as in records.
      b.subject = rules_.MatchSubject(subject);
      if (b.subject == kNone) {
        if (std::string close = rules_.SuggestSubject(subject); !close.empty()) {
          diagnostics_
              .Error("unknown-subject",
                     fmt::format("unknown subject '{}' in 'achievement'", subject),
                     at(Field::kSubject))
              .notes.push_back(Note{fmt::format("did you mean '{}'?", close), {}});
          ok = false;
        }
      }
    }
    if (const std::string& kind = text(Field::kKind); !kind.empty()) {
      b.kind = KindByName(internal::LowerAscii(kind));
      if (!b.kind) {
        diagnostics_.Error("bad-value",
                           fmt::format("kind '{}' is not {}", kind, ListOf(kKindNames)),
                           at(Field::kKind));
        ok = false;
      }
    }
    if (const std::string& status = text(Field::kStatus); !status.empty()) {
      b.status = StatusByName(internal::LowerAscii(status));
      if (!b.status) {
        diagnostics_.Error("bad-value",
                           fmt::format("status '{}' is not {}", status, ListOf(kStatusNames)),
                           at(Field::kStatus));
        ok = false;
      }
    }
    if (const std::string& level = text(Field::kLevel); !level.empty()) {
      b.level = ParseLevel(level);
      if (!b.level) {
        diagnostics_.Error(
            "bad-level",
            fmt::format("'{}' is not a level: use entry1, entry2, entry3 or 1 to 8", level),
            at(Field::kLevel));
        ok = false;
      }
    }
    if (const std::string& date = text(Field::kDate); !date.empty()) {
      b.date = ParseDate(date);
      if (!b.date) {
        diagnostics_.Error(
            "bad-date",
            fmt::format("expected a date like 2026-06-30 for the achievement's date, got '{}'",
                        date),
            at(Field::kDate));
        ok = false;
      }
    }
    if (const std::string& hours = text(Field::kHours); !hours.empty()) {
      b.hours = ParseNumber(hours);
      if (!b.hours) {
        diagnostics_.Error(
            "bad-number",
            fmt::format("expected a number for the achievement's hours, got '{}'", hours),
            at(Field::kHours));
        ok = false;
      }
    }
    return ok;
  }

  const RuleSet& rules_;
  const Programme& programme_;
  Diagnostics& diagnostics_;
  const BindOptions& options_;
  std::map<std::string, NodeRef, std::less<>> nodes_;
  std::vector<std::string> node_ids_;
  std::vector<std::string> programme_ids_;
  std::vector<std::string> type_ids_;
  std::unordered_set<std::string> reported_awards_;
};

ProgrammeExceptions BindExceptions(const ExceptionSet& set, const RuleSet& rules,
                                   const Programme& programme, Diagnostics& diagnostics,
                                   const BindOptions& options) {
  return ExceptionBinder(rules, programme, diagnostics, options).Bind(set);
}

std::vector<std::uint32_t> MatchingAchievements(const BoundException& b, const Learner& learner) {
  std::vector<std::uint32_t> out;
  const AchievementSelector& s = b.exception->achievement;
  if (s.empty()) return out;
  for (std::size_t i = 0; i < learner.achievements.size(); ++i) {
    const Achievement& a = learner.achievements[i];
    bool match = true;
    for (std::size_t f = 0; f < kFieldCount && match; ++f) {
      const std::string& want = s.fields[f];
      if (want.empty()) continue;
      Field field = static_cast<Field>(f);
      switch (field) {
        case Field::kType:
          match = a.type == b.type;
          break;
        case Field::kSubject:
          match = b.subject != kNone
                      ? a.subject == b.subject
                      : a.subject == kNone && SameName(learner.Text(a, Field::kSubject), want);
          break;
        case Field::kKind:
          match = b.kind && a.kind == *b.kind;
          break;
        case Field::kStatus:
          match = b.status && a.status == *b.status;
          break;
        case Field::kLevel:
          match = b.level && a.level && *a.level == *b.level;
          break;
        case Field::kDate:
          match = b.date && a.date && *a.date == *b.date;
          break;
        case Field::kHours:
          match = b.hours && a.hours == *b.hours;
          break;
        case Field::kGrade:
          match = EqualsIgnoringCase(learner.Text(a, Field::kGrade), want);
          break;
        default:
          match = learner.Text(a, field) == want;
          break;
      }
    }
    if (match) out.push_back(static_cast<std::uint32_t>(i));
  }
  return out;
}

void CheckLearnerExceptions(const ProgrammeExceptions& exceptions, const Learner& learner,
                            Diagnostics& diagnostics) {
  const LearnerExceptions* mine = exceptions.Find(learner.id);
  if (mine == nullptr) return;
  constexpr std::size_t kShownRows = 5;
  for (const BoundException& b : mine->items) {
    const AchievementSelector& s = b.exception->achievement;
    if (s.empty()) continue;
    std::vector<std::uint32_t> matches = MatchingAchievements(b, learner);
    if (matches.size() == 1) continue;
    if (matches.empty()) {
      Diagnostic& d = diagnostics.Error(
          "no-such-achievement",
          fmt::format("learner '{}' has no achievement with {}, so this exception cannot apply",
                      learner.id, DescribeSelector(s)),
          s.location);
      d.notes.push_back(
          Note{"correct the exception, or the records if the achievement is "
               "missing from them",
               {}});
      continue;
    }
    Diagnostic& d = diagnostics.Error(
        "ambiguous-achievement",
        fmt::format("{} achievements of learner '{}' have {}: add fields (subject, date, title, "
                    "...) until one is named",
                    matches.size(), learner.id, DescribeSelector(s)),
        s.location);
    for (std::size_t k = 0; k < matches.size() && k < kShownRows; ++k) {
      d.notes.push_back(
          Note{"this achievement matches", learner.achievements[matches[k]].location});
    }
    if (matches.size() > kShownRows) {
      d.notes.push_back(Note{fmt::format("and {} more", matches.size() - kShownRows), {}});
    }
  }
}

void CheckExceptionRecords(const ProgrammeExceptions& exceptions,
                           const std::vector<Learner>& learners, Diagnostics& diagnostics) {
  if (exceptions.empty()) return;
  std::unordered_set<std::string_view> present;
  for (const Learner& learner : learners) {
    if (exceptions.Find(learner.id) == nullptr) continue;
    present.insert(learner.id);
    CheckLearnerExceptions(exceptions, learner, diagnostics);
  }
  WarnAbsentLearners(exceptions, present, diagnostics);
}

void WarnAbsentLearners(const ProgrammeExceptions& exceptions,
                        const std::unordered_set<std::string_view>& seen,
                        Diagnostics& diagnostics) {
  for (const LearnerExceptions& l : exceptions.learners()) {
    if (seen.count(l.learner) != 0) continue;
    const Exception& first = *l.items.front().exception;
    diagnostics.Warning(
        "absent-learner",
        fmt::format("exceptions are given for learner '{}', who is not in the records read",
                    l.learner),
        first.learner_location.source != kNoSource ? first.learner_location : first.location);
  }
}

}  // namespace accredit
