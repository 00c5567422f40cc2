// A progress line on stderr for long runs: how far through the input, how many learners, how
// fast (a streamed validate), or which step of a whole read is under way and how far it has got
// (report, transcript, validate reading whole). Redrawn at most a few times a second, from the
// thread that called the library, so it costs nothing measurable.
#pragma once

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "accredit/workflow.h"

namespace accredit::cli {

class Progress {
 public:
  // `enabled`: draw at all.
  explicit Progress(bool enabled);
  ~Progress();
  // After `bytes` of the input (of `total`; 0: unknown) and `learners` learners.
  void Update(std::uint64_t bytes, std::uint64_t total, std::uint64_t learners);
  // How far a step of a whole read has got (Workflow::SetProgress): a new step is drawn at
  // once, the same step again at most every fifth of a second.
  void Step(WorkflowStep step, std::uint64_t done, std::uint64_t total);
  // How far the front end's own long step (`what`: "writing the files") has got: `done` of
  // `total` `units`. Drawn as Step() draws.
  void Count(std::string_view what, std::uint64_t done, std::uint64_t total,
             std::string_view units);
  // A handler for Workflow::SetProgress that calls Step(); none when not enabled.
  ProgressHandler Handler();
  // Erases the line and starts timing again (the input is read again from its start).
  void Restart();
  // Erases the line (before anything else is printed to stderr).
  void Clear();

 private:
  // Whether to draw now: a new `what` at once, the same at most every fifth of a second.
  bool Due(std::string_view what);
  void Draw(const std::string& line);

  bool enabled_;
  bool drawn_ = false;
  std::string what_;  // the step drawn last
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
};

// Adds --progress and --no-progress to `cmd`.
void AddProgressOptions(CLI::App& cmd, bool& on, bool& off);

// Whether to show progress: with --progress, yes; with --no-progress, no; else when stderr is
// a terminal and not --quiet.
bool ProgressWanted(bool on, bool off, bool quiet);

}  // namespace accredit::cli
