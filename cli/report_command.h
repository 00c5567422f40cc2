// `accredit report RECORDS...`: the cohort picture (learners per tier and grade, component
// pass rates, the most common still-needed requirements, learners one component short of
// the next tier, data errors, row accounting) as text, markdown, csv, json or html;
// `--baseline OLD_RULES` adds a rule change dry run. Exit 0 every learner met a tier, 1 some
// did not, 2 an error (as validate).
#pragma once

#include <CLI/CLI.hpp>

#include "common.h"
#include "evaluation_options.h"

namespace accredit::cli {

struct ReportCommandOptions {
  EvaluationFlags flags;
  std::vector<std::string> baseline;
  std::string format = "text";
  bool format_given = false;  // --format given; else the format follows --output's extension
  std::string output;
  std::string fix_list;  // --fix-list FILE: rejected rows and refused inputs as a to-do list
  std::string group_by;
  bool no_names = false;
  unsigned jobs = 0;         // 0: one per core
  bool progress = false;     // --progress
  bool no_progress = false;  // --no-progress
};

void SetupReport(CLI::App& app, const GlobalOptions& global, int& exit_code);

int RunReport(const ReportCommandOptions& options, const GlobalOptions& global);

}  // namespace accredit::cli
