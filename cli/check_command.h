// `accredit check RULES...`: lint rule files (and the test files beside them) and hold each
// programme against its framework.
// Exit 0 clean, 1 a programme does not conform, 2 a rule file is invalid.
#pragma once

#include <CLI/CLI.hpp>

#include "common.h"

namespace accredit::cli {

struct CheckOptions {
  std::vector<std::string> paths;
  std::string format = "text";
};

void SetupCheck(CLI::App& app, const GlobalOptions& global, int& exit_code);

int RunCheck(const CheckOptions& options, const GlobalOptions& global);

}  // namespace accredit::cli
