#include "check_command.h"

#include <fmt/format.h>

#include <memory>

#include "accredit/conformance.h"
#include "accredit/json_writer.h"
#include "accredit/rules_lint.h"
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
  // Test files are linted too (unknown programme, tier or component), not run.
  LoadOptions load_options = LoadOptionsFromEnvironment();
  load_options.test_files = true;
  LoadResult loaded = LoadRules(options.paths, sources, load_options);
  struct ProgrammeResult {
    const Programme* programme;
    Diagnostics findings;
  };
  std::vector<ProgrammeResult> results;
  if (loaded.ok()) {
    for (const Programme& p : loaded.rules.programmes) {
      results.push_back({&p, CheckConformance(loaded.rules, p)});
      results.back().findings.Append(LintProgramme(loaded.rules, p));
    }
  }
  std::size_t nonconforming = 0;
  for (const ProgrammeResult& r : results) nonconforming += r.findings.has_errors() ? 1u : 0u;
  int status = !loaded.ok() ? kExitError : nonconforming > 0 ? kExitVerdict : kExitOk;

  if (options.format == "json") {
    JsonWriter json;
    json.BeginObject();
    json.Key("format_version").Int(1);
    json.Key("files").BeginArray();
    for (SourceId id : loaded.rules.files) json.String(sources.Get(id).name);
    json.EndArray();
    json.Key("test_files").BeginArray();
    for (SourceId id : loaded.rules.test_files) json.String(sources.Get(id).name);
    json.EndArray();
    json.Key("valid").Bool(loaded.ok());
    json.Key("diagnostics").BeginArray();
    for (const Diagnostic& d : loaded.diagnostics.items()) WriteDiagnosticJson(json, d, sources);
    json.EndArray();
    json.Key("programmes").BeginArray();
    for (const ProgrammeResult& r : results) {
      json.BeginObject();
      json.Key("id").String(r.programme->id);
      json.Key("title").String(r.programme->title);
      json.Key("framework").String(r.programme->framework_id);
      json.Key("conforms").Bool(!r.findings.has_errors());
      json.Key("findings").BeginArray();
      for (const Diagnostic& d : r.findings.items()) WriteDiagnosticJson(json, d, sources);
      json.EndArray();
      json.EndObject();
    }
    json.EndArray();
    json.Key("exit_status").Int(status);
    json.EndObject();
    Print(json.str() + "\n");
    return status;
  }

  Diagnostics all = loaded.diagnostics;
  for (const ProgrammeResult& r : results) all.Append(r.findings);
  PrintDiagnostics(all, sources, global);
  if (global.quiet) return status;
  std::size_t files = loaded.rules.files.size();
  std::size_t test_files = loaded.rules.test_files.size();
  std::string file_count = fmt::format("{} rule file{}", files, files == 1 ? "" : "s");
  if (test_files > 0) {
    file_count += fmt::format(", {} test file{}", test_files, test_files == 1 ? "" : "s");
  }
  if (!loaded.ok()) {
    Print(fmt::format("{} error{} in {}: the rules are not valid\n",
                      loaded.diagnostics.error_count(),
                      loaded.diagnostics.error_count() == 1 ? "" : "s", file_count));
    return status;
  }
  for (const ProgrammeResult& r : results) {
    const Programme& p = *r.programme;
    if (p.framework == kNone) {
      Print(fmt::format("{}: '{}' names no framework (not checked for accreditation)\n", p.id,
                        p.title));
    } else if (r.findings.has_errors()) {
      Print(fmt::format("{}: '{}' does not conform to {} ({} finding{})\n", p.id, p.title,
                        p.framework_id, r.findings.error_count(),
                        r.findings.error_count() == 1 ? "" : "s"));
    } else {
      Print(fmt::format("{}: '{}' conforms to {}\n", p.id, p.title, p.framework_id));
    }
  }
  Print(fmt::format("checked {}, {} programme{}: {}\n", file_count, results.size(),
                    results.size() == 1 ? "" : "s",
                    nonconforming == 0 ? "all valid and conforming"
                                       : fmt::format("{} not conforming", nonconforming)));
  return status;
}

}  // namespace accredit::cli
