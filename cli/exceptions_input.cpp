#include "exceptions_input.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace accredit::cli {

namespace {

// The largest exceptions file read (16 MiB): tens of thousands of decisions.
constexpr std::uintmax_t kMaxExceptionsBytes = std::uintmax_t{16} << 20;

// Reads `path` into `sources`; a diagnostic and nullopt when it is not a readable regular file
// of at most kMaxExceptionsBytes (a FIFO is never opened: it would wait for a writer).
std::optional<SourceId> ReadFile(const std::string& path, SourceSet& sources,
                                 Diagnostics& diagnostics) {
  std::error_code ec;
  const bool regular = std::filesystem::is_regular_file(path, ec);
  const std::uintmax_t size = regular ? std::filesystem::file_size(path, ec) : 0;
  std::ifstream in;
  if (regular && !ec && size <= kMaxExceptionsBytes) in.open(path, std::ios::binary);
  if (!in.is_open()) {
    const Location at{sources.AddName(path), 0, 0, {}};
    if (size > kMaxExceptionsBytes) {
      diagnostics.Error("too-large",
                        fmt::format("exceptions file '{}' is {} bytes, more than the limit of {}",
                                    path, size, kMaxExceptionsBytes),
                        at);
    } else {
      diagnostics.Error(
          "io-error",
          fmt::format("cannot read exceptions file '{}': not a readable regular file", path), at);
    }
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return sources.Add(path, text.str());
}

}  // namespace

bool ExceptionInput::Load(const std::vector<std::string>& paths, const RuleSet& rules,
                          const Programme& programme, SourceSet& sources,
                          const GlobalOptions& global) {
  if (paths.empty()) return true;
  Diagnostics diagnostics;
  for (const std::string& path : paths) {
    if (std::optional<SourceId> id = ReadFile(path, sources, diagnostics)) {
      LoadExceptions(*id, sources.Get(*id).text, set_, diagnostics);
    }
  }
  // Bound only once every file is read: the bound exceptions point into the set.
  if (!diagnostics.has_errors()) bound_ = BindExceptions(set_, rules, programme, diagnostics);
  PrintDiagnostics(diagnostics, sources, global);
  return !diagnostics.has_errors();
}

bool ExceptionInput::Check(const std::vector<Learner>& learners, const SourceSet& sources,
                           const GlobalOptions& global) const {
  if (!bound_) return true;
  Diagnostics diagnostics;
  CheckExceptionRecords(*bound_, learners, diagnostics);
  PrintDiagnostics(diagnostics, sources, global);
  return !diagnostics.has_errors();
}

ProgrammeExceptions ExceptionInput::BindTo(const RuleSet& rules, const Programme& programme,
                                           const Programme& current, const SourceSet& sources,
                                           const GlobalOptions& global) const {
  BindOptions options;
  options.award = current.id;
  options.missing_node = Severity::kWarning;
  options.check_awards = false;
  options.rules_label = " in the --baseline rules";
  Diagnostics diagnostics;
  ProgrammeExceptions out = BindExceptions(set_, rules, programme, diagnostics, options);
  PrintDiagnostics(diagnostics, sources, global);
  return out;
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

}  // namespace accredit::cli
