// Fuzz target: a file of signed credentials (VC-JWT, one a line), as hostile bytes: what a
// college may be sent. Checks it as `accredit verify` does, with no key (a did:key issuer's
// own) and with the RFC 8032 test key given, renders every diagnostic, and requires that a
// token found valid is one whose signature the test key made (no input is valid by accident).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "accredit/diagnostic.h"
#include "accredit/jws.h"
#include "accredit/keys.h"
#include "accredit/verify.h"

namespace {

// RFC 8032, 7.1, TEST 1's public key: the seeds are signed with its private key.
const std::string& TestPublicKey() {
  static const std::string* key = new std::string(
      "\xd7\x5a\x98\x01\x82\xb1\x0a\xb7\xd5\x4b\xfe\xd3\xc9\x64\x07\x3a\x0e\xe1\x72\xf3\xda\xa6"
      "\x23\x25\xaf\x02\x1a\x68\xf7\x07\x51\x1a",
      32);
  return *key;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace accredit;  // NOLINT: fuzz target
  SourceSet sources;
  const SourceId id =
      sources.Add("fuzz.jwt", std::string(reinterpret_cast<const char*>(data), size));
  sources.SetPersonal(id);
  const std::string& text = sources.Get(id).text;
  for (int given = 0; given < 2; ++given) {
    VerifyOptions options;
    options.now = 1819843200;  // 2027-09-01
    if (given == 1) options.keys = {VerificationKey{TestPublicKey(), ""}};
    Diagnostics diagnostics;
    const std::vector<VerifiedToken> tokens = VerifyTokens(id, text, options, diagnostics);
    if (tokens.empty()) std::abort();
    std::size_t valid = 0;
    for (const VerifiedToken& token : tokens) {
      if (token.verdict != TokenVerdict::kValid) continue;
      ++valid;
      // A valid token's key is the test key (given, or the did:key made of it).
      if (token.issuer.rfind("did:key:", 0) == 0 &&
          DidKeyPublicKey(token.issuer) != TestPublicKey()) {
        std::abort();
      }
    }
    // Every token not valid has said why.
    if (diagnostics.items().size() < tokens.size() - valid) std::abort();
    for (const Diagnostic& d : diagnostics.items()) {
      (void)Render(d, sources);
    }
  }
  return 0;
}
