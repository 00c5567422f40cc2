#include "explain_command.h"

#include <fmt/format.h>

#include <algorithm>
#include <memory>

#include "accredit/explain.h"
#include "accredit/rules_describe.h"
#include "exit_codes.h"

namespace accredit::cli {

void SetupExplain(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto options = std::make_shared<ExplainOptions>();
  CLI::App* cmd = app.add_subcommand(
      "explain",
      "Explain the award rules in plain English, or one learner's outcome (with --learner)");
  cmd->add_option("RECORDS", options->flags.records, "Records files, with --learner")
      ->type_name(kFileArgument);
  AddEvaluationOptions(*cmd, options->flags);
  cmd->add_option("-l,--learner", options->learner, "The learner to explain");
  cmd->add_option("-f,--format", options->format,
                  "Output: " + ListOf(kExplainFormatNames) + " (with --learner)")
      ->check(CLI::IsMember(NamesOf(kExplainFormatNames)))
      ->capture_default_str();
  cmd->add_flag("--detail", options->detail,
                "After the summary, every condition of every tier and what did not count");
  cmd->add_flag("--verbose", options->verbose,
                "Show requirement ids and the file and line of each record (implies --detail)");
  cmd->callback([options, &global, &exit_code] { exit_code = RunExplain(*options, global); });
}

namespace {

int ExplainLearner(const ExplainOptions& options, const GlobalOptions& global) {
  Workflow workflow(PrintingHandler(global));
  if (!PrepareWorkflow(workflow, WorkflowOptionsOf(options.flags), options.flags) ||
      !workflow.ReadAll()) {
    return kExitError;
  }
  const std::optional<std::size_t> index = workflow.FindLearner(options.learner);
  if (!index) {
    PrintError(fmt::format("no learner '{}' in the records given ({} learners read)",
                           options.learner, workflow.learners().size()));
    return kExitError;
  }
  const Learner& learner = workflow.learners()[*index];
  Outcome outcome = workflow.Evaluate(*index, true);
  const ExplainFormat format = *ValueOf(kExplainFormatNames, options.format);
  if (format == ExplainFormat::kJson) {
    Print(
        ExplainJson(workflow.rules(), workflow.programme(), learner, outcome, workflow.sources()));
  } else if (format == ExplainFormat::kHtml) {
    accredit::ExplainOptions page;
    page.as_of = workflow.evaluate_options().as_of;
    Print(ExplainHtml(workflow.rules(), workflow.programme(), learner, outcome, page));
  } else {
    accredit::ExplainOptions text;
    text.detail = options.detail || options.verbose;
    text.verbose = options.verbose;
    text.as_of = workflow.evaluate_options().as_of;
    text.command = fmt::format("accredit explain ... --learner {}", options.learner);
    Print(ExplainText(workflow.rules(), workflow.programme(), learner, outcome, workflow.sources(),
                      text));
  }
  if (outcome.data_error || workflow.has_record_errors()) return kExitError;
  return outcome.tier == kNone ? kExitVerdict : kExitOk;
}

}  // namespace

int RunExplain(const ExplainOptions& options, const GlobalOptions& global) {
  if (!options.learner.empty() || !options.flags.records.empty()) {
    if (options.learner.empty() || options.flags.records.empty()) {
      std::fputs(
          "accredit: error: explaining a learner needs both records files and "
          "--learner ID\n",
          stderr);
      return kExitError;
    }
    return ExplainLearner(options, global);
  }
  SourceSet sources;
  LoadResult loaded =
      LoadRulesOrDefault(InputFilesOf(options.flags.rules), sources, LoadOptionsFromEnvironment());
  PrintDiagnostics(loaded.diagnostics, sources, global);
  if (!loaded.ok()) return kExitError;
  const RuleSet& rules = loaded.rules;
  std::vector<const Programme*> chosen;
  for (const Programme& p : rules.programmes) {
    if (options.flags.award.empty() || p.id == options.flags.award) chosen.push_back(&p);
  }
  if (chosen.empty()) {
    std::vector<std::string> ids;
    for (const Programme& p : rules.programmes) ids.push_back(p.id);
    std::string message =
        options.flags.award.empty()
            ? "accredit: error: the rules given define no programme to explain\n"
            : fmt::format(
                  "accredit: error: no programme '{}' in the rules given{}\n", options.flags.award,
                  ids.empty() ? "" : fmt::format(" (they define: {})", fmt::join(ids, ", ")));
    std::fputs(message.c_str(), stderr);
    return kExitError;
  }
  for (std::size_t i = 0; i < chosen.size(); ++i) {
    if (i > 0) Print("\n\n");
    Print(DescribeProgramme(rules, *chosen[i]));
  }
  return kExitOk;
}

}  // namespace accredit::cli
