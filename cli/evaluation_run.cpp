#include "evaluation_run.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <thread>
#include <unordered_map>

#include "accredit/record_reader.h"
#include "exit_codes.h"

namespace accredit::cli {

void AddEvaluationOptions(CLI::App& cmd, std::vector<std::string>& rules, std::string& award,
                          std::string& as_of, bool& predicted) {
  cmd.add_option("-r,--rules", rules,
                 "Rule file or folder (repeatable; default: the built-in example programme)");
  cmd.add_option("-a,--award", award, "Programme id, when the rules define several");
  cmd.add_option("--as-of", as_of, "Judge as on this date (YYYY-MM-DD): later work does not count");
  cmd.add_flag("--predicted", predicted, "Let predicted grades count (outcomes say so)");
}

namespace {

void Error(const std::string& message) {
  std::fputs(fmt::format("accredit: error: {}\n", message).c_str(), stderr);
}

// Reads a whole file, or standard input for "-". Returns false with a message on failure.
// Only regular files are opened: a FIFO or a device could block forever or never end.
bool ReadInput(const std::string& path, std::string& text, std::string& error) {
  if (path == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    return true;
  }
  std::error_code ec;
  std::filesystem::file_status status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) {
    error = "cannot read: no such file";
    return false;
  }
  if (std::filesystem::is_directory(status)) {
    error = "cannot read: it is a folder, not a records file";
    return false;
  }
  if (!std::filesystem::is_regular_file(status)) {
    error = "cannot read: not a regular file (a FIFO, socket or device)";
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot read: permission denied or not readable";
    return false;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  text = buffer.str();
  return true;
}

}  // namespace

bool EvaluationRun::Prepare(const std::vector<std::string>& rules, const std::string& award,
                            const std::string& as_of, bool predicted,
                            const std::vector<std::string>& records, const GlobalOptions& global) {
  loaded_ = LoadRulesOrDefault(rules, sources_);
  PrintDiagnostics(loaded_.diagnostics, sources_, global);
  if (!loaded_.ok()) return false;
  std::vector<std::string> ids;
  for (const Programme& p : loaded_.rules.programmes) {
    ids.push_back(p.id);
    if (p.id == award) programme_ = &p;
  }
  if (award.empty() && ids.size() == 1) programme_ = &loaded_.rules.programmes.front();
  if (programme_ == nullptr) {
    if (ids.empty()) {
      Error("the rules given define no programme (award) to check against");
    } else if (award.empty()) {
      Error(fmt::format("the rules define {} programmes; choose one with --award: {}", ids.size(),
                        fmt::join(ids, ", ")));
    } else {
      Error(fmt::format("no programme '{}' in the rules given (they define: {})", award,
                        fmt::join(ids, ", ")));
    }
    return false;
  }
  options_.predicted = predicted;
  if (!as_of.empty()) {
    options_.as_of = ParseDate(as_of);
    if (!options_.as_of) {
      Error(fmt::format("--as-of expects a date like 2027-07-31, got '{}'", as_of));
      return false;
    }
  }
  Diagnostics diagnostics;
  std::unordered_map<std::string, std::size_t> index;
  bool read_ok = true;
  for (const std::string& path : records) {
    std::string text;
    std::string error;
    if (!ReadInput(path, text, error)) {
      diagnostics.Error("io-error", error, Location{sources_.AddName(path), 0, 0, {}});
      read_ok = false;
      continue;
    }
    SourceId id = sources_.Add(path == "-" ? "<stdin>" : path, std::move(text));
    RecordSet set =
        ReadCsvRecords(id, sources_.Get(id).text, loaded_.rules, ReadOptions{}, diagnostics);
    accounting_.rows_read += set.accounting.rows_read;
    accounting_.rows_used += set.accounting.rows_used;
    accounting_.rows_rejected += set.accounting.rows_rejected;
    // A learner in several files is one learner: later files add to the first.
    for (Learner& learner : set.learners) {
      auto [it, inserted] = index.emplace(learner.id, learners_.size());
      if (inserted) {
        learners_.push_back(std::move(learner));
        continue;
      }
      Learner& into = learners_[it->second];
      for (Achievement a : learner.achievements) {
        for (TextRef& ref : a.text) {
          ref = into.Store(std::string_view(learner.text).substr(ref.offset, ref.length));
        }
        into.achievements.push_back(a);
      }
      into.rejected_rows += learner.rejected_rows;
    }
  }
  accounting_.learners = learners_.size();
  record_errors_ = diagnostics.has_errors() || !read_ok;
  PrintDiagnostics(diagnostics, sources_, global);
  return read_ok || !learners_.empty();
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
    if (!outcomes_[i].search_limit_hit) continue;
    warnings.Warning("search-limit",
                     fmt::format("allocation search for learner '{}' stopped after {} steps; "
                                 "the outcome is the best allocation found, not proven best",
                                 learners_[i].id, options_.search_limit),
                     learners_[i].location);
  }
  PrintDiagnostics(warnings, sources_, global);
}

}  // namespace accredit::cli
