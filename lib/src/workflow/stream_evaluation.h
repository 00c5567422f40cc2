// Evaluating a cohort as it is read: how the workflow (accredit/workflow.h) evaluates an input
// it can stream (record_stream.h).
//
// Chunks of the input are read, evaluated and rendered on `jobs` threads: the calling thread
// and jobs - 1 workers (worker_threads.h). The calling thread also cuts the next chunks and
// consumes finished ones strictly in input order, so what the caller writes is byte-identical
// whatever the number of threads. At most a few chunks are in flight at once: memory does not grow
// with the input.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "accredit/diagnostic.h"
#include "accredit/evaluator.h"
#include "accredit/record_stream.h"
#include "accredit/records.h"

namespace accredit::internal {

// One chunk, read and evaluated.
struct StreamBatch {
  std::size_t index = 0;          // chunk number, in input order
  std::uint64_t end_offset = 0;   // input bytes up to the chunk's end
  RecordSet records;              // its learners and its rows' accounting
  std::vector<Outcome> outcomes;  // one per learner
  Diagnostics diagnostics;        // reading its rows, then `search-limit` warnings
  std::string rendered;           // what the `render` callback made of it
};

enum class StreamStatus {
  kDone,       // every chunk consumed, and RecordStream::Finish() called
  kNotSorted,  // the input broke the stream's promise (RecordStream::Settle): read it whole
};

// Reads every chunk of `stream`, evaluates each learner with `evaluator` and `options`, calls
// `render` on any of the threads for each batch once evaluated (it may fill `rendered`), and
// `consume` on the calling thread for each batch in input order. Stops at the first batch that
// breaks the stream's promise, without consuming it, and returns kNotSorted. At the end,
// `finish` receives the diagnostics of RecordStream::Finish(). `jobs` 0: one thread per core.
StreamStatus EvaluateStream(RecordStream& stream, const Evaluator& evaluator,
                            const EvaluateOptions& options, unsigned jobs,
                            const std::function<void(StreamBatch&)>& render,
                            const std::function<void(StreamBatch&)>& consume, Diagnostics& finish);

// The `search-limit` warning for a learner whose allocation search stopped at its limit.
void WarnSearchLimit(const Learner& learner, const EvaluateOptions& options,
                     Diagnostics& diagnostics);

}  // namespace accredit::internal
