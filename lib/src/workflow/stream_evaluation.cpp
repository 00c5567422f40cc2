#include "workflow/stream_evaluation.h"

#include <fmt/format.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>

#include "workflow/worker_threads.h"

namespace accredit::internal {

namespace {

// What a thread keeps from one chunk to the next: ReadScratch for reading, and the outcomes
// of a batch already consumed, evaluated into again (Evaluator::Evaluate into an Outcome).
struct ThreadScratch {
  ReadScratch read;
  std::vector<Outcome> outcomes;
  // Takes back what a consumed batch held.
  void Recycle(StreamBatch& batch) {
    read.Recycle(std::move(batch.records.learners));
    if (batch.outcomes.size() > outcomes.size()) outcomes = std::move(batch.outcomes);
  }
};

StreamBatch Process(RecordStream& stream, RecordChunk& chunk, ThreadScratch& scratch,
                    const Evaluator& evaluator, const EvaluateOptions& options,
                    const std::function<void(StreamBatch&)>& render, bool& in_order) {
  StreamBatch batch;
  batch.index = chunk.index;
  batch.end_offset = chunk.end_offset;
  ChunkRecords records = stream.Read(chunk, batch.diagnostics, &scratch.read);
  stream.Recycle(std::move(chunk.storage));
  in_order = records.in_order;
  batch.records = std::move(records.records);
  if (in_order) {
    const std::vector<Learner>& learners = batch.records.learners;
    batch.outcomes.swap(scratch.outcomes);
    batch.outcomes.resize(learners.size());
    for (std::size_t i = 0; i < learners.size(); ++i) {
      evaluator.Evaluate(learners[i], options, batch.outcomes[i]);
      if (batch.outcomes[i].search_limit_hit) {
        WarnSearchLimit(learners[i], options, batch.diagnostics);
      }
    }
    render(batch);
  }
  return batch;
}

// A finished batch waiting for its turn.
struct Done {
  StreamBatch batch;
  bool in_order = true;
  unsigned producer = 0;  // the thread that made it: 0 the calling thread, else a worker
};

}  // namespace

void WarnSearchLimit(const Learner& learner, const EvaluateOptions& options,
                     Diagnostics& diagnostics) {
  diagnostics.Warning("search-limit",
                      fmt::format("allocation search for learner '{}' stopped after {} steps; "
                                  "the outcome is the best allocation found, not proven best",
                                  learner.id, options.search_limit),
                      learner.location);
}

StreamStatus EvaluateStream(RecordStream& stream, const Evaluator& evaluator,
                            const EvaluateOptions& options, unsigned jobs,
                            const std::function<void(StreamBatch&)>& render,
                            const std::function<void(StreamBatch&)>& consume, Diagnostics& finish) {
  Accounting total;
  auto settle = [&](Done& done) {
    ChunkRecords records{std::move(done.batch.records), done.in_order};
    const bool kept = stream.Settle(records, done.batch.diagnostics);
    done.batch.records = std::move(records.records);
    if (!kept) return false;
    total.Add(done.batch.records.accounting);
    consume(done.batch);
    return true;
  };
  const unsigned threads = ThreadCount(jobs);
  // What each thread keeps from one chunk to the next.
  std::vector<ThreadScratch> scratch(threads);
  if (threads <= 1) {
    RecordChunk chunk;
    while (stream.Next(chunk)) {
      Done done;
      done.batch = Process(stream, chunk, scratch[0], evaluator, options, render, done.in_order);
      if (!settle(done)) return StreamStatus::kNotSorted;
      scratch[0].Recycle(done.batch);
    }
    stream.Finish(total, finish);
    return StreamStatus::kDone;
  }

  // Workers take chunks from `todo` and put batches in `done`. This thread cuts chunks,
  // consumes batches in order, keeping at most `max_in_flight` chunks between the two, and
  // otherwise works as one of the `threads`: it reads a chunk itself rather than sleep until
  // a batch is done (on two cores, a third thread waking for every batch cost a tenth of the
  // time in context switches).
  std::mutex mutex;
  std::condition_variable work_ready;
  std::condition_variable batch_ready;
  std::deque<RecordChunk> todo;
  std::map<std::size_t, Done> done;
  // Consumed batches go back to the worker that made them, to be freed there: freed on this
  // thread, their memory went back to the worker's malloc arena under its lock while the
  // worker was allocating from it (at --jobs 2, 17 futex calls a chunk and a fifth more CPU).
  // Their learners' and outcomes' memory goes to the worker's scratch, for its next chunk.
  std::vector<std::vector<StreamBatch>> spent(threads);
  bool stop = false;
  auto finished = [&](Done&& result) {
    {
      std::lock_guard lock(mutex);
      std::size_t index = result.batch.index;
      done.emplace(index, std::move(result));
    }
    batch_ready.notify_one();
  };
  auto worker = [&](unsigned self) {
    std::vector<StreamBatch> garbage;
    for (;;) {
      RecordChunk chunk;
      {
        std::unique_lock lock(mutex);
        work_ready.wait(lock, [&] { return stop || !todo.empty(); });
        garbage.swap(spent[self]);
        if (todo.empty()) return;
        chunk = std::move(todo.front());
        todo.pop_front();
      }
      for (StreamBatch& batch : garbage) scratch[self].Recycle(batch);
      garbage.clear();
      Done result;
      result.producer = self;
      result.batch =
          Process(stream, chunk, scratch[self], evaluator, options, render, result.in_order);
      finished(std::move(result));
    }
  };
  auto stop_workers = [&] {
    {
      std::lock_guard lock(mutex);
      stop = true;
      todo.clear();
    }
    work_ready.notify_all();
  };

  StreamStatus status = StreamStatus::kDone;
  // Thread 0, this one, cuts and consumes chunks (and reads some); the others read chunks.
  RunOnThreads(threads, [&](unsigned self) {
    if (self != 0) {
      worker(self);
      return;
    }
    const std::size_t max_in_flight = std::size_t{threads} * 2;
    std::size_t cut = 0;
    std::size_t consumed = 0;
    bool end = false;
    for (;;) {
      while (!end && cut - consumed < max_in_flight) {
        RecordChunk chunk;
        if (!stream.Next(chunk)) {
          end = true;
          break;
        }
        {
          std::lock_guard lock(mutex);
          todo.push_back(std::move(chunk));
        }
        work_ready.notify_one();
        ++cut;
      }
      if (end && consumed == cut) break;
      Done next;
      {
        std::unique_lock lock(mutex);
        auto it = done.find(consumed);
        if (it == done.end() && !todo.empty()) {
          // The next batch is not done: read a chunk meanwhile.
          RecordChunk chunk = std::move(todo.front());
          todo.pop_front();
          lock.unlock();
          Done result;
          result.batch =
              Process(stream, chunk, scratch[0], evaluator, options, render, result.in_order);
          finished(std::move(result));
          continue;
        }
        batch_ready.wait(lock, [&] { return done.count(consumed) != 0; });
        it = done.find(consumed);
        next = std::move(it->second);
        done.erase(it);
      }
      ++consumed;
      if (!settle(next)) {
        status = StreamStatus::kNotSorted;
        break;
      }
      if (next.producer != 0) {
        std::lock_guard lock(mutex);
        spent[next.producer].push_back(std::move(next.batch));
      } else {
        scratch[0].Recycle(next.batch);
      }
    }
    stop_workers();
  });
  if (status == StreamStatus::kDone) stream.Finish(total, finish);
  return status;
}

}  // namespace accredit::internal
