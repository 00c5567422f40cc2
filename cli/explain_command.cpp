#include "explain_command.h"

#include <fmt/format.h>

#include <memory>

#include "accredit/rules_describe.h"
#include "exit_codes.h"

namespace accredit::cli {

void SetupExplain(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto options = std::make_shared<ExplainOptions>();
  CLI::App* cmd = app.add_subcommand(
      "explain", "Print the award rules in plain English, for students and parents");
  cmd->add_option("-r,--rules", options->rules,
                  "Rule file or folder (repeatable; default: the built-in example programme)");
  cmd->add_option("-a,--award", options->award, "Programme id, when the rules hold several");
  cmd->callback([options, &global, &exit_code] { exit_code = RunExplain(*options, global); });
}

int RunExplain(const ExplainOptions& options, const GlobalOptions& global) {
  SourceSet sources;
  LoadResult loaded = LoadRulesOrDefault(options.rules, sources);
  PrintDiagnostics(loaded.diagnostics, sources, global);
  if (!loaded.ok()) return kExitError;
  const RuleSet& rules = loaded.rules;
  std::vector<const Programme*> chosen;
  for (const Programme& p : rules.programmes) {
    if (options.award.empty() || p.id == options.award) chosen.push_back(&p);
  }
  if (chosen.empty()) {
    std::vector<std::string> ids;
    for (const Programme& p : rules.programmes) ids.push_back(p.id);
    std::string message =
        options.award.empty()
            ? "accredit: error: the rules given define no programme to explain\n"
            : fmt::format(
                  "accredit: error: no programme '{}' in the rules given{}\n", options.award,
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
