// `accredit explain`: in plain English, either the award rules (`--rules FILE [--award ID]`,
// the page a school hands to students) or one learner's outcome (`RECORDS... --learner ID`:
// every condition, actual against required, what went where, and what is still needed).
#pragma once

#include <CLI/CLI.hpp>

#include "common.h"
#include "evaluation_options.h"

namespace accredit::cli {

struct ExplainOptions {
  EvaluationFlags flags;
  std::string learner;
  std::string format = "text";
  bool detail = false;   // --detail: the full condition tree after the summary
  bool verbose = false;  // --verbose: ids, files and lines in the tree
};

void SetupExplain(CLI::App& app, const GlobalOptions& global, int& exit_code);

int RunExplain(const ExplainOptions& options, const GlobalOptions& global);

}  // namespace accredit::cli
