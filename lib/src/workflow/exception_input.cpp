#include "workflow/exception_input.h"

#include "workflow/input_files.h"

namespace accredit::internal {

namespace {

// The largest exceptions file read (16 MiB): tens of thousands of decisions.
constexpr std::uint64_t kMaxExceptionsBytes = std::uint64_t{16} << 20;

}  // namespace

bool ExceptionInput::Load(const std::vector<InputFile>& files, const RuleSet& rules,
                          const Programme& programme, SourceSet& sources,
                          Diagnostics& diagnostics) {
  if (files.empty()) return true;
  for (const InputFile& file : files) {
    std::optional<SourceId> id =
        ReadInputFile(file, "exceptions file", kMaxExceptionsBytes, sources, diagnostics);
    if (id) LoadExceptions(*id, sources.Get(*id).text, set_, diagnostics);
  }
  // Bound only once every file is read: the bound exceptions point into the set.
  if (!diagnostics.has_errors()) bound_ = BindExceptions(set_, rules, programme, diagnostics);
  return !diagnostics.has_errors();
}

bool ExceptionInput::Check(const std::vector<Learner>& learners, Diagnostics& diagnostics) const {
  if (!bound_) return true;
  CheckExceptionRecords(*bound_, learners, diagnostics);
  return !diagnostics.has_errors();
}

ProgrammeExceptions ExceptionInput::BindTo(const RuleSet& rules, const Programme& programme,
                                           const Programme& current,
                                           Diagnostics& diagnostics) const {
  BindOptions options;
  options.award = current.id;
  options.missing_node = Severity::kWarning;
  options.check_awards = false;
  options.rules_label = " in the --baseline rules";
  return BindExceptions(set_, rules, programme, diagnostics, options);
}

void ExceptionRecordCheck::Learner(const accredit::Learner& learner) {
  if (exceptions_ == nullptr) return;
  const LearnerExceptions* mine = exceptions_->Find(learner.id);
  if (mine == nullptr) return;
  seen_.insert(mine->learner);
  CheckLearnerExceptions(*exceptions_, learner, diagnostics_);
}

const Diagnostics& ExceptionRecordCheck::Finish() {
  if (exceptions_ != nullptr) WarnAbsentLearners(*exceptions_, seen_, diagnostics_);
  return diagnostics_;
}

}  // namespace accredit::internal
