#include "report_command.h"

#include <fmt/format.h>

#include <memory>

#include "accredit/evaluator.h"
#include "accredit/report.h"
#include "evaluation_run.h"
#include "exit_codes.h"
#include "output_file.h"

namespace accredit::cli {

void SetupReport(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto options = std::make_shared<ReportOptions>();
  CLI::App* cmd = app.add_subcommand(
      "report",
      "Summarise a cohort: tiers, pass rates, what learners still need; dry-run a "
      "rule change with --baseline");
  cmd->add_option("RECORDS", options->records, "Records files (CSV), or - for standard input")
      ->required();
  AddEvaluationOptions(*cmd, options->rules, options->award, options->as_of, options->predicted);
  cmd->add_option("-b,--baseline", options->baseline,
                  "Old rule file or folder (repeatable): show who changes outcome under --rules");
  cmd->add_option("-g,--group-by", options->group_by,
                  "Also summarise per value of this field (e.g. provider, category)");
  cmd->add_flag("--no-names", options->no_names,
                "Omit personal free text (title, provider, evidence)");
  cmd->add_option("-f,--format", options->format, "Output: text, markdown, csv, json or html")
      ->check(CLI::IsMember({"text", "markdown", "csv", "json", "html"}))
      ->capture_default_str();
  cmd->add_option("-o,--output", options->output, "Write the report to this file (atomically)");
  cmd->add_option("-j,--jobs", options->jobs, "Threads to evaluate on (default: one per core)");
  cmd->callback([options, &global, &exit_code] { exit_code = RunReport(*options, global); });
}

namespace {

void Error(const std::string& message) {
  std::fputs(fmt::format("accredit: error: {}\n", message).c_str(), stderr);
}

// The baseline programme: the one with the new programme's id, else the only one.
const Programme* BaselineProgramme(const RuleSet& rules, const Programme& current) {
  int index = rules.FindProgramme(current.id);
  if (index != kNone) return &rules.programmes[static_cast<std::size_t>(index)];
  if (rules.programmes.size() == 1) return &rules.programmes.front();
  return nullptr;
}

}  // namespace

int RunReport(const ReportOptions& options, const GlobalOptions& global) {
  accredit::ReportOptions report_options;
  report_options.no_names = options.no_names;
  if (!options.group_by.empty()) {
    report_options.group_by = FieldByName(options.group_by);
    if (!report_options.group_by || *report_options.group_by == Field::kLearner) {
      Error(
          fmt::format("--group-by expects a record field other than learner (kind, type, "
                      "subject, level, grade, hours, strand, status, date, qan, title, "
                      "provider, evidence, category), got '{}'",
                      options.group_by));
      return kExitError;
    }
  }
  EvaluationRun run;
  if (!run.Prepare(options.rules, options.award, options.as_of, options.predicted, options.records,
                   global)) {
    return kExitError;
  }
  run.EvaluateAll(options.jobs, true, global);
  Report report = BuildReport(run.rules(), run.programme(), run.learners(), run.outcomes(),
                              run.accounting(), run.evaluate_options(), report_options);

  // The baseline is loaded into its own rule set; learners keep their resolution against the
  // new rules, which is why the two vocabularies must match.
  SourceSet baseline_sources;
  LoadResult baseline;
  std::vector<Outcome> baseline_outcomes;
  if (!options.baseline.empty()) {
    baseline = LoadRules(options.baseline, baseline_sources, LoadOptionsFromEnvironment());
    PrintDiagnostics(baseline.diagnostics, baseline_sources, global);
    if (!baseline.ok()) return kExitError;
    const Programme* old_programme = BaselineProgramme(baseline.rules, run.programme());
    if (old_programme == nullptr) {
      Error(
          fmt::format("the --baseline rules define no programme '{}' (and not exactly one "
                      "programme) to compare with",
                      run.programme().id));
      return kExitError;
    }
    if (std::string why = CompareVocabulary(run.rules(), baseline.rules); !why.empty()) {
      Error(
          fmt::format("the --baseline rules cannot be compared with these: {}; a baseline "
                      "must use the same qualification types, subjects and scales",
                      why));
      return kExitError;
    }
    Evaluator evaluator(baseline.rules, *old_programme);
    EvaluateOptions evaluate_options = run.evaluate_options();
    evaluate_options.trace = true;
    baseline_outcomes.assign(run.learners().size(), Outcome{});
    run.ParallelFor(options.jobs, [&](std::size_t i) {
      baseline_outcomes[i] = evaluator.Evaluate(run.learners()[i], evaluate_options);
    });
    report.baseline =
        CompareOutcomes(run.rules(), run.programme(), baseline.rules, *old_programme,
                        run.learners(), run.outcomes(), baseline_outcomes, report_options);
  }

  std::string out = RenderReport(report, *ReportFormatByName(options.format));
  if (std::string error = WriteOutput(options.output, out); !error.empty()) {
    Error(error);
    return kExitError;
  }
  if (run.has_errors() || report.cohort.errors > 0) return kExitError;
  return report.cohort.none > 0 ? kExitVerdict : kExitOk;
}

}  // namespace accredit::cli
