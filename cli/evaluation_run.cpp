#include "evaluation_run.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "accredit/record_input.h"
#include "accredit/stream_evaluation.h"
#include "exit_codes.h"

namespace accredit::cli {

void AddEvaluationOptions(CLI::App& cmd, EvaluationFlags& flags) {
  cmd.add_option("-r,--rules", flags.rules,
                 "Rule file or folder (repeatable; default: the built-in example programme)")
      ->type_name(kPathArgument);
  cmd.add_option("-a,--award", flags.award, "Programme id, when the rules define several");
  cmd.add_option("--as-of", flags.as_of,
                 "Judge as on this date (YYYY-MM-DD): later work does not count");
  cmd.add_flag("--predicted", flags.predicted, "Let predicted grades count (outcomes say so)");
  cmd.add_option("-m,--map", flags.map,
                 "Column mapping (accredit-map: 1) for a school system's export")
      ->type_name(kFileArgument);
  cmd.add_option("--exceptions", flags.exceptions,
                 "Assessor exceptions file (accredit-exceptions: 1; repeatable)")
      ->type_name(kFileArgument)
      ->allow_extra_args(false);
}

namespace {

// The largest column mapping file read (1 MiB): real ones are a few kilobytes.
constexpr std::uintmax_t kMaxMapBytes = std::uintmax_t{1} << 20;

void Error(const std::string& message) {
  std::fputs(fmt::format("accredit: error: {}\n", message).c_str(), stderr);
}

}  // namespace

bool EvaluationRun::Prepare(const EvaluationFlags& flags, const GlobalOptions& global) {
  return PrepareRules(flags, global) && ReadRecords(flags, global);
}

bool EvaluationRun::PrepareRules(const EvaluationFlags& flags, const GlobalOptions& global) {
  loaded_ = LoadRulesOrDefault(flags.rules, sources_);
  PrintDiagnostics(loaded_.diagnostics, sources_, global);
  if (!loaded_.ok()) return false;
  std::vector<std::string> ids;
  for (const Programme& p : loaded_.rules.programmes) {
    ids.push_back(p.id);
    if (p.id == flags.award) programme_ = &p;
  }
  if (flags.award.empty() && ids.size() == 1) programme_ = &loaded_.rules.programmes.front();
  if (programme_ == nullptr) {
    if (ids.empty()) {
      Error("the rules given define no programme (award) to check against");
    } else if (flags.award.empty()) {
      Error(fmt::format("the rules define {} programmes; choose one with --award: {}", ids.size(),
                        fmt::join(ids, ", ")));
    } else {
      Error(fmt::format("no programme '{}' in the rules given (they define: {})", flags.award,
                        fmt::join(ids, ", ")));
    }
    return false;
  }
  options_.predicted = flags.predicted;
  if (!flags.as_of.empty()) {
    options_.as_of = ParseDate(flags.as_of);
    if (!options_.as_of) {
      Error(fmt::format("--as-of expects a date like 2027-07-31, got '{}'", flags.as_of));
      return false;
    }
  }
  if (!exceptions_.Load(flags.exceptions, loaded_.rules, *programme_, sources_, global)) {
    return false;
  }
  options_.exceptions = exceptions_.bound();
  Diagnostics diagnostics;
  if (!flags.map.empty()) {
    // Only a regular file is opened: opening a FIFO would wait for a writer forever.
    std::error_code ec;
    const bool regular = std::filesystem::is_regular_file(flags.map, ec);
    const std::uintmax_t size = regular ? std::filesystem::file_size(flags.map, ec) : 0;
    std::ifstream in;
    if (regular && !ec && size <= kMaxMapBytes) in.open(flags.map, std::ios::binary);
    if (!in.is_open()) {
      const Location at{sources_.AddName(flags.map), 0, 0, {}};
      if (size > kMaxMapBytes) {
        diagnostics.Error("too-large",
                          fmt::format("column mapping '{}' is {} bytes, more than the limit of {}",
                                      flags.map, size, kMaxMapBytes),
                          at);
      } else {
        diagnostics.Error(
            "io-error",
            fmt::format("cannot read column mapping '{}': not a readable regular file", flags.map),
            at);
      }
      PrintDiagnostics(diagnostics, sources_, global);
      return false;
    }
    std::ostringstream text;
    text << in.rdbuf();
    SourceId id = sources_.Add(flags.map, text.str());
    map_ = LoadColumnMap(id, sources_.Get(id).text, diagnostics);
    if (!map_ || diagnostics.has_errors()) {
      PrintDiagnostics(diagnostics, sources_, global);
      return false;
    }
    read_options_.map = &*map_;
  }
  return true;
}

bool EvaluationRun::ReadRecords(const EvaluationFlags& flags, const GlobalOptions& global) {
  Diagnostics diagnostics;
  RecordSet records =
      ReadRecordInputs(flags.records, loaded_.rules, read_options_, sources_, diagnostics);
  learners_ = std::move(records.learners);
  accounting_ = records.accounting;
  record_errors_ = diagnostics.has_errors();
  PrintDiagnostics(diagnostics, sources_, global);
  if (!exceptions_.Check(learners_, sources_, global)) record_errors_ = true;
  // Go on when something was read: outcomes for clean learners are still worth printing.
  return !learners_.empty() || !record_errors_;
}

void EvaluationRun::ParallelFor(unsigned jobs, const std::function<void(std::size_t)>& body) const {
  std::size_t n = learners_.size();
  unsigned threads = jobs != 0 ? jobs : std::max(1u, std::thread::hardware_concurrency());
  if (threads <= 1 || n < 64) {
    for (std::size_t i = 0; i < n; ++i) body(i);
    return;
  }
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) {
    std::size_t begin = n * t / threads;
    std::size_t end = n * (t + 1) / threads;
    pool.emplace_back([&body, begin, end] {
      for (std::size_t i = begin; i < end; ++i) body(i);
    });
  }
  for (std::thread& thread : pool) thread.join();
}

Outcome EvaluationRun::EvaluateLearner(std::size_t index, bool trace) {
  Evaluator evaluator(loaded_.rules, *programme_);
  options_.trace = trace;
  return evaluator.Evaluate(learners_[index], options_);
}

void EvaluationRun::EvaluateAll(unsigned jobs, bool trace, const GlobalOptions& global) {
  Evaluator evaluator(loaded_.rules, *programme_);
  options_.trace = trace;
  outcomes_.assign(learners_.size(), Outcome{});
  ParallelFor(jobs,
              [&](std::size_t i) { outcomes_[i] = evaluator.Evaluate(learners_[i], options_); });
  Diagnostics warnings;
  for (std::size_t i = 0; i < outcomes_.size(); ++i) {
    if (outcomes_[i].search_limit_hit) WarnSearchLimit(learners_[i], options_, warnings);
  }
  PrintDiagnostics(warnings, sources_, global);
}

}  // namespace accredit::cli
