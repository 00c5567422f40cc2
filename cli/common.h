// What every subcommand shares: global options, printing diagnostics to stderr in the house
// format (with colour when wanted and a --max-errors cap), and the rules library path from
// ACCREDIT_RULES_PATH.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdio>
#include <string>
#include <vector>

#include "accredit/diagnostic.h"
#include "accredit/rules_loader.h"
#include "accredit/source.h"

namespace accredit::cli {

// Type names --help shows for arguments that name files. Shell completion
// (completion_command.h) completes file names for kFileArgument and kPathArgument, and folder
// names for kDirArgument; any other argument is free text.
inline constexpr const char* kFileArgument = "FILE";
inline constexpr const char* kPathArgument = "PATH";  // a file or a folder
inline constexpr const char* kDirArgument = "DIR";

struct GlobalOptions {
  std::string color = "auto";  // auto | always | never
  bool quiet = false;
  std::size_t max_errors = 50;
  bool show_names = false;  // diagnostics show the lines of learner records
};

// Adds --color, --quiet, --max-errors and --show-names to `app`.
void AddGlobalOptions(CLI::App& app, GlobalOptions& options);

// Whether to colour output written to `stream`, after --color and NO_COLOR.
bool UseColor(const GlobalOptions& options, std::FILE* stream);

// Prints diagnostics to stderr, errors capped at --max-errors (warnings and notes are capped
// with them), then a line saying how many were not shown.
void PrintDiagnostics(const Diagnostics& diagnostics, const SourceSet& sources,
                      const GlobalOptions& options);

// Diagnostics rendered now and printed later, capped as PrintDiagnostics() caps them: a run
// that streams its input holds them back until it knows it will not start again.
class HeldDiagnostics {
 public:
  HeldDiagnostics(const SourceSet& sources, const GlobalOptions& options);
  void Add(const Diagnostics& diagnostics);
  void Clear();
  // Prints what is held (then how many were not shown) and clears it.
  void Print();

 private:
  const SourceSet& sources_;
  const GlobalOptions& options_;
  std::string text_;
  std::size_t shown_ = 0;
  std::size_t hidden_ = 0;
};

// LoadOptions with library_dirs from ACCREDIT_RULES_PATH (colon-separated).
LoadOptions LoadOptionsFromEnvironment();

// Writes `text` to stdout.
void Print(const std::string& text);

}  // namespace accredit::cli
