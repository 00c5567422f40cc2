#include "base/base58.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace accredit::internal {

std::string Base58BtcEncode(std::string_view bytes) {
  // No 0, O, I or l: characters that look alike.
  constexpr std::string_view kAlphabet =
      "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  static_assert(kAlphabet.size() == 58);
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

}  // namespace accredit::internal
