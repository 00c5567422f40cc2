#include "map_command.h"

#include <fmt/format.h>

#include <memory>

#include "accredit/map_proposal.h"
#include "accredit/output_file.h"
#include "evaluation_options.h"
#include "exit_codes.h"

namespace accredit::cli {

namespace {

// Where the k-th mapping (from 0) goes for --out `path`: the path itself, then "-2", "-3"...
// before its ".map.yaml" (or its extension).
std::string OutPath(const std::string& path, std::size_t k) {
  if (k == 0) return path;
  std::size_t at = path.size();
  if (path.ends_with(".map.yaml")) {
    at -= 9;
  } else if (const std::size_t dot = path.rfind('.');
             dot != std::string::npos && path.find('/', dot) == std::string::npos) {
    at = dot;
  }
  return fmt::format("{}-{}{}", path.substr(0, at), k + 1, path.substr(at));
}

void Say(const std::string& text) { std::fputs(text.c_str(), stderr); }

}  // namespace

void SetupMap(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto options = std::make_shared<MapCommandOptions>();
  CLI::App* cmd = app.add_subcommand(
      "map",
      "Propose a column mapping for a school system's export, to review, and list every "
      "column and value it could not place");
  cmd->add_option("FILE", options->inputs,
                  "Exports (CSV, tab-separated text or .xlsx; FILE.xlsx#SHEET for one sheet), or "
                  "- for standard input")
      ->required()
      ->type_name(kFileArgument);
  cmd->add_option("-o,--out", options->out,
                  "Write the mapping to this file (a second layout to FILE-2.map.yaml...) "
                  "instead of standard output")
      ->type_name(kFileArgument);
  cmd->add_option("-r,--rules", options->rules,
                  "Rule file or folder whose types, subjects and grades are the vocabulary "
                  "(repeatable; default: the built-in example programme)")
      ->type_name(kPathArgument)
      ->allow_extra_args(false);
  cmd->callback([options, &global, &exit_code] { exit_code = RunMap(*options, global); });
}

int RunMap(const MapCommandOptions& options, const GlobalOptions& global) {
  SourceSet sources;
  LoadResult loaded =
      LoadRulesOrDefault(InputFilesOf(options.rules), sources, LoadOptionsFromEnvironment());
  if (!loaded.ok()) {
    PrintDiagnostics(loaded.diagnostics, sources, global);
    return kExitError;
  }
  Diagnostics diagnostics;
  const MapProposal proposal =
      ProposeColumnMaps(InputFilesOf(options.inputs), loaded.rules, sources, diagnostics);
  PrintDiagnostics(diagnostics, sources, global);
  if (!global.quiet) {
    for (const std::string& note : proposal.notes) Say(fmt::format("{}\n", note));
  }
  for (const MapProblem& problem : proposal.problems) {
    Say(fmt::format("{}: check: {}\n", problem.input, problem.message));
  }

  std::vector<std::string> written;
  if (options.out.empty() || options.out == "-") {
    std::string text;
    for (std::size_t k = 0; k < proposal.mappings.size(); ++k) {
      if (k > 0) text += "---\n";
      text += proposal.mappings[k].yaml;
    }
    Print(text);
  } else {
    for (std::size_t k = 0; k < proposal.mappings.size(); ++k) {
      const std::string path = OutPath(options.out, k);
      if (std::string error = WriteOutput(path, proposal.mappings[k].yaml); !error.empty()) {
        PrintError(error);
        return kExitError;
      }
      written.push_back(path);
    }
  }

  if (!global.quiet) {
    for (std::size_t k = 0; k < proposal.mappings.size(); ++k) {
      const ProposedMapping& m = proposal.mappings[k];
      const std::string where = written.empty() ? "" : fmt::format(" ({})", written[k]);
      Say(fmt::format(
          "mapping {}{} for {}: reading with it gives {} row{} of {} learner{}{}\n", k + 1, where,
          fmt::join(m.inputs, ", "), m.rows_read, m.rows_read == 1 ? "" : "s", m.learners,
          m.learners == 1 ? "" : "s",
          m.rows_rejected == 0
              ? std::string()
              : fmt::format(", {} rejected (accredit validate says why)", m.rows_rejected)));
    }
    const std::string inputs = fmt::format("{}", fmt::join(options.inputs, " "));
    if (proposal.unreadable > 0) {
      Say(fmt::format("{} input{} could not be read\n", proposal.unreadable,
                      proposal.unreadable == 1 ? "" : "s"));
    } else if (proposal.mappings.empty() && proposal.unmapped > 0) {
      Say(fmt::format("{} thing{} to check (above): no mapping could be proposed\n",
                      proposal.problems.size(), proposal.problems.size() == 1 ? "" : "s"));
    } else if (proposal.mappings.empty()) {
      Say(fmt::format("{}no new mapping is needed{}: accredit validate {}\n",
                      proposal.problems.empty()
                          ? ""
                          : fmt::format("{} thing{} to check (above); ", proposal.problems.size(),
                                        proposal.problems.size() == 1 ? "" : "s"),
                      options.out.empty() || options.out == "-"
                          ? std::string()
                          : fmt::format(" (nothing was written to {})", options.out),
                      inputs));
    } else {
      std::string maps;
      for (std::size_t k = 0; k < proposal.mappings.size(); ++k) {
        maps += fmt::format(" --map {}", written.empty()
                                             ? (proposal.mappings.size() == 1
                                                    ? std::string("FILE.map.yaml")
                                                    : fmt::format("FILE-{}.map.yaml", k + 1))
                                             : written[k]);
      }
      Say(fmt::format(
          "{}{}then: accredit validate{} {}\n",
          proposal.problems.empty()
              ? ""
              : fmt::format("{} thing{} to check (above). ", proposal.problems.size(),
                            proposal.problems.size() == 1 ? "" : "s"),
          written.empty()
              ? (proposal.mappings.size() == 1 ? "Save it as FILE.map.yaml, review it, "
                                               : "Save each as its own file, review them, ")
              : (proposal.mappings.size() == 1 ? "Review it, " : "Review them, "),
          maps, inputs));
    }
  }
  if (proposal.unreadable > 0) return kExitError;
  return proposal.problems.empty() ? kExitOk : kExitVerdict;
}

}  // namespace accredit::cli
