// Next steps: what a learner should do next, planned from an evaluated (traced) outcome.
//
// This is what `accredit explain --learner` shows first, before any condition tree: the
// closest award still reachable and a short checklist of whole tasks in a student's words
// ("log 3 more hours of physical & outdoor activity"), what is already done, and what the
// tier above would also need. It is built from the trace the evaluator records
// (EvaluateOptions::trace), never by evaluating again.
//
// How a route is chosen. Where a part can be met in several ways (`any`, `n_of`), each way is
// costed and the cheapest is the task; the others are kept, cheapest first, as alternatives.
// The cost of a way is the study it still asks, in the sizes of the qualifications it needs
// (an A level is 1, a BTEC National Diploma 2: the rules' `size`), with half a size more for
// each kind of qualification the learner holds none of yet (so one more A level for a learner
// who has one comes before a new BTEC programme); then, between ways asking the same study, the
// hours of activities. Sentences name the learner's own achievements towards each task and
// the ones that do not count, and never a rule id, file name or line number.
//
// Time. With an `as_of` date after the programme's end, nothing can be added: the plan says
// the programme has ended and gives no tasks (NextSteps::ended). Otherwise the programme's
// end date is the deadline for every task.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "accredit/evaluator.h"
#include "accredit/records.h"
#include "accredit/rules.h"

namespace accredit {

// How much a task or a way of meeting a part still asks (see above): `study` in qualification
// sizes, then `hours` of activities. Compared study first.
struct StepCost {
  double study = 0;
  double hours = 0;
  friend bool operator<(const StepCost& a, const StepCost& b) {
    return a.study != b.study ? a.study < b.study : a.hours < b.hours;
  }
  StepCost& operator+=(const StepCost& other) {
    study += other.study;
    hours += other.hours;
    return *this;
  }
};

// One item of the checklist: an unmet part (component) of a tier.
struct NextStep {
  const Component* component = nullptr;
  // What to do, in the words a student uses, each a clause without a capital or a full stop:
  // "log 3 more hours of physical & outdoor activity (you have 12 of 15)". Several when the
  // part has several unmet conditions.
  std::vector<std::string> tasks;
  // What the learner already has towards it, named: "A level Sociology, D".
  std::vector<std::string> have;
  // Achievements that would count but do not, with why: "A level Psychology was marked absent".
  std::vector<std::string> not_counted;
  // Other ways to meet the part, cheapest first, each as a clause: "2 more A levels".
  std::vector<std::string> alternatives;
  StepCost cost;
  // False when no added work can meet it (an `at_most` or `none` already broken).
  bool possible = true;
};

// A part already met, with what met it ("GCSE Mathematics, 4").
struct DoneStep {
  const Component* component = nullptr;
  std::vector<std::string> using_achievements;
};

// A tier not yet met: its checklist and what is done.
struct TierSteps {
  const Tier* tier = nullptr;
  std::vector<NextStep> steps;
  std::vector<DoneStep> done;
  bool reachable = true;  // every step is possible
  StepCost cost;
};

struct NextSteps {
  const Tier* achieved = nullptr;  // the tier achieved, or null
  std::string grade;               // its award grade, if graded
  std::optional<Date> as_of;
  std::optional<Date> ends;  // the programme's end date
  bool ended = false;        // as_of is after `ends`: no more can be added
  // The lowest tier above the one achieved that is still reachable; absent when the learner
  // has the top tier, or none is reachable.
  std::optional<TierSteps> closest;
  // The tier above `closest`, for "what the next tier up would also need".
  std::optional<TierSteps> next_up;
  // Every tier evaluated and not met, highest first, as Outcome::tiers lists them (also when
  // the programme has ended): what each still needed, for the full explanation.
  std::vector<TierSteps> unmet;
};

// Plans the next steps for `learner` from `outcome` (evaluated with tracing on, against
// `programme`). `as_of` is the date the outcome was judged on (--as-of), if any. The result
// points into `rules`, which must outlive it.
NextSteps PlanNextSteps(const RuleSet& rules, const Programme& programme, const Learner& learner,
                        const Outcome& outcome, std::optional<Date> as_of);

// One step as a sentence, capitalised and ending in a full stop: its tasks, then what the
// learner has towards it and what does not count, in brackets: "Log 3 more hours of physical
// & outdoor activity (you have 12 of 15)." Alternatives are not included.
std::string StepSentence(const NextStep& step);

// A short name for an achievement as a student reads it: "A level Sociology, D", "GCSE
// Mathematics, 4", "Extended Project Qualification (EPQ), B", "12 hours of leadership &
// service". No file or line.
std::string BriefAchievement(const RuleSet& rules, const Learner& learner,
                             const Achievement& achievement);

}  // namespace accredit
