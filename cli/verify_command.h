// `accredit verify FILE...` checks signed credentials (VC-JWT, one token a line) as a college
// would: the signature against the key given (--key: the issuer's did.json, a JWK or a PEM
// public key) or the did:key in the token, the validity window at --at (default: now), and
// the Open Badges 3.0 / CLR 2.0 fields. Nothing is fetched from the network.
// Exit 0 every token valid, 1 one is invalid (changed, expired, wrong key), 2 one could not be
// checked (unreadable, no key for its issuer) or a bad option.
#pragma once

#include <CLI/CLI.hpp>

#include "common.h"

namespace accredit::cli {

struct VerifyCommandOptions {
  std::vector<std::string> files;
  std::string key;              // --key FILE
  std::string at;               // --at DATE-TIME (default: now)
  std::string format = "text";  // text | json
};

void SetupVerify(CLI::App& app, const GlobalOptions& global, int& exit_code);

int RunVerify(const VerifyCommandOptions& options, const GlobalOptions& global);

}  // namespace accredit::cli
