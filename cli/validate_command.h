// `accredit validate RECORDS...`: one result per learner against the award rules, in input
// order, with data diagnostics on stderr. Exit 0 every learner met a tier, 1 some did not,
// 2 an error (invalid rules, unreadable input, rejected rows).
#pragma once

#include <CLI/CLI.hpp>

#include "common.h"
#include "evaluation_run.h"

namespace accredit::cli {

struct ValidateOptions {
  EvaluationFlags flags;
  std::string format = "text";
  std::string output;
  unsigned jobs = 0;  // 0: one per core
};

void SetupValidate(CLI::App& app, const GlobalOptions& global, int& exit_code);

int RunValidate(const ValidateOptions& options, const GlobalOptions& global);

}  // namespace accredit::cli
