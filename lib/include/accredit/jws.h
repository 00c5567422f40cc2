// Compact JSON Web Signatures (RFC 7515) made and checked with Ed25519 (alg "EdDSA", RFC 8037):
// the form of a VC-JWT, as Open Badges 3.0 secures a credential (§8.2).
//
//   std::string token = SignCompactJws(R"({"alg":"EdDSA","typ":"JWT"})", payload, key);
//   std::optional<CompactJws> jws = ParseCompactJws(token, error);
//   bool genuine = jws && VerifyEd25519(public_key, jws->signing_input, jws->signature);
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "accredit/keys.h"

namespace accredit {

// No token accredit reads is longer than this (a cohort's CLR is tens of kilobytes).
inline constexpr std::size_t kMaxJwsBytes = 4u << 20;

// HEADER.PAYLOAD.SIGNATURE, each base64url: the header JSON and the payload as given, signed
// with `key`.
std::string SignCompactJws(std::string_view header_json, std::string_view payload,
                           const SigningKey& key);

// A compact JWS taken apart (not yet verified).
struct CompactJws {
  std::string header_json;    // the protected header, decoded
  std::string payload;        // decoded
  std::string signature;      // decoded: 64 bytes for Ed25519
  std::string signing_input;  // the first two parts as they were: what the signature covers
};

// The three parts, or nullopt and why: not three parts, a part that is not unpadded base64url,
// or a token longer than kMaxJwsBytes.
std::optional<CompactJws> ParseCompactJws(std::string_view token, std::string& error);

// Whether `signature` is the Ed25519 signature of `message` by the 32-byte `public_key`.
bool VerifyEd25519(std::string_view public_key, std::string_view message,
                   std::string_view signature);

}  // namespace accredit
