#include "evaluation_options.h"

#include <fmt/format.h>
#include <unistd.h>

#include "accredit/output_file.h"

namespace accredit::cli {

void AddEvaluationOptions(CLI::App& cmd, EvaluationFlags& flags) {
  cmd.add_option("-r,--rules", flags.rules,
                 "Rule file or folder (repeatable; default: the built-in example programme)")
      ->type_name(kPathArgument)
      ->allow_extra_args(false);  // one value per --rules, so that records may follow it
  cmd.add_option("-a,--award", flags.award, "Programme id, when the rules define several");
  cmd.add_option(
      "--as-of", flags.as_of,
      "Judge as on this date (25/08/2026, 25 Aug 2026 or 2026-08-25): later work does not "
      "count");
  cmd.add_flag("--predicted", flags.predicted, "Let predicted grades count (outcomes say so)");
  cmd.add_option("-m,--map", flags.maps,
                 "Column mapping (accredit-map: 1) for a school system's export, or a shipped "
                 "one by name (sims-results); repeatable: each input takes the one its header "
                 "fits. Default: the shipped mappings are tried")
      ->type_name(kFileArgument)
      ->allow_extra_args(false);
  cmd.add_option("--exceptions", flags.exceptions,
                 "Assessor exceptions file (accredit-exceptions: 1; repeatable)")
      ->type_name(kFileArgument)
      ->allow_extra_args(false);
}

std::vector<InputFile> InputFilesOf(const std::vector<std::string>& paths) {
  std::vector<InputFile> out;
  out.reserve(paths.size());
  for (const std::string& path : paths) out.push_back(InputFile::Path(path));
  return out;
}

WorkflowOptions WorkflowOptionsOf(const EvaluationFlags& flags) {
  WorkflowOptions options;
  options.rules = InputFilesOf(flags.rules);
  options.load = LoadOptionsFromEnvironment();
  options.award = flags.award;
  options.as_of = flags.as_of;
  options.predicted = flags.predicted;
  options.exceptions = InputFilesOf(flags.exceptions);
  // Each input takes the mapping its header fits (a shipped one when none given does).
  options.maps = InputFilesOf(flags.maps);
  return options;
}

std::vector<CohortInput> CohortInputsOf(const EvaluationFlags& flags) {
  std::vector<CohortInput> inputs;
  for (const std::string& path : flags.records) {
    CohortInput input{InputFile::Path(path), std::nullopt};
    inputs.push_back(std::move(input));
  }
  return inputs;
}

DiagnosticsHandler PrintingHandler(const GlobalOptions& global, FixList* fixes,
                                   Progress* progress) {
  return [&global, fixes, progress](const Diagnostics& diagnostics, const SourceSet& sources) {
    if (progress != nullptr && !diagnostics.items().empty()) progress->Clear();
    PrintDiagnostics(diagnostics, sources, global);
    if (fixes != nullptr) fixes->Add(diagnostics, sources);
  };
}

void AddFixListOption(CLI::App& cmd, std::string& path) {
  cmd.add_option("--fix-list", path,
                 "Write every rejected row and refused input to this CSV file (- for standard "
                 "output), as a to-do list")
      ->type_name(kFileArgument);
}

bool WriteFixList(const std::string& path, const FixList& fixes, const GlobalOptions& global) {
  if (path.empty()) return true;
  if (std::string error = WriteOutput(path, fixes.Csv()); !error.empty()) {
    PrintError(error);
    return false;
  }
  const std::string problems = fixes.size() == 0 ? std::string("no problems to fix")
                                                 : fmt::format("{} problem{} to fix", fixes.size(),
                                                               fixes.size() == 1 ? "" : "s");
  if (path != "-") {
    SayWritten(global, path, problems);
  } else if (!global.quiet) {
    std::fputs(fmt::format("accredit: {} listed on the standard output\n", problems).c_str(),
               stderr);
  }
  return true;
}

void SayWritten(const GlobalOptions& global, const std::string& path, const std::string& what) {
  if (global.quiet || path.empty() || path == "-") return;
  std::fputs(fmt::format("accredit: wrote {} ({})\n", path, what).c_str(), stderr);
}

bool PrepareWorkflow(Workflow& workflow, WorkflowOptions options, const EvaluationFlags& flags) {
  if (workflow.Prepare(std::move(options), CohortInputsOf(flags))) return true;
  if (!workflow.failure().empty()) PrintError(workflow.failure());
  return false;
}

void PrintError(const std::string& message) {
  std::fputs(fmt::format("accredit: error: {}\n", message).c_str(), stderr);
}

bool RefuseWorkbookToTerminal(const std::string& output) {
  if ((!output.empty() && output != "-") || isatty(STDOUT_FILENO) == 0) return false;
  PrintError(
      "--format xlsx writes a workbook, which a terminal cannot show: give --output FILE.xlsx, "
      "or redirect standard output to a file");
  return true;
}

}  // namespace accredit::cli
