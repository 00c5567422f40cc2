// `accredit explain`: in plain English, either the award rules (`--rules FILE [--award ID]`,
// the page a school hands to students) or one learner's outcome (`RECORDS... --learner ID`:
// every condition, actual against required, what went where, and what is still needed).
#pragma once

#include <CLI/CLI.hpp>

#include "common.h"

namespace accredit::cli {

struct ExplainOptions {
  std::vector<std::string> records;
  std::vector<std::string> rules;
  std::string award;
  std::string learner;
  std::string format = "text";
  std::string as_of;
  bool predicted = false;
};

void SetupExplain(CLI::App& app, const GlobalOptions& global, int& exit_code);

int RunExplain(const ExplainOptions& options, const GlobalOptions& global);

}  // namespace accredit::cli
