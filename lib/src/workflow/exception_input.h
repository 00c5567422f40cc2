// Assessor exceptions in a run: the files read (accredit-exceptions: 1), bound to the programme
// evaluated, and checked against the records as they are read. The workflow's part of
// exceptions.h: the model, loading and binding live there; this holds them for one run.
#pragma once

#include <optional>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "accredit/diagnostic.h"
#include "accredit/exceptions.h"
#include "accredit/input_file.h"
#include "accredit/records.h"
#include "accredit/rules.h"
#include "accredit/source.h"

namespace accredit::internal {

class ExceptionInput {
 public:
  // Reads every file of `files` (registered in `sources`) and, when all are valid, binds the
  // exceptions to `programme`. Returns false after an error: an unreadable or invalid file, an
  // unknown award or node. Nothing to do when `files` is empty.
  bool Load(const std::vector<InputFile>& files, const RuleSet& rules, const Programme& programme,
            SourceSet& sources, Diagnostics& diagnostics);

  // Checks the exceptions against the learners read (each named achievement is exactly one
  // record; warns for learners absent from the records). False when an exception names no
  // achievement or several.
  bool Check(const std::vector<Learner>& learners, Diagnostics& diagnostics) const;

  // The exceptions bound to the programme, or nullptr when there are none.
  const ProgrammeExceptions* bound() const { return bound_ ? &*bound_ : nullptr; }

  // The same exceptions bound to `programme` of another rule set (report --baseline): a node
  // that programme lacks is a warning, and that exception is left out there.
  ProgrammeExceptions BindTo(const RuleSet& rules, const Programme& programme,
                             const Programme& current, Diagnostics& diagnostics) const;

 private:
  ExceptionSet set_;
  std::optional<ProgrammeExceptions> bound_;
};

// Checks learners against the exceptions as a stream reads them, as ExceptionInput::Check does
// for learners read whole: the same diagnostics in the same order.
class ExceptionRecordCheck {
 public:
  // `exceptions` may be null (no exceptions): then nothing is checked.
  explicit ExceptionRecordCheck(const ProgrammeExceptions* exceptions) : exceptions_(exceptions) {}
  void Learner(const accredit::Learner& learner);
  // Everything found, then `absent-learner` warnings for the learners never seen.
  const Diagnostics& Finish();

 private:
  const ProgrammeExceptions* exceptions_;
  std::unordered_set<std::string_view> seen_;  // views of ids held by `exceptions_`
  Diagnostics diagnostics_;
};

}  // namespace accredit::internal
