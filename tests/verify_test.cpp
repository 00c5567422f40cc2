// Signing credentials as VC-JWT (accredit/vc_jwt.h) and checking them (accredit/verify.h): each
// fault a token may have is found with its code and verdict, a genuine token passes, and the
// keys a verifier is given are read in each form a centre may publish them.
#include "accredit/verify.h"

#include <doctest/doctest.h>

#include <string>

#include "accredit/jws.h"
#include "accredit/keys.h"
#include "accredit/vc_jwt.h"
#include "base/base58.h"
#include "base/base64url.h"

namespace accredit {
namespace {

// RFC 8032, 7.1, TEST 1: a published test key, never one to sign real credentials with.
constexpr const char* kTestPem =
    "-----BEGIN PRIVATE KEY-----\n"
    "MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g\n"
    "-----END PRIVATE KEY-----\n";
constexpr const char* kTestPublicPem =
    "-----BEGIN PUBLIC KEY-----\n"
    "MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n"
    "-----END PUBLIC KEY-----\n";
constexpr long long kJuly15 = 1784073600;  // 2026-07-15T00:00:00Z

SigningKey TestKey() {
  std::string error;
  std::optional<SigningKey> key = SigningKey::FromPem(kTestPem, error);
  REQUIRE(key);
  return std::move(*key);
}

// A small OpenBadgeCredential with what Open Badges 3.0 requires, issued by `issuer`.
std::string Credential(const std::string& issuer, const std::string& extra = "") {
  return R"({"@context":["https://www.w3.org/ns/credentials/v2","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],)"
         R"("type":["VerifiableCredential","OpenBadgeCredential"],"id":"urn:uuid:1","name":"EPQ",)"
         R"("issuer":{"id":")" +
         issuer +
         R"(","type":["Profile"],"name":"Foxwood Academy"},"validFrom":"2026-07-15T00:00:00Z",)" +
         extra +
         R"("credentialSubject":{"type":["AchievementSubject"],"achievement":{"id":"urn:uuid:2",)"
         R"("type":["Achievement"],"name":"EPQ","description":"A project","criteria":{"narrative":"Done"}}}})";
}

struct Checked {
  std::vector<VerifiedToken> tokens;
  Diagnostics diagnostics;
  std::string codes() const {
    std::string out;
    for (const Diagnostic& d : diagnostics.items()) out += (out.empty() ? "" : " ") + d.code;
    return out;
  }
};

Checked Check(const std::string& text, VerifyOptions options = {}) {
  if (options.now == 0) options.now = kJuly15 + 86400;
  Checked checked;
  checked.tokens = VerifyTokens(0, text, options, checked.diagnostics);
  return checked;
}

// A token with `header` and `payload` as given, signed with the test key.
std::string Forged(const std::string& header, const std::string& payload) {
  return SignCompactJws(header, payload, TestKey());
}

TEST_CASE("date-times are read as RFC 3339 says, and nothing else is") {
  CHECK(ParseDateTime("1970-01-01T00:00:00Z") == 0);
  CHECK(ParseDateTime("2026-07-15T00:00:00Z") == kJuly15);
  CHECK(ParseDateTime("2026-07-15T09:30:00.25+01:00") == kJuly15 + 8 * 3600 + 1800);
  CHECK(ParseDateTime("2026-07-15t00:00:00z") == kJuly15);
  for (const char* bad :
       {"", "2026-07-15", "2026-07-15T00:00:00", "2026-02-30T00:00:00Z", "2026-07-15T24:00:00Z",
        "2026-07-15T00:00:00.Z", "2026-07-15T00:00:00+0100", "2026-07-15 00:00:00Z"}) {
    CAPTURE(bad);
    CHECK_FALSE(ParseDateTime(bad));
  }
}

TEST_CASE("base58btc decodes what it encodes, and refuses other characters") {
  const std::string bytes("\0\0\xed\x01\xff", 5);
  CHECK(internal::Base58BtcDecode(internal::Base58BtcEncode(bytes)) == bytes);
  CHECK_FALSE(internal::Base58BtcDecode("z0OIl"));
  CHECK_FALSE(internal::Base58BtcDecode(std::string(300, '2')));
}

TEST_CASE("a did:key gives back its key; other DIDs give none") {
  const SigningKey key = TestKey();
  CHECK(DidKeyPublicKey(DidKey(key.public_key())) == key.public_key());
  CHECK(DidKeyPublicKey(DidKeyVerificationMethod(key.public_key())) == key.public_key());
  CHECK_FALSE(DidKeyPublicKey("did:web:foxwood.example"));
  CHECK_FALSE(DidKeyPublicKey("did:key:z6Mk"));
  CHECK_FALSE(DidKeyPublicKey("did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme"));
}

TEST_CASE("a signer is a did:web or the key's own did:key") {
  const SigningKey key = TestKey();
  std::string error;
  std::optional<CredentialSigner> own = MakeSigner(key, "", error);
  REQUIRE(own);
  CHECK(own->issuer == DidKey(key.public_key()));
  CHECK(own->kid == DidKeyVerificationMethod(key.public_key()));
  std::optional<CredentialSigner> web = MakeSigner(key, "did:web:foxwood.example", error);
  REQUIRE(web);
  CHECK(web->kid == "did:web:foxwood.example#z6MktwupdmLXVVqTzCw4i46r4uGyosGXRnR3XjN4Zq7oMMsw");
  CHECK_FALSE(MakeSigner(key, "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK", error));
  CHECK(error.find("another key") != std::string::npos);
  CHECK_FALSE(MakeSigner(key, "https://foxwood.example", error));
}

TEST_CASE("a credential is signed as Open Badges 3.0 says: the credential with its claims") {
  const SigningKey key = TestKey();
  std::string error;
  const CredentialSigner signer = *MakeSigner(key, "did:web:foxwood.example", error);
  std::optional<std::string> token = SecureCredential(
      Credential("did:web:foxwood.example", R"("validUntil":"2031-07-15T00:00:00Z",)"), signer,
      error);
  REQUIRE(token);
  std::optional<CompactJws> jws = ParseCompactJws(*token, error);
  REQUIRE(jws);
  CHECK(
      jws->header_json ==
      R"({"alg":"EdDSA","typ":"JWT","kid":"did:web:foxwood.example#z6MktwupdmLXVVqTzCw4i46r4uGyosGXRnR3XjN4Zq7oMMsw"})");
  CHECK(jws->payload.ends_with(
      R"(,"iss":"did:web:foxwood.example","nbf":1784073600,"exp":1941840000,"jti":"urn:uuid:1"})"));
  CHECK(VerifyEd25519(key.public_key(), jws->signing_input, jws->signature));
  // Deterministic: the same credential and key, the same token.
  CHECK(SecureCredential(
            Credential("did:web:foxwood.example", R"("validUntil":"2031-07-15T00:00:00Z",)"),
            signer, error) == token);

  CHECK_FALSE(SecureCredential(Credential("did:web:other.example"), signer, error));
  CHECK(error.find("not the signer's") != std::string::npos);
  CHECK_FALSE(
      SecureCredential(Credential("did:web:foxwood.example", R"("jti":"x",)"), signer, error));
  CHECK(error.find("'jti'") != std::string::npos);
  CHECK_FALSE(SecureCredential("[1]", signer, error));
  // A credential as a pretty-printed file ends it: trailing white space of any kind is fine.
  std::optional<std::string> spaced = SecureCredential(
      Credential("did:web:foxwood.example", R"("validUntil":"2031-07-15T00:00:00Z",)") +
          " \r\n\t\n",
      signer, error);
  CHECK(spaced == token);
}

TEST_CASE("a genuine token is valid, with the did:key in it or with the key given") {
  const SigningKey key = TestKey();
  std::string error;
  const CredentialSigner own = *MakeSigner(key, "", error);
  Checked checked = Check(*SecureCredential(Credential(own.issuer), own, error));
  CHECK(checked.codes() == "");
  REQUIRE(checked.tokens.size() == 1);
  CHECK(checked.tokens[0].verdict == TokenVerdict::kValid);
  CHECK(checked.tokens[0].key_from_did);
  CHECK(checked.tokens[0].type == "OpenBadgeCredential");
  CHECK(checked.tokens[0].issuer_name == "Foxwood Academy");

  const CredentialSigner web = *MakeSigner(key, "did:web:foxwood.example", error);
  VerifyOptions options;
  options.keys =
      ReadVerificationKeys(DidWebDocument("did:web:foxwood.example", key.public_key()), error);
  REQUIRE(options.keys.size() == 1);
  const std::string token = *SecureCredential(Credential(web.issuer), web, error);
  // Several tokens a line each, blank lines skipped; each located at its line.
  checked = Check("\n" + token + "\n\n  " + token + "\r\n", options);
  CHECK(checked.codes() == "");
  REQUIRE(checked.tokens.size() == 2);
  CHECK(checked.tokens[0].location.line == 2);
  CHECK(checked.tokens[1].location.line == 4);
  CHECK(checked.tokens[1].location.column == 3);
  CHECK(checked.tokens[1].verdict == TokenVerdict::kValid);
  CHECK_FALSE(checked.tokens[1].key_from_did);
  // No key given for a did:web issuer: not checked, and where its key is said.
  checked = Check(token);
  CHECK(checked.codes() == "no-key");
  CHECK(checked.tokens[0].verdict == TokenVerdict::kUnreadable);
  REQUIRE(checked.diagnostics.items()[0].notes.size() == 1);
  CHECK(checked.diagnostics.items()[0].notes[0].message.find(
            "https://foxwood.example/.well-known/did.json") != std::string::npos);
}

TEST_CASE("a changed token, or one signed with another key, is invalid") {
  const SigningKey key = TestKey();
  std::string error;
  const CredentialSigner own = *MakeSigner(key, "", error);
  std::string token = *SecureCredential(Credential(own.issuer), own, error);
  // Every single-character change anywhere in the payload or signature is found.
  const std::size_t payload_at = token.find('.') + 1;
  for (std::size_t at : {payload_at, payload_at + 40, token.size() - 10, token.size() - 2}) {
    std::string changed = token;
    changed[at] = changed[at] == 'A' ? 'B' : 'A';
    Checked checked = Check(changed);
    CAPTURE(at);
    CHECK(checked.tokens[0].verdict != TokenVerdict::kValid);
  }
  std::string changed = token;
  changed[payload_at + 40] = changed[payload_at + 40] == 'A' ? 'B' : 'A';
  CHECK(Check(changed).codes() == "bad-signature");

  std::optional<SigningKey> other = SigningKey::Generate(error);
  REQUIRE(other);
  VerifyOptions options;
  options.keys = {VerificationKey{other->public_key(), ""}};
  Checked checked = Check(token, options);
  CHECK(checked.codes() == "bad-signature");
  CHECK(checked.tokens[0].verdict == TokenVerdict::kInvalid);
}

TEST_CASE("hostile headers are refused before any key is used") {
  const SigningKey key = TestKey();
  const std::string did = DidKey(key.public_key());
  const std::string kid = DidKeyVerificationMethod(key.public_key());
  const std::string payload = Credential(did);
  const auto header = [&](const std::string& members) {
    return R"({"kid":")" + kid + R"(",)" + members + "}";
  };
  CHECK(Check(Forged(header(R"("alg":"none")"), payload)).codes() == "bad-alg");
  CHECK(Check(Forged(R"({"typ":"JWT"})", payload)).codes() == "bad-alg");
  CHECK(Check(Forged(header(R"("alg":"HS256")"), payload)).codes() == "bad-alg");
  CHECK(Check(Forged(header(R"("alg":"EdDSA","crit":["b64"])"), payload)).codes() == "bad-alg");
  for (const char* carried : {"jwk", "jku", "x5u", "x5c"}) {
    CAPTURE(carried);
    CHECK(Check(Forged(header(std::string(R"("alg":"EdDSA",")") + carried + R"(":"x")"), payload))
              .codes() == "wrong-key");
  }
  // A kid of another issuer, or of this did:key with another fragment.
  CHECK(Check(Forged(R"({"alg":"EdDSA","kid":"did:web:evil.example#key-1"})", payload)).codes() ==
        "wrong-key");
  CHECK(Check(Forged(R"({"alg":"EdDSA","kid":")" + did + R"(#other"})", payload)).codes() ==
        "wrong-key");
  CHECK(Check(Forged(R"({"alg":"EdDSA"})", payload)).codes() == "wrong-key");
}

TEST_CASE("tokens that are not tokens are unreadable, and an empty file is said to be empty") {
  for (const char* text : {"abc", "a.b", "a.b.c.d", "e30.e30.@@", "e30.e30.e30="}) {
    CAPTURE(text);
    Checked checked = Check(text);
    CHECK(checked.codes() == "bad-token");
    CHECK(checked.tokens[0].verdict == TokenVerdict::kUnreadable);
  }
  // A header that is not JSON.
  CHECK(Check(internal::Base64UrlEncode("[]") + ".e30.AA").codes() == "bad-token");
  Checked empty = Check(" \n\n");
  CHECK(empty.codes() == "bad-token");
  CHECK(empty.tokens.size() == 1);
  Checked huge = Check(std::string(kMaxJwsBytes + 1, 'A'));
  CHECK(huge.codes() == "too-large");
  CHECK(huge.tokens[0].verdict == TokenVerdict::kUnreadable);
}

TEST_CASE("claims must agree with the credential, and the validity window is kept") {
  const SigningKey key = TestKey();
  const std::string did = DidKey(key.public_key());
  const std::string header =
      R"({"alg":"EdDSA","typ":"JWT","kid":")" + DidKeyVerificationMethod(key.public_key()) + "\"}";
  std::string credential = Credential(did, R"("validUntil":"2027-07-15T00:00:00Z",)");
  credential.pop_back();
  const auto payload = [&](const std::string& claims) { return credential + "," + claims + "}"; };
  const std::string good =
      R"("iss":")" + did + R"(","nbf":1784073600,"exp":1815609600,"jti":"urn:uuid:1")";
  CHECK(Check(Forged(header, payload(good))).codes() == "");
  CHECK(Check(Forged(header, payload(R"("iss":")" + did +
                                     R"(","nbf":1784073600,"exp":1815609600,"jti":"urn:uuid:9")")))
            .codes() == "claim-mismatch");
  CHECK(Check(Forged(header,
                     payload(R"("iss":")" + did + R"(","exp":1815609600,"jti":"urn:uuid:1")")))
            .codes() == "claim-mismatch");
  CHECK(
      Check(Forged(header, payload(R"("iss":")" + did +
                                   R"(","nbf":"1784073600","exp":1815609600,"jti":"urn:uuid:1")")))
          .codes() == "claim-mismatch");
  CHECK(Check(Forged(header, payload(good + R"(,"sub":"did:example:learner")"))).codes() ==
        "claim-mismatch");

  VerifyOptions before;
  before.now = kJuly15 - 1;
  Checked early = Check(Forged(header, payload(good)), before);
  CHECK(early.codes() == "not-yet-valid");
  CHECK(early.tokens[0].verdict == TokenVerdict::kInvalid);
  VerifyOptions after;
  after.now = 1815609600;
  CHECK(Check(Forged(header, payload(good)), after).codes() == "expired");
}

TEST_CASE("a credential without what Open Badges 3.0 requires is invalid") {
  const SigningKey key = TestKey();
  std::string error;
  const CredentialSigner own = *MakeSigner(key, "", error);
  const auto signed_without = [&](const std::string& from, const std::string& to) {
    std::string credential = Credential(own.issuer);
    const std::size_t at = credential.find(from);
    REQUIRE(at != std::string::npos);
    credential.replace(at, from.size(), to);
    return *SecureCredential(credential, own, error);
  };
  CHECK(Check(signed_without(R"("name":"EPQ",)", "")).codes() == "missing-key");
  CHECK(Check(signed_without(R"("criteria":{"narrative":"Done"})", R"("x":1)")).codes() ==
        "missing-key");
  CHECK(Check(signed_without("OpenBadgeCredential", "SomeCredential")).codes() == "bad-value");
  CHECK(Check(signed_without("https://www.w3.org/ns/credentials/v2", "https://example.org/x"))
            .codes() == "bad-value");
  // A ClrCredential must list the credentials it bundles.
  Checked clr = Check(signed_without("OpenBadgeCredential", "ClrCredential"));
  CHECK(clr.codes() == "missing-key");
  CHECK(clr.tokens[0].type == "ClrCredential");
}

TEST_CASE("a verifier's keys are read from a JWK, a JWK Set, a did.json or a PEM public key") {
  const SigningKey key = TestKey();
  std::string error;
  const std::string jwk = PublicKeyJwk(key.public_key());
  std::vector<VerificationKey> keys = ReadVerificationKeys(jwk, error);
  REQUIRE(keys.size() == 1);
  CHECK(keys[0].public_key == key.public_key());
  CHECK(keys[0].kid.empty());
  keys = ReadVerificationKeys(R"({"keys":[{"kty":"RSA","n":"x","e":"AQAB"},)" +
                                  jwk.substr(0, jwk.size() - 1) + R"(,"kid":"k1"}]})",
                              error);
  REQUIRE(keys.size() == 1);
  CHECK(keys[0].kid == "k1");
  keys = ReadVerificationKeys(DidWebDocument("did:web:foxwood.example", key.public_key()), error);
  REQUIRE(keys.size() == 1);
  CHECK(keys[0].kid == "did:web:foxwood.example#z6MktwupdmLXVVqTzCw4i46r4uGyosGXRnR3XjN4Zq7oMMsw");
  // A relative method id and a publicKeyMultibase.
  const std::string multibase = DidKey(key.public_key()).substr(8);
  keys = ReadVerificationKeys(
      R"({"id":"did:web:a.example","verificationMethod":[{"id":"#k","publicKeyMultibase":")" +
          multibase + R"("}]})",
      error);
  REQUIRE(keys.size() == 1);
  CHECK(keys[0].kid == "did:web:a.example#k");
  CHECK(keys[0].public_key == key.public_key());
  keys = ReadVerificationKeys(kTestPublicPem, error);
  REQUIRE(keys.size() == 1);
  CHECK(keys[0].public_key == key.public_key());

  CHECK(ReadVerificationKeys(kTestPem, error).empty());
  CHECK(error.find("private key") != std::string::npos);
  CHECK(ReadVerificationKeys(R"({"kty":"OKP","crv":"Ed25519","x":"AA","d":"AA"})", error).empty());
  CHECK(error.find("private") != std::string::npos);
  CHECK(ReadVerificationKeys(R"({"kty":"RSA","n":"x","e":"AQAB"})", error).empty());
  CHECK(ReadVerificationKeys(R"({"kty":"OKP","crv":"Ed25519","x":"AAAA"})", error).empty());
  CHECK(ReadVerificationKeys("hello", error).empty());
  CHECK(ReadVerificationKeys(R"({"verificationMethod":[]})", error).empty());
}

}  // namespace
}  // namespace accredit
