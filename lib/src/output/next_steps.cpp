#include "accredit/next_steps.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "accredit/rules_describe.h"
#include "engine/plan.h"
#include "output/completion_name.h"
#include "output/step_text.h"
#include "output/transcript_internal.h"

namespace accredit {

using internal::JoinAnd;

namespace {

const Condition* FindCondition(const Filter& filter, Field field) {
  for (const Condition& c : filter.conditions) {
    if (c.field == field) return &c;
  }
  return nullptr;
}

// What the achievements a filter matches are: from its `kind`, else from its types' kind.
std::optional<Kind> KindOf(const RuleSet& rules, const Filter& filter) {
  if (const Condition* c = FindCondition(filter, Field::kKind); c && c->values.size() == 1) {
    return KindByName(c->values.front());
  }
  if (const Condition* c = FindCondition(filter, Field::kType)) {
    std::optional<Kind> kind;
    for (const std::string& v : c->values) {
      int t = rules.FindType(v);
      if (t == kNone) return std::nullopt;
      Kind k = rules.types[static_cast<std::size_t>(t)].kind;
      if (kind && *kind != k) return std::nullopt;
      kind = k;
    }
    return kind;
  }
  return std::nullopt;
}

// Whether a filter names types, each of them an activity that is complete or not (rule
// language 1.1's `completion`): "complete a work placement", not "do" one.
bool CompletionTypes(const RuleSet& rules, const Filter& filter) {
  const Condition* c = FindCondition(filter, Field::kType);
  if (c == nullptr || c->form != Condition::Form::kOneOf || c->values.empty()) return false;
  return std::all_of(c->values.begin(), c->values.end(), [&](const std::string& v) {
    int t = rules.FindType(v);
    return t != kNone && rules.types[static_cast<std::size_t>(t)].completion;
  });
}

// The verb a student does to the achievements of a filter.
std::string_view VerbFor(std::optional<Kind> kind) {
  if (!kind) return "get";
  switch (*kind) {
    case Kind::kQualification:
      return "pass";
    case Kind::kProject:
      return "complete";
    case Kind::kActivity:
      return "do";
  }
  return "get";
}

// The filter without its `grade: pass` condition, which "pass" as a verb already says.
Filter WithoutPass(const Filter& filter) {
  Filter out = filter;
  std::erase_if(out.conditions, [](const Condition& c) {
    return c.field == Field::kGrade && c.form == Condition::Form::kPass;
  });
  return out;
}

// "physical & outdoor activity" for a filter of activities in one strand; "" otherwise.
std::string ActivityNoun(const RuleSet& rules, const Filter& filter) {
  if (!filter.negated.empty() || !filter.alternatives.empty()) return "";
  std::string strand;
  for (const Condition& c : filter.conditions) {
    if (c.field == Field::kKind && c.values.size() == 1 && c.values.front() == "activity") {
      continue;
    }
    if (c.field == Field::kStrand && c.form == Condition::Form::kOneOf && c.values.size() == 1) {
      strand = internal::StrandName(rules, c.values.front());
      continue;
    }
    return "";
  }
  return strand.empty() ? "activities" : strand + " activity";
}

std::string PointsUnit(const RuleSet& rules, int table) {
  if (table == kNone) return "points";
  const PointsTable& t = rules.tables[static_cast<std::size_t>(table)];
  std::string title = t.title.empty() ? t.id : t.title;
  // A title such as "UCAS Tariff points (2017 tariff)" already names its unit.
  return title.find("points") != std::string::npos ? title : title + " points";
}

// One way of meeting a node: what it still asks.
struct Way {
  std::vector<std::string> tasks;
  std::vector<std::string> have;
  std::vector<std::string> not_counted;
  std::vector<std::string> alternatives;
  StepCost cost;
  bool possible = true;

  void Add(Way other) {
    for (std::string& s : other.tasks) tasks.push_back(std::move(s));
    for (std::string& s : other.have) have.push_back(std::move(s));
    for (std::string& s : other.not_counted) not_counted.push_back(std::move(s));
    for (std::string& s : other.alternatives) alternatives.push_back(std::move(s));
    cost += other.cost;
    possible = possible && other.possible;
  }
};

bool Cheaper(const Way& a, const Way& b) {
  if (a.possible != b.possible) return a.possible;
  return a.cost < b.cost;
}

class Planner {
 public:
  Planner(const RuleSet& rules, const Learner& learner, const Outcome& outcome)
      : rules_(rules), learner_(learner), outcome_(outcome) {
    plan_.rules = &rules;  // filter matching needs only the rules
  }

  Way Plan(const NodeTrace& t) {
    Way way;
    if (t.met || t.node == nullptr) return way;
    const Requirement& r = *t.node;
    switch (ShapeOf(r.kind)) {
      case RequirementShape::kBounded:
        return Bounded(t);
      case RequirementShape::kExclusion:
        way.possible = false;
        way.tasks.push_back(fmt::format("this part allows no {}, and you have {}",
                                        DescribeFilter(rules_, r.aggregate.where),
                                        FormatNumber(t.actual)));
        return way;
      case RequirementShape::kComparison:
        way.tasks.push_back(DescribeShortfall(rules_, r, t.actual, t.required, t.upper_bound));
        way.cost.study = 1;
        return way;
      case RequirementShape::kGroup:
        break;
    }
    if (r.kind == Requirement::Kind::kAll) {
      for (const NodeTrace& c : t.children) way.Add(Plan(c));
      return way;
    }
    std::vector<Way> ways;
    for (const NodeTrace& c : t.children) {
      if (!c.met) ways.push_back(Plan(c));
    }
    std::stable_sort(ways.begin(), ways.end(), Cheaper);
    std::size_t missing = static_cast<std::size_t>(std::max(0.0, t.required - t.actual));
    for (std::size_t i = 0; i < missing && i < ways.size(); ++i) way.Add(std::move(ways[i]));
    // The next cheapest ways, as alternatives to the one chosen (for one missing way only: for
    // several, "instead" would not say which one they replace).
    if (missing == 1) {
      for (std::size_t i = 1; i < ways.size() && way.alternatives.size() < 2; ++i) {
        if (ways[i].possible) way.alternatives.push_back(JoinAnd(ways[i].tasks));
      }
    }
    return way;
  }

 private:
  Way Bounded(const NodeTrace& t) {
    const Requirement& r = *t.node;
    const Aggregate& agg = r.aggregate;
    Way way;
    for (std::uint32_t i : t.used) {
      way.have.push_back(BriefAchievement(rules_, learner_, learner_.achievements[i]));
    }
    if (t.upper_bound) {
      way.possible = false;
      way.tasks.push_back(fmt::format("this part allows at most {} {}, and you have {}",
                                      FormatNumber(t.required), DescribeFilter(rules_, agg.where),
                                      FormatNumber(t.actual)));
      return way;
    }
    std::vector<int> held_types = Nearby(agg.where, way);
    double shortfall = t.required - t.actual;
    std::string progress =
        fmt::format(" (you have {} of {})", FormatNumber(t.actual), FormatNumber(t.required));
    std::optional<Kind> kind = KindOf(rules_, agg.where);
    std::string_view verb = CompletionTypes(rules_, agg.where) ? "complete" : VerbFor(kind);
    Filter plain = verb == "pass" ? WithoutPass(agg.where) : agg.where;
    // Rule language 1.1: a sum that needs more strands (say) reaching their minimum.
    if (agg.per && t.groups < r.groups) {
      way.tasks.push_back(fmt::format("reach {} or more in {} more {}{} (you have {} of {})",
                                      EachAtLeast(agg), r.groups - t.groups, FieldName(*agg.per),
                                      r.groups - t.groups == 1 ? "" : "s", t.groups, r.groups));
      way.cost.hours += agg.of == Quantity::kHours ? agg.each_at_least : 0;
      way.cost.study += agg.of == Quantity::kHours ? 0 : 1;
      // Each value brought up to its minimum adds at least that much to the total.
      shortfall -= (r.groups - t.groups) * agg.each_at_least;
      if (shortfall <= 0) return way;
    }
    switch (agg.of) {
      case Quantity::kHours: {
        std::string noun = ActivityNoun(rules_, agg.where);
        if (noun.empty()) noun = DescribeHoursOf(rules_, agg.where);
        way.tasks.push_back(fmt::format("log {} more hours of {}{}{}", FormatNumber(shortfall),
                                        noun, DistinctSumClause(agg), progress));
        way.cost.hours += shortfall;
        return way;
      }
      case Quantity::kSize:
        return Size(t, plain, held_types, std::move(way));
      case Quantity::kPoints: {
        std::string from =
            r.kind == Requirement::Kind::kBest
                ? fmt::format("your best {} {}", agg.n, DescribeFilter(rules_, plain))
                : DescribeFilter(rules_, plain);
        way.tasks.push_back(fmt::format("earn {} more {} from {}{}{}", FormatNumber(shortfall),
                                        PointsUnit(rules_, agg.table), from, DistinctSumClause(agg),
                                        progress));
        way.cost.study = 1;
        return way;
      }
      case Quantity::kCount:
        break;
    }
    double n = std::ceil(shortfall);
    if (agg.distinct) {
      way.tasks.push_back(fmt::format("{} {} in {} more different {}{}{}", verb,
                                      DescribeFilter(rules_, plain), FormatNumber(n),
                                      FieldName(*agg.distinct), n == 1 ? "" : "s", progress));
      way.cost.study = n;
      return way;
    }
    std::string task =
        fmt::format("{} {}", verb, DescribeCountOf(rules_, plain, n, t.actual > 0 ? " more" : ""));
    if (t.actual > 0) task += progress;
    way.tasks.push_back(std::move(task));
    if (kind == Kind::kActivity) {
      way.cost.hours = n * 10;
    } else {
      way.cost.study = n * SizeOf(agg.where, held_types) + (held_types.empty() ? 0.5 : 0);
    }
    return way;
  }

  // A `sum` of sizes: in the qualifications the learner already holds of that kind when there
  // are some ("1 more A level, or another ... of the same size").
  Way Size(const NodeTrace& t, const Filter& plain, const std::vector<int>& held_types, Way way) {
    double shortfall = t.required - t.actual;
    std::string noun = DescribeFilter(rules_, plain);
    int type = kNone;
    for (int h : held_types) {
      if (rules_.types[static_cast<std::size_t>(h)].size > 0) {
        type = h;
        break;
      }
    }
    if (type != kNone) {
      const QualType& q = rules_.types[static_cast<std::size_t>(type)];
      double n = std::ceil(shortfall / q.size);
      std::string title = q.title.empty() ? q.id : q.title;
      way.tasks.push_back(fmt::format("pass {} more {}{} (or other {} as large)", FormatNumber(n),
                                      title, n == 1 ? "" : "s", noun));
      way.cost.study = shortfall;
    } else {
      // In qualifications of size 1, which the rules' sizes are measured against.
      std::string unit = "qualification";
      const Condition* level = FindCondition(plain, Field::kLevel);
      for (const QualType& q : rules_.types) {
        if (q.size == 1 && q.kind == Kind::kQualification &&
            (level == nullptr || !level->level || (q.level && *q.level >= *level->level))) {
          unit = q.title.empty() ? q.id : q.title;
          break;
        }
      }
      way.tasks.push_back(fmt::format("pass {} as large as {} {}{}", noun, FormatNumber(shortfall),
                                      unit, shortfall == 1 ? "" : "s"));
      way.cost.study = shortfall + 0.5;
    }
    return way;
  }

  // The size of one more achievement of the filter: of a type the learner holds, else the
  // smallest type it names, else 1.
  double SizeOf(const Filter& filter, const std::vector<int>& held_types) {
    if (!held_types.empty()) return rules_.types[static_cast<std::size_t>(held_types[0])].size;
    double size = 0;
    if (const Condition* c = FindCondition(filter, Field::kType)) {
      for (const std::string& v : c->values) {
        int t = rules_.FindType(v);
        if (t == kNone) continue;
        double s = rules_.types[static_cast<std::size_t>(t)].size;
        if (size == 0 || s < size) size = s;
      }
    }
    return size > 0 ? size : 1;
  }

  // Adds to `way` the learner's achievements that nearly match `filter` (all but the grade or
  // level) and those that match but do not count; returns the types the learner holds among
  // the ones the filter would take, counted or not, in the order first met.
  std::vector<int> Nearby(const Filter& filter, Way& way) {
    Filter relaxed = filter;
    std::erase_if(relaxed.conditions, [](const Condition& c) { return c.field == Field::kGrade; });
    internal::CompiledFilter full = internal::CompileFilter(rules_, filter);
    internal::CompiledFilter loose = internal::CompileFilter(rules_, relaxed);
    const bool graded = relaxed.conditions.size() < filter.conditions.size();
    std::vector<int> held;
    for (std::size_t i = 0; i < learner_.achievements.size(); ++i) {
      const Achievement& a = learner_.achievements[i];
      bool counts = outcome_.exclusions[i] == Exclusion::kCounts;
      bool exact = internal::Matches(plan_, full, learner_, a);
      bool near = !exact && graded && internal::Matches(plan_, loose, learner_, a);
      if ((exact || near) && a.type != kNone &&
          std::find(held.begin(), held.end(), a.type) == held.end()) {
        held.push_back(a.type);
      }
      std::string brief = BriefAchievement(rules_, learner_, a);
      if (exact && !counts) {
        way.not_counted.push_back(
            fmt::format("{} does not count: {}", brief, ExclusionReason(outcome_.exclusions[i])));
      } else if (near) {
        std::string meaning = SpecialMeaning(a);
        if (!meaning.empty()) {
          // "A level Psychology was marked absent": the code itself says nothing more.
          std::string grade = fmt::format(", {}", learner_.Text(a, Field::kGrade));
          if (brief.ends_with(grade)) brief.resize(brief.size() - grade.size());
          way.not_counted.push_back(fmt::format("{} was marked {}", brief, meaning));
        } else {
          way.have.push_back(brief + ", below the grade needed");
        }
      }
    }
    return held;
  }

  std::string SpecialMeaning(const Achievement& a) {
    if (a.special == kNone || a.type == kNone) return "";
    int scale = rules_.types[static_cast<std::size_t>(a.type)].scale;
    if (scale == kNone) return "";
    const Scale& s = rules_.scales[static_cast<std::size_t>(scale)];
    const SpecialCode& code = s.special[static_cast<std::size_t>(a.special)];
    return code.meaning.empty() ? code.code : code.meaning;
  }

  const RuleSet& rules_;
  const Learner& learner_;
  const Outcome& outcome_;
  internal::Plan plan_;
};

void Dedupe(std::vector<std::string>& items) {
  std::set<std::string> seen;
  std::erase_if(items, [&](const std::string& s) { return !seen.insert(s).second; });
}

TierSteps StepsFor(Planner& planner, const RuleSet& rules, const Learner& learner,
                   const TierResult& tier) {
  TierSteps out;
  out.tier = tier.tier;
  for (const ComponentResult& c : tier.components) {
    if (c.status == ComponentStatus::kMet) {
      DoneStep done{c.component, {}};
      for (std::uint32_t i : c.allocated) {
        done.using_achievements.push_back(
            BriefAchievement(rules, learner, learner.achievements[i]));
      }
      out.done.push_back(std::move(done));
      continue;
    }
    Way way = planner.Plan(c.trace);
    NextStep step;
    step.component = c.component;
    step.tasks = std::move(way.tasks);
    step.have = std::move(way.have);
    step.not_counted = std::move(way.not_counted);
    step.alternatives = std::move(way.alternatives);
    Dedupe(step.tasks);
    // Rule language 1.1's `different`: "..., each in a subject not already used for Main
    // study", so that an achievement the learner has in such a subject is not taken to count.
    if (std::string different = DescribeDifferent(*tier.tier, *c.component);
        !different.empty() && !step.tasks.empty()) {
      step.tasks.back() += ", " + different;
    }
    Dedupe(step.have);
    Dedupe(step.not_counted);
    step.cost = way.cost;
    step.possible = way.possible;
    out.cost += step.cost;
    out.reachable = out.reachable && step.possible;
    out.steps.push_back(std::move(step));
  }
  return out;
}

}  // namespace

std::string StepSentence(const NextStep& step) {
  std::string line = internal::Capitalized(JoinAnd(step.tasks));
  std::vector<std::string> notes;
  if (!step.have.empty()) {
    // "(you have 2 of 3)" already closing the one task takes the names: "(you have 2 of 3:
    // A level History, B; ...)"; with a count elsewhere, the names are what there is "so far".
    const std::string names = internal::JoinNames(step.have, 4);
    const std::size_t open = line.rfind("(you have ");
    if (step.tasks.size() == 1 && open != std::string::npos && line.back() == ')' &&
        line.find(')', open) == line.size() - 1) {
      line.insert(line.size() - 1, ": " + names);
    } else {
      notes.push_back((open != std::string::npos ? "so far: " : "you have ") + names);
    }
  }
  for (const std::string& n : step.not_counted) notes.push_back(n);
  if (!notes.empty()) line += fmt::format(" ({})", internal::JoinNames(notes, 6));
  return line + ".";
}

std::string BriefAchievement(const RuleSet& rules, const Learner& learner, const Achievement& a) {
  if (std::string name = internal::CompletionName(rules, learner, a); !name.empty()) return name;
  if (a.kind == Kind::kActivity) {
    // Named by its strand, else by its type ("300 hours of industry placement").
    std::string what = internal::StrandName(rules, learner.Text(a, Field::kStrand));
    if (what.empty()) what = internal::TypeTitle(rules, a);
    return fmt::format("{} hours of {}", FormatNumber(a.hours), what.empty() ? "activities" : what);
  }
  std::string out = a.type == kNone ? std::string(learner.Text(a, Field::kType))
                                    : rules.types[static_cast<std::size_t>(a.type)].title;
  if (a.type != kNone && out.empty()) out = rules.types[static_cast<std::size_t>(a.type)].id;
  // A project's subject ("Extended project") repeats its type; its grade is what tells.
  if (std::string_view subject = SubjectName(rules, learner, a);
      !subject.empty() && a.kind != Kind::kProject &&
      (a.type == kNone || rules.types[static_cast<std::size_t>(a.type)].kind != Kind::kProject)) {
    out += fmt::format(" {}", subject);
  }
  std::string_view grade = learner.Text(a, Field::kGrade);
  if (!grade.empty()) out += fmt::format(", {}", grade);
  return out;
}

NextSteps PlanNextSteps(const RuleSet& rules, const Programme& programme, const Learner& learner,
                        const Outcome& outcome, std::optional<Date> as_of) {
  NextSteps out;
  out.as_of = as_of;
  out.ends = programme.ends;
  out.ended = as_of && programme.ends && *as_of > *programme.ends;
  if (outcome.tier != kNone) {
    out.achieved = &programme.tiers[static_cast<std::size_t>(outcome.tier)];
    out.grade = outcome.grade;
  }
  Planner planner(rules, learner, outcome);
  for (const TierResult& tier : outcome.tiers) {
    if (!tier.met) out.unmet.push_back(StepsFor(planner, rules, learner, tier));
  }
  if (out.ended) return out;
  // Tiers are evaluated highest first: the closest is the lowest unmet one still reachable.
  for (std::size_t k = out.unmet.size(); k-- > 0;) {
    if (!out.unmet[k].reachable) continue;
    out.closest = out.unmet[k];
    if (k > 0) {
      // What the tier above would *also* need: not the tasks the closest tier asks already.
      out.next_up = out.unmet[k - 1];
      std::erase_if(out.next_up->steps, [&](const NextStep& step) {
        return std::any_of(out.closest->steps.begin(), out.closest->steps.end(),
                           [&](const NextStep& c) { return c.tasks == step.tasks; });
      });
    }
    break;
  }
  return out;
}

}  // namespace accredit
