// `accredit test RULES...`: run the example learners in rule files (`tests:`) and in the test
// files beside them (`*.test.yaml`) against their expected outcomes, show expected against
// actual and the explain tree of each failure, a closing `N passed, N failed` line, and rule
// coverage. Exit 0 all pass (and
// coverage at least --min-coverage), 1 a test failed or coverage is short, 2 invalid rules.
#pragma once

#include <CLI/CLI.hpp>

#include "common.h"

namespace accredit::cli {

struct TestOptions {
  std::vector<std::string> paths;
  double min_coverage = 0;
  bool show_uncovered = false;
};

void SetupTest(CLI::App& app, const GlobalOptions& global, int& exit_code);

int RunTest(const TestOptions& options, const GlobalOptions& global);

}  // namespace accredit::cli
