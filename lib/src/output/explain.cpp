#include "accredit/explain.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "accredit/diagnostic.h"
#include "accredit/exceptions.h"
#include "accredit/next_steps.h"
#include "accredit/rules_describe.h"
#include "base/text_wrap.h"
#include "engine/plan.h"
#include "exceptions/exceptions_json.h"
#include "output/completion_name.h"
#include "output/explain_summary.h"

namespace accredit {

namespace {

std::string Number(double value) {
  if (value == std::floor(value)) return fmt::format("{}", static_cast<long long>(value));
  return fmt::format("{:.1f}", value);
}

std::string StrandTitle(std::string_view id) {
  if (id == "leadership-service") return "leadership & service";
  if (id == "creative-cultural") return "creative & cultural";
  if (id == "physical-outdoor") return "physical & outdoor";
  return std::string(id);
}

std::string TitleOf(const Component& c) { return c.title.empty() ? c.local_id : c.title; }
std::string TitleOf(const Tier& t) { return t.title.empty() ? t.id : t.title; }

double TraceProgress(const NodeTrace& t) {
  if (t.met) return 1;
  if (t.node == nullptr || t.upper_bound) return 0;
  switch (ShapeOf(t.node->kind)) {
    case RequirementShape::kGroup: {
      std::vector<double> p;
      for (const NodeTrace& c : t.children) p.push_back(TraceProgress(c));
      std::sort(p.begin(), p.end(), std::greater<>());
      double sum = 0;
      std::size_t needed = static_cast<std::size_t>(t.required);
      for (std::size_t i = 0; i < needed && i < p.size(); ++i) sum += p[i];
      return needed == 0 ? 1 : sum / static_cast<double>(needed);
    }
    case RequirementShape::kBounded:
    case RequirementShape::kExclusion:
    case RequirementShape::kComparison:
      break;
  }
  return t.required <= 0 ? 0 : std::min(0.999, t.actual / t.required);
}

class NeedsWriter {
 public:
  NeedsWriter(const RuleSet& rules, const Learner& learner, const Outcome& outcome)
      : rules_(rules), learner_(learner), outcome_(outcome) {
    plan_.rules = &rules;  // filter matching needs only the rules
  }

  // Sentences for an unmet node, each with the leaf requirement it describes.
  void Needs(const NodeTrace& t, std::vector<std::pair<const Requirement*, std::string>>& out) {
    if (t.met || t.node == nullptr) return;
    const Requirement& r = *t.node;
    switch (ShapeOf(r.kind)) {
      case RequirementShape::kBounded: {
        std::string sentence;
        if (t.upper_bound || t.actual < t.required) {
          sentence = DescribeShortfall(rules_, r, t.actual, t.required, t.upper_bound);
        }
        // Rule language 1.1: too few strands (say) reach their minimum, whatever the total.
        if (std::string groups = DescribeGroupShortfall(r, t.groups); !groups.empty()) {
          sentence += sentence.empty() ? groups : "; " + groups;
        }
        if (!t.upper_bound) {
          sentence += note_;
          note_.clear();
          sentence += Misses(r.aggregate.where);
        }
        out.emplace_back(&r, std::move(sentence));
        return;
      }
      case RequirementShape::kExclusion:
      case RequirementShape::kComparison:
        out.emplace_back(&r, DescribeShortfall(rules_, r, t.actual, t.required, t.upper_bound));
        return;
      case RequirementShape::kGroup:
        break;
    }
    // Every unmet child of an `all`, in order. Of any other group, the unmet children closest
    // to being met, as many as are missing; of an `any`, the closest way to meet it.
    if (r.kind == Requirement::Kind::kAll) {
      for (const NodeTrace& c : t.children) Needs(c, out);
      return;
    }
    std::vector<const NodeTrace*> unmet;
    for (const NodeTrace& c : t.children) {
      if (!c.met) unmet.push_back(&c);
    }
    std::stable_sort(unmet.begin(), unmet.end(), [](const NodeTrace* a, const NodeTrace* b) {
      return TraceProgress(*a) > TraceProgress(*b);
    });
    std::size_t missing = static_cast<std::size_t>(t.required - t.actual);
    if (r.kind == Requirement::Kind::kAny && unmet.size() > 1) {
      // The closest of the ways to meet it; the others are in the full explanation.
      note_ = fmt::format(" (the closest of {} ways to meet it)", unmet.size());
      Needs(*unmet.front(), out);
      note_.clear();
      return;
    }
    for (std::size_t i = 0; i < missing && i < unmet.size(); ++i) Needs(*unmet[i], out);
  }

 private:
  // Nearest misses: achievements that would match but for their grade or level, and matching
  // ones that do not count.
  std::string Misses(const Filter& filter) {
    Filter relaxed = filter;
    relaxed.conditions.erase(std::remove_if(relaxed.conditions.begin(), relaxed.conditions.end(),
                                            [](const Condition& c) {
                                              return c.field == Field::kGrade ||
                                                     c.field == Field::kLevel;
                                            }),
                             relaxed.conditions.end());
    internal::CompiledFilter full = internal::CompileFilter(rules_, filter);
    internal::CompiledFilter loose = internal::CompileFilter(rules_, relaxed);
    std::vector<std::string> has;
    std::vector<std::string> uncounted;
    for (std::size_t i = 0; i < learner_.achievements.size(); ++i) {
      const Achievement& a = learner_.achievements[i];
      bool counts = outcome_.exclusions[i] == Exclusion::kCounts;
      bool exact = internal::Matches(plan_, full, learner_, a);
      if (exact && !counts) {
        uncounted.push_back(fmt::format("{} does not count: {}", Brief(a),
                                        ExclusionReason(outcome_.exclusions[i])));
      } else if (!exact && relaxed.conditions.size() < filter.conditions.size() &&
                 internal::Matches(plan_, loose, learner_, a)) {
        has.push_back(Brief(a));
      }
    }
    std::string out;
    if (!has.empty()) out += fmt::format("; has {}", fmt::join(has, ", "));
    if (!uncounted.empty()) out += fmt::format("; {}", fmt::join(uncounted, "; "));
    return out;
  }

  std::string Brief(const Achievement& a) {
    if (std::string name = internal::CompletionName(rules_, learner_, a); !name.empty()) {
      return name;
    }
    if (a.kind == Kind::kActivity) {
      std::string text = fmt::format("{} hours of {}", Number(a.hours),
                                     StrandTitle(learner_.Text(a, Field::kStrand)));
      if (a.date) text += " on " + FormatDate(*a.date);
      return text;
    }
    std::string type = a.type == kNone ? std::string(learner_.Text(a, Field::kType))
                                       : rules_.types[static_cast<std::size_t>(a.type)].title;
    std::string out = type;
    if (std::string_view subject = SubjectName(rules_, learner_, a); !subject.empty()) {
      out += fmt::format(" {}", subject);
    }
    std::string_view grade = learner_.Text(a, Field::kGrade);
    if (!grade.empty()) out += fmt::format(" grade {}", grade);
    if (a.level) out += fmt::format(" ({})", DescribeLevel(*a.level));
    return out;
  }

  const RuleSet& rules_;
  const Learner& learner_;
  const Outcome& outcome_;
  internal::Plan plan_;
  std::string note_;  // said once, by the next leaf sentence
};

// What the applied exceptions at node `t` say after its line ("waived by an exception"), and
// after the line of achievement `i` used there ("allowed here by an exception").
std::string NodeNote(const Outcome& outcome, const NodeTrace& t) {
  std::string out;
  for (const ExceptionResult& r : outcome.exceptions) {
    if (r.effect != ExceptionEffect::kApplied || r.exception->node != t.node) continue;
    ExceptionAction action = r.exception->exception->action;
    if (action == ExceptionAction::kWaive) out += " (waived by an exception)";
    if (action == ExceptionAction::kSubstitute && t.met &&
        std::find(t.used.begin(), t.used.end(), static_cast<std::uint32_t>(r.achievement)) !=
            t.used.end()) {
      out += " (met by a substitute, by an exception)";
    }
  }
  return out;
}

std::string UsedNote(const Outcome& outcome, const NodeTrace& t, std::uint32_t i) {
  for (const ExceptionResult& r : outcome.exceptions) {
    if (r.effect != ExceptionEffect::kApplied || r.exception->node != t.node ||
        r.achievement != static_cast<int>(i)) {
      continue;
    }
    switch (r.exception->exception->action) {
      case ExceptionAction::kAllow:
        return " (allowed to count here by an exception)";
      case ExceptionAction::kForce:
        return " (allocated here by an exception)";
      case ExceptionAction::kSubstitute:
        return " (the substitute)";
      case ExceptionAction::kWaive:
        break;
    }
  }
  return "";
}

// What was found against what was required, in words that read right when it is met, too:
// "has 18, needs 15", "has 2, at most 1", "1 of 2 ways met", "2 of 4 met".
std::string Measure(const NodeTrace& t) {
  if (!t.children.empty()) {
    const Requirement::Kind kind = t.node->kind;
    if (kind == Requirement::Kind::kAll) {
      return fmt::format("{} of {} met", Number(t.actual), t.children.size());
    }
    std::string out = fmt::format("{} of {} ways met", Number(t.actual), t.children.size());
    if (kind == Requirement::Kind::kNOf) out += fmt::format(", needs {}", Number(t.required));
    return out;
  }
  if (t.upper_bound) return fmt::format("has {}, at most {}", Number(t.actual), Number(t.required));
  if (t.groups_required > 0 && t.node != nullptr && t.node->aggregate.per) {
    return fmt::format("has {}, needs {}; {} of {} {}s", Number(t.actual), Number(t.required),
                       t.groups, t.groups_required, FieldName(*t.node->aggregate.per));
  }
  return fmt::format("has {}, needs {}", Number(t.actual), Number(t.required));
}

// An achievement in words, with where it was read only when `sources` is given.
std::string AchievementText(const RuleSet& rules, const Learner& learner, const Achievement& a,
                            const SourceSet* sources) {
  std::string text;
  if (std::string name = internal::CompletionName(rules, learner, a); !name.empty()) {
    text = "activity: " + name;
  } else if (a.kind == Kind::kActivity && a.type != kNone &&
             learner.Text(a, Field::kStrand).empty()) {
    // An activity of a type but of no strand (an industry placement): "industry placement:
    // 300 hours, completed".
    text = fmt::format("{}: {} hours", rules.types[static_cast<std::size_t>(a.type)].title,
                       Number(a.hours));
    if (std::string_view grade = learner.Text(a, Field::kGrade); !grade.empty()) {
      text += fmt::format(", {}", grade);
    }
  } else if (a.kind == Kind::kActivity) {
    text = fmt::format("activity: {} hours of {}", Number(a.hours),
                       StrandTitle(learner.Text(a, Field::kStrand)));
  } else {
    text = a.type == kNone ? std::string(learner.Text(a, Field::kType))
                           : rules.types[static_cast<std::size_t>(a.type)].title;
    if (std::string_view subject = SubjectName(rules, learner, a);
        !subject.empty() && a.kind != Kind::kProject &&
        (a.type == kNone || rules.types[static_cast<std::size_t>(a.type)].kind != Kind::kProject)) {
      text += fmt::format(" {}", subject);
    }
    std::string grade(learner.Text(a, Field::kGrade));
    // A result in words ("completed") is not a grade: "Centre-assessed project, completed".
    bool words = grade.size() > 3 && std::all_of(grade.begin(), grade.end(), [](char c) {
                   return (c >= 'a' && c <= 'z') || c == '-';
                 });
    if (words) std::replace(grade.begin(), grade.end(), '-', ' ');
    if (!grade.empty()) text += (words ? ", " : " grade ") + grade;
  }
  if (a.status != Status::kAchieved) text += fmt::format(" ({})", StatusName(a.status));
  if (a.date) text += " " + FormatDate(*a.date);
  if (sources != nullptr && a.location.source != kNoSource) {
    text += " [" + FormatLocation(a.location, *sources) + "]";
  }
  return text;
}

std::string Described(const RuleSet& rules, const Learner& learner, const Achievement& a,
                      const SourceSet& sources, bool verbose) {
  return AchievementText(rules, learner, a, verbose ? &sources : nullptr);
}

void TraceText(const RuleSet& rules, const Learner& learner, const SourceSet& sources,
               const Outcome& outcome, const NodeTrace& t, std::size_t depth, bool verbose,
               std::size_t width, std::string& out) {
  if (t.node == nullptr) return;
  std::string pad(depth * 2, ' ');
  std::string line = DescribeRequirement(rules, *t.node);
  if (!t.node->title.empty()) line = t.node->title + ": " + line;
  std::string note = outcome.exceptions.empty() ? "" : NodeNote(outcome, t);
  // Within `width` columns: a long requirement goes on under itself, past its status, with what
  // the learner has kept in one piece.
  std::string wrapped;
  internal::Wrap(wrapped, fmt::format("{} {}", t.met ? "[met]    " : "[not met]", line), pad.size(),
                 width, 10);
  wrapped.pop_back();  // its newline
  const std::string measure = fmt::format("[{}]{}", Measure(t), note);
  const std::size_t last_line = wrapped.rfind('\n') + 1;  // 0 when there is one line
  if (internal::Columns(std::string_view(wrapped).substr(last_line)) + 1 +
          internal::Columns(measure) <=
      width) {
    out += wrapped + " " + measure + "\n";
  } else {
    out += wrapped + "\n" + std::string(pad.size() + 10, ' ') + measure + "\n";
  }
  for (std::uint32_t i : t.used) {
    internal::Wrap(
        out,
        fmt::format("- {}{}", Described(rules, learner, learner.achievements[i], sources, verbose),
                    outcome.exceptions.empty() ? "" : UsedNote(outcome, t, i)),
        pad.size() + 12, width, 2);
  }
  for (const NodeTrace& c : t.children) {
    TraceText(rules, learner, sources, outcome, c, depth + 1, verbose, width, out);
  }
}

void TraceJson(JsonWriter& json, const Outcome& outcome, const NodeTrace& t) {
  json.BeginObject();
  json.Key("id").String(t.node != nullptr ? t.node->id : "");
  json.Key("met").Bool(t.met);
  json.Key("actual").Number(t.actual);
  json.Key(t.upper_bound ? "at_most" : "required").Number(t.required);
  if (t.groups_required > 0) {  // a sum `per` strand (rule language 1.1): strands reaching it
    json.Key("groups").Int(t.groups);
    json.Key("groups_required").Int(t.groups_required);
  }
  json.Key("used").BeginArray();
  for (std::uint32_t i : t.used) json.Int(i);
  json.EndArray();
  // Indexes into the document's "exceptions" of those applied at this node.
  bool any = false;
  for (std::size_t k = 0; k < outcome.exceptions.size(); ++k) {
    const ExceptionResult& r = outcome.exceptions[k];
    if (r.effect != ExceptionEffect::kApplied || r.exception->node != t.node) continue;
    if (!any) json.Key("exceptions").BeginArray();
    any = true;
    json.Int(static_cast<long long>(k));
  }
  if (any) json.EndArray();
  if (!t.children.empty()) {
    json.Key("children").BeginArray();
    for (const NodeTrace& c : t.children) TraceJson(json, outcome, c);
    json.EndArray();
  }
  json.EndObject();
}

}  // namespace

std::vector<NeededItem> StillNeededItems(const RuleSet& rules, const Learner& learner,
                                         const Outcome& outcome, const TierResult& tier) {
  NeedsWriter writer(rules, learner, outcome);
  std::vector<NeededItem> out;
  for (const ComponentResult& c : tier.components) {
    if (c.status == ComponentStatus::kMet) continue;
    std::vector<std::pair<const Requirement*, std::string>> needs;
    writer.Needs(c.trace, needs);
    for (auto& [node, sentence] : needs) {
      out.push_back(NeededItem{c.component, node, TitleOf(*c.component) + ": " + sentence});
    }
  }
  return out;
}

std::vector<std::string> StillNeeded(const RuleSet& rules, const Learner& learner,
                                     const Outcome& outcome, const TierResult& tier) {
  std::vector<std::string> out;
  for (NeededItem& item : StillNeededItems(rules, learner, outcome, tier)) {
    out.push_back(std::move(item.sentence));
  }
  return out;
}

std::string DescribeAchievement(const RuleSet& rules, const Learner& learner, const Achievement& a,
                                const SourceSet& sources) {
  return AchievementText(rules, learner, a, &sources);
}

namespace {

// Rule language 1.1's named values: each with what it is worked out from and the results it
// used.
void ValuesText(const RuleSet& rules, const Programme& programme, const Learner& learner,
                const Outcome& outcome, const SourceSet& sources, bool verbose, std::size_t width,
                std::string& out) {
  if (programme.values.empty() || outcome.values.empty()) return;
  out += "\nWorked out:\n";
  for (std::size_t i = 0; i < programme.values.size() && i < outcome.values.size(); ++i) {
    const NamedValue& value = programme.values[i];
    out += fmt::format("  {}: {}\n", ValueTitle(value), Number(outcome.values[i]));
    internal::Wrap(out, DescribeValue(rules, programme, value.expr), 4, width);
    if (i >= outcome.value_used.size()) continue;
    for (std::uint32_t a : outcome.value_used[i]) {
      internal::Wrap(out,
                     "- " + Described(rules, learner, learner.achievements[a], sources, verbose), 6,
                     width, 2);
    }
  }
}

}  // namespace

std::string ExplainText(const RuleSet& rules, const Programme& programme, const Learner& learner,
                        const Outcome& outcome, const SourceSet& sources,
                        const ExplainOptions& options) {
  std::string out;
  NextSteps steps = PlanNextSteps(rules, programme, learner, outcome, options.as_of);
  if (options.summary) {
    out += internal::ExplainSummary(programme, learner, outcome, steps, options);
    if (!options.detail) return out;
    out += "\nIn detail\n---------\n";
  } else {
    out += fmt::format("{}: {}\n", learner.id, programme.title);
  }
  const bool verbose = options.verbose;
  std::string result = outcome.tier == kNone
                           ? "no award"
                           : TitleOf(programme.tiers[static_cast<std::size_t>(outcome.tier)]) +
                                 (outcome.grade.empty() ? "" : ", " + outcome.grade);
  out += fmt::format("Outcome: {}{}{}\n", result,
                     outcome.used_predicted ? " (relies on a predicted grade)" : "",
                     outcome.relies_on_exception ? " (relies on an assessor exception)" : "");
  if (!outcome.exceptions.empty()) {
    std::string alone =
        outcome.tier_without_exceptions == kNone
            ? "no award"
            : TitleOf(programme.tiers[static_cast<std::size_t>(outcome.tier_without_exceptions)]) +
                  (outcome.grade_without_exceptions.empty()
                       ? ""
                       : ", " + outcome.grade_without_exceptions);
    out += fmt::format("Without exceptions: {}\n", alone);
    out += "Assessor exceptions:\n";
    for (const ExceptionResult& r : outcome.exceptions) {
      const Exception& e = *r.exception->exception;
      std::string node = e.node;
      if (!verbose && r.exception->node != nullptr) {
        const Requirement& n = *r.exception->node;
        node = n.title.empty() ? DescribeRequirement(rules, n) : n.title;
      }
      out += fmt::format("  - {}: {}", node, ExceptionActionDone(e.action));
      if (r.achievement != kNone) {
        out += ": " + Described(rules, learner,
                                learner.achievements[static_cast<std::size_t>(r.achievement)],
                                sources, verbose);
      } else if (!e.achievement.empty()) {
        out += fmt::format(" ({})", DescribeSelector(e.achievement));
      }
      out += fmt::format("\n      {}", ExceptionEffectReason(r.effect));
      if (r.effect == ExceptionEffect::kNotCounted && r.achievement != kNone) {
        out += fmt::format(
            " ({})", ExclusionReason(outcome.exclusions[static_cast<std::size_t>(r.achievement)]));
      }
      out += fmt::format("\n      reason: {}\n      approved by {} on {}", e.reason, e.approved_by,
                         FormatDate(e.date));
      out += verbose ? fmt::format(" [{}]\n", FormatLocation(e.location, sources)) : "\n";
    }
  }
  if (outcome.data_error && learner.rejected_rows > 0) {
    out += fmt::format(
        "Data error: {} of this learner's rows were rejected (see the "
        "diagnostics), so this outcome is not final\n",
        learner.rejected_rows);
  }
  if (outcome.input_refused) {
    out +=
        "Data error: an input of this run could not be read (see the diagnostics), so this "
        "outcome is not final\n";
  }
  ValuesText(rules, programme, learner, outcome, sources, verbose, options.width, out);
  for (const TierResult& tier : outcome.tiers) {
    out += fmt::format("\n{}: {}\n", TitleOf(*tier.tier), tier.met ? "met" : "not met");
    if (tier.met && !tier.grade.empty()) {
      const Grading& g = tier.tier->grading;
      std::string how;  // rule language 1.1: what the score is, when not a plain total
      if (g.combine == Grading::Combine::kLowest) {
        how = g.best > 0 ? fmt::format(", the lowest of the best {}", g.best)
                         : ", the lowest of those counted";
      } else if (g.best > 0) {
        how = fmt::format(", the best {} added up", g.best);
      } else if (g.kind == Grading::Kind::kValue && g.value != kNone) {
        how = ", " + ValueInSentence(programme.values[static_cast<std::size_t>(g.value)]);
      }
      out += fmt::format("  award grade {} (score {}{})\n", tier.grade, Number(tier.score), how);
    }
    for (const ComponentResult& c : tier.components) {
      if (verbose) {
        out += fmt::format("  {} ({}): {}\n", TitleOf(*c.component), c.component->id,
                           ComponentStatusName(c.status));
      } else {
        out += fmt::format(
            "  {}: {}\n", TitleOf(*c.component),
            c.status == ComponentStatus::kNotMet ? "not met" : ComponentStatusName(c.status));
      }
      TraceText(rules, learner, sources, outcome, c.trace, 2, verbose, options.width, out);
    }
    for (const TierSteps& unmet : steps.unmet) {
      if (unmet.tier != tier.tier) continue;
      out += fmt::format("  Still needed for {}:\n", TitleOf(*tier.tier));
      internal::RenderSteps(out, unmet, 4, options.width, false);
    }
  }
  bool header = false;
  for (std::size_t i = 0; i < learner.achievements.size(); ++i) {
    if (outcome.exclusions[i] == Exclusion::kCounts) continue;
    if (!header) out += "\nNot counted:\n";
    header = true;
    internal::Wrap(out,
                   fmt::format("- {}: {}",
                               Described(rules, learner, learner.achievements[i], sources, verbose),
                               ExclusionReason(outcome.exclusions[i])),
                   2, options.width, 2);
  }
  return out;
}

std::string ExplainJson(const RuleSet& rules, const Programme& programme, const Learner& learner,
                        const Outcome& outcome, const SourceSet& sources) {
  JsonWriter json;
  json.BeginObject();
  json.Key("format_version").Int(1);
  json.Key("learner").String(learner.id);
  json.Key("programme").String(programme.id);
  json.Key("tier").StringOrNull(
      outcome.tier == kNone ? "" : programme.tiers[static_cast<std::size_t>(outcome.tier)].id);
  json.Key("grade").StringOrNull(outcome.grade);
  json.Key("predicted").Bool(outcome.used_predicted);
  json.Key("data_error").Bool(outcome.data_error);
  if (!outcome.exceptions.empty()) {
    internal::WriteExceptionsJson(json, programme, &sources, learner, outcome);
  }
  if (!programme.values.empty()) {
    // Rule language 1.1's named values, in the order defined, each with the achievements
    // (indexes into "achievements") it rests on.
    json.Key("values").BeginArray();
    for (std::size_t i = 0; i < programme.values.size() && i < outcome.values.size(); ++i) {
      json.BeginObject();
      json.Key("id").String(programme.values[i].id);
      json.Key("title").String(ValueTitle(programme.values[i]));
      json.Key("value").Number(outcome.values[i]);
      json.Key("used").BeginArray();
      if (i < outcome.value_used.size()) {
        for (std::uint32_t a : outcome.value_used[i]) json.Int(static_cast<long long>(a));
      }
      json.EndArray();
      json.EndObject();
    }
    json.EndArray();
  }
  json.Key("achievements").BeginArray();
  for (std::size_t i = 0; i < learner.achievements.size(); ++i) {
    json.BeginObject();
    json.Key("index").Int(static_cast<long long>(i));
    json.Key("description")
        .String(DescribeAchievement(rules, learner, learner.achievements[i], sources));
    json.Key("counts").Bool(outcome.exclusions[i] == Exclusion::kCounts);
    if (outcome.exclusions[i] != Exclusion::kCounts) {
      json.Key("reason").String(ExclusionReason(outcome.exclusions[i]));
    }
    json.EndObject();
  }
  json.EndArray();
  json.Key("tiers").BeginArray();
  for (const TierResult& tier : outcome.tiers) {
    json.BeginObject();
    json.Key("tier").String(tier.tier->id);
    json.Key("met").Bool(tier.met);
    if (!tier.grade.empty()) json.Key("grade").String(tier.grade);
    json.Key("components").BeginArray();
    for (const ComponentResult& c : tier.components) {
      json.BeginObject();
      json.Key("id").String(c.component->id);
      json.Key("status").String(ComponentStatusName(c.status));
      json.Key("allocated").BeginArray();
      for (std::uint32_t i : c.allocated) json.Int(i);
      json.EndArray();
      json.Key("trace");
      TraceJson(json, outcome, c.trace);
      json.EndObject();
    }
    json.EndArray();
    json.Key("still_needed").BeginArray();
    if (!tier.met) {
      for (const std::string& s : StillNeeded(rules, learner, outcome, tier)) json.String(s);
    }
    json.EndArray();
    json.EndObject();
  }
  json.EndArray();
  json.EndObject();
  return json.str() + "\n";
}

}  // namespace accredit
