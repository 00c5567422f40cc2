// Evaluation: a learner against a programme's award tiers.
//
// An Evaluator compiles one programme once (plan.h: filters become predicates over interned
// indexes and grade ranks, no strings or YAML are touched per learner) and then evaluates any
// number of learners, from any number of threads (Evaluate is const and keeps no state).
//
// For each learner: the achievements that count are chosen (status, --predicted, the
// programme's start and end dates and --as-of; each excluded achievement is listed with its
// reason), then tiers are tried highest first. Within a tier each achievement counts towards
// at most one component unless a component is `shared`; the allocation search (allocation.h)
// finds an allocation that meets every component whenever one exists, and otherwise one that
// meets the most components and comes closest on the rest. The outcome is the highest tier
// met, its award grade, and per component the status, the achievements allocated and (with
// EvaluateOptions::trace) a full trace of every condition: actual against required.
//
// With EvaluateOptions::exceptions, the learner's assessor exceptions (exceptions.h) are applied:
// a waived node is met; a substitute meets its node when the component gets the achievement;
// an allowed achievement matches its node's filter; a forced one goes to its component and no
// other. The learner is then evaluated again without them, and the Outcome says whether its
// tier or grade relies on them. A learner without exceptions costs nothing extra.
//
// What an `at_least` counts is what the component is allocated. `at_most`, `none`, `compare`
// and the `by` of a threshold look at every achievement that counts for the learner: they
// state properties of the record ("no grade U"), not of an allocation.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "accredit/records.h"
#include "accredit/rules.h"

namespace accredit {

class ProgrammeExceptions;
struct BoundException;

struct EvaluateOptions {
  // predicted (false): predicted grades count (outcomes that rely on one say so).
  bool predicted = false;
  // as_of (none): achievements dated after this day do not count yet.
  std::optional<Date> as_of;
  // trace (false): record the full condition tree of every evaluated component (explain).
  bool trace = false;
  // allocations (true): list in each ComponentResult the achievements it was allocated;
  // output that shows only statuses turns this off to save work.
  bool allocations = true;
  // search_limit (200000): allocation search steps per tier before the search stops with the
  // best allocation found so far and Outcome::search_limit_hit set.
  std::uint32_t search_limit = 200000;
  // exceptions (none): assessor exceptions bound to the programme evaluated (exceptions.h);
  // exceptions bound to another programme are ignored. Must outlive the outcomes.
  const ProgrammeExceptions* exceptions = nullptr;
  // refused_inputs (none): names of the run's inputs that were refused, in whole or in part
  // (RecordSet::refused_inputs). What they say of any learner is not known, so when it is not
  // empty every outcome is provisional (Outcome::input_refused). Not owned; it is read at each
  // evaluation, and by renderers to say why (ProvisionalReason(), outcome_format.h).
  const std::vector<std::string>* refused_inputs = nullptr;
};

enum class ComponentStatus : std::uint8_t { kMet, kNotMet, kError };
inline constexpr EnumName<ComponentStatus> kComponentStatusNames[] = {
    {ComponentStatus::kMet, "met", "Met"},
    {ComponentStatus::kNotMet, "not-met", "Not met"},
    {ComponentStatus::kError, "error", "Error"},
};
static_assert(InDeclarationOrder(kComponentStatusNames));
// "met", "not-met", "error": as written in outputs and in rule tests' `expect: components:`.
inline std::string_view ComponentStatusName(ComponentStatus status) {
  return NameOf(kComponentStatusNames, status);
}

// One evaluated requirement node.
struct NodeTrace {
  const Requirement* node = nullptr;
  bool met = false;
  double actual = 0;    // leaves: the aggregate's value; groups: children met
  double required = 0;  // leaves: the at_least bound (or at_most when only that); groups: needed
  bool upper_bound = false;         // `required` is an at_most bound
  int groups = 0;                   // a sum with `per` (1.1): values reaching each_at_least
  int groups_required = 0;          // ...and how many the node needs (0: no such bound)
  std::vector<std::uint32_t> used;  // leaves: achievements counted (indexes into the learner)
  std::vector<NodeTrace> children;
};

struct ComponentResult {
  const Component* component = nullptr;
  ComponentStatus status = ComponentStatus::kNotMet;
  std::vector<std::uint32_t> allocated;  // achievements this component uses
  double progress = 0;                   // 0..1, how close (1 when met)
  NodeTrace trace;                       // with EvaluateOptions::trace
};

struct TierResult {
  const Tier* tier = nullptr;
  bool met = false;
  std::vector<ComponentResult> components;
  std::string grade;  // award grade band when met and graded
  double score = 0;   // the grading score (points or count)
};

// Why an achievement does not count.
enum class Exclusion : std::uint8_t {
  kCounts,
  kInProgress,
  kWithdrawn,
  kPredicted,  // predicted and --predicted not given
  kPending,    // a special result code treated as pending
  kBeforeStart,
  kAfterEnd,
  kAfterAsOf,
};
std::string_view ExclusionReason(Exclusion exclusion);

// What became of one of the learner's exceptions (Outcome::exceptions).
enum class ExceptionEffect : std::uint8_t {
  kApplied,        // in effect in a tier that was evaluated
  kNotReached,     // its tier was not evaluated: the learner achieved a tier above it
  kNotCounted,     // the achievement it names does not count (Outcome::exclusions says why)
  kNoAchievement,  // no achievement of the learner matches it (CheckLearnerExceptions errs)
  kAmbiguous,      // several achievements match it (CheckLearnerExceptions errs)
};
inline constexpr EnumName<ExceptionEffect> kExceptionEffectNames[] = {
    {ExceptionEffect::kApplied, "applied", "Applied"},
    {ExceptionEffect::kNotReached, "not-reached", "Not reached"},
    {ExceptionEffect::kNotCounted, "not-counted", "Not counted"},
    {ExceptionEffect::kNoAchievement, "no-achievement", "No achievement"},
    {ExceptionEffect::kAmbiguous, "ambiguous", "Ambiguous"},
};
static_assert(InDeclarationOrder(kExceptionEffectNames));
// "applied", "not-reached", "not-counted", "no-achievement", "ambiguous": as in JSON outputs.
inline std::string_view ExceptionEffectName(ExceptionEffect effect) {
  return NameOf(kExceptionEffectNames, effect);
}
// For people: "applied", "not needed: a higher tier was achieved", ...
std::string_view ExceptionEffectReason(ExceptionEffect effect);

struct ExceptionResult {
  const BoundException* exception = nullptr;  // owned by EvaluateOptions::exceptions
  ExceptionEffect effect = ExceptionEffect::kApplied;
  int achievement = kNone;  // index into the learner's achievements, when exactly one matches
};

struct Outcome {
  int tier = kNone;             // index into Programme::tiers of the tier achieved, or kNone
  std::string grade;            // award grade of that tier, if graded
  bool data_error = false;      // rejected rows or input_refused: provisional, on partial data
  bool input_refused = false;   // an input was refused (EvaluateOptions::refused_inputs)
  bool used_predicted = false;  // the tier achieved relies on a predicted grade
  bool search_limit_hit = false;
  bool relies_on_exception = false;     // see `exceptions`
  int tier_without_exceptions = kNone;  // see `exceptions`
  // Evaluated tiers, highest first: every tier above the one achieved, and that one.
  std::vector<TierResult> tiers;
  std::vector<Exclusion> exclusions;  // one per achievement of the learner
  // Rule language 1.1: one per Programme::values, worked out from the achievements that count
  // (with exceptions, as they apply). With EvaluateOptions::trace, value_used lists per value
  // the achievements (indexes into the learner) it rests on.
  std::vector<double> values;
  std::vector<std::vector<std::uint32_t>> value_used;
  // With EvaluateOptions::exceptions: each exception of this learner, in file order (empty
  // for a learner without any). When non-empty, tier_without_exceptions and
  // grade_without_exceptions are what the rules alone give, and relies_on_exception is set
  // when they differ from `tier` and `grade`.
  std::vector<ExceptionResult> exceptions;
  std::string grade_without_exceptions;
};

class Evaluator {
 public:
  // `rules` and `programme` must outlive the Evaluator and every Outcome it returns.
  Evaluator(const RuleSet& rules, const Programme& programme);
  ~Evaluator();
  Evaluator(const Evaluator&) = delete;
  Evaluator& operator=(const Evaluator&) = delete;

  Outcome Evaluate(const Learner& learner, const EvaluateOptions& options) const;
  // The same, into `out`, whatever it held: its memory is reused, so that a cohort evaluated
  // into the same Outcomes allocates next to nothing per learner.
  void Evaluate(const Learner& learner, const EvaluateOptions& options, Outcome& out) const;

  const Programme& programme() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace accredit
