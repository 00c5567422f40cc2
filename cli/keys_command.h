// `accredit keys new --out FILE` makes a centre's Ed25519 signing key (mode 0600, never written
// over another file, never printed); `accredit keys public FILE` prints its public key as a
// JWK, as a did:key, and with --did-web DID the did.json to publish at that did:web.
// Exit 0 done, 2 a key that cannot be made, read or written.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "common.h"

namespace accredit::cli {

struct KeysNewOptions {
  std::string out;
};

struct KeysPublicOptions {
  std::string key;
  std::string did_web;                    // with it, the did.json for this did:web
  std::string did_json;                   // --did-json FILE: also write that did.json to FILE
  std::vector<std::string> earlier_keys;  // --earlier-key FILE: also in the did.json
  std::string format = "text";            // text | json
};

void SetupKeys(CLI::App& app, const GlobalOptions& global, int& exit_code);

int RunKeysNew(const KeysNewOptions& options, const GlobalOptions& global);
int RunKeysPublic(const KeysPublicOptions& options, const GlobalOptions& global);

}  // namespace accredit::cli
