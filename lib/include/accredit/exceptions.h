// Assessor exceptions: decisions an assessor makes about one learner and one part of an award.
//
// The rules say what every learner must do; an exception records where an assessor decided
// otherwise for one learner, with the reason, who approved it and when. Each names a learner,
// an award (programme id) and a requirement node by its stable id (accredit-rules(5), NODE
// IDS: `advanced.development`, `advanced.development.physical-outdoor`), and one action:
//
//   waive       the node counts as met, with no achievement;
//   substitute  the node counts as met by one named achievement of the learner, which the
//               node's component then uses (the allocation search may give it there);
//   allow       one named achievement counts towards the node (a count, sum or best) as if it
//               matched the node's filter;
//   force       one named achievement is allocated to the node (a component) and to no other
//               component of its tier.
//
// An achievement is named by the values of some of its record fields (`type: gcse, subject:
// statistics`), which must match exactly one of the learner's achievements. Exceptions never
// make an achievement count that does not count at all (withdrawn, in progress, predicted
// without --predicted, dated outside the programme): the record is corrected instead.
//
// Pipeline: LoadExceptions() reads `accredit-exceptions: 1` YAML files (accredit-exceptions(5))
// into an ExceptionSet; BindExceptions() resolves them against one programme (node ids,
// achievement fields) into ProgrammeExceptions, indexed by learner id; the Evaluator applies
// them (EvaluateOptions::exceptions) and each Outcome records which ones took effect and
// whether the tier or grade relies on them; CheckLearnerExceptions() ties each named
// achievement to exactly one record. Nothing here prints or throws.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "accredit/diagnostic.h"
#include "accredit/records.h"
#include "accredit/rules.h"
#include "accredit/source.h"
#include "accredit/values.h"

namespace accredit {

enum class ExceptionAction : std::uint8_t { kWaive, kSubstitute, kAllow, kForce };
inline constexpr EnumName<ExceptionAction> kExceptionActionNames[] = {
    {ExceptionAction::kWaive, "waive", "Waive"},
    {ExceptionAction::kSubstitute, "substitute", "Substitute"},
    {ExceptionAction::kAllow, "allow", "Allow"},
    {ExceptionAction::kForce, "force", "Force"},
};
static_assert(InDeclarationOrder(kExceptionActionNames));
// "waive", "substitute", "allow", "force"; ExceptionActionByName is the inverse.
inline std::string_view ExceptionActionName(ExceptionAction action) {
  return NameOf(kExceptionActionNames, action);
}
inline std::optional<ExceptionAction> ExceptionActionByName(std::string_view name) {
  return ValueOf(kExceptionActionNames, name);
}
// What the action did, for people: "waived", "met by a substitute", "allowed to count",
// "allocation forced".
std::string_view ExceptionActionDone(ExceptionAction action);

// Names one achievement of a learner by the values of some of its canonical fields.
struct AchievementSelector {
  std::array<std::string, kFieldCount> fields;  // as written; empty: not part of the name
  std::array<Location, kFieldCount> locations;  // where each was written
  Location location;                            // the `achievement:` mapping
  bool empty() const;
};
// "type 'gcse', subject 'statistics'": the fields given, in Field order.
std::string DescribeSelector(const AchievementSelector& selector);

// One decision, as written in an exceptions file.
struct Exception {
  std::string learner;
  std::string award;  // programme id
  std::string node;   // requirement node id
  ExceptionAction action = ExceptionAction::kWaive;
  AchievementSelector achievement;  // substitute, allow, force; empty for waive
  std::string reason;
  std::string approved_by;
  Date date;
  Location location;  // the entry
  Location learner_location;
  Location award_location;
  Location node_location;
};

// One line for people: "'advanced.development.physical-outdoor' waived: <reason> (approved
// by <approved-by>, <date>)", with the achievement's fields after the action for the others.
// With `no_names`, the reason and approver (free text that may name people or their
// circumstances) are left out: "'advanced.project' waived, 2027-07-02".
std::string DescribeException(const Exception& exception, bool no_names = false);

// Every exception read, in file order (files in the order loaded).
struct ExceptionSet {
  std::vector<Exception> exceptions;
};

// Reads one exceptions file `text`, registered as `source`, appending its entries to `set`.
// Returns false after at least one error; entries with an error are left out, the others
// kept. Emits: `yaml-syntax`, `too-deep`, `too-large`, `duplicate-key`, `bad-encoding` (the
// YAML reader); `missing-key` (no `accredit-exceptions` header; an entry without `learner`,
// `node`, `action`, `reason`, `approved-by` or `date`; an entry without `award` in a file
// without a top-level `award`), `bad-version`, `unknown-key` and `unknown-field` (with a "did
// you mean"), `bad-node` (a value of the wrong shape), `empty-value` (a blank learner, reason,
// approver or achievement field), `bad-id` (an award or node id that cannot be one),
// `bad-date`, `unknown-action` (with a "did you mean"), `missing-achievement` (substitute,
// allow or force without `achievement`), `unexpected-achievement` (waive with one), and
// `duplicate-exception` (the same learner, award, node, action and achievement as an earlier
// entry of `set`, in any file; a note shows where).
bool LoadExceptions(SourceId source, std::string_view text, ExceptionSet& set,
                    Diagnostics& diagnostics);

// An exception resolved against one programme.
struct BoundException {
  const Exception* exception = nullptr;
  int tier = kNone;                   // index into Programme::tiers
  int component = kNone;              // index into Tier::components
  const Requirement* node = nullptr;  // the node (a component's root for a component id)
  // The achievement fields, resolved: type and subject as indexes (kNone: not given), the
  // others parsed; text fields are compared as written.
  int type = kNone;
  int subject = kNone;
  std::optional<Kind> kind;
  std::optional<Status> status;
  std::optional<Level> level;
  std::optional<Date> date;
  std::optional<double> hours;
};

// The exceptions of one learner for one programme, in file order.
struct LearnerExceptions {
  std::string_view learner;
  std::vector<BoundException> items;
};

// The exceptions of one programme, indexed by learner id. Holds pointers into the ExceptionSet
// and the programme it was bound from: both must outlive it and stay unchanged, and it must
// outlive every Outcome evaluated with it.
class ProgrammeExceptions {
 public:
  const Programme* programme() const { return programme_; }
  // The exceptions for learner `id`, or nullptr when there are none: one hash lookup, so a
  // streaming evaluation may call it for every learner.
  const LearnerExceptions* Find(std::string_view learner_id) const;
  // Every learner with exceptions, in order of their first exception.
  const std::vector<LearnerExceptions>& learners() const { return learners_; }
  std::size_t size() const { return count_; }
  bool empty() const { return count_ == 0; }

 private:
  friend struct ExceptionBinder;
  const Programme* programme_ = nullptr;
  std::vector<LearnerExceptions> learners_;
  std::unordered_map<std::string_view, std::size_t> index_;  // learner id -> learners_
  std::size_t count_ = 0;
};

struct BindOptions {
  // award (empty: the programme's id): bind the exceptions written for this award id. A rule
  // change dry run binds the exceptions of the award in use to the baseline programme.
  std::string award;
  // missing_node (kError): the severity of `unknown-node`. A dry run against baseline rules
  // that lack a node warns and leaves that exception out.
  Severity missing_node = Severity::kError;
  // check_awards (true): report `unknown-award` for awards the rules do not define.
  bool check_awards = true;
  // rules_label (empty): words after the programme id in `unknown-node` messages, saying
  // which rules are meant (" in the --baseline rules").
  std::string rules_label;
};

// Resolves the exceptions of `set` written for `programme` (by BindOptions::award). Exceptions
// for other programmes of `rules` are left out silently. Emits: `unknown-award` (an award that
// no programme of `rules` has, "did you mean"); `unknown-node` (a node id the programme does
// not have, "did you mean"); `bad-action-node` (force on a node that is not a component;
// allow on a node that is not a single count, sum or best with `at_least`; substitute on a
// node that counts no achievements); `unknown-type`, `unknown-subject`, `bad-value` (kind,
// status), `bad-level`, `bad-number` (hours) in an achievement's fields; and
// `conflicting-exception` (one achievement forced to two components of a tier). An exception
// with an error is left out.
ProgrammeExceptions BindExceptions(const ExceptionSet& set, const RuleSet& rules,
                                   const Programme& programme, Diagnostics& diagnostics,
                                   const BindOptions& options = {});

// Indexes (into learner.achievements) of the achievements `exception` names; empty for waive.
std::vector<std::uint32_t> MatchingAchievements(const BoundException& exception,
                                                const Learner& learner);

// Checks that each exception of `learner` that names an achievement names exactly one:
// `no-such-achievement` or `ambiguous-achievement` (notes locate the matching rows) errors,
// located at the exception's `achievement`. The Evaluator does not apply such an exception.
void CheckLearnerExceptions(const ProgrammeExceptions& exceptions, const Learner& learner,
                            Diagnostics& diagnostics);

// An `absent-learner` warning for each learner with exceptions whose id is not in `seen`, in the
// order of ProgrammeExceptions::learners(). A streaming reader checks each learner as it comes
// (CheckLearnerExceptions) and this at the end.
void WarnAbsentLearners(const ProgrammeExceptions& exceptions,
                        const std::unordered_set<std::string_view>& seen, Diagnostics& diagnostics);

// CheckLearnerExceptions() for every learner, then WarnAbsentLearners().
void CheckExceptionRecords(const ProgrammeExceptions& exceptions,
                           const std::vector<Learner>& learners, Diagnostics& diagnostics);

}  // namespace accredit
