// Compact JWS with Ed25519 (accredit/jws.h), over OpenSSL.
#include "accredit/jws.h"

#include <openssl/err.h>
#include <openssl/evp.h>

#include <memory>

#include "base/base64url.h"

namespace accredit {

std::string SignCompactJws(std::string_view header_json, std::string_view payload,
                           const SigningKey& key) {
  std::string input =
      internal::Base64UrlEncode(header_json) + "." + internal::Base64UrlEncode(payload);
  const std::string signature = key.Sign(input);
  if (signature.empty()) return {};
  return input + "." + internal::Base64UrlEncode(signature);
}

std::optional<CompactJws> ParseCompactJws(std::string_view token, std::string& error) {
  if (token.size() > kMaxJwsBytes) {
    error = "the token is too long to be a credential";
    return std::nullopt;
  }
  const std::size_t first = token.find('.');
  const std::size_t second = first == std::string_view::npos ? first : token.find('.', first + 1);
  if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos) {
    error = "a signed credential has three parts separated by dots (HEADER.PAYLOAD.SIGNATURE)";
    return std::nullopt;
  }
  std::optional<std::string> header = internal::Base64UrlDecode(token.substr(0, first));
  std::optional<std::string> payload =
      internal::Base64UrlDecode(token.substr(first + 1, second - first - 1));
  std::optional<std::string> signature = internal::Base64UrlDecode(token.substr(second + 1));
  if (!header || !payload || !signature) {
    error = "a part of the token is not base64url (letters, digits, '-' and '_', unpadded)";
    return std::nullopt;
  }
  return CompactJws{std::move(*header), std::move(*payload), std::move(*signature),
                    std::string(token.substr(0, second))};
}

bool VerifyEd25519(std::string_view public_key, std::string_view message,
                   std::string_view signature) {
  if (public_key.size() != kEd25519KeyBytes || signature.size() != 64) return false;
  std::unique_ptr<EVP_PKEY, void (*)(EVP_PKEY*)> key(
      EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr,
                                  reinterpret_cast<const unsigned char*>(public_key.data()),
                                  public_key.size()),
      EVP_PKEY_free);
  std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  const bool genuine =
      key && ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) == 1 &&
      EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                       signature.size(), reinterpret_cast<const unsigned char*>(message.data()),
                       message.size()) == 1;
  ERR_clear_error();
  return genuine;
}

}  // namespace accredit
