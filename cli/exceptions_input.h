// --exceptions FILE: reading assessor exception files (exceptions.h, accredit-exceptions(5)),
// binding them to the programme evaluated, and checking them against the records read. Used by
// every command that evaluates learners (evaluation_run.h) and, for a rule change dry run, by
// report --baseline.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "accredit/exceptions.h"
#include "accredit/records.h"
#include "accredit/rules.h"
#include "accredit/source.h"
#include "common.h"

namespace accredit::cli {

class ExceptionInput {
 public:
  // Reads every file of `paths` (registered in `sources`) and binds the exceptions to
  // `programme`, printing the diagnostics. Returns false after an error: an unreadable or
  // invalid file, an unknown award or node. Nothing to do when `paths` is empty.
  bool Load(const std::vector<std::string>& paths, const RuleSet& rules, const Programme& programme,
            SourceSet& sources, const GlobalOptions& global);

  // Checks the exceptions against the learners read (each named achievement is exactly one
  // record; warns for learners absent from the records) and prints the diagnostics. Returns
  // false when an exception names no achievement or several.
  bool Check(const std::vector<Learner>& learners, const SourceSet& sources,
             const GlobalOptions& global) const;

  // The exceptions bound to the programme, or nullptr without --exceptions.
  const ProgrammeExceptions* bound() const { return bound_ ? &*bound_ : nullptr; }

  // The same exceptions bound to `programme` of another rule set (report --baseline): a node
  // that programme lacks is a warning, and that exception is left out there.
  ProgrammeExceptions BindTo(const RuleSet& rules, const Programme& programme,
                             const Programme& current, const SourceSet& sources,
                             const GlobalOptions& global) const;

 private:
  ExceptionSet set_;
  std::optional<ProgrammeExceptions> bound_;
};

// Checks learners against the exceptions as a stream reads them (validate), as
// ExceptionInput::Check does for learners read whole: the same diagnostics in the same order.
class ExceptionRecordCheck {
 public:
  // `exceptions` may be null (no --exceptions): then nothing is checked.
  explicit ExceptionRecordCheck(const ProgrammeExceptions* exceptions) : exceptions_(exceptions) {}
  void Learner(const accredit::Learner& learner);
  // Everything found, then `absent-learner` warnings for the learners never seen.
  const Diagnostics& Finish();

 private:
  const ProgrammeExceptions* exceptions_;
  std::unordered_set<std::string_view> seen_;  // views of ids held by `exceptions_`
  Diagnostics diagnostics_;
};

}  // namespace accredit::cli
