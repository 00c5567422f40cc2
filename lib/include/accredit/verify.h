// Checking signed credentials as a college or employer would: `accredit verify`. A token is a
// VC-JWT (accredit/vc_jwt.h) from any issuer, not only from accredit. Nothing is fetched from
// the network: the key is the one given (a did:web issuer's did.json, a JWK or a PEM public
// key), or, for a did:key issuer, the key its id is made of.
//
//   SourceSet sources;
//   SourceId source = sources.Add("L001.clr.jwt", text);
//   Diagnostics diagnostics;
//   std::vector<VerifiedToken> tokens = VerifyTokens(source, text, {}, diagnostics);
//
// What is checked, in order, each fault a diagnostic at the token's line:
//   too-large      a token longer than kMaxJwsBytes (jws.h)                          unreadable
//   bad-token      not HEADER.PAYLOAD.SIGNATURE of unpadded base64url, or a header or
//                  payload that is not a JSON object                                 unreadable
//   bad-alg        an `alg` other than EdDSA: `none`, HS256 (a shared secret anyone holding
//                  the key could forge with), RS256...; or a `crit` header             invalid
//   wrong-key      a header that carries or points to a key (jwk, jku, x5u, x5c), a `kid`
//                  that is not a key of the `iss` issuer, or not a key given           invalid
//   no-key         the issuer's key is not at hand: a did:web (or other) issuer and no key
//                  given (its did.json is at DidWebUrl())                            unreadable
//   bad-signature  the signature is not the key's over the token: changed since it was
//                  signed, or signed by another key                                    invalid
//   missing-key, bad-value
//                  a credential without what Open Badges 3.0 / CLR 2.0 require (@context,
//                  type, id, name, issuer.id, validFrom, credentialSubject; an
//                  OpenBadgeCredential's achievement with id, type, name, description and
//                  criteria; a ClrCredential's verifiableCredential list)              invalid
//   claim-mismatch iss, nbf, exp, jti or sub that differ from the credential's issuer.id,
//                  validFrom, validUntil, id or credentialSubject.id                   invalid
//   not-yet-valid, expired
//                  `now` before nbf, or at or after exp                                invalid
// A token is valid when none of these is found. The payload is read only after its signature
// is found genuine, but for the issuer's id, which says where the key is.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accredit/diagnostic.h"
#include "accredit/enum_table.h"
#include "accredit/source.h"

namespace accredit {

// One public key to check signatures with: a JWK's (with its "kid", if any), or one
// verification method of a DID document (with its id).
struct VerificationKey {
  std::string public_key;  // 32 bytes, Ed25519
  std::string kid;         // "" when the key does not say whose it is
};

// The Ed25519 keys in `text`: a JWK ({"kty":"OKP","crv":"Ed25519","x":...}), a JWK Set
// ({"keys":[...]}), a DID document (did.json: each verificationMethod with a publicKeyJwk or
// an Ed25519 publicKeyMultibase), or a PEM public key (BEGIN PUBLIC KEY; openssl pkey -pubout).
// Empty and why when there is none (a PEM private key is refused: a verifier never needs it).
std::vector<VerificationKey> ReadVerificationKeys(std::string_view text, std::string& error);

struct VerifyOptions {
  // The keys given (--key): the token's kid must be one of theirs, or any of them when they do
  // not say whose they are. Empty: a did:key issuer's own key; any other issuer is no-key.
  std::vector<VerificationKey> keys;
  // The time the validity window is checked at, in seconds since 1970 (the caller's clock).
  long long now = 0;
};

enum class TokenVerdict : std::uint8_t { kValid, kInvalid, kUnreadable };
inline constexpr EnumName<TokenVerdict> kTokenVerdictNames[] = {
    {TokenVerdict::kValid, "valid", "Valid"},
    {TokenVerdict::kInvalid, "invalid", "Invalid"},
    {TokenVerdict::kUnreadable, "unreadable", "Not checked"},
};
static_assert(InDeclarationOrder(kTokenVerdictNames));

// What one token says and what was found: the fields are those of its payload as far as it
// could be read (empty when not), whatever the verdict.
struct VerifiedToken {
  TokenVerdict verdict = TokenVerdict::kUnreadable;
  Location location;            // the token's line
  std::string type;             // "ClrCredential", "OpenBadgeCredential" or "AchievementCredential"
  std::string id;               // the credential's id
  std::string name;             // its name (it may name the learner)
  std::string issuer;           // issuer.id
  std::string issuer_name;      // issuer.name
  std::string kid;              // the header's kid
  std::string valid_from;       // as written
  std::string valid_until;      // as written, "" when none
  std::size_t credentials = 0;  // a ClrCredential's verifiableCredential count
  bool key_from_did = false;    // the key was the did:key issuer's own (no key given)
};

// The tokens of `text` (registered as `source`), one per line (a JWT file; blank lines are
// skipped), each checked as above; an empty text is one bad-token.
std::vector<VerifiedToken> VerifyTokens(SourceId source, std::string_view text,
                                        const VerifyOptions& options, Diagnostics& diagnostics);

// No file of tokens accredit reads is larger than this (a learner's ID.jwt is tens of KiB).
inline constexpr std::size_t kMaxTokenFileBytes = 64u << 20;

// The file at `path` ("-": standard input) registered in `sources` (personal: a token carries
// a learner's name) and its tokens checked by VerifyTokens(). A file that cannot be read
// (io-error, too-large) is one unreadable VerifiedToken with no line.
std::vector<VerifiedToken> VerifyTokenFile(const std::string& path, SourceSet& sources,
                                           const VerifyOptions& options, Diagnostics& diagnostics);

// The time `text` names, for VerifyOptions::now: an RFC 3339 date-time with its zone
// (2027-09-01T09:00:00Z), or a date as --as-of takes it (2027-09-01, 01/09/2027, 1 Sep 2027),
// meaning midnight UTC at its start; nullopt and why otherwise (naming the option --at, then a
// "note:" line).
std::optional<long long> ParseVerifyTime(std::string_view text, std::string& error);

// ReadVerificationKeys() of the file at `path`; empty and why (naming the file) when it cannot
// be read or holds no key.
std::vector<VerificationKey> ReadVerificationKeyFile(const std::string& path, std::string& error);

}  // namespace accredit
