// Credentials secured as VC-JWT, as Open Badges 3.0 (section 8.2) and CLR 2.0 secure them: a
// compact JWS (alg EdDSA) whose payload is the credential itself with the JWT claims iss, nbf,
// exp, jti and sub added beside its properties.
//
//   std::optional<CredentialSigner> signer = MakeSigner(key, "did:web:school.example", error);
//   std::optional<SignedTranscript> tokens =
//       SignTranscript(TranscriptCredentialsOf(rules, programme, learner, outcome,
//                                              {.issuer = signer->issuer}),
//                      *signer, error);
//
// Checking a token as a college would is VerifyTokens() (accredit/verify.h).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "accredit/keys.h"
#include "accredit/transcript.h"

namespace accredit {

// Who signs, and with which key: the issuer's DID and the id of its verification method (the
// JOSE header's `kid`), by which a verifier finds the key.
struct CredentialSigner {
  const SigningKey* key = nullptr;  // required; outlives the signer
  std::string issuer;               // did:web:school.example, or did:key:z6Mk...
  std::string kid;                  // DidWebVerificationMethod(), or the did:key's method
};

// The signer for `issuer` with `key`: a did:web (whose document, from `accredit keys public
// --did-web`, names the key as DidWebVerificationMethod() does), or the did:key of this very key;
// empty `issuer` is that did:key. nullopt and why for any other DID, or a did:key of another key.
std::optional<CredentialSigner> MakeSigner(const SigningKey& key, std::string_view issuer,
                                           std::string& error);

// The VC-JWT of one credential (a compact JSON object, as TranscriptCredentialsOf() writes):
// header {"alg":"EdDSA","typ":"JWT","kid":KID}; payload the credential with "iss" (its
// issuer's id, which must be the signer's), "nbf" (validFrom, in seconds since 1970), "exp"
// (validUntil, when given), "jti" (its id) and "sub" (credentialSubject.id, when given).
// nullopt and why when the credential is not an object with those, or already has a claim.
std::optional<std::string> SecureCredential(std::string_view credential_json,
                                            const CredentialSigner& signer, std::string& error);

// A transcript's tokens: the ClrCredential's, and the OpenBadgeCredentials' one per line (the
// award first), each line ending in a newline. These are the files ID.clr.jwt and ID.jwt.
struct SignedTranscript {
  std::string clr;
  std::string badges;
};
std::optional<SignedTranscript> SignTranscript(const TranscriptCredentials& credentials,
                                               const CredentialSigner& signer, std::string& error);

// Seconds since 1970-01-01T00:00:00Z of an RFC 3339 date-time ("2026-07-15T00:00:00Z",
// "2026-07-15T09:30:00.5+01:00"; fractions of a second are dropped), or nullopt.
std::optional<long long> ParseDateTime(std::string_view text);

}  // namespace accredit
