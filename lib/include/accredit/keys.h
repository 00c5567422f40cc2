// A centre's signing key: the Ed25519 key pair an issuer signs transcripts with (Open Badges
// 3.0 credentials secured as VC-JWT, alg EdDSA), made and used through OpenSSL. No
// cryptography is written here.
//
// The private key lives in a PEM file (PKCS#8, "BEGIN PRIVATE KEY") that only its owner may
// read: Save() creates it with mode 0600 and never replaces a file; Load() refuses a key file
// that anyone else may read (the key may already have leaked), a folder, a FIFO, or a key that
// is not Ed25519. Nothing here ever prints the private key.
//
// What a verifier needs is the public key, published as a JWK, as a did:key (the key itself,
// self-describing) or in a did.json document for a did:web hosted on the centre's website.
//
//   std::string error;
//   std::optional<SigningKey> key = SigningKey::Generate(error);
//   if (!key || !key->Save("centre.key", error)) return Fail(error);
//   std::cout << DidKey(key->public_key());
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "accredit/did_web.h"

namespace accredit {

// The 32 bytes of an Ed25519 public key.
inline constexpr std::size_t kEd25519KeyBytes = 32;

class SigningKey {
 public:
  // A new key pair from the system's random source; nullopt (and `error`) if OpenSSL fails.
  static std::optional<SigningKey> Generate(std::string& error);
  // The key in a PEM file Save() wrote (or `openssl genpkey -algorithm ed25519` writes);
  // nullopt and why (said for a school's IT person: the path, what is wrong, what to do).
  static std::optional<SigningKey> Load(const std::string& path, std::string& error);
  // From PEM text in memory (tests; a key that is not a file).
  static std::optional<SigningKey> FromPem(std::string_view pem, std::string& error);

  // Writes the private key to a new file `path`, readable by its owner alone (0600); false and
  // why if the file exists or cannot be written (a partial file is removed).
  bool Save(const std::string& path, std::string& error) const;

  // The raw public key, kEd25519KeyBytes bytes.
  const std::string& public_key() const { return public_key_; }
  // The Ed25519 signature of `message` (64 bytes; deterministic: the same message and key
  // always give the same signature).
  std::string Sign(std::string_view message) const;

  ~SigningKey();
  SigningKey(SigningKey&&) noexcept;
  SigningKey& operator=(SigningKey&&) noexcept;

 private:
  struct Impl;
  explicit SigningKey(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  std::string public_key_;
};

// The public key as a JSON Web Key (RFC 8037): {"kty":"OKP","crv":"Ed25519","x":"..."}.
std::string PublicKeyJwk(std::string_view public_key);
// The key's did:key (did:key:z6Mk...: multibase base58btc of the ed25519-pub multicodec and
// the key), and the id of its verification method (the did, '#', the same multibase value).
std::string DidKey(std::string_view public_key);
std::string DidKeyVerificationMethod(std::string_view public_key);
// The Ed25519 public key a did:key is made of (did:key:z6Mk..., with or without a '#' fragment),
// or nullopt when `did` is not the did:key of an Ed25519 key.
std::optional<std::string> DidKeyPublicKey(std::string_view did);
// The id of a key's verification method under a did:web: `did`#MULTIBASE, the key's own
// multibase value as in its did:key, so that each key a centre ever signs with has an id of its
// own (a verifier told of a new key still knows which key an older transcript names).
std::string DidWebVerificationMethod(std::string_view did, std::string_view public_key);
// A DID document (did.json) for `did` (did:web:school.example, served at
// https://school.example/.well-known/did.json) with each key as a verification method
// (JsonWebKey2020), for assertions and authentication: the key signing now first, then any
// earlier keys whose signatures must still be checked.
std::string DidWebDocument(std::string_view did, std::span<const std::string> public_keys);
std::string DidWebDocument(std::string_view did, std::string_view public_key);

}  // namespace accredit
