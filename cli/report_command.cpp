#include "report_command.h"

#include <fmt/format.h>

#include <memory>
#include <optional>

#include "accredit/cohort_report.h"
#include "accredit/output_file.h"
#include "accredit/workbook.h"
#include "exit_codes.h"
#include "progress.h"

namespace accredit::cli {

void SetupReport(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto options = std::make_shared<ReportCommandOptions>();
  CLI::App* cmd = app.add_subcommand(
      "report",
      "Summarise a cohort: tiers, pass rates, what learners still need; dry-run a "
      "rule change with --baseline");
  cmd->add_option("RECORDS", options->flags.records,
                  "Records files (CSV, JSON or .xlsx; FILE.xlsx#SHEET for one sheet), or - for "
                  "standard input")
      ->required()
      ->type_name(kFileArgument);
  AddEvaluationOptions(*cmd, options->flags);
  cmd->add_option("-b,--baseline", options->baseline,
                  "Old rule file or folder (repeatable): show who changes outcome under --rules")
      ->allow_extra_args(false)
      ->type_name(kPathArgument);
  cmd->add_option(
      "-g,--group-by", options->group_by,
      "Also summarise per value of this field (provider, category) or learner attribute "
      "(form, gender, pupil-premium, send)");
  cmd->add_flag("--no-names", options->no_names,
                "Omit personal free text (title, provider, evidence)");
  CLI::Option* format =
      cmd->add_option("-f,--format", options->format,
                      "Output: " + ListOf(kReportFormatNames) +
                          " (default: as the --output file's extension says, else text)")
          ->check(CLI::IsMember(NamesOf(kReportFormatNames)))
          ->capture_default_str();
  cmd->add_option("-o,--output", options->output, "Write the report to this file (atomically)")
      ->type_name(kFileArgument);
  AddFixListOption(*cmd, options->fix_list);
  cmd->add_option("-j,--jobs", options->jobs, "Threads to evaluate on (default: one per core)");
  AddProgressOptions(*cmd, options->progress, options->no_progress);
  cmd->callback([options, format, &global, &exit_code] {
    options->format_given = format->count() > 0;
    exit_code = RunReport(*options, global);
  });
}

int RunReport(const ReportCommandOptions& options, const GlobalOptions& global) {
  ReportFormat format = *ReportFormatByName(options.format);
  if (!options.format_given) {
    if (auto by_name = ReportFormatByName(FormatNameOfPath(options.output))) format = *by_name;
  }
  if (format == ReportFormat::kXlsx && RefuseWorkbookToTerminal(options.output)) {
    return kExitError;
  }
  accredit::ReportOptions report_options;
  report_options.no_names = options.no_names;
  // Only the workbook has a row per learner (its Outcomes sheet).
  report_options.learner_rows = format == ReportFormat::kXlsx;
  if (!options.group_by.empty()) {
    if (std::string why = SetGroupBy(options.group_by, report_options); !why.empty()) {
      PrintError(why);
      return kExitError;
    }
  }
  WorkflowOptions workflow_options = WorkflowOptionsOf(options.flags);
  workflow_options.jobs = options.jobs;
  FixList fixes;
  Progress progress(ProgressWanted(options.progress, options.no_progress, global.quiet));
  Workflow workflow(PrintingHandler(global, &fixes, &progress));
  workflow.SetProgress(progress.Handler());
  if (!PrepareWorkflow(workflow, std::move(workflow_options), options.flags)) return kExitError;
  if (!workflow.ReadAll()) {
    progress.Clear();
    (void)WriteFixList(options.fix_list, fixes, global);
    return kExitError;
  }
  CohortReportRequest request;
  request.options = report_options;
  // Only the HTML page shows each learner's checklist (their next steps): planned for it alone.
  request.next_steps = format == ReportFormat::kHtml;
  request.baseline = InputFilesOf(options.baseline);
  std::optional<Report> built = BuildCohortReport(workflow, request);
  if (!built) {
    progress.Clear();
    if (!workflow.failure().empty()) PrintError(workflow.failure());
    return kExitError;
  }
  Report& report = *built;
  const std::size_t learners = workflow.learners().size();

  std::string out;
  if (format == ReportFormat::kXlsx) {
    Workbook workbook = ReportWorkbook(report);
    if (!workbook.error.empty()) {
      progress.Clear();
      PrintError(workbook.error);
      return kExitError;
    }
    out = std::move(workbook.bytes);
  } else {
    out = RenderReport(report, format);
  }
  progress.Clear();
  if (std::string error = WriteOutput(options.output, out); !error.empty()) {
    PrintError(error);
    return kExitError;
  }
  SayWritten(
      global, options.output,
      fmt::format("cohort report{}, {} learner{}", report.baseline ? " with the rule change" : "",
                  learners, learners == 1 ? "" : "s"));
  if (!WriteFixList(options.fix_list, fixes, global)) return kExitError;
  if (workflow.has_record_errors() || report.cohort.errors > 0) return kExitError;
  return report.cohort.none > 0 ? kExitVerdict : kExitOk;
}

}  // namespace accredit::cli
