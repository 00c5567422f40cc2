// Base58 with the Bitcoin alphabet ("base58btc"), as multibase (prefix 'z') writes the keys of
// a did:key.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace accredit::internal {

std::string Base58BtcEncode(std::string_view bytes);
// The longest text Base58BtcDecode() reads: keys are short, and decoding is quadratic.
inline constexpr std::size_t kMaxBase58Chars = 256;
// The bytes, or nullopt for text with a character outside the alphabet or longer than
// kMaxBase58Chars.
std::optional<std::string> Base58BtcDecode(std::string_view text);

}  // namespace accredit::internal
