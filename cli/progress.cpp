#include "progress.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>

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
  std::fputs(fmt::format("\r{}\033[K", line).c_str(), stderr);
  std::fflush(stderr);
  drawn_ = true;
}

void Progress::Restart() {
  Clear();
  start_ = last_ = std::chrono::steady_clock::now();
}

void Progress::Clear() {
  if (!drawn_) return;
  std::fputs("\r\033[K", stderr);
  std::fflush(stderr);
  drawn_ = false;
}

bool ProgressWanted(bool on, bool off, bool quiet) {
  if (on || off) return on;
  return !quiet && isatty(STDERR_FILENO) == 1;
}

}  // namespace accredit::cli
