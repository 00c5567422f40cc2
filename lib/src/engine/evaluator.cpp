#include "accredit/evaluator.h"

#include <algorithm>

#include "accredit/exceptions.h"
#include "engine/allocation.h"
#include "engine/exception_apply.h"
#include "engine/learner_view.h"
#include "engine/plan.h"

namespace accredit {

std::string_view ExclusionReason(Exclusion exclusion) {
  switch (exclusion) {
    case Exclusion::kCounts:
      return "counts";
    case Exclusion::kInProgress:
      return "in progress";
    case Exclusion::kWithdrawn:
      return "withdrawn";
    case Exclusion::kPredicted:
      return "a predicted grade (use --predicted to count it)";
    case Exclusion::kPending:
      return "result pending";
    case Exclusion::kBeforeStart:
      return "dated before the programme starts";
    case Exclusion::kAfterEnd:
      return "dated after the programme ends";
    case Exclusion::kAfterAsOf:
      return "dated after the --as-of date";
  }
  return "counts";
}

std::string_view ExceptionEffectReason(ExceptionEffect effect) {
  switch (effect) {
    case ExceptionEffect::kApplied:
      return "applied";
    case ExceptionEffect::kNotReached:
      return "not needed: a higher tier was achieved";
    case ExceptionEffect::kNotCounted:
      return "not applied: the achievement it names does not count";
    case ExceptionEffect::kNoAchievement:
      return "not applied: the learner has no achievement that matches it";
    case ExceptionEffect::kAmbiguous:
      return "not applied: several of the learner's achievements match it";
  }
  return "applied";
}

struct Evaluator::Impl {
  const RuleSet& rules;
  const Programme& programme;
  internal::Plan plan;
};

Evaluator::Evaluator(const RuleSet& rules, const Programme& programme)
    : impl_(new Impl{rules, programme, internal::CompilePlan(rules, programme)}) {}

Evaluator::~Evaluator() = default;

const Programme& Evaluator::programme() const { return impl_->programme; }

namespace {

Exclusion Classify(const internal::Plan& plan, const Learner& learner, const Achievement& a,
                   const EvaluateOptions& options) {
  const RuleSet& rules = *plan.rules;
  const Programme& programme = *plan.programme;
  switch (a.status) {
    case Status::kInProgress:
      return Exclusion::kInProgress;
    case Status::kWithdrawn:
      return Exclusion::kWithdrawn;
    case Status::kPredicted:
      if (!options.predicted) return Exclusion::kPredicted;
      break;
    case Status::kAchieved:
      break;
  }
  if (a.special != kNone && a.type != kNone) {
    int scale = rules.types[static_cast<std::size_t>(a.type)].scale;
    if (scale != kNone) {
      const Scale& s = rules.scales[static_cast<std::size_t>(scale)];
      if (s.special[static_cast<std::size_t>(a.special)].treat == SpecialTreatment::kPending) {
        return Exclusion::kPending;
      }
    }
  }
  if (a.date) {
    if (programme.starts && *a.date < *programme.starts &&
        !(plan.has_prior_learning && internal::Matches(plan, plan.prior_learning, learner, a))) {
      return Exclusion::kBeforeStart;
    }
    if (programme.ends && *a.date > *programme.ends) return Exclusion::kAfterEnd;
    if (options.as_of && *a.date > *options.as_of) return Exclusion::kAfterAsOf;
  }
  return Exclusion::kCounts;
}

// Calls visit(i) for each achievement (index into the learner) that component `c` of the
// tier uses under `allocation`; with `blocked` (rule language 1.1's `different`), not those
// blocked there.
template <typename Visit>
void ForEachUsed(const internal::TierPlan& tp, std::size_t c,
                 const internal::Allocation& allocation, const internal::LearnerView& view,
                 Visit visit, const std::uint8_t* blocked = nullptr) {
  const internal::ComponentPlan& cp = tp.components[c];
  for (std::size_t e = 0; e < view.size(); ++e) {
    if (blocked != nullptr && blocked[e] != 0) continue;
    bool used = false;
    if (cp.shared) {
      for (int leaf : cp.leaves) used = used || view.LeafMatches(leaf, e);
    } else {
      used = allocation.owner[e] == static_cast<int>(c);
    }
    if (used) visit(view.eligible()[e]);
  }
}

// The score of a points or count grading: from the achievements its components use.
double AllocatedScore(const internal::Plan& plan, const internal::TierPlan& tp,
                      const internal::Allocation& allocation, const internal::LearnerView& view) {
  const Grading& g = tp.tier->grading;
  const Learner& learner = view.learner();
  thread_local std::vector<std::uint32_t> counted;
  thread_local std::vector<double> gains;
  counted.clear();
  gains.clear();
  for (int c : g.of) {
    ForEachUsed(tp, static_cast<std::size_t>(c), allocation, view, [&](std::uint32_t i) {
      // A shared component may use what another uses: count each achievement once.
      if (std::find(counted.begin(), counted.end(), i) != counted.end()) return;
      counted.push_back(i);
      gains.push_back(internal::GradingGain(plan, tp, learner, learner.achievements[i]));
    });
  }
  return GradingScoreOf(g, gains);
}

void Grade(const internal::Plan& plan, const internal::TierPlan& tp,
           const internal::Allocation& allocation, const internal::LearnerView& view,
           TierResult& result) {
  const Grading& g = tp.tier->grading;
  if (g.kind == Grading::Kind::kUngraded) return;
  const double score = g.kind == Grading::Kind::kValue
                           ? view.values()[static_cast<std::size_t>(g.value)]
                           : AllocatedScore(plan, tp, allocation, view);
  result.score = score;
  for (const Band& band : g.bands) {
    if (score >= band.at_least && score < band.below) {
      result.grade = band.name;
      break;
    }
  }
}

// `trace` as a NodeTrace{}, keeping its vectors' memory: every field of NodeTrace.
void ClearTrace(NodeTrace& trace) {
  trace.node = nullptr;
  trace.met = false;
  trace.actual = 0;
  trace.required = 0;
  trace.upper_bound = false;
  trace.groups = 0;
  trace.groups_required = 0;
  trace.used.clear();
  trace.children.clear();
}

// One evaluation of `learner`, with `exceptions` applied when not null, into `outcome`: every
// field set, its vectors' memory kept.
void Run(const internal::Plan& plan, const Learner& learner, const EvaluateOptions& options,
         const LearnerExceptions* exceptions, Outcome& outcome) {
  outcome.tier = kNone;
  outcome.grade.clear();
  outcome.used_predicted = false;
  outcome.search_limit_hit = false;
  outcome.relies_on_exception = false;
  outcome.tier_without_exceptions = kNone;
  outcome.exclusions.clear();
  outcome.values.clear();
  outcome.value_used.clear();
  outcome.exceptions.clear();
  outcome.grade_without_exceptions.clear();
  outcome.input_refused = options.refused_inputs != nullptr && !options.refused_inputs->empty();
  outcome.data_error = learner.rejected_rows > 0 || outcome.input_refused;
  // Per-thread scratch: evaluating a cohort reuses these buffers learner after learner.
  thread_local std::vector<std::uint32_t> eligible;
  thread_local internal::LearnerView view;
  eligible.clear();
  outcome.exclusions.reserve(learner.achievements.size());
  for (std::size_t i = 0; i < learner.achievements.size(); ++i) {
    Exclusion x = Classify(plan, learner, learner.achievements[i], options);
    outcome.exclusions.push_back(x);
    if (x == Exclusion::kCounts) eligible.push_back(static_cast<std::uint32_t>(i));
  }
  view.Reset(plan, learner, eligible);
  outcome.tiers.reserve(plan.tiers.size());
  if (exceptions != nullptr) {
    thread_local internal::LearnerAdjustments adjustments;
    internal::BuildAdjustments(plan, learner, outcome.exclusions, eligible, *exceptions,
                               adjustments, outcome.exceptions);
    view.Adjust(&adjustments);
  }
  if (!plan.values.empty()) {
    view.ComputeValues(outcome.values, options.trace ? &outcome.value_used : nullptr);
  }
  // The tiers evaluated so far; outcome.tiers keeps those it held beyond them until the end.
  std::size_t tiers = 0;
  for (std::size_t t = 0; t < plan.tiers.size(); ++t) {
    const internal::TierPlan& tp = plan.tiers[t];
    thread_local internal::Allocation allocation;
    internal::Allocate(tp, view, options.search_limit, allocation);
    outcome.search_limit_hit = outcome.search_limit_hit || allocation.limit_hit;
    TierResult& result =
        tiers < outcome.tiers.size() ? outcome.tiers[tiers] : outcome.tiers.emplace_back();
    ++tiers;
    result.tier = tp.tier;
    result.met = false;
    result.grade.clear();
    result.score = 0;
    // Each component's result set again in place (a tier result is always the same tier's).
    result.components.resize(tp.components.size());
    bool all_met = true;
    for (std::size_t c = 0; c < tp.components.size(); ++c) {
      const internal::ComponentPlan& cp = tp.components[c];
      ComponentResult& cr = result.components[c];
      cr.component = cp.component;
      cr.progress = 0;
      cr.allocated.clear();
      ClearTrace(cr.trace);
      bool met = false;
      // The search scored this allocation already, unless a trace is asked for.
      const bool scored = !options.trace && c < allocation.components.size();
      // Rule language 1.1's `different`: what it may not count here, for its evaluation and
      // for the list of what it uses.
      thread_local std::vector<std::uint8_t> blocked;
      const std::uint8_t* blocked_here = nullptr;
      if (cp.different && (!scored || options.allocations)) {
        view.BlockUsedValues(tp, c, allocation.owner, blocked);
        blocked_here = blocked.data();
      }
      if (scored) {
        met = allocation.components[c].met;
        cr.progress = allocation.components[c].progress;
      } else {
        internal::LearnerView::Scope scope{static_cast<int>(c), cp.shared, false,
                                           &allocation.owner};
        scope.blocked = blocked_here;
        view.Narrow(scope);
        met = view.Evaluate(cp.root, scope, cr.progress, options.trace ? &cr.trace : nullptr);
      }
      cr.status = met                  ? ComponentStatus::kMet
                  : outcome.data_error ? ComponentStatus::kError
                                       : ComponentStatus::kNotMet;
      if (options.allocations || options.trace) {
        ForEachUsed(
            tp, c, allocation, view, [&](std::uint32_t i) { cr.allocated.push_back(i); },
            blocked_here);
      }
      all_met = all_met && met;
    }
    result.met = all_met;
    if (all_met) Grade(plan, tp, allocation, view, result);
    if (all_met) {
      outcome.tier = static_cast<int>(t);
      outcome.grade = result.grade;
      for (std::size_t c = 0; c < tp.components.size(); ++c) {
        ForEachUsed(tp, c, allocation, view, [&](std::uint32_t i) {
          if (learner.achievements[i].status == Status::kPredicted) outcome.used_predicted = true;
        });
      }
      break;
    }
  }
  // A tier result kept from before for a tier not evaluated now would be read as this one's.
  outcome.tiers.resize(tiers);
  if (exceptions != nullptr) internal::MarkUnreached(outcome.tiers.size(), outcome.exceptions);
}

}  // namespace

Outcome Evaluator::Evaluate(const Learner& learner, const EvaluateOptions& options) const {
  Outcome outcome;
  Evaluate(learner, options, outcome);
  return outcome;
}

void Evaluator::Evaluate(const Learner& learner, const EvaluateOptions& options,
                         Outcome& outcome) const {
  const internal::Plan& plan = impl_->plan;
  const LearnerExceptions* exceptions = nullptr;
  if (options.exceptions != nullptr && options.exceptions->programme() == &impl_->programme) {
    exceptions = options.exceptions->Find(learner.id);
  }
  Run(plan, learner, options, exceptions, outcome);
  if (exceptions == nullptr) return;
  // The rules alone, to tell whether the outcome relies on the exceptions.
  EvaluateOptions alone = options;
  alone.trace = false;
  alone.allocations = false;
  Outcome without;
  Run(plan, learner, alone, nullptr, without);
  outcome.tier_without_exceptions = without.tier;
  outcome.grade_without_exceptions = std::move(without.grade);
  outcome.relies_on_exception = outcome.tier != outcome.tier_without_exceptions ||
                                outcome.grade != outcome.grade_without_exceptions;
}

}  // namespace accredit
