// How a centre's public key is published (accredit/keys.h): as a JWK, a did:key and a did:web
// document.
#include <span>
#include <string>
#include <vector>

#include "accredit/json_writer.h"
#include "accredit/keys.h"
#include "base/base58.h"
#include "base/base64url.h"

namespace accredit {

namespace {

// The multibase (base58btc, 'z') value of the key with its multicodec prefix: ed25519-pub is
// code 0xed, written as the varint 0xed 0x01.
std::string Multibase(std::string_view public_key) {
  std::string bytes("\xed\x01", 2);
  bytes += public_key;
  std::string multibase = "z";  // (not "z" + ...: GCC 12 warns of a false -Wrestrict there)
  multibase += internal::Base58BtcEncode(bytes);
  return multibase;
}

void WriteJwk(JsonWriter& json, std::string_view public_key) {
  json.BeginObject();
  json.Key("kty").String("OKP");
  json.Key("crv").String("Ed25519");
  json.Key("x").String(internal::Base64UrlEncode(public_key));
  json.EndObject();
}

}  // namespace

std::string PublicKeyJwk(std::string_view public_key) {
  JsonWriter json;
  WriteJwk(json, public_key);
  return json.str();
}

std::string DidKey(std::string_view public_key) { return "did:key:" + Multibase(public_key); }

std::string DidKeyVerificationMethod(std::string_view public_key) {
  return DidKey(public_key) + "#" + Multibase(public_key);
}

std::optional<std::string> DidKeyPublicKey(std::string_view did) {
  constexpr std::string_view kPrefix = "did:key:z";
  if (did.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
  did.remove_prefix(kPrefix.size());
  did = did.substr(0, did.find('#'));
  std::optional<std::string> bytes = internal::Base58BtcDecode(did);
  if (!bytes || bytes->size() != 2 + kEd25519KeyBytes || bytes->substr(0, 2) != "\xed\x01") {
    return std::nullopt;
  }
  return bytes->substr(2);
}

std::string DidWebVerificationMethod(std::string_view did, std::string_view public_key) {
  return std::string(did) + "#" + Multibase(public_key);
}

std::string DidWebDocument(std::string_view did, std::span<const std::string> public_keys) {
  std::vector<std::string> methods;
  for (const std::string& key : public_keys) methods.push_back(DidWebVerificationMethod(did, key));
  JsonWriter json;
  json.BeginObject();
  json.Key("@context").BeginArray();
  json.String("https://www.w3.org/ns/did/v1");
  json.String("https://w3id.org/security/suites/jws-2020/v1");
  json.EndArray();
  json.Key("id").String(did);
  json.Key("verificationMethod").BeginArray();
  for (std::size_t i = 0; i < public_keys.size(); ++i) {
    json.BeginObject();
    json.Key("id").String(methods[i]);
    json.Key("type").String("JsonWebKey2020");
    json.Key("controller").String(did);
    json.Key("publicKeyJwk");
    WriteJwk(json, public_keys[i]);
    json.EndObject();
  }
  json.EndArray();
  for (std::string_view relation : {"assertionMethod", "authentication"}) {
    json.Key(relation).BeginArray();
    for (const std::string& method : methods) json.String(method);
    json.EndArray();
  }
  json.EndObject();
  return json.str();
}

std::string DidWebDocument(std::string_view did, std::string_view public_key) {
  const std::string key(public_key);
  return DidWebDocument(did, std::span<const std::string>(&key, 1));
}

}  // namespace accredit
