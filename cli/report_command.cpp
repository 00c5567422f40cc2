#include "report_command.h"

#include <fmt/format.h>

#include <memory>
#include <optional>

#include "accredit/evaluator.h"
#include "accredit/report.h"
#include "evaluation_run.h"
#include "exit_codes.h"
#include "output_file.h"

namespace accredit::cli {

void SetupReport(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto options = std::make_shared<ReportCommandOptions>();
  CLI::App* cmd = app.add_subcommand(
      "report",
      "Summarise a cohort: tiers, pass rates, what learners still need; dry-run a "
      "rule change with --baseline");
  cmd->add_option("RECORDS", options->flags.records,
                  "Records files (CSV or JSON), or - for standard input")
      ->required()
      ->type_name(kFileArgument);
  AddEvaluationOptions(*cmd, options->flags);
  cmd->add_option("-b,--baseline", options->baseline,
                  "Old rule file or folder (repeatable): show who changes outcome under --rules")
      ->allow_extra_args(false)
      ->type_name(kPathArgument);
  cmd->add_option("-g,--group-by", options->group_by,
                  "Also summarise per value of this field (e.g. provider, category)");
  cmd->add_flag("--no-names", options->no_names,
                "Omit personal free text (title, provider, evidence)");
  cmd->add_option("-f,--format", options->format, "Output: text, markdown, csv, json or html")
      ->check(CLI::IsMember({"text", "markdown", "csv", "json", "html"}))
      ->capture_default_str();
  cmd->add_option("-o,--output", options->output, "Write the report to this file (atomically)")
      ->type_name(kFileArgument);
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

// Evaluates every learner of `run` against `programme` of `rules` (with `exceptions` bound to
// it), with tracing, on `jobs` threads; warns (`search-limit`) as validate does.
std::vector<ReportedOutcome> Evaluate(const EvaluationRun& run, const RuleSet& rules,
                                      const Programme& programme,
                                      const ProgrammeExceptions* exceptions, unsigned jobs,
                                      const GlobalOptions& global) {
  Evaluator evaluator(rules, programme);
  EvaluateOptions options = run.evaluate_options();
  options.trace = true;
  options.exceptions = exceptions;
  const std::vector<Learner>& learners = run.learners();
  std::vector<ReportedOutcome> out(learners.size());
  run.ParallelFor(jobs, [&](std::size_t i) {
    out[i] = ForReport(rules, learners[i], evaluator.Evaluate(learners[i], options));
  });
  Diagnostics warnings;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (!out[i].outcome.search_limit_hit) continue;
    warnings.Warning("search-limit",
                     fmt::format("allocation search for learner '{}' stopped after {} steps; "
                                 "the outcome is the best allocation found, not proven best",
                                 learners[i].id, options.search_limit),
                     learners[i].location);
  }
  PrintDiagnostics(warnings, run.sources(), global);
  return out;
}

}  // namespace

int RunReport(const ReportCommandOptions& options, const GlobalOptions& global) {
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
  if (!run.Prepare(options.flags, global)) {
    return kExitError;
  }
  // Each learner is evaluated with tracing and reduced at once to what the report needs, so
  // that the traces of a whole cohort never exist together.
  std::vector<ReportedOutcome> outcomes =
      Evaluate(run, run.rules(), run.programme(), run.exceptions().bound(), options.jobs, global);

  // The baseline is loaded into its own rule set; learners keep their resolution against the
  // new rules, which is why the two vocabularies must match.
  SourceSet baseline_sources;
  LoadResult baseline;
  std::optional<BaselineComparison> comparison;
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
    // The assessors' decisions stand under the old rules too, where their nodes exist.
    std::optional<ProgrammeExceptions> old_exceptions;
    if (run.exceptions().bound() != nullptr) {
      old_exceptions = run.exceptions().BindTo(baseline.rules, *old_programme, run.programme(),
                                               run.sources(), global);
    }
    std::vector<ReportedOutcome> before =
        Evaluate(run, baseline.rules, *old_programme, old_exceptions ? &*old_exceptions : nullptr,
                 options.jobs, global);
    comparison = CompareOutcomes(run.programme(), baseline.rules, *old_programme, run.learners(),
                                 outcomes, before, report_options);
  }
  Report report = BuildReport(run.rules(), run.programme(), run.learners(), outcomes,
                              run.accounting(), run.evaluate_options(), report_options);
  report.baseline = std::move(comparison);

  std::string out = RenderReport(report, *ReportFormatByName(options.format));
  if (std::string error = WriteOutput(options.output, out); !error.empty()) {
    Error(error);
    return kExitError;
  }
  if (run.has_errors() || report.cohort.errors > 0) return kExitError;
  return report.cohort.none > 0 ? kExitVerdict : kExitOk;
}

}  // namespace accredit::cli
