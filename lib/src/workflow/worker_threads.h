// The library's threads: the one place it starts any.
//
// Learners are independent, so a cohort is evaluated on every core: streamed chunk by chunk
// (stream_evaluation.h), or, read whole, a slice of learners per thread (ParallelFor). Both
// start their threads here, for the length of one call, with the calling thread as one of
// them: nothing runs in the background between calls, and a front end starts none of its own
// (it renders in parallel through Workflow::ParallelFor).
#pragma once

#include <cstddef>
#include <functional>

namespace accredit::internal {

// The threads `jobs` asks for: `jobs` itself, or one per core when 0.
unsigned ThreadCount(unsigned jobs);

// Runs work(t) for every t in [0, threads): t = 0 on the calling thread, the others each on a
// thread started for the call. Returns once every one has returned.
void RunOnThreads(unsigned threads, const std::function<void(unsigned)>& work);

// Runs body(i) for every i in [0, n), split into one contiguous slice per thread of `jobs`;
// on the calling thread alone when one thread is asked for or n is small.
void ParallelFor(unsigned jobs, std::size_t n, const std::function<void(std::size_t)>& body);

// As ParallelFor, telling progress(done) how many have been done, on the calling thread, as it
// goes and at the end (done == n). The work is taken in small blocks by whichever thread is
// free, so that the calling thread keeps reporting while there is work left. Without
// `progress`, the same as ParallelFor.
void ParallelFor(unsigned jobs, std::size_t n, const std::function<void(std::size_t)>& body,
                 const std::function<void(std::size_t done)>& progress);

}  // namespace accredit::internal
