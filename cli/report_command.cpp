#include "report_command.h"

#include <fmt/format.h>

#include <memory>
#include <optional>

#include "accredit/output_file.h"
#include "accredit/report.h"
#include "exit_codes.h"

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
  cmd->add_option("-f,--format", options->format, "Output: " + ListOf(kReportFormatNames))
      ->check(CLI::IsMember(NamesOf(kReportFormatNames)))
      ->capture_default_str();
  cmd->add_option("-o,--output", options->output, "Write the report to this file (atomically)")
      ->type_name(kFileArgument);
  AddFixListOption(*cmd, options->fix_list);
  cmd->add_option("-j,--jobs", options->jobs, "Threads to evaluate on (default: one per core)");
  cmd->callback([options, &global, &exit_code] { exit_code = RunReport(*options, global); });
}

int RunReport(const ReportCommandOptions& options, const GlobalOptions& global) {
  accredit::ReportOptions report_options;
  report_options.no_names = options.no_names;
  if (!options.group_by.empty()) {
    if (std::string why = SetGroupBy(options.group_by, report_options); !why.empty()) {
      PrintError(why);
      return kExitError;
    }
  }
  WorkflowOptions workflow_options = WorkflowOptionsOf(options.flags);
  workflow_options.jobs = options.jobs;
  FixList fixes;
  Workflow workflow(PrintingHandler(global, &fixes));
  if (!PrepareWorkflow(workflow, std::move(workflow_options), options.flags)) return kExitError;
  if (!workflow.ReadAll()) {
    (void)WriteFixList(options.fix_list, fixes, global);
    return kExitError;
  }
  const std::vector<Learner>& learners = workflow.learners();
  // Each learner is evaluated with tracing and reduced at once to what the report needs, so
  // that the traces of a whole cohort never exist together.
  std::vector<ReportedOutcome> outcomes(learners.size());
  workflow.EvaluateEach(true, [&](std::size_t i, Outcome&& outcome) {
    outcomes[i] = ForReport(workflow.rules(), learners[i], std::move(outcome));
  });

  std::optional<BaselineComparison> comparison;
  if (!options.baseline.empty()) {
    if (!workflow.LoadBaseline(InputFilesOf(options.baseline))) {
      if (!workflow.failure().empty()) PrintError(workflow.failure());
      return kExitError;
    }
    std::vector<ReportedOutcome> before(learners.size());
    workflow.EvaluateBaselineEach(true, [&](std::size_t i, Outcome&& outcome) {
      before[i] = ForReport(workflow.baseline_rules(), learners[i], std::move(outcome));
    });
    comparison =
        CompareOutcomes(workflow.programme(), workflow.baseline_rules(),
                        workflow.baseline_programme(), learners, outcomes, before, report_options);
    comparison->rule_changes =
        CompareRules(workflow.baseline_rules(), workflow.baseline_programme(), workflow.rules(),
                     workflow.programme());
    comparison->file = RulesFileOf(workflow.baseline_sources(), workflow.baseline_programme());
  }
  Report report = BuildReport(workflow.rules(), workflow.programme(), learners, outcomes,
                              workflow.accounting(), workflow.evaluate_options(), report_options);
  report.baseline = std::move(comparison);
  report.file = RulesFileOf(workflow.sources(), workflow.programme());

  std::string out = RenderReport(report, *ReportFormatByName(options.format));
  if (std::string error = WriteOutput(options.output, out); !error.empty()) {
    PrintError(error);
    return kExitError;
  }
  if (!WriteFixList(options.fix_list, fixes, global)) return kExitError;
  if (workflow.has_record_errors() || report.cohort.errors > 0) return kExitError;
  return report.cohort.none > 0 ? kExitVerdict : kExitOk;
}

}  // namespace accredit::cli
