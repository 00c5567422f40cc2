#include "verify_command.h"

#include <fmt/format.h>

#include <chrono>
#include <map>
#include <memory>

#include "accredit/json_writer.h"
#include "accredit/values.h"
#include "accredit/verify.h"
#include "evaluation_options.h"
#include "exit_codes.h"

namespace accredit::cli {

namespace {

// "15 July 2026" for a date-time at midnight UTC, else the date-time as written.
std::string WhenText(const std::string& date_time) {
  if (date_time.size() == 20 && date_time.ends_with("T00:00:00Z")) {
    if (std::optional<Date> date = ParseDate(date_time.substr(0, 10))) return LongDate(*date);
  }
  return date_time;
}

std::string TokenPlace(const Source& source, const VerifiedToken& token, bool several) {
  if (!several || token.location.line == 0) return source.name;
  return fmt::format("{}:{}", source.name, token.location.line);
}

std::string TextReport(const Source& source, const VerifiedToken& token, bool several,
                       const std::string& key_file) {
  std::string what;
  if (!token.type.empty()) {
    const bool vowel = token.type.front() == 'O' || token.type.front() == 'A';
    what = token.credentials == 0
               ? fmt::format(" ({} {})", vowel ? "an" : "a", token.type)
               : fmt::format(" (a {} holding {} credential{})", token.type, token.credentials,
                             token.credentials == 1 ? "" : "s");
  }
  std::string out = fmt::format("{}: {}{}\n", TokenPlace(source, token, several),
                                token.verdict == TokenVerdict::kValid     ? "valid"
                                : token.verdict == TokenVerdict::kInvalid ? "NOT VALID"
                                                                          : "not checked",
                                what);
  if (token.verdict != TokenVerdict::kValid) out += "  Why:         the errors above\n";
  if (token.type.empty()) return out;
  out += fmt::format("  Name:        {}\n", token.name.empty() ? token.id : token.name);
  out += fmt::format("  Issued by:   {}{}\n",
                     token.issuer_name.empty() ? "" : token.issuer_name + ", ", token.issuer);
  if (token.verdict == TokenVerdict::kValid) {
    // The key by its name within the issuer (after '#'): the issuer is on the line above. A
    // name is 48 characters, so where it came from goes on a line of its own (80 columns).
    const std::string key_name = token.kid.substr(token.kid.find('#') + 1);
    out += fmt::format("  Signed with: {}\n",
                       token.key_from_did
                           ? std::string("the issuer's own key (its did:key)")
                           : fmt::format("key #{}\n{:15}(from {})", key_name, "", key_file));
  }
  out += fmt::format(
      "  Valid:       from {}{}\n", WhenText(token.valid_from),
      token.valid_until.empty() ? ", with no end date" : " until " + WhenText(token.valid_until));
  return out;
}

// The diagnostics of each token, by its source and line, so that each token's are found once.
using TokenPlaceKey = std::pair<SourceId, std::uint32_t>;
std::map<TokenPlaceKey, std::vector<const Diagnostic*>> ByToken(const Diagnostics& diagnostics) {
  std::map<TokenPlaceKey, std::vector<const Diagnostic*>> out;
  for (const Diagnostic& d : diagnostics.items()) {
    out[{d.location.source, d.location.line}].push_back(&d);
  }
  return out;
}

void JsonReport(JsonWriter& json, const Source& source, const VerifiedToken& token,
                const std::vector<const Diagnostic*>& problems) {
  json.BeginObject();
  json.Key("file").String(source.name);
  json.Key("line").Int(token.location.line);
  json.Key("verdict").String(NameOf(kTokenVerdictNames, token.verdict));
  json.Key("type").StringOrNull(token.type);
  json.Key("id").StringOrNull(token.id);
  json.Key("name").StringOrNull(token.name);
  json.Key("issuer").StringOrNull(token.issuer);
  json.Key("issuer_name").StringOrNull(token.issuer_name);
  json.Key("kid").StringOrNull(token.kid);
  json.Key("valid_from").StringOrNull(token.valid_from);
  json.Key("valid_until").StringOrNull(token.valid_until);
  json.Key("credentials").Int(static_cast<long long>(token.credentials));
  json.Key("problems").BeginArray();
  for (const Diagnostic* d : problems) {
    json.BeginObject();
    json.Key("code").String(d->code);
    json.Key("message").String(d->message);
    json.EndObject();
  }
  json.EndArray();
  json.EndObject();
}

}  // namespace

void SetupVerify(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto options = std::make_shared<VerifyCommandOptions>();
  CLI::App* cmd = app.add_subcommand(
      "verify",
      "Check signed transcripts and credentials (Open Badges 3.0 / CLR 2.0 VC-JWT): who "
      "issued them, and that nothing was changed since");
  cmd->add_option("FILES", options->files,
                  "Signed credential files (ID.clr.jwt, ID.jwt: one token a line), or - for "
                  "standard input")
      ->required()
      ->type_name(kFileArgument);
  cmd->add_option("-k,--key", options->key,
                  "The issuer's public key: its did.json (from its website), a JWK or a PEM "
                  "public key. Needed for a did:web issuer; a did:key issuer's key is its id")
      ->type_name(kFileArgument);
  cmd->add_option("--at", options->at,
                  "Check the validity window at this date (YYYY-MM-DD) or date-time (default: "
                  "now)")
      ->type_name("WHEN");
  cmd->add_option("--format", options->format, "Output format: text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  cmd->callback([options, &global, &exit_code] { exit_code = RunVerify(*options, global); });
}

int RunVerify(const VerifyCommandOptions& options, const GlobalOptions& global) {
  VerifyOptions verify;
  if (options.at.empty()) {
    verify.now = std::chrono::duration_cast<std::chrono::seconds>(
                     std::chrono::system_clock::now().time_since_epoch())
                     .count();
  } else {
    std::string error;
    std::optional<long long> when = ParseVerifyTime(options.at, error);
    if (!when) {
      PrintError(error);
      return kExitError;
    }
    verify.now = *when;
  }
  if (!options.key.empty()) {
    std::string error;
    verify.keys = ReadVerificationKeyFile(options.key, error);
    if (verify.keys.empty()) {
      PrintError(error);
      return kExitError;
    }
  }
  SourceSet sources;
  Diagnostics diagnostics;
  std::vector<VerifiedToken> tokens;
  std::vector<std::size_t> tokens_in_file;
  for (const std::string& file : options.files) {
    std::vector<VerifiedToken> read = VerifyTokenFile(file, sources, verify, diagnostics);
    tokens_in_file.push_back(read.size());
    for (VerifiedToken& token : read) tokens.push_back(std::move(token));
  }
  PrintDiagnostics(diagnostics, sources, global);

  std::size_t valid = 0;
  std::size_t invalid = 0;
  std::size_t unread = 0;
  for (const VerifiedToken& token : tokens) {
    ++(token.verdict == TokenVerdict::kValid     ? valid
       : token.verdict == TokenVerdict::kInvalid ? invalid
                                                 : unread);
  }
  if (options.format == "json") {
    JsonWriter json;
    json.BeginObject();
    json.Key("tokens").BeginArray();
    const auto problems = ByToken(diagnostics);
    static const std::vector<const Diagnostic*> kNone;
    for (const VerifiedToken& token : tokens) {
      const auto found = problems.find({token.location.source, token.location.line});
      JsonReport(json, sources.Get(token.location.source), token,
                 found == problems.end() ? kNone : found->second);
    }
    json.EndArray();
    json.Key("valid").Int(static_cast<long long>(valid));
    json.Key("invalid").Int(static_cast<long long>(invalid));
    json.Key("not_checked").Int(static_cast<long long>(unread));
    json.EndObject();
    Print(json.str() + "\n");
  } else {
    std::string out;
    std::size_t at = 0;
    for (std::size_t count : tokens_in_file) {
      for (std::size_t i = at; i < at + count; ++i) {
        out +=
            TextReport(sources.Get(tokens[i].location.source), tokens[i], count > 1, options.key);
      }
      at += count;
    }
    if (tokens.size() > 1) {
      out += fmt::format("\n{} token{} checked: {} valid, {} not valid, {} not checked.\n",
                         tokens.size(), tokens.size() == 1 ? "" : "s", valid, invalid, unread);
    }
    Print(out);
  }
  if (unread > 0) return kExitError;
  return invalid > 0 ? kExitVerdict : kExitOk;
}

}  // namespace accredit::cli
