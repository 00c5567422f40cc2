#include "transcript_command.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>

#include "accredit/keys.h"
#include "accredit/output_file.h"
#include "accredit/transcript.h"
#include "accredit/vc_jwt.h"
#include "exit_codes.h"
#include "progress.h"

namespace accredit::cli {

void SetupTranscript(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto options = std::make_shared<TranscriptCommandOptions>();
  CLI::App* cmd = app.add_subcommand(
      "transcript",
      "Write each learner's transcript (digital profile) as HTML and Open Badges 3.0 / CLR "
      "2.0 shaped JSON");
  cmd->add_option("RECORDS", options->flags.records,
                  "Records files (CSV, JSON or .xlsx; FILE.xlsx#SHEET for one sheet), or - for "
                  "standard input")
      ->required()
      ->type_name(kFileArgument);
  AddEvaluationOptions(*cmd, options->flags);
  // One id per --learner, so that records may follow it.
  cmd->add_option("-l,--learner", options->learners,
                  "Only this learner (repeatable; default: every learner)")
      ->allow_extra_args(false);
  cmd->add_option("-o,--output", options->output,
                  "Folder to write ID.html and ID.json into (created if needed), with index.html "
                  "and transcripts.html for several learners; - prints one learner's "
                  "transcript to standard output")
      ->required()
      ->type_name(kDirArgument);
  cmd->add_option("-f,--format", options->format,
                  "Files to write: " + ListOf(kTranscriptFormatNames))
      ->check(CLI::IsMember(NamesOf(kTranscriptFormatNames)))
      ->capture_default_str();
  cmd->add_flag("--no-names", options->no_names,
                "Omit personal free text (title, provider, evidence)");
  cmd->add_option("--sign", options->sign,
                  "Sign each learner's credentials with this key (accredit keys new made it): "
                  "writes ID.clr.jwt (the whole transcript) and ID.jwt (each credential, one a "
                  "line), Open Badges 3.0 VC-JWT that accredit verify and any Open Badges "
                  "verifier check")
      ->type_name(kFileArgument);
  cmd->add_option("--issuer", options->issuer,
                  "With --sign: the issuer's DID, a did:web whose did.json the centre publishes "
                  "(accredit keys public --did-web); default: the key's did:key")
      ->type_name("DID");
  cmd->add_option("-j,--jobs", options->jobs, "Threads to evaluate on (default: one per core)");
  AddProgressOptions(*cmd, options->progress, options->no_progress);
  cmd->callback([options, &global, &exit_code] { exit_code = RunTranscript(*options, global); });
}

int RunTranscript(const TranscriptCommandOptions& options, const GlobalOptions& global) {
  const TranscriptFormat format = *ValueOf(kTranscriptFormatNames, options.format);
  bool to_stdout = options.output == "-";
  if (to_stdout && format == TranscriptFormat::kAll) {
    PrintError("--output - prints one transcript: choose --format html or --format json");
    return kExitError;
  }
  if (!options.issuer.empty() && options.sign.empty()) {
    PrintError("--issuer names who signs: give the key to sign with as --sign KEY");
    return kExitError;
  }
  if (to_stdout && !options.sign.empty()) {
    PrintError(
        "--sign writes several files for each learner (ID.json, ID.clr.jwt, ID.jwt): give a "
        "folder with --output");
    return kExitError;
  }
  // The key is read before the records, so that a wrong key costs no waiting.
  std::optional<SigningKey> key;
  std::optional<CredentialSigner> signer;
  if (!options.sign.empty()) {
    std::string error;
    key = SigningKey::Load(options.sign, error);
    if (key) signer = MakeSigner(*key, options.issuer, error);
    if (!signer) {
      PrintError(error);
      return kExitError;
    }
  }
  WorkflowOptions workflow_options = WorkflowOptionsOf(options.flags);
  workflow_options.jobs = options.jobs;
  Progress progress(ProgressWanted(options.progress, options.no_progress, global.quiet));
  Workflow workflow(PrintingHandler(global, nullptr, &progress));
  workflow.SetProgress(progress.Handler());
  if (!PrepareWorkflow(workflow, std::move(workflow_options), options.flags) ||
      !workflow.ReadAll()) {
    return kExitError;
  }
  const std::vector<Learner>& learners = workflow.learners();
  std::vector<std::size_t> chosen;
  if (options.learners.empty()) {
    for (std::size_t i = 0; i < learners.size(); ++i) chosen.push_back(i);
  } else {
    for (const std::string& id : options.learners) {
      const std::optional<std::size_t> index = workflow.FindLearner(id);
      if (!index) {
        progress.Clear();
        PrintError(fmt::format("no learner '{}' in the records given ({} learners read)", id,
                               learners.size()));
        return kExitError;
      }
      chosen.push_back(*index);
    }
  }
  if (to_stdout && chosen.size() != 1) {
    PrintError(
        fmt::format("--output - prints one transcript, but {} learners are chosen: name one "
                    "with --learner, or give a folder",
                    chosen.size()));
    return kExitError;
  }
  const std::vector<Outcome> outcomes = workflow.EvaluateAll(false);
  accredit::TranscriptOptions transcript_options;
  transcript_options.no_names = options.no_names;
  transcript_options.as_of = workflow.evaluate_options().as_of;
  if (signer) transcript_options.issuer = signer->issuer;
  bool html = format != TranscriptFormat::kJson;
  bool json = format != TranscriptFormat::kHtml;

  // Per learner: the page, the JSON and, signed, the two token files. Name, content.
  constexpr std::size_t kPerLearner = 4;
  std::vector<std::pair<std::string, std::string>> files(chosen.size() * kPerLearner);
  std::vector<std::string> sign_errors(chosen.size());
  workflow.ParallelFor(chosen.size(), [&](std::size_t i) {
    const Learner& learner = learners[chosen[i]];
    const Outcome& outcome = outcomes[chosen[i]];
    std::string stem = TranscriptFileStem(learner.id);
    std::pair<std::string, std::string>* out = &files[kPerLearner * i];
    if (html) {
      out[0] = {stem + ".html", TranscriptHtml(workflow.rules(), workflow.programme(), learner,
                                               outcome, transcript_options)};
    }
    if (!json && !signer) return;
    TranscriptCredentials credentials = TranscriptCredentialsOf(
        workflow.rules(), workflow.programme(), learner, outcome, transcript_options);
    if (json) out[1] = {stem + ".json", credentials.clr + "\n"};
    // A learner whose records have errors is not signed for: a signature vouches for the
    // record, and theirs is known to be wrong or incomplete.
    if (signer && !outcome.data_error) {
      std::optional<SignedTranscript> tokens = SignTranscript(credentials, *signer, sign_errors[i]);
      if (!tokens) return;
      out[2] = {stem + ".clr.jwt", std::move(tokens->clr)};
      out[3] = {stem + ".jwt", std::move(tokens->badges)};
    }
  });
  for (std::size_t i = 0; i < chosen.size(); ++i) {
    if (!sign_errors[i].empty()) {
      progress.Clear();
      PrintError(fmt::format("cannot sign the transcript of learner {}: {}", learners[chosen[i]].id,
                             sign_errors[i]));
      return kExitError;
    }
  }
  std::string signed_note;  // for the summary: who signed, and for how many
  if (signer) {
    std::vector<std::string> unsigned_ids;
    for (std::size_t i : chosen) {
      if (outcomes[i].data_error) unsigned_ids.push_back(learners[i].id);
    }
    signed_note = unsigned_ids.empty()
                      ? ", signed by " + signer->issuer
                      : fmt::format(", {} of them signed by {}",
                                    chosen.size() - unsigned_ids.size(), signer->issuer);
    if (!unsigned_ids.empty()) {
      std::string ids;
      for (std::size_t i = 0; i < unsigned_ids.size() && i < 10; ++i) {
        ids += (i == 0 ? "" : ", ") + unsigned_ids[i];
      }
      if (unsigned_ids.size() > 10) ids += ", ...";
      progress.Clear();
      std::fputs(fmt::format("accredit: warning: not signed: the transcript{} of {} learner{} "
                             "whose records have errors ({}); fix the records and sign again\n",
                             unsigned_ids.size() == 1 ? "" : "s", unsigned_ids.size(),
                             unsigned_ids.size() == 1 ? "" : "s", ids)
                     .c_str(),
                 stderr);
    }
  }
  // Several learners' pages in a folder: an index of them and the book to print them all.
  if (html && !to_stdout && chosen.size() > 1) {
    std::vector<TranscriptEntry> entries;
    for (std::size_t i : chosen) entries.push_back({&learners[i], &outcomes[i]});
    files.emplace_back(std::string(kTranscriptIndexFile),
                       TranscriptIndexHtml(workflow.programme(), entries, transcript_options));
    files.emplace_back(
        std::string(kTranscriptBookFile),
        TranscriptBookHtml(workflow.rules(), workflow.programme(), entries, transcript_options));
  }
  progress.Clear();
  if (to_stdout) {
    const std::string& content = html ? files[0].second : files[1].second;
    if (std::string error = WriteOutput("-", content); !error.empty()) {
      PrintError(error);
      return kExitError;
    }
  } else {
    std::error_code ec;
    std::filesystem::create_directories(options.output, ec);
    if (ec || !std::filesystem::is_directory(options.output)) {
      PrintError(fmt::format("cannot create the output folder '{}': {}", options.output,
                             ec ? ec.message() : "a file of that name is in the way"));
      return kExitError;
    }
    std::string written;
    std::size_t count = 0;
    for (std::size_t i = 0; i < files.size(); ++i) {
      const auto& [name, content] = files[i];
      progress.Count("writing the files", i, files.size(), "files");
      if (name.empty()) continue;
      std::string path = (std::filesystem::path(options.output) / name).string();
      if (std::string error = WriteOutput(path, content); !error.empty()) {
        progress.Clear();
        PrintError(error);
        return kExitError;
      }
      written += name + "\n";
      ++count;
    }
    progress.Clear();
    // The names written (relative to the folder), so scripts can pick them up.
    Print(written);
    SayWritten(global, std::filesystem::path(options.output) / "",
               fmt::format("{} file{}: the transcript{} of {} learner{}{}", count,
                           count == 1 ? "" : "s", chosen.size() == 1 ? "" : "s", chosen.size(),
                           chosen.size() == 1 ? "" : "s", signed_note));
  }
  if (workflow.has_record_errors()) return kExitError;
  for (std::size_t i : chosen) {
    if (outcomes[i].data_error) return kExitError;
  }
  return kExitOk;
}

}  // namespace accredit::cli
