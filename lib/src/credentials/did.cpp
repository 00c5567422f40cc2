// How a centre's public key is published (accredit/keys.h): as a JWK, a did:key and a did:web
// document.
#include <string>

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
  return "z" + internal::Base58BtcEncode(bytes);
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

bool IsDidWeb(std::string_view did) {
  constexpr std::string_view kPrefix = "did:web:";
  if (did.substr(0, kPrefix.size()) != kPrefix || did.size() == kPrefix.size()) return false;
  // The host (a port is written %3A) and path segments: letters, digits and . - _ % :
  for (char c : did.substr(kPrefix.size())) {
    const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                         (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_' || c == '%' ||
                         c == ':';
    if (!allowed) return false;
  }
  return did.back() != ':';
}

std::string DidWebUrl(std::string_view did) {
  std::string rest(did.substr(std::string_view("did:web:").size()));
  std::string host = rest.substr(0, rest.find(':'));
  for (std::size_t at = host.find("%3A"); at != std::string::npos; at = host.find("%3A", at)) {
    host.replace(at, 3, ":");
  }
  std::string path;
  if (rest.find(':') != std::string::npos) {
    path = rest.substr(rest.find(':'));
    for (char& c : path) {
      if (c == ':') c = '/';
    }
  } else {
    path = "/.well-known";
  }
  return "https://" + host + path + "/did.json";
}

std::string DidWebDocument(std::string_view did, std::string_view public_key) {
  const std::string method = std::string(did) + "#key-1";
  JsonWriter json;
  json.BeginObject();
  json.Key("@context").BeginArray();
  json.String("https://www.w3.org/ns/did/v1");
  json.String("https://w3id.org/security/suites/jws-2020/v1");
  json.EndArray();
  json.Key("id").String(did);
  json.Key("verificationMethod").BeginArray();
  json.BeginObject();
  json.Key("id").String(method);
  json.Key("type").String("JsonWebKey2020");
  json.Key("controller").String(did);
  json.Key("publicKeyJwk");
  WriteJwk(json, public_key);
  json.EndObject();
  json.EndArray();
  json.Key("assertionMethod").BeginArray().String(method).EndArray();
  json.Key("authentication").BeginArray().String(method).EndArray();
  json.EndObject();
  return json.str();
}

}  // namespace accredit
