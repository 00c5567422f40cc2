// `accredit validate RECORDS...`: one result per learner against the award rules, in input
// order, with data diagnostics on stderr. One input sorted by learner is streamed: read,
// evaluated and written a chunk at a time on every core, in memory that does not grow with
// it; any other input is read whole first. Exit 0 every learner met a tier, 1 some did not,
// 2 an error (invalid rules, unreadable input, rejected rows).
#pragma once

#include <CLI/CLI.hpp>

#include "accredit/record_stream.h"
#include "common.h"
#include "evaluation_options.h"

namespace accredit::cli {

struct ValidateOptions {
  EvaluationFlags flags;
  std::string format = "text";
  bool format_given = false;  // --format given; else the format follows --output's extension
  std::string output;
  std::string fix_list;      // --fix-list FILE: rejected rows and refused inputs as a to-do list
  unsigned jobs = 0;         // 0: one per core
  bool progress = false;     // --progress
  bool no_progress = false;  // --no-progress
  bool detail = false;       // --detail: the JSON formats list each component's achievements
  // Bytes per chunk when streaming an input sorted by learner; 0: never stream (read whole).
  std::size_t chunk_bytes = kDefaultChunkBytes;
};

void SetupValidate(CLI::App& app, const GlobalOptions& global, int& exit_code);

int RunValidate(const ValidateOptions& options, const GlobalOptions& global);

}  // namespace accredit::cli
