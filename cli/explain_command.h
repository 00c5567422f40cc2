// `accredit explain --rules FILE [--award ID]`: the award rules in plain English.
#pragma once

#include <CLI/CLI.hpp>

#include "common.h"

namespace accredit::cli {

struct ExplainOptions {
  std::vector<std::string> rules;
  std::string award;
};

void SetupExplain(CLI::App& app, const GlobalOptions& global, int& exit_code);

int RunExplain(const ExplainOptions& options, const GlobalOptions& global);

}  // namespace accredit::cli
