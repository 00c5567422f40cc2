#include "workflow/worker_threads.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace accredit::internal {

namespace {

// Below this, starting threads costs more than the work saves.
constexpr std::size_t kMinParallel = 64;

}  // namespace

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

void ParallelFor(unsigned jobs, std::size_t n, const std::function<void(std::size_t)>& body,
                 const std::function<void(std::size_t done)>& progress) {
  if (!progress) {
    ParallelFor(jobs, n, body);
    return;
  }
  const unsigned threads = ThreadCount(jobs);
  if (threads <= 1 || n < kMinParallel) {
    for (std::size_t i = 0; i < n; ++i) {
      body(i);
      progress(i + 1);
    }
    if (n == 0) progress(0);
    return;
  }
  // Small enough that the calling thread reports often, large enough that taking a block costs
  // nothing beside evaluating its learners.
  constexpr std::size_t kBlock = 32;
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> done{0};
  std::size_t told = 0;  // what the calling thread said last
  RunOnThreads(threads, [&](unsigned t) {
    for (;;) {
      const std::size_t begin = next.fetch_add(kBlock, std::memory_order_relaxed);
      if (begin >= n) return;
      const std::size_t end = std::min(n, begin + kBlock);
      for (std::size_t i = begin; i < end; ++i) body(i);
      const std::size_t so_far =
          done.fetch_add(end - begin, std::memory_order_relaxed) + (end - begin);
      if (t == 0) {
        told = so_far;
        progress(so_far);
      }
    }
  });
  if (told != n) progress(n);
}

}  // namespace accredit::internal
