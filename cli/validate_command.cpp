#include "validate_command.h"

#include <fmt/format.h>

#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>

#include "accredit/outcome_format.h"
#include "accredit/output_file.h"
#include "accredit/report.h"
#include "accredit/workbook.h"
#include "exit_codes.h"
#include "progress.h"

namespace accredit::cli {

void SetupValidate(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto options = std::make_shared<ValidateOptions>();
  CLI::App* cmd = app.add_subcommand("validate", "Check learner records against the award rules");
  cmd->add_option("RECORDS", options->flags.records,
                  "Records files (CSV, JSON or .xlsx; FILE.xlsx#SHEET for one sheet), or - for "
                  "standard input")
      ->required()
      ->type_name(kFileArgument);
  AddEvaluationOptions(*cmd, options->flags);
  CLI::Option* format =
      cmd->add_option("-f,--format", options->format,
                      "Output: " + ListOf(kOutcomeFormatNames) +
                          " (default: as the --output file's extension says, else text)")
          ->check(CLI::IsMember(NamesOf(kOutcomeFormatNames)))
          ->capture_default_str();
  cmd->add_option("-o,--output", options->output, "Write the output to this file (atomically)")
      ->type_name(kFileArgument);
  AddFixListOption(*cmd, options->fix_list);
  cmd->add_option("-j,--jobs", options->jobs, "Threads to evaluate on (default: one per core)");
  cmd->add_flag("--detail", options->detail,
                "json and jsonl: list the achievements each component counts (by default only "
                "each component's status and progress)");
  AddProgressOptions(*cmd, options->progress, options->no_progress);
  // For tests: ACCREDIT_CHUNK_BYTES sets the streaming chunk size (0: never stream).
  if (const char* chunk = std::getenv("ACCREDIT_CHUNK_BYTES")) {
    options->chunk_bytes = std::strtoull(chunk, nullptr, 10);
  }
  cmd->callback([options, format, &global, &exit_code] {
    options->format_given = format->count() > 0;
    exit_code = RunValidate(*options, global);
  });
}

namespace {

void PrintAccounting(const Accounting& a) {
  std::fputs(fmt::format("accredit: {} learners; rows: {} read, {} used, {} rejected\n", a.learners,
                         a.rows_read, a.rows_used, a.rows_rejected)
                 .c_str(),
             stderr);
}

// Which inputs were refused, in plain words, where the output does not say it.
void PrintRefused(const CohortTotals& totals) {
  if (totals.refused_inputs.empty()) return;
  std::fputs(
      fmt::format("accredit: {}\n", RefusedInputsSummary(totals.refused_inputs, totals.unreadable))
          .c_str(),
      stderr);
}

}  // namespace

int RunValidate(const ValidateOptions& options, const GlobalOptions& global) {
  OutcomeFormat format = *OutcomeFormatByName(options.format);
  if (!options.format_given) {
    if (auto by_name = OutcomeFormatByName(FormatNameOfPath(options.output))) format = *by_name;
  }
  const bool workbook = format == OutcomeFormat::kXlsx;
  if (workbook && RefuseWorkbookToTerminal(options.output)) return kExitError;
  WorkflowOptions workflow_options = WorkflowOptionsOf(options.flags);
  workflow_options.jobs = options.jobs;
  workflow_options.chunk_bytes = options.chunk_bytes;
  // Only the JSON formats list what each component was allocated, and only with --detail: a
  // million learners' achievements would be gigabytes a script seldom reads.
  workflow_options.allocations =
      options.detail && (format == OutcomeFormat::kJson || format == OutcomeFormat::kJsonl);
  // The workbook says what each learner still needs, from the condition trees.
  workflow_options.trace = workbook;
  // JUnit's first line carries the counts, and a workbook is made whole at the end, so neither
  // can be written as the input is read.
  const bool streamable = options.flags.records.size() == 1 && format != OutcomeFormat::kJunit &&
                          !workbook && options.chunk_bytes > 0;
  workflow_options.stream = streamable;
  FixList fixes;
  Progress progress(ProgressWanted(options.progress, options.no_progress, global.quiet));
  Workflow workflow(PrintingHandler(global, &fixes, &progress));
  // A whole read (several inputs, JUnit, an unsorted input) says its steps; a streamed one its
  // batches (callbacks.progress).
  workflow.SetProgress(progress.Handler());
  if (!PrepareWorkflow(workflow, std::move(workflow_options), options.flags)) {
    // Even a run that stops early accounts for the rows it read (none).
    if (!global.quiet) PrintAccounting(Accounting{});
    return kExitError;
  }
  OutcomeRun outcome_run{&workflow.rules(), &workflow.programme(), &workflow.sources(),
                         workflow.evaluate_options()};
  OutcomeWriter writer(format, outcome_run);
  OutputSink sink;
  std::string error = sink.Open(options.output, streamable);
  if (!error.empty()) {
    PrintError(error);
    return kExitError;
  }

  // Diagnostics of a streamed read are held until the run knows it will not start again.
  HeldDiagnostics held(workflow.sources(), global);
  ValidateSummary summary;
  std::vector<std::string> pieces;  // JUnit: everything, written once the counts are known
  bool begun = false;
  auto write = [&](std::string_view text) {
    if (format == OutcomeFormat::kJunit) {
      pieces.emplace_back(text);
    } else {
      (void)sink.Write(text);
    }
  };
  // The workbook's rows, made on the evaluating threads (so no trace outlives its batch) and
  // handed to the calling thread by batch, then kept in input order.
  std::vector<OutcomeRow> rows;
  std::mutex made_mutex;
  std::map<const Learner*, std::vector<OutcomeRow>> made;
  CohortCallbacks callbacks;
  callbacks.render = [&](CohortBatch& batch) {
    if (workbook) {
      std::vector<OutcomeRow> batch_rows;
      batch_rows.reserve(batch.learners.size());
      for (std::size_t i = 0; i < batch.learners.size(); ++i) {
        batch_rows.push_back(MakeOutcomeRow(workflow.rules(), workflow.programme(),
                                            batch.learners[i], batch.outcomes[i],
                                            outcome_run.options, false));
      }
      std::lock_guard<std::mutex> lock(made_mutex);
      made[batch.learners.data()] = std::move(batch_rows);
      return;
    }
    for (std::size_t i = 0; i < batch.learners.size(); ++i) {
      if (i > 0) batch.rendered += writer.Separator();
      writer.AppendLearner(batch.rendered, batch.learners[i], batch.outcomes[i]);
    }
  };
  callbacks.consume = [&](CohortBatch& batch) {
    for (const Outcome& outcome : batch.outcomes) summary.Add(outcome);
    if (workbook) {
      std::lock_guard<std::mutex> lock(made_mutex);
      auto it = made.find(batch.learners.data());
      if (it != made.end()) {
        for (OutcomeRow& row : it->second) rows.push_back(std::move(row));
        made.erase(it);
      }
      return;
    }
    if (batch.rendered.empty()) return;
    if (!begun && format != OutcomeFormat::kJunit) (void)sink.Write(writer.Begin(summary, {}));
    if (begun) write(writer.Separator());
    write(batch.rendered);
    begun = true;
  };
  callbacks.provisional = [&](const Diagnostics& diagnostics) {
    held.Add(diagnostics);
    fixes.Add(diagnostics, workflow.sources());
  };
  if (streamable) {
    callbacks.restart = [&] {
      progress.Restart();
      held.Clear();
      fixes.Clear();
      summary = ValidateSummary{};
      begun = false;
      error = sink.Rewind();
      return error.empty();
    };
  }
  callbacks.progress = [&](std::uint64_t bytes, std::uint64_t total, std::uint64_t learners) {
    progress.Update(bytes, total, learners);
  };
  const CohortTotals totals = workflow.Run(callbacks);
  progress.Clear();
  held.Print();
  if (totals.unreadable) {
    if (!global.quiet) {
      PrintAccounting(totals.accounting);
      PrintRefused(totals);
    }
    (void)WriteFixList(options.fix_list, fixes, global);
    return kExitError;
  }
  if (error.empty() && workbook) {
    Workbook book =
        OutcomesWorkbook(outcome_run, rows, summary, totals.accounting, totals.refused_inputs);
    error = book.error.empty() ? sink.Write(book.bytes) : book.error;
    if (error.empty()) error = sink.Commit();
  } else if (error.empty()) {
    if (format == OutcomeFormat::kJunit || !begun) {
      (void)sink.Write(writer.Begin(summary, totals.accounting));
    }
    for (const std::string& piece : pieces) (void)sink.Write(piece);
    (void)sink.Write(writer.End(summary, totals.accounting));
    error = sink.Commit();
  }
  if (!error.empty()) {
    PrintError(error);
    return kExitError;
  }
  // text and json carry the accounting; for the others it goes to stderr, so it is never lost.
  if (!global.quiet && format != OutcomeFormat::kText && format != OutcomeFormat::kJson) {
    PrintAccounting(totals.accounting);
    PrintRefused(totals);
  }
  SayWritten(
      global, options.output,
      fmt::format("outcomes of {} learner{}", summary.learners, summary.learners == 1 ? "" : "s"));
  if (!WriteFixList(options.fix_list, fixes, global)) return kExitError;
  if (totals.read_errors || summary.errors > 0) return kExitError;
  return summary.none > 0 ? kExitVerdict : kExitOk;
}

}  // namespace accredit::cli
