#include "check_command.h"

#include <memory>

#include "accredit/rules_check_report.h"
#include "exit_codes.h"

namespace accredit::cli {

void SetupCheck(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto options = std::make_shared<CheckOptions>();
  CLI::App* cmd = app.add_subcommand(
      "check", "Lint rule files and check each programme against the framework it declares");
  cmd->add_option("RULES", options->paths, "Rule files or folders of *.yaml")
      ->required()
      ->type_name(kPathArgument);
  cmd->add_option("--format", options->format, "Output format: text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  cmd->callback([options, &global, &exit_code] { exit_code = RunCheck(*options, global); });
}

int RunCheck(const CheckOptions& options, const GlobalOptions& global) {
  SourceSet sources;
  RulesCheck check = CheckRules(options.paths, sources, LoadOptionsFromEnvironment());
  const int status = !check.loaded.ok()        ? kExitError
                     : check.nonconforming > 0 ? kExitVerdict
                                               : kExitOk;
  if (options.format == "json") {
    Print(RulesCheckJson(check, sources, status));
    return status;
  }
  PrintDiagnostics(check.AllDiagnostics(), sources, global);
  if (!global.quiet) Print(RulesCheckText(check));
  return status;
}

}  // namespace accredit::cli
