// Signing keys (accredit/keys.h), the encodings their publication uses and compact JWS
// (accredit/jws.h), against published test vectors: RFC 4648 (base64url), RFC 8032 §7.1 test 1
// (an Ed25519 key and its signature of the empty message), RFC 8037 A.4 (a JWS with that key),
// and a did:key and base58 values computed by an independent script.
#include "accredit/keys.h"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "accredit/jws.h"
#include "base/base58.h"
#include "base/base64url.h"

namespace accredit {
namespace {

using internal::Base58BtcEncode;
using internal::Base64UrlDecode;
using internal::Base64UrlEncode;

// RFC 8032, 7.1, TEST 1: the secret key (as PKCS#8 PEM), its public key and the signature of
// the empty message.
constexpr const char* kTest1Pem =
    "-----BEGIN PRIVATE KEY-----\n"
    "MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g\n"
    "-----END PRIVATE KEY-----\n";
constexpr const char* kTest1Public =
    "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
constexpr const char* kTest1EmptySignature =
    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9"
    "b46bd25bf5f0595bbe24655141438e7a100b";

std::string Hex(const std::string& bytes) {
  std::string out;
  for (char c : bytes) {
    char two[3];
    std::snprintf(two, sizeof two, "%02x", static_cast<unsigned>(static_cast<unsigned char>(c)));
    out += two;
  }
  return out;
}

// A fresh folder under $TMPDIR (else /tmp), removed with what is in it.
class TempDir {
 public:
  TempDir() {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp != nullptr && *tmp != 0 ? tmp : "/tmp") + "/keys-XXXXXX";
    if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~TempDir() {
    if (!path_.empty()) std::filesystem::remove_all(path_);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace

TEST_CASE("base64url encodes and decodes the RFC 4648 vectors, without padding") {
  const std::pair<const char*, const char*> vectors[] = {
      {"", ""},           {"f", "Zg"},          {"fo", "Zm8"},          {"foo", "Zm9v"},
      {"foob", "Zm9vYg"}, {"fooba", "Zm9vYmE"}, {"foobar", "Zm9vYmFy"},
  };
  for (const auto& [bytes, text] : vectors) {
    CHECK(Base64UrlEncode(bytes) == text);
    CHECK(Base64UrlDecode(text) == std::string(bytes));
  }
  CHECK(Base64UrlEncode("\xfb\xff") == "-_8");  // the URL-safe characters
  CHECK(Base64UrlDecode("-_8") == std::string("\xfb\xff"));
  CHECK_FALSE(Base64UrlDecode("Zg==").has_value());  // padding
  CHECK_FALSE(Base64UrlDecode("Z").has_value());     // a length of 1 mod 4
  CHECK_FALSE(Base64UrlDecode("Zh").has_value());    // bits left over that are not zero
  CHECK_FALSE(Base64UrlDecode("Zm+v").has_value());  // the standard alphabet's '+'
}

TEST_CASE("base58btc keeps leading zero bytes as '1'") {
  CHECK(Base58BtcEncode("") == "");
  CHECK(Base58BtcEncode(std::string("\0", 1)) == "1");
  CHECK(Base58BtcEncode(std::string("\0\0\x01", 3)) == "112");
  CHECK(Base58BtcEncode("hello world") == "StV1DL6CwTryKyV");
}

TEST_CASE("the RFC 8032 test key gives its public key, signature, JWK and did:key") {
  std::string error;
  std::optional<SigningKey> key = SigningKey::FromPem(kTest1Pem, error);
  REQUIRE_MESSAGE(key.has_value(), error);
  CHECK(Hex(key->public_key()) == kTest1Public);
  CHECK(Hex(key->Sign("")) == kTest1EmptySignature);
  CHECK(key->Sign("a") == key->Sign("a"));  // deterministic
  CHECK(PublicKeyJwk(key->public_key()) ==
        R"({"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"})");
  CHECK(DidKey(key->public_key()) == "did:key:z6MktwupdmLXVVqTzCw4i46r4uGyosGXRnR3XjN4Zq7oMMsw");
  CHECK(DidKeyVerificationMethod(key->public_key()) ==
        "did:key:z6MktwupdmLXVVqTzCw4i46r4uGyosGXRnR3XjN4Zq7oMMsw"
        "#z6MktwupdmLXVVqTzCw4i46r4uGyosGXRnR3XjN4Zq7oMMsw");
}

TEST_CASE("a did:web is written as the did:web method says, and its document names the key") {
  CHECK(IsDidWeb("did:web:school.example"));
  CHECK(IsDidWeb("did:web:localhost%3A8443:trust:foxwood"));
  CHECK_FALSE(IsDidWeb("did:web:"));
  CHECK_FALSE(IsDidWeb("did:key:z6Mk"));
  CHECK_FALSE(IsDidWeb("did:web:school.example/path"));
  CHECK_FALSE(IsDidWeb("did:web:school.example:"));
  CHECK(DidWebUrl("did:web:school.example") == "https://school.example/.well-known/did.json");
  CHECK(DidWebUrl("did:web:localhost%3A8443:trust:foxwood") ==
        "https://localhost:8443/trust/foxwood/did.json");
  std::string error;
  std::optional<SigningKey> key = SigningKey::FromPem(kTest1Pem, error);
  REQUIRE(key.has_value());
  const std::string doc = DidWebDocument("did:web:school.example", key->public_key());
  CHECK(doc.find(R"("id":"did:web:school.example")") != std::string::npos);
  // The key is named by its own multibase value, as in its did:key.
  CHECK(
      doc.find(
          R"("assertionMethod":["did:web:school.example#z6MktwupdmLXVVqTzCw4i46r4uGyosGXRnR3XjN4Zq7oMMsw"])") !=
      std::string::npos);
  CHECK(DidWebVerificationMethod("did:web:school.example", key->public_key()) ==
        "did:web:school.example#z6MktwupdmLXVVqTzCw4i46r4uGyosGXRnR3XjN4Zq7oMMsw");
  // With an earlier key, both are listed, the key signing now first.
  std::optional<SigningKey> other = SigningKey::Generate(error);
  REQUIRE(other.has_value());
  const std::string keys[] = {other->public_key(), key->public_key()};
  const std::string both = DidWebDocument("did:web:school.example", keys);
  CHECK(both.find(DidWebVerificationMethod("did:web:school.example", other->public_key())) <
        both.find(DidWebVerificationMethod("did:web:school.example", key->public_key())));
  CHECK(both.find(R"("assertionMethod":[")" +
                  DidWebVerificationMethod("did:web:school.example", other->public_key()) +
                  R"(",")") != std::string::npos);
  CHECK(doc.find(R"("x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo")") != std::string::npos);
}

TEST_CASE("a key is saved readable by its owner alone, never over a file, and read back") {
  TempDir dir;
  const std::string path = dir.path() + "/centre.key";
  std::string error;
  std::optional<SigningKey> key = SigningKey::Generate(error);
  REQUIRE_MESSAGE(key.has_value(), error);
  REQUIRE_MESSAGE(key->Save(path, error), error);
  struct stat st {};
  REQUIRE(stat(path.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  CHECK_FALSE(key->Save(path, error));
  CHECK(error.find("already exists") != std::string::npos);
  std::optional<SigningKey> again = SigningKey::Load(path, error);
  REQUIRE_MESSAGE(again.has_value(), error);
  CHECK(again->public_key() == key->public_key());
  CHECK(again->Sign("transcript") == key->Sign("transcript"));
}

TEST_CASE("a key file others may read, or that is no Ed25519 key, is refused with the fix") {
  TempDir dir;
  const std::string path = dir.path() + "/lax.key";
  std::ofstream(path) << kTest1Pem;
  REQUIRE(chmod(path.c_str(), 0640) == 0);
  std::string error;
  CHECK_FALSE(SigningKey::Load(path, error).has_value());
  CHECK(error.find("chmod 600") != std::string::npos);
  REQUIRE(chmod(path.c_str(), 0600) == 0);
  CHECK(SigningKey::Load(path, error).has_value());

  CHECK_FALSE(SigningKey::FromPem("not a key", error).has_value());
  CHECK(error.find("PEM") != std::string::npos);
  CHECK_FALSE(SigningKey::Load(dir.path(), error).has_value());
  CHECK(error.find("folder") != std::string::npos);
}

}  // namespace accredit

namespace accredit {

TEST_CASE("a compact JWS signed with the RFC 8032 test key is RFC 8037's A.4 example") {
  std::string error;
  std::optional<SigningKey> key = SigningKey::FromPem(kTest1Pem, error);
  REQUIRE(key.has_value());
  // RFC 8037, Appendix A.4: {"alg":"EdDSA"} over "Example of Ed25519 signing".
  const std::string token =
      SignCompactJws(R"({"alg":"EdDSA"})", "Example of Ed25519 signing", *key);
  CHECK(token ==
        "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc."
        "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg");
  std::optional<CompactJws> jws = ParseCompactJws(token, error);
  REQUIRE_MESSAGE(jws.has_value(), error);
  CHECK(jws->header_json == R"({"alg":"EdDSA"})");
  CHECK(jws->payload == "Example of Ed25519 signing");
  CHECK(VerifyEd25519(key->public_key(), jws->signing_input, jws->signature));
  // One byte of the payload changed: the signature no longer holds.
  std::string tampered = token;
  tampered[token.find('.') + 5] = tampered[token.find('.') + 5] == 'A' ? 'B' : 'A';
  std::optional<CompactJws> changed = ParseCompactJws(tampered, error);
  REQUIRE(changed.has_value());
  CHECK_FALSE(VerifyEd25519(key->public_key(), changed->signing_input, changed->signature));
  // Another key does not verify it.
  std::optional<SigningKey> other = SigningKey::Generate(error);
  REQUIRE(other.has_value());
  CHECK_FALSE(VerifyEd25519(other->public_key(), jws->signing_input, jws->signature));
}

TEST_CASE("a token that is not a compact JWS is refused, saying why") {
  std::string error;
  CHECK_FALSE(ParseCompactJws("a.b", error).has_value());
  CHECK(error.find("three parts") != std::string::npos);
  CHECK_FALSE(ParseCompactJws("a.b.c.d", error).has_value());
  CHECK_FALSE(ParseCompactJws("eyJ=.e30.AA", error).has_value());
  CHECK(error.find("base64url") != std::string::npos);
  CHECK_FALSE(ParseCompactJws(std::string(kMaxJwsBytes + 1, 'a'), error).has_value());
  CHECK(error.find("too long") != std::string::npos);
  CHECK_FALSE(VerifyEd25519("short", "m", std::string(64, 'x')));
}

}  // namespace accredit
