#include "validate_command.h"

#include <fmt/format.h>

#include <memory>

#include "accredit/outcome_format.h"
#include "evaluation_run.h"
#include "exit_codes.h"
#include "output_file.h"

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
  cmd->callback([options, &global, &exit_code] { exit_code = RunValidate(*options, global); });
}

namespace {

void PrintAccounting(const Accounting& a) {
  std::fputs(fmt::format("accredit: {} learners; rows: {} read, {} used, {} rejected\n", a.learners,
                         a.rows_read, a.rows_used, a.rows_rejected)
                 .c_str(),
             stderr);
}

}  // namespace

int RunValidate(const ValidateOptions& options, const GlobalOptions& global) {
  EvaluationRun run;
  if (!run.Prepare(options.flags, global)) {
    // Even a run that stops early accounts for the rows it read (often none).
    if (!global.quiet) PrintAccounting(run.accounting());
    return kExitError;
  }
  // Only the JSON formats list what each component was allocated.
  run.set_allocations(options.format == "json" || options.format == "jsonl");
  run.EvaluateAll(options.jobs, false, global);
  OutcomeRun outcome_run{&run.rules(), &run.programme(), &run.sources(), run.evaluate_options()};
  OutcomeWriter writer(*OutcomeFormatByName(options.format), outcome_run);
  ValidateSummary summary;
  for (const Outcome& o : run.outcomes()) summary.Add(o);
  std::vector<std::string> pieces(run.learners().size());
  run.ParallelFor(options.jobs, [&](std::size_t i) {
    pieces[i] = writer.Learner(i, run.learners()[i], run.outcomes()[i]);
  });
  std::string out = writer.Begin(summary, run.accounting());
  for (const std::string& piece : pieces) out += piece;
  out += writer.End(summary, run.accounting());
  if (std::string error = WriteOutput(options.output, out); !error.empty()) {
    std::fputs(fmt::format("accredit: error: {}\n", error).c_str(), stderr);
    return kExitError;
  }
  // text and json carry the accounting; for the others it goes to stderr, so it is never lost.
  if (!global.quiet && options.format != "text" && options.format != "json") {
    PrintAccounting(run.accounting());
  }
  if (run.has_errors() || summary.errors > 0) return kExitError;
  return summary.none > 0 ? kExitVerdict : kExitOk;
}

}  // namespace accredit::cli
