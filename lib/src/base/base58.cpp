#include "base/base58.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace accredit::internal {

namespace {
// No 0, O, I or l: characters that look alike.
constexpr std::string_view kAlphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
static_assert(kAlphabet.size() == 58);
}  // namespace

std::string Base58BtcEncode(std::string_view bytes) {
  // Each leading zero byte is written as the alphabet's first character.
  std::size_t zeros = 0;
  while (zeros < bytes.size() && bytes[zeros] == 0) ++zeros;
  // The rest as a big number in base 58, least significant digit first (short inputs: keys).
  std::vector<std::uint8_t> digits;
  for (std::size_t i = zeros; i < bytes.size(); ++i) {
    std::uint32_t carry = static_cast<unsigned char>(bytes[i]);
    for (std::uint8_t& d : digits) {
      carry += static_cast<std::uint32_t>(d) << 8;
      d = static_cast<std::uint8_t>(carry % 58);
      carry /= 58;
    }
    while (carry > 0) {
      digits.push_back(static_cast<std::uint8_t>(carry % 58));
      carry /= 58;
    }
  }
  std::string out(zeros, kAlphabet[0]);
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) out += kAlphabet[*it];
  return out;
}

std::optional<std::string> Base58BtcDecode(std::string_view text) {
  if (text.size() > kMaxBase58Chars) return std::nullopt;
  std::size_t zeros = 0;
  while (zeros < text.size() && text[zeros] == kAlphabet[0]) ++zeros;
  // The rest as a big number in base 256, least significant byte first.
  std::vector<std::uint8_t> bytes;
  for (std::size_t i = zeros; i < text.size(); ++i) {
    const std::size_t digit = kAlphabet.find(text[i]);
    if (digit == std::string_view::npos) return std::nullopt;
    std::uint32_t carry = static_cast<std::uint32_t>(digit);
    for (std::uint8_t& b : bytes) {
      carry += static_cast<std::uint32_t>(b) * 58;
      b = static_cast<std::uint8_t>(carry & 0xff);
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.push_back(static_cast<std::uint8_t>(carry & 0xff));
      carry >>= 8;
    }
  }
  std::string out(zeros, '\0');
  for (auto it = bytes.rbegin(); it != bytes.rend(); ++it) out += static_cast<char>(*it);
  return out;
}

}  // namespace accredit::internal
