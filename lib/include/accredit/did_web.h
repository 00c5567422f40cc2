// did:web, the DID method by which a centre publishes its public key on its own website
// (https://w3c-ccg.github.io/did-method-web/): did:web:school.example is answered by the
// document at https://school.example/.well-known/did.json.
#pragma once

#include <string>
#include <string_view>

namespace accredit {

// Whether `did` is a did:web this can write a document for (did:web:HOST[:PATH...]: letters,
// digits and . - _ % : only).
bool IsDidWeb(std::string_view did);
// Where the did:web method says its document is served: https://HOST/.well-known/did.json,
// or https://HOST/PATH/did.json (a port written %3A in the did is ':' here).
std::string DidWebUrl(std::string_view did);

}  // namespace accredit
