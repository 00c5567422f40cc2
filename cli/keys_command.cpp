#include "keys_command.h"

#include <fmt/format.h>

#include <algorithm>
#include <memory>

#include "accredit/json_writer.h"
#include "accredit/keys.h"
#include "accredit/output_file.h"
#include "accredit/verify.h"
#include "evaluation_options.h"
#include "exit_codes.h"

namespace accredit::cli {

void SetupKeys(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  CLI::App* keys =
      app.add_subcommand("keys", "Make a centre's signing key, and show its public key");
  keys->require_subcommand(1);

  auto made = std::make_shared<KeysNewOptions>();
  CLI::App* make = keys->add_subcommand(
      "new", "Make an Ed25519 signing key, in a new file only its owner can read");
  make->add_option("--out,-o", made->out, "The key file to write (it must not exist yet)")
      ->required()
      ->type_name(kFileArgument);
  make->callback([made, &global, &exit_code] { exit_code = RunKeysNew(*made, global); });

  auto shown = std::make_shared<KeysPublicOptions>();
  CLI::App* show = keys->add_subcommand(
      "public", "Show a signing key's public key: as a JWK, a did:key, and a did:web document");
  show->add_option("KEY", shown->key, "The key file (accredit keys new made it)")
      ->required()
      ->type_name(kFileArgument);
  show->add_option("--did-web", shown->did_web,
                   "Also write the did.json that publishes the key at this did:web "
                   "(did:web:school.example is served from "
                   "https://school.example/.well-known/did.json)");
  show->add_option("--did-json", shown->did_json,
                   "With --did-web: write the did.json to this file, ready to upload")
      ->type_name(kFileArgument);
  show->add_option("--earlier-key", shown->earlier_keys,
                   "With --did-web: also list this earlier key in the did.json (its key file or "
                   "public key, repeatable), so that transcripts signed with it still verify "
                   "after the centre changes its key")
      ->type_name(kFileArgument);
  show->add_option("--format", shown->format, "Output format: text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  show->callback([shown, &global, &exit_code] { exit_code = RunKeysPublic(*shown, global); });
}

int RunKeysNew(const KeysNewOptions& options, const GlobalOptions& global) {
  std::string error;
  std::optional<SigningKey> key = SigningKey::Generate(error);
  if (!key || !key->Save(options.out, error)) {
    PrintError(error);
    return kExitError;
  }
  if (!global.quiet) {
    std::fputs(fmt::format("accredit: wrote a new signing key to {} (readable by you alone). "
                           "Keep it secret and keep a copy somewhere safe: whoever has it can "
                           "sign as your centre, and without it you cannot sign again under the "
                           "same key. Its public key, to publish: accredit keys public {}\n",
                           options.out, options.out)
                   .c_str(),
               stderr);
  }
  Print(DidKey(key->public_key()) + "\n");
  return kExitOk;
}

namespace {

// The public key of an earlier signing key: its key file, or its public key as `accredit
// verify --key` reads it (a JWK or a PEM public key), for a centre that kept only that.
std::optional<std::string> EarlierPublicKey(const std::string& path, std::string& error) {
  std::string load_error;
  if (std::optional<SigningKey> key = SigningKey::Load(path, load_error)) {
    return key->public_key();
  }
  std::vector<VerificationKey> keys = ReadVerificationKeyFile(path, error);
  if (keys.size() == 1) return keys[0].public_key;
  if (keys.empty() && error.find("private key") != std::string::npos) {
    error = load_error;  // a key file after all: why it could not be used
  } else if (keys.size() > 1) {
    error = fmt::format("'{}' holds {} keys: give each earlier key with --earlier-key on its own",
                        path, keys.size());
  }
  return std::nullopt;
}

}  // namespace

int RunKeysPublic(const KeysPublicOptions& options, const GlobalOptions& global) {
  if (!options.did_web.empty() && !IsDidWeb(options.did_web)) {
    PrintError(fmt::format(
        "--did-web '{}' is not a did:web: write it as did:web:HOST, for example "
        "did:web:school.example (or did:web:school.example:path:to for a folder of the site)",
        options.did_web));
    return kExitError;
  }
  if ((!options.did_json.empty() || !options.earlier_keys.empty()) && options.did_web.empty()) {
    PrintError(fmt::format("{} is about the did.json of a did:web: name it with --did-web",
                           options.did_json.empty() ? "--earlier-key" : "--did-json"));
    return kExitError;
  }
  std::string error;
  std::optional<SigningKey> key = SigningKey::Load(options.key, error);
  if (!key) {
    PrintError(error);
    return kExitError;
  }
  const std::string& pub = key->public_key();
  // The did.json lists the key signing now, then the earlier keys still to be trusted.
  std::vector<std::string> published = {pub};
  for (const std::string& path : options.earlier_keys) {
    std::optional<std::string> earlier = EarlierPublicKey(path, error);
    if (!earlier) {
      PrintError(error);
      return kExitError;
    }
    if (std::find(published.begin(), published.end(), *earlier) == published.end()) {
      published.push_back(std::move(*earlier));
    }
  }
  const std::string did_json =
      options.did_web.empty() ? std::string() : DidWebDocument(options.did_web, published);
  if (!options.did_json.empty()) {
    if (std::string written = WriteOutput(options.did_json, did_json + "\n"); !written.empty()) {
      PrintError(written);
      return kExitError;
    }
    SayWritten(global, options.did_json,
               fmt::format("the did.json of {}: publish it as {}", options.did_web,
                           DidWebUrl(options.did_web)));
  }
  if (options.format == "json") {
    JsonWriter json;
    json.BeginObject();
    json.Key("jwk").Raw(PublicKeyJwk(pub));
    json.Key("did_key").String(DidKey(pub));
    json.Key("verification_method").String(DidKeyVerificationMethod(pub));
    if (!options.did_web.empty()) json.Key("did_web").Raw(did_json);
    json.EndObject();
    Print(json.str() + "\n");
    return kExitOk;
  }
  std::string out = fmt::format(
      "Public key of {} (Ed25519; share it freely: it can check signatures, not make them)\n\n"
      "JWK:\n  {}\n\ndid:key (the key itself, as an issuer's id):\n  {}\n",
      options.key, PublicKeyJwk(pub), DidKey(pub));
  if (!options.did_web.empty()) {
    out += fmt::format("\ndid.json for {} (publish it as {}):\n  {}\n", options.did_web,
                       DidWebUrl(options.did_web), did_json);
  }
  Print(out);
  return kExitOk;
}

}  // namespace accredit::cli
