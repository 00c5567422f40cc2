// `accredit transcript RECORDS... --output DIR`: each learner's digital profile, as a
// printable HTML page (ID.html) and a CLR 2.0 / Open Badges 3.0 shaped JSON credential
// bundle (ID.json), unsigned. `--output -` with one learner prints one of them to stdout.
// Exit 0 written, 2 an error (invalid rules, unreadable input, rejected rows, unknown learner).
#pragma once

#include <CLI/CLI.hpp>

#include "common.h"
#include "evaluation_options.h"

namespace accredit::cli {

struct TranscriptCommandOptions {
  EvaluationFlags flags;
  std::vector<std::string> learners;
  std::string format = "all";
  std::string output;
  bool no_names = false;
  std::string sign;          // --sign KEY: also write each learner's credentials as signed VC-JWT
  std::string issuer;        // --issuer DID (with --sign; default the did:key of the key)
  unsigned jobs = 0;         // 0: one per core
  bool progress = false;     // --progress
  bool no_progress = false;  // --no-progress
};

void SetupTranscript(CLI::App& app, const GlobalOptions& global, int& exit_code);

int RunTranscript(const TranscriptCommandOptions& options, const GlobalOptions& global);

}  // namespace accredit::cli
