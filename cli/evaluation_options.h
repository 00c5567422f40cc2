// The options every command that evaluates learners takes (validate, explain, report,
// transcript), and the library workflow (accredit/workflow.h) they set up: the commands parse
// options, call the workflow and render; the workflow does the rest.
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

#include "accredit/fix_list.h"
#include "accredit/workflow.h"
#include "common.h"
#include "progress.h"

namespace accredit::cli {

struct EvaluationFlags {
  std::vector<std::string> records;  // files, or "-" for standard input
  std::vector<std::string> rules;    // empty: the built-in default programme
  std::string award;
  std::string as_of;
  std::vector<std::string> maps;        // column mappings (accredit-map: 1) for the records
  std::vector<std::string> exceptions;  // assessor exception files (accredit-exceptions: 1)
  bool predicted = false;
};

// Adds --rules, --award, --as-of, --predicted, --map and --exceptions (not RECORDS: each
// command words it).
void AddEvaluationOptions(CLI::App& cmd, EvaluationFlags& flags);

// The workflow's options from the flags (the rest of WorkflowOptions at its defaults), and its
// inputs: each records file with --map.
WorkflowOptions WorkflowOptionsOf(const EvaluationFlags& flags);
std::vector<CohortInput> CohortInputsOf(const EvaluationFlags& flags);

// InputFiles for paths given on the command line.
std::vector<InputFile> InputFilesOf(const std::vector<std::string>& paths);

// A diagnostics handler that prints each group as it comes (PrintDiagnostics), first erasing
// `progress`'s line when not null, and adds it to `fixes` when not null (--fix-list).
DiagnosticsHandler PrintingHandler(const GlobalOptions& global, FixList* fixes = nullptr,
                                   Progress* progress = nullptr);

// Adds --fix-list to `cmd`.
void AddFixListOption(CLI::App& cmd, std::string& path);

// Says on stderr that `path` was written, and what it holds (not with --quiet, nor when `path`
// is "" or "-", standard output): "accredit: wrote report.html (cohort report, 30 learners)".
void SayWritten(const GlobalOptions& global, const std::string& path, const std::string& what);

// Writes `fixes` to `path` (--fix-list; nothing when "") atomically, then says on stderr how
// many problems it lists (not with --quiet): SayWritten, or on standard output, that they are
// there. False, after printing why, when it cannot be
// written.
bool WriteFixList(const std::string& path, const FixList& fixes, const GlobalOptions& global);

// Prepares `workflow` (Workflow::Prepare) from the flags: false, after printing why, when
// nothing can be evaluated.
bool PrepareWorkflow(Workflow& workflow, WorkflowOptions options, const EvaluationFlags& flags);

// Prints "accredit: error: MESSAGE" to stderr.
void PrintError(const std::string& message);

// Whether a workbook (--format xlsx, binary) would be written to a terminal: standard output
// (`output` "" or "-") when it is one. Says so with PrintError() and what to do instead.
bool RefuseWorkbookToTerminal(const std::string& output);

}  // namespace accredit::cli
