#include "workflow/worker_threads.h"

#include <algorithm>
#include <thread>
#include <vector>

namespace accredit::internal {

unsigned ThreadCount(unsigned jobs) {
  return jobs != 0 ? jobs : std::max(1u, std::thread::hardware_concurrency());
}

void RunOnThreads(unsigned threads, const std::function<void(unsigned)>& work) {
  std::vector<std::thread> started;
  started.reserve(threads > 0 ? threads - 1 : 0);
  for (unsigned t = 1; t < threads; ++t) started.emplace_back(work, t);
  work(0);
  for (std::thread& thread : started) thread.join();
}

void ParallelFor(unsigned jobs, std::size_t n, const std::function<void(std::size_t)>& body) {
  const unsigned threads = ThreadCount(jobs);
  // Below this, starting threads costs more than the work saves.
  constexpr std::size_t kMinParallel = 64;
  if (threads <= 1 || n < kMinParallel) {
    for (std::size_t i = 0; i < n; ++i) body(i);
    return;
  }
  RunOnThreads(threads, [&](unsigned t) {
    const std::size_t begin = n * t / threads;
    const std::size_t end = n * (t + 1) / threads;
    for (std::size_t i = begin; i < end; ++i) body(i);
  });
}

}  // namespace accredit::internal
