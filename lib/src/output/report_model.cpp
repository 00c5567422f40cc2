#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

#include "accredit/exceptions.h"
#include "accredit/explain.h"
#include "accredit/next_steps.h"
#include "accredit/outcome_format.h"
#include "accredit/report.h"
#include "accredit/rules_describe.h"
#include "accredit/workbook.h"
#include "output/report_internal.h"
#include "output/step_text.h"

namespace accredit {

namespace {

ReportedOutcome Reduce(const RuleSet& rules, const Programme* programme, const Learner& learner,
                       Outcome traced, std::optional<Date> as_of) {
  ReportedOutcome r;
  r.needs.resize(traced.tiers.size());
  for (std::size_t t = 0; t < traced.tiers.size(); ++t) {
    if (!traced.tiers[t].met)
      r.needs[t] = StillNeededItems(rules, learner, traced, traced.tiers[t]);
  }
  if (programme != nullptr && !traced.data_error) {
    const NextSteps plan = PlanNextSteps(rules, *programme, learner, traced, as_of);
    r.steps.resize(traced.tiers.size());
    for (std::size_t t = 0; t < traced.tiers.size(); ++t) {
      for (const TierSteps& tier : plan.unmet) {
        if (tier.tier != traced.tiers[t].tier) continue;
        for (const NextStep& step : tier.steps) {
          r.steps[t].push_back(NeededItem{step.component, nullptr, StepSentence(step)});
        }
      }
    }
  }
  for (TierResult& t : traced.tiers) {
    for (ComponentResult& c : t.components) c.trace = NodeTrace{};
  }
  r.outcome = std::move(traced);
  return r;
}

}  // namespace

ReportedOutcome ForReport(const RuleSet& rules, const Learner& learner, Outcome traced) {
  return Reduce(rules, nullptr, learner, std::move(traced), std::nullopt);
}

ReportedOutcome ForReport(const RuleSet& rules, const Programme& programme, const Learner& learner,
                          Outcome traced, std::optional<Date> as_of) {
  return Reduce(rules, &programme, learner, std::move(traced), as_of);
}

bool IsNameField(Field field) {
  return field == Field::kTitle || field == Field::kProvider || field == Field::kEvidence;
}

std::string SetGroupBy(std::string_view name, ReportOptions& options) {
  options.group_by = GroupByField(name);
  options.group_by_attribute.clear();
  if (options.group_by) return "";
  const bool id = !name.empty() && name.front() != '-' && name.back() != '-' &&
                  std::all_of(name.begin(), name.end(), [](char c) {
                    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
                  });
  if (name == FieldName(Field::kLearner) || !id) {
    return fmt::format(
        "--group-by expects a record field other than learner ({}) or a learner attribute "
        "(form, year, gender, pupil-premium, send, eal, or another a mapping names), got '{}'",
        fmt::join(GroupByFieldNames(), ", "), name);
  }
  options.group_by_attribute = std::string(name);
  return "";
}

bool IsNameAttribute(std::string_view attribute) {
  return attribute == "name" || attribute == "forename" || attribute == "surname";
}

std::string GroupValue(const Learner& learner, Field field) {
  for (const Achievement& a : learner.achievements) {
    std::string_view text = learner.Text(a, field);
    if (!text.empty()) return std::string(text);
  }
  return "";
}

namespace internal {

std::vector<std::string> GroupLabels(const std::vector<Learner>& learners,
                                     const ReportOptions& options) {
  std::vector<std::string> labels(learners.size());
  if (!options.grouped()) return labels;
  const std::string_view attribute = options.group_by_attribute;
  // A learner's name is personal text like a title; other attributes label their groups.
  bool anonymous = options.no_names &&
                   (options.group_by ? IsNameField(*options.group_by) : IsNameAttribute(attribute));
  std::unordered_map<std::string, std::size_t> numbers;  // value -> group number
  for (std::size_t i = 0; i < learners.size(); ++i) {
    std::string value = options.group_by ? GroupValue(learners[i], *options.group_by)
                                         : std::string(learners[i].Attribute(attribute));
    if (value.empty()) {
      labels[i] = fmt::format("(no {})", options.group_by_name());
    } else if (anonymous) {
      // Numbered in order of first appearance, so the same input always gets the same labels.
      auto [it, inserted] = numbers.emplace(value, numbers.size() + 1);
      labels[i] = fmt::format("group {}", it->second);
    } else {
      labels[i] = value;
    }
  }
  return labels;
}

std::string PlainText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (ch == '\n' || ch == '\r' || ch == '\t') {
      out += ' ';
    } else if (c < 0x20 || c == 0x7f) {
      out += "\xef\xbf\xbd";
    } else {
      out += ch;
    }
  }
  return out;
}

std::string TitleOf(const Tier& tier) { return tier.title.empty() ? tier.id : tier.title; }
std::string TitleOf(const Component& component) {
  return component.title.empty() ? component.local_id : component.title;
}

std::string GradeInWords(std::string_view grade) {
  std::string words(grade);
  std::replace(words.begin(), words.end(), '-', ' ');
  return Capitalized(std::move(words));
}

std::string Percent(std::size_t part, std::size_t of) {
  if (of == 0) return "-";
  // Integer rounding (half up) so every format and platform prints the same figure.
  std::size_t whole = (part * 200 + of) / (of * 2);
  return fmt::format("{}%", whole);
}

double Ratio(std::size_t part, std::size_t of) {
  if (of == 0) return 0;
  std::size_t tenths = (part * 2000 + of) / (of * 2);
  return static_cast<double>(tenths) / 10;
}

std::string FormatScore(double value) {
  if (value == std::floor(value)) return fmt::format("{}", static_cast<long long>(value));
  return fmt::format("{:.1f}", value);
}

std::string OutcomeLabel(std::string_view tier, std::string_view grade) {
  if (grade.empty()) return std::string(tier);
  return fmt::format("{} {}", tier, grade);
}

std::string TierLabelText(const Programme& p, std::string_view label) {
  if (label == "none") return "No award";
  if (label == "error") return "Provisional";
  for (const Tier& t : p.tiers) {
    if (t.id == label) return TitleOf(t);
  }
  return std::string(label);
}

std::string OutcomeInWords(const Programme& p, std::string_view tier, std::string_view grade) {
  std::string out = TierLabelText(p, tier);
  if (!grade.empty()) out += ", " + GradeInWords(grade);
  return out;
}

std::string ProgrammeHeading(const Programme& programme) {
  if (programme.title.empty()) return programme.id;
  return fmt::format("{} ({})", programme.title, programme.id);
}

std::string OptionsSentence(const Report& report) {
  std::vector<std::string> parts;
  if (report.evaluate_options.as_of) {
    parts.push_back("as of " + FormatDate(*report.evaluate_options.as_of));
  }
  if (report.evaluate_options.predicted) parts.push_back("predicted grades count");
  if (report.evaluate_options.exceptions != nullptr) parts.push_back("with assessor exceptions");
  if (report.options.grouped()) {
    parts.push_back(fmt::format("grouped by {}", report.options.group_by_name()));
  }
  if (report.options.no_names) parts.push_back("names omitted");
  return fmt::format("{}", fmt::join(parts, "; "));
}

bool WithExceptions(const Report& report) { return report.evaluate_options.exceptions != nullptr; }

std::string ExceptionLine(const Report& report, const ExceptionResult& result) {
  std::string line = DescribeException(*result.exception->exception, report.options.no_names);
  if (result.effect != ExceptionEffect::kApplied) {
    line += fmt::format(" [{}]", ExceptionEffectReason(result.effect));
  }
  return line;
}

std::string ExceptedOutcome(const Programme& p, const ExceptionLearner& e) {
  std::string out = OutcomeInWords(p, e.tier, e.grade);
  if (e.relies) {
    out += fmt::format(" (without exceptions: {})",
                       OutcomeInWords(p, e.tier_without, e.grade_without));
  }
  return out;
}

std::string GradesInWords(const TierCount& t) {
  std::vector<std::string> parts;
  for (const GradeCount& g : t.grades) {
    parts.push_back(fmt::format("{} {}", GradeInWords(g.grade), g.learners));
  }
  return fmt::format("{}", fmt::join(parts, ", "));
}

std::string AchievedLabel(const CloseLearner& c) {
  return c.achieved == nullptr ? "none" : c.achieved->id;
}

std::string AchievedTitle(const CloseLearner& c) {
  return c.achieved == nullptr ? "No award" : TitleOf(*c.achieved);
}

}  // namespace internal

namespace {

// The tier a learner is short of: the one just above what they achieved, or the lowest tier
// when they achieved none (the same rule as validate's "short of the next tier").
// Its index in Outcome::tiers, or -1.
int NextTier(const Outcome& o) {
  if (o.tiers.empty()) return -1;
  if (o.tier == kNone) return static_cast<int>(o.tiers.size()) - 1;
  return o.tier - 1;
}

class Aggregator {
 public:
  Aggregator(const RuleSet& rules, const Programme& programme, std::string group)
      : rules_(rules), programme_(programme) {
    summary_.group = std::move(group);
    for (const Tier& tier : programme.tiers) {
      TierCount count;
      count.tier = &tier;
      for (const Band& band : tier.grading.bands) count.grades.push_back({band.name, 0});
      summary_.tiers.push_back(std::move(count));
      for (const Component& c : tier.components) {
        summary_.components.push_back(ComponentRate{&tier, &c, 0, 0});
      }
    }
  }

  void Add(const Learner& learner, const ReportedOutcome& reported, const std::string& group) {
    const Outcome& o = reported.outcome;
    ++summary_.learners;
    if (o.data_error) {
      ++summary_.errors;
      summary_.data_errors.push_back({learner.id, group, learner.rejected_rows});
      return;
    }
    if (o.used_predicted) ++summary_.predicted;
    if (o.relies_on_exception) ++summary_.exceptions;
    if (!o.exceptions.empty()) {
      auto label = [this](int tier) {
        return tier == kNone ? std::string("none")
                             : programme_.tiers[static_cast<std::size_t>(tier)].id;
      };
      summary_.excepted.push_back(ExceptionLearner{
          learner.id, group, label(o.tier), o.grade, label(o.tier_without_exceptions),
          o.grade_without_exceptions, o.relies_on_exception, o.exceptions});
    }
    if (o.tier == kNone) {
      ++summary_.none;
    } else {
      TierCount& count = summary_.tiers[static_cast<std::size_t>(o.tier)];
      ++count.learners;
      for (GradeCount& g : count.grades) {
        if (g.grade == o.grade) ++g.learners;
      }
    }
    for (const TierResult& t : o.tiers) {
      for (const ComponentResult& c : t.components) {
        ComponentRate& rate = RateOf(c.component);
        ++rate.evaluated;
        if (c.status == ComponentStatus::kMet) ++rate.met;
      }
    }
    int next_index = NextTier(o);
    if (next_index < 0) return;
    const TierResult* next = &o.tiers[static_cast<std::size_t>(next_index)];
    const std::vector<NeededItem>& items = reported.needs[static_cast<std::size_t>(next_index)];
    std::vector<const Requirement*> seen;  // count a learner once per requirement
    for (const NeededItem& item : items) {
      if (item.requirement == nullptr ||
          std::find(seen.begin(), seen.end(), item.requirement) != seen.end()) {
        continue;
      }
      seen.push_back(item.requirement);
      auto [it, inserted] = reason_index_.emplace(item.requirement, reasons_.size());
      if (inserted) {
        reasons_.push_back(NeededReason{next->tier, item.component, item.requirement,
                                        fmt::format("{}: {}: {}", internal::TitleOf(*next->tier),
                                                    internal::TitleOf(*item.component),
                                                    DescribeRequirement(rules_, *item.requirement)),
                                        0});
      }
      ++reasons_[it->second].learners;
    }
    std::vector<const ComponentResult*> unmet;
    for (const ComponentResult& c : next->components) {
      if (c.status != ComponentStatus::kMet) unmet.push_back(&c);
    }
    if (unmet.size() == 1) {
      CloseLearner close;
      close.learner = learner.id;
      close.group = group;
      close.achieved =
          o.tier == kNone ? nullptr : &programme_.tiers[static_cast<std::size_t>(o.tier)];
      close.next = next->tier;
      close.missing = unmet.front()->component;
      for (const NeededItem& item : items) close.still_needed.push_back(item.sentence);
      summary_.close.push_back(std::move(close));
    }
  }

  CohortSummary Finish(std::size_t top) {
    // Most learners first; ties in the order of the programme's tiers, components and nodes
    // (the order the nodes were first met is input-dependent, so sort by the document).
    auto position = [this](const NeededReason& r) {
      std::size_t tier = static_cast<std::size_t>(r.tier - programme_.tiers.data());
      std::size_t component = static_cast<std::size_t>(r.component - r.tier->components.data());
      return std::make_tuple(tier, component, r.requirement->location.line,
                             r.requirement->location.column, r.requirement->id);
    };
    std::sort(reasons_.begin(), reasons_.end(), [&](const NeededReason& a, const NeededReason& b) {
      if (a.learners != b.learners) return a.learners > b.learners;
      return position(a) < position(b);
    });
    if (reasons_.size() > top) reasons_.resize(top);
    summary_.reasons = std::move(reasons_);
    return std::move(summary_);
  }

 private:
  ComponentRate& RateOf(const Component* component) {
    for (ComponentRate& rate : summary_.components) {
      if (rate.component == component) return rate;
    }
    summary_.components.push_back(ComponentRate{nullptr, component, 0, 0});
    return summary_.components.back();
  }

  const RuleSet& rules_;
  const Programme& programme_;
  CohortSummary summary_;
  std::vector<NeededReason> reasons_;
  std::map<const Requirement*, std::size_t> reason_index_;
};

LearnerLine LineOf(const Programme& programme, const Learner& learner,
                   const ReportedOutcome& reported, std::string group,
                   const EvaluateOptions& evaluate_options, const ReportOptions& options) {
  const Outcome& o = reported.outcome;
  LearnerLine line;
  line.learner = learner.id;
  if (!options.no_names) line.name = learner.Name();
  line.group = std::move(group);
  if (o.data_error) {
    line.provisional = true;
    line.provisional_reason = ProvisionalReason(learner, o, evaluate_options);
    return line;
  }
  if (o.tier != kNone) {
    line.tier = &programme.tiers[static_cast<std::size_t>(o.tier)];
    line.grade = o.grade;
  }
  line.predicted = o.used_predicted;
  line.excepted = o.relies_on_exception;
  int next = NextTier(o);
  if (next < 0) return line;
  const TierResult& t = o.tiers[static_cast<std::size_t>(next)];
  line.next = t.tier;
  line.next_components = t.components.size();
  for (const ComponentResult& c : t.components) {
    if (c.status == ComponentStatus::kMet) ++line.next_met;
  }
  const std::size_t n = static_cast<std::size_t>(next);
  line.still_needed = n < reported.steps.size() && !reported.steps[n].empty() ? reported.steps[n]
                                                                              : reported.needs[n];
  return line;
}

}  // namespace

Report BuildReport(const RuleSet& rules, const Programme& programme,
                   const std::vector<Learner>& learners,
                   const std::vector<ReportedOutcome>& outcomes, const Accounting& accounting,
                   const EvaluateOptions& evaluate_options, const ReportOptions& options) {
  Report report;
  report.rules = &rules;
  report.programme = &programme;
  report.evaluate_options = evaluate_options;
  report.options = options;
  report.accounting = accounting;
  std::vector<std::string> labels = internal::GroupLabels(learners, options);
  Aggregator cohort(rules, programme, "");
  std::vector<std::string> group_order;
  std::map<std::string, Aggregator> groups;
  for (std::size_t i = 0; i < learners.size() && i < outcomes.size(); ++i) {
    cohort.Add(learners[i], outcomes[i], labels[i]);
    report.learners.push_back(
        LineOf(programme, learners[i], outcomes[i], labels[i], evaluate_options, options));
    if (!options.grouped()) continue;
    auto it = groups.find(labels[i]);
    if (it == groups.end()) {
      group_order.push_back(labels[i]);
      it = groups.emplace(labels[i], Aggregator(rules, programme, labels[i])).first;
    }
    it->second.Add(learners[i], outcomes[i], labels[i]);
  }
  if (options.learner_rows) {
    report.learner_rows.reserve(learners.size());
    for (std::size_t i = 0; i < learners.size() && i < outcomes.size(); ++i) {
      report.learner_rows.push_back(
          MakeOutcomeRow(programme, learners[i], outcomes[i], evaluate_options, options.no_names));
      report.learner_rows.back().group = labels[i];
    }
  }
  report.cohort = cohort.Finish(options.top_reasons);
  for (const std::string& label : group_order) {
    report.groups.push_back(groups.at(label).Finish(options.top_reasons));
  }
  return report;
}

std::string RenderReport(const Report& report, ReportFormat format) {
  switch (format) {
    case ReportFormat::kText:
      return ReportText(report);
    case ReportFormat::kMarkdown:
      return ReportMarkdown(report);
    case ReportFormat::kCsv:
      return ReportCsv(report);
    case ReportFormat::kJson:
      return ReportJson(report);
    case ReportFormat::kHtml:
      return ReportHtml(report);
    case ReportFormat::kXlsx:
      return ReportWorkbook(report).bytes;
  }
  return "";
}

RulesFile RulesFileOf(const SourceSet& sources, const Programme& programme) {
  if (programme.source == kNoSource || programme.source >= sources.size()) return {};
  const Source& source = sources.Get(programme.source);
  // FNV-1a: stable across platforms and versions, unlike the hashes used for tables.
  std::uint32_t hash = 2166136261u;
  for (char c : source.text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 16777619u;
  }
  return RulesFile{source.name, fmt::format("{:08x}", hash)};
}

std::optional<Field> GroupByField(std::string_view name) {
  std::optional<Field> field = FieldByName(name);
  if (field == Field::kLearner) return std::nullopt;
  return field;
}

std::vector<std::string> GroupByFieldNames() {
  std::vector<std::string> out = NamesOf(kFieldNames);
  out.erase(out.begin() + static_cast<std::ptrdiff_t>(Field::kLearner));
  return out;
}

}  // namespace accredit
