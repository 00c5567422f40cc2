// Workflow::Run: every learner of the cohort, in input order, read the cheapest way the input
// allows. One input is streamed (stream_evaluation.h): in chunks as it comes when sorted by
// learner; else, when each learner's rows are together, started again remembering the learners
// seen (RecordStream::RestartGrouped); else regrouped by learner (RecordStream::Regroup). What
// cannot be streamed any of these ways, and several inputs, are read whole.
#include <utility>

#include "accredit/workflow.h"
#include "workflow/exception_input.h"
#include "workflow/stream_evaluation.h"
#include "workflow/worker_threads.h"
#include "workflow/workflow_state.h"

namespace accredit {

namespace {

// Hands a streamed batch to `callback` as a CohortBatch, and its rendering back.
void Call(const std::function<void(CohortBatch&)>& callback, internal::StreamBatch& batch) {
  CohortBatch view{batch.records.learners, batch.outcomes, batch.end_offset,
                   std::move(batch.rendered)};
  callback(view);
  batch.rendered = std::move(view.rendered);
}

}  // namespace

CohortTotals Workflow::Run(const CohortCallbacks& callbacks) {
  CohortTotals totals;
  const bool streamable =
      options_.stream && callbacks.restart && inputs_.size() == 1 && options_.chunk_bytes > 0;
  if (streamable && Stream(callbacks, totals)) return totals;
  if (totals.stopped) return totals;
  return ReadWhole(callbacks);
}

// Streams the one input; false when it has to be read whole (everything consumed taken back),
// or, with totals.stopped, when what was consumed could not be taken back.
bool Workflow::Stream(const CohortCallbacks& callbacks, CohortTotals& totals) {
  const RecordInput& input = state_->record_inputs.front();
  ReadOptions& read = state_->stream_options = options_.read;
  read.map = input.map;
  Diagnostics opened;
  std::unique_ptr<RecordStream> stream;
  if (input.file.in_memory()) {
    const SourceId id = sources_.Add(input.file.name, *input.file.text);
    sources_.SetPersonal(id);
    stream =
        RecordStream::OpenSource(id, loaded_.rules, read, sources_, opened, options_.chunk_bytes);
  } else {
    stream = RecordStream::Open(input.file.name, loaded_.rules, read, sources_, opened,
                                options_.chunk_bytes);
  }
  if (!stream) return false;

  auto provisional = [&](const Diagnostics& diagnostics) {
    if (callbacks.provisional) {
      callbacks.provisional(diagnostics);
    } else {
      handler_(diagnostics, sources_);
    }
  };
  // One attempt at the whole stream: true when every chunk kept the stream's promise.
  auto attempt = [&] {
    totals = CohortTotals{};
    refused_inputs_.clear();
    provisional(opened);
    totals.read_errors = opened.has_errors();
    Evaluator evaluator(loaded_.rules, *programme_);
    internal::ExceptionRecordCheck exception_check(state_->exceptions.bound());
    std::uint64_t learners = 0;
    auto render = [&](internal::StreamBatch& batch) {
      if (callbacks.render) Call(callbacks.render, batch);
    };
    auto consume = [&](internal::StreamBatch& batch) {
      provisional(batch.diagnostics);
      totals.read_errors = totals.read_errors || batch.diagnostics.has_errors();
      for (const Learner& learner : batch.records.learners) exception_check.Learner(learner);
      totals.accounting.Add(batch.records.accounting);
      learners += batch.records.learners.size();
      Call(callbacks.consume, batch);
      if (callbacks.progress) callbacks.progress(batch.end_offset, stream->size(), learners);
    };
    Diagnostics finish;
    if (internal::EvaluateStream(*stream, evaluator, evaluate_, options_.jobs, render, consume,
                                 finish) != internal::StreamStatus::kDone) {
      return false;
    }
    provisional(finish);
    // Learners were consumed as they came: an input not read to its end (or with no rows) is
    // said, too late to make their outcomes provisional.
    for (const Diagnostic& d : finish.items()) {
      if (d.rejected == Rejected::kInput && refused_inputs_.empty()) {
        refused_inputs_.push_back(input.file.name);
      }
    }
    totals.refused_inputs = refused_inputs_;
    // After the records' diagnostics, as when the input is read whole.
    const Diagnostics& checked = exception_check.Finish();
    provisional(checked);
    totals.read_errors = totals.read_errors || finish.has_errors() || checked.has_errors();
    // As a whole read says it: no learner and an error (an empty export) is nothing read.
    totals.unreadable = learners == 0 && totals.read_errors;
    return true;
  };
  auto restart = [&] {
    totals = CohortTotals{};
    if (callbacks.restart()) return true;
    totals.stopped = true;
    return false;
  };

  if (attempt()) return true;
  if (stream->RestartGrouped()) {
    if (!restart()) return false;
    if (attempt()) return true;
  }
  stream = stream->Regroup(internal::ThreadCount(options_.jobs));
  if (!restart()) return false;
  if (stream == nullptr) return false;
  if (attempt()) return true;
  restart();
  return false;
}

CohortTotals Workflow::ReadWhole(const CohortCallbacks& callbacks) {
  CohortTotals totals;
  const bool read = ReadAll();
  totals.accounting = accounting_;
  totals.refused_inputs = refused_inputs_;
  if (!read) {
    totals.read_errors = true;
    totals.unreadable = true;
    return totals;
  }
  totals.read_errors = record_errors_;
  // One batch a learner, rendered on the thread that evaluated it, then consumed in order.
  std::vector<Outcome> outcomes(learners_.size());
  std::vector<CohortBatch> batches(learners_.size());
  EvaluateEach(options_.trace, [&](std::size_t i, Outcome&& outcome) {
    outcomes[i] = std::move(outcome);
    batches[i].learners = std::span<const Learner>(&learners_[i], 1);
    batches[i].outcomes = std::span<const Outcome>(&outcomes[i], 1);
    if (callbacks.render) callbacks.render(batches[i]);
    // A cohort's traces never all exist at once: `render` was their only reader.
    if (options_.trace) {
      for (TierResult& t : outcomes[i].tiers) {
        for (ComponentResult& c : t.components) c.trace = NodeTrace{};
      }
    }
  });
  for (CohortBatch& batch : batches) callbacks.consume(batch);
  return totals;
}

}  // namespace accredit
