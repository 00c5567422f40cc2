#include "progress.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <string>

namespace accredit::cli {

namespace {

constexpr auto kRedraw = std::chrono::milliseconds(200);

}  // namespace

Progress::Progress(bool enabled)
    : enabled_(enabled), start_(std::chrono::steady_clock::now()), last_(start_) {}

Progress::~Progress() { Clear(); }

void Progress::Update(std::uint64_t bytes, std::uint64_t total, std::uint64_t learners) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_ < kRedraw) return;
  last_ = now;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  const double mb = static_cast<double>(bytes) / 1e6;
  std::string line;
  if (total > 0) {
    line = fmt::format("accredit: {:3.0f}% ",
                       100.0 * static_cast<double>(bytes) / static_cast<double>(total));
  } else {
    line = "accredit: ";
  }
  line += fmt::format("{} learners, {:.0f} MB, {:.0f} MB/s", learners, mb,
                      seconds > 0 ? mb / seconds : 0.0);
  Draw(line);
}

bool Progress::Due(std::string_view what) {
  if (!enabled_) return false;
  const auto now = std::chrono::steady_clock::now();
  if (what == what_ && now - last_ < kRedraw) return false;
  what_ = what;
  last_ = now;
  return true;
}

void Progress::Step(WorkflowStep step, std::uint64_t done, std::uint64_t total) {
  const std::string_view what = TitleOf(kWorkflowStepNames, step);
  if (step != WorkflowStep::kReading) {
    Count(what, done, total, "learners");
    return;
  }
  // An input read whole says nothing until it is done: name the step.
  if (!Due(what)) return;
  Draw(total > 1 ? fmt::format("accredit: {} ({} of {} inputs)", what, done, total)
                 : fmt::format("accredit: {}...", what));
}

void Progress::Count(std::string_view what, std::uint64_t done, std::uint64_t total,
                     std::string_view units) {
  if (!Due(what)) return;
  const double percent =
      total > 0 ? 100.0 * static_cast<double>(done) / static_cast<double>(total) : 0.0;
  Draw(fmt::format("accredit: {} {:3.0f}%, {} of {} {}", what, percent, done, total, units));
}

ProgressHandler Progress::Handler() {
  if (!enabled_) return nullptr;
  return [this](WorkflowStep step, std::uint64_t done, std::uint64_t total) {
    Step(step, done, total);
  };
}

void Progress::Draw(const std::string& line) {
  std::fputs(fmt::format("\r{}\033[K", line).c_str(), stderr);
  std::fflush(stderr);
  drawn_ = true;
}

void Progress::Restart() {
  Clear();
  what_.clear();
  start_ = last_ = std::chrono::steady_clock::now();
}

void Progress::Clear() {
  if (!drawn_) return;
  std::fputs("\r\033[K", stderr);
  std::fflush(stderr);
  drawn_ = false;
}

void AddProgressOptions(CLI::App& cmd, bool& on, bool& off) {
  cmd.add_flag("--progress", on, "Show progress on stderr (default: when stderr is a terminal)");
  cmd.add_flag("--no-progress", off, "Never show progress");
}

bool ProgressWanted(bool on, bool off, bool quiet) {
  if (on || off) return on;
  return !quiet && isatty(STDERR_FILENO) == 1;
}

}  // namespace accredit::cli
