#include "validate_command.h"

#include <fmt/format.h>

#include <cstdlib>
#include <memory>

#include "accredit/outcome_format.h"
#include "accredit/record_stream.h"
#include "accredit/stream_evaluation.h"
#include "evaluation_run.h"
#include "exit_codes.h"
#include "output_file.h"
#include "progress.h"

namespace accredit::cli {

void SetupValidate(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto options = std::make_shared<ValidateOptions>();
  CLI::App* cmd = app.add_subcommand("validate", "Check learner records against the award rules");
  cmd->add_option("RECORDS", options->flags.records,
                  "Records files (CSV or JSON), or - for standard input")
      ->required()
      ->type_name(kFileArgument);
  AddEvaluationOptions(*cmd, options->flags);
  cmd->add_option("-f,--format", options->format, "Output: text, json, jsonl, csv or junit")
      ->check(CLI::IsMember({"text", "json", "jsonl", "csv", "junit"}))
      ->capture_default_str();
  cmd->add_option("-o,--output", options->output, "Write the output to this file (atomically)")
      ->type_name(kFileArgument);
  cmd->add_option("-j,--jobs", options->jobs, "Threads to evaluate on (default: one per core)");
  cmd->add_flag("--progress", options->progress,
                "Show progress on stderr (default: when stderr is a terminal)");
  cmd->add_flag("--no-progress", options->no_progress, "Never show progress");
  // For tests: ACCREDIT_CHUNK_BYTES sets the streaming chunk size (0: never stream).
  if (const char* chunk = std::getenv("ACCREDIT_CHUNK_BYTES")) {
    options->chunk_bytes = std::strtoull(chunk, nullptr, 10);
  }
  cmd->callback([options, &global, &exit_code] { exit_code = RunValidate(*options, global); });
}

namespace {

void PrintAccounting(const Accounting& a) {
  std::fputs(fmt::format("accredit: {} learners; rows: {} read, {} used, {} rejected\n", a.learners,
                         a.rows_read, a.rows_used, a.rows_rejected)
                 .c_str(),
             stderr);
}

// What a run found, whichever way it read its input.
struct Totals {
  ValidateSummary summary;
  Accounting accounting;
  bool read_errors = false;
};

// Evaluates `stream`, writing to `sink`; kNotSorted (with what it wrote still to be taken
// back) when the stream breaks its promise.
StreamStatus RunStream(RecordStream& stream, EvaluationRun& run, const ValidateOptions& options,
                       const GlobalOptions& global, const Diagnostics& opened,
                       const OutcomeWriter& writer, OutputSink& sink, Totals& totals) {
  HeldDiagnostics held(run.sources(), global);
  held.Add(opened);
  totals = Totals{};
  totals.read_errors = opened.has_errors();
  Progress progress(ProgressWanted(options.progress, options.no_progress, global.quiet),
                    stream.size());
  Evaluator evaluator(run.rules(), run.programme());
  ExceptionRecordCheck exception_check(run.exceptions().bound());
  bool wrote = false;
  (void)sink.Write(writer.Begin(totals.summary, totals.accounting));
  auto render = [&](StreamBatch& batch) {
    for (std::size_t i = 0; i < batch.outcomes.size(); ++i) {
      if (i > 0) batch.rendered += writer.Separator();
      batch.rendered += writer.Learner(batch.records.learners[i], batch.outcomes[i]);
    }
  };
  auto consume = [&](StreamBatch& batch) {
    held.Add(batch.diagnostics);
    totals.read_errors = totals.read_errors || batch.diagnostics.has_errors();
    for (const Outcome& outcome : batch.outcomes) totals.summary.Add(outcome);
    for (const Learner& learner : batch.records.learners) exception_check.Learner(learner);
    totals.accounting.Add(batch.records.accounting);
    if (!batch.rendered.empty()) {
      if (wrote) (void)sink.Write(writer.Separator());
      (void)sink.Write(batch.rendered);
      wrote = true;
    }
    progress.Update(batch.end_offset, totals.summary.learners);
  };
  Diagnostics finish;
  StreamStatus status = EvaluateStream(stream, evaluator, run.evaluate_options(), options.jobs,
                                       render, consume, finish);
  progress.Clear();
  if (status != StreamStatus::kDone) {
    totals = Totals{};
    return status;
  }
  held.Add(finish);
  // After the records' diagnostics, as when the input is read whole.
  const Diagnostics& checked = exception_check.Finish();
  held.Add(checked);
  totals.read_errors = totals.read_errors || finish.has_errors() || checked.has_errors();
  (void)sink.Write(writer.End(totals.summary, totals.accounting));
  held.Print();
  return status;
}

// Streams the one input of `options`, writing to `sink`: in chunks as it comes when sorted by
// learner; else, when each learner's rows are together, started again remembering the learners
// seen (RecordStream::RestartGrouped); else regrouped by learner (RecordStream::Regroup).
// False, with nothing printed and everything written to `sink` to be taken back, when the input
// cannot be streamed any of these ways.
bool Stream(EvaluationRun& run, const ValidateOptions& options, const GlobalOptions& global,
            const OutcomeWriter& writer, OutputSink& sink, Totals& totals) {
  Diagnostics opened;
  std::unique_ptr<RecordStream> stream =
      RecordStream::Open(options.flags.records.front(), run.rules(), run.read_options(),
                         run.sources(), opened, options.chunk_bytes);
  if (!stream) return false;
  auto run_stream = [&] {
    return RunStream(*stream, run, options, global, opened, writer, sink, totals) ==
           StreamStatus::kDone;
  };
  if (run_stream()) return true;
  if (stream->RestartGrouped()) {
    if (!sink.Rewind().empty()) return false;
    if (run_stream()) return true;
  }
  stream = stream->Regroup();
  if (!stream || !sink.Rewind().empty()) return false;
  return run_stream();
}

// Reads every input whole, evaluates, and writes to `sink`; false when nothing could be read.
bool ReadWhole(EvaluationRun& run, const ValidateOptions& options, const GlobalOptions& global,
               const OutcomeWriter& writer, OutputSink& sink, Totals& totals) {
  if (!run.ReadRecords(options.flags, global)) {
    totals.accounting = run.accounting();
    return false;
  }
  run.EvaluateAll(options.jobs, false, global);
  for (const Outcome& o : run.outcomes()) totals.summary.Add(o);
  totals.accounting = run.accounting();
  totals.read_errors = run.has_errors();
  std::vector<std::string> pieces(run.learners().size());
  run.ParallelFor(options.jobs, [&](std::size_t i) {
    pieces[i] = writer.Learner(run.learners()[i], run.outcomes()[i]);
  });
  (void)sink.Write(writer.Begin(totals.summary, totals.accounting));
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    if (i > 0) (void)sink.Write(writer.Separator());
    (void)sink.Write(pieces[i]);
  }
  (void)sink.Write(writer.End(totals.summary, totals.accounting));
  return true;
}

}  // namespace

int RunValidate(const ValidateOptions& options, const GlobalOptions& global) {
  EvaluationRun run;
  if (!run.PrepareRules(options.flags, global)) {
    // Even a run that stops early accounts for the rows it read (none).
    if (!global.quiet) PrintAccounting(run.accounting());
    return kExitError;
  }
  // Only the JSON formats list what each component was allocated.
  run.set_allocations(options.format == "json" || options.format == "jsonl");
  const OutcomeFormat format = *OutcomeFormatByName(options.format);
  OutcomeRun outcome_run{&run.rules(), &run.programme(), &run.sources(), run.evaluate_options()};
  OutcomeWriter writer(format, outcome_run);
  // JUnit's first line carries the counts, so it cannot be written as the input is read.
  const bool streamable = options.flags.records.size() == 1 && format != OutcomeFormat::kJunit &&
                          options.chunk_bytes > 0;
  OutputSink sink;
  std::string error = sink.Open(options.output, streamable);
  Totals totals;
  if (error.empty()) {
    bool streamed = streamable && Stream(run, options, global, writer, sink, totals);
    if (streamable && !streamed) error = sink.Rewind();
    if (error.empty() && !streamed && !ReadWhole(run, options, global, writer, sink, totals)) {
      if (!global.quiet) PrintAccounting(totals.accounting);
      return kExitError;
    }
  }
  if (error.empty()) error = sink.Commit();
  if (!error.empty()) {
    std::fputs(fmt::format("accredit: error: {}\n", error).c_str(), stderr);
    return kExitError;
  }
  // text and json carry the accounting; for the others it goes to stderr, so it is never lost.
  if (!global.quiet && options.format != "text" && options.format != "json") {
    PrintAccounting(totals.accounting);
  }
  if (totals.read_errors || totals.summary.errors > 0) return kExitError;
  return totals.summary.none > 0 ? kExitVerdict : kExitOk;
}

}  // namespace accredit::cli
