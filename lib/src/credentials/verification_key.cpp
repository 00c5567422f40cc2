// Reading the public keys a verifier is given (ReadVerificationKeys in accredit/verify.h): a
// JWK, a JWK Set, a DID document or a PEM public key.
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <simdjson.h>

#include <memory>

#include "accredit/keys.h"
#include "accredit/verify.h"
#include "base/base64url.h"
#include "credentials/credential_json.h"

namespace accredit {

using internal::StringAt;

namespace {

// An Ed25519 JWK's key, or nullopt (with why, when it is a JWK of another kind).
std::optional<std::string> JwkKey(simdjson::dom::object jwk, std::string& why) {
  if (StringAt(jwk, "kty") != "OKP" || StringAt(jwk, "crv") != "Ed25519") {
    why = "a JWK that is not an Ed25519 key (kty OKP, crv Ed25519)";
    return std::nullopt;
  }
  std::optional<std::string> x = internal::Base64UrlDecode(StringAt(jwk, "x"));
  if (!x || x->size() != kEd25519KeyBytes) {
    why = "a JWK whose \"x\" is not 32 bytes of base64url";
    return std::nullopt;
  }
  return x;
}

std::vector<VerificationKey> PemKeys(std::string_view text, std::string& error) {
  if (text.find("PRIVATE KEY-----") != std::string_view::npos) {
    error =
        "this is a private key: a verifier needs the public one (accredit keys public KEY prints "
        "it; keep the private key with the centre)";
    return {};
  }
  std::unique_ptr<BIO, int (*)(BIO*)> bio(
      BIO_new_mem_buf(text.data(), static_cast<int>(text.size())), BIO_free);
  std::unique_ptr<EVP_PKEY, void (*)(EVP_PKEY*)> key(
      bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr) : nullptr, EVP_PKEY_free);
  ERR_clear_error();
  unsigned char raw[kEd25519KeyBytes];
  std::size_t size = sizeof raw;
  if (!key || EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_ED25519 ||
      EVP_PKEY_get_raw_public_key(key.get(), raw, &size) != 1 || size != sizeof raw) {
    error = "not an Ed25519 public key in PEM form (BEGIN PUBLIC KEY)";
    return {};
  }
  return {VerificationKey{std::string(reinterpret_cast<const char*>(raw), size), ""}};
}

}  // namespace

std::vector<VerificationKey> ReadVerificationKeys(std::string_view text, std::string& error) {
  if (text.size() > (1u << 20)) {
    error = "too large for a key file (more than 1 MiB)";
    return {};
  }
  if (text.find("-----BEGIN ") != std::string_view::npos) return PemKeys(text, error);
  simdjson::dom::parser parser;
  simdjson::dom::object object;
  if (parser.parse(simdjson::padded_string(text)).get_object().get(object) != simdjson::SUCCESS) {
    error =
        "not a key: give a did.json, a JWK ({\"kty\":\"OKP\",...}) or a PEM public key, as "
        "accredit keys public prints them";
    return {};
  }
  std::vector<VerificationKey> keys;
  std::string why;
  simdjson::dom::array list;
  if (object["verificationMethod"].get_array().get(list) == simdjson::SUCCESS) {
    // A DID document: each method with an Ed25519 key, under its id (relative ids, "#k1",
    // are made absolute with the document's id).
    const std::string_view did = StringAt(object, "id");
    for (simdjson::dom::element element : list) {
      simdjson::dom::object method;
      if (element.get_object().get(method) != simdjson::SUCCESS) continue;
      std::string kid(StringAt(method, "id"));
      if (!kid.empty() && kid.front() == '#') kid = std::string(did) + kid;
      simdjson::dom::object jwk;
      std::optional<std::string> key;
      if (method["publicKeyJwk"].get_object().get(jwk) == simdjson::SUCCESS) {
        key = JwkKey(jwk, why);
      } else if (std::string_view multibase = StringAt(method, "publicKeyMultibase");
                 !multibase.empty()) {
        key = DidKeyPublicKey("did:key:" + std::string(multibase));
        if (!key) why = "a publicKeyMultibase that is not an Ed25519 key";
      }
      if (key) keys.push_back({std::move(*key), std::move(kid)});
    }
    if (keys.empty()) {
      error = "a DID document with no Ed25519 key" + (why.empty() ? "" : " (" + why + ")");
    }
    return keys;
  }
  if (object["keys"].get_array().get(list) == simdjson::SUCCESS) {  // a JWK Set
    for (simdjson::dom::element element : list) {
      simdjson::dom::object jwk;
      if (element.get_object().get(jwk) != simdjson::SUCCESS) continue;
      if (std::optional<std::string> key = JwkKey(jwk, why)) {
        keys.push_back({std::move(*key), std::string(StringAt(jwk, "kid"))});
      }
    }
    if (keys.empty())
      error = "a JWK Set with no Ed25519 key" + (why.empty() ? "" : " (" + why + ")");
    return keys;
  }
  if (internal::Has(object, "d")) {
    error = "this JWK holds a private key (\"d\"): a verifier needs the public one";
    return {};
  }
  if (std::optional<std::string> key = JwkKey(object, why)) {
    keys.push_back({std::move(*key), std::string(StringAt(object, "kid"))});
  } else {
    error = why;
  }
  return keys;
}

}  // namespace accredit
