// `accredit map FILE...`: propose a column mapping for a school system's export (the library's
// ProposeColumnMaps, map_proposal.h), write it as a commented YAML file to review, and list in
// plain words every column and value it could not place.
// Exit 0 everything placed, 1 something needs a person's look, 2 an input could not be read.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "common.h"

namespace accredit::cli {

struct MapCommandOptions {
  std::vector<std::string> inputs;  // files, "-" for standard input, "book.xlsx#Sheet"
  std::string out;                  // "": standard output
  std::vector<std::string> rules;   // empty: the built-in default programme's vocabulary
};

void SetupMap(CLI::App& app, const GlobalOptions& global, int& exit_code);

int RunMap(const MapCommandOptions& options, const GlobalOptions& global);

}  // namespace accredit::cli
