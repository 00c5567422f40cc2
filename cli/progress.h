// A progress line on stderr for long runs: how far through the input, how many learners, how
// fast. Redrawn at most a few times a second, from the thread that consumes results, so it
// costs nothing measurable.
#pragma once

#include <chrono>
#include <cstdint>

namespace accredit::cli {

class Progress {
 public:
  // `enabled`: draw at all.
  explicit Progress(bool enabled);
  ~Progress();
  // After `bytes` of the input (of `total`; 0: unknown) and `learners` learners.
  void Update(std::uint64_t bytes, std::uint64_t total, std::uint64_t learners);
  // Erases the line and starts timing again (the input is read again from its start).
  void Restart();
  // Erases the line (before anything else is printed to stderr).
  void Clear();

 private:
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
};

// Whether to show progress: with --progress, yes; with --no-progress, no; else when stderr is
// a terminal and not --quiet.
bool ProgressWanted(bool on, bool off, bool quiet);

}  // namespace accredit::cli
