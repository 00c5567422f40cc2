// Base64url (RFC 4648 §5, the URL- and filename-safe alphabet, without padding), as JOSE (JWS,
// JWK) writes binary values.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace accredit::internal {

std::string Base64UrlEncode(std::string_view bytes);
// The bytes, or nullopt for text that is not unpadded base64url: a character outside the
// alphabet, padding, a length of 1 mod 4, or non-zero bits left over in the last character.
std::optional<std::string> Base64UrlDecode(std::string_view text);

}  // namespace accredit::internal
