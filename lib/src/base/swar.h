// Byte tests on a 64-bit word at a time ("SIMD within a register"), for scanning text without
// a branch per byte. Words are loaded with memcpy in the machine's order, which must be little
// endian so that the lowest flagged bit belongs to the first byte.
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace accredit::internal {

static_assert(std::endian::native == std::endian::little, "SWAR scans assume little endian");

// 0x80 in each byte of `word` equal to `c`, 0 elsewhere. Exact: no carry crosses a byte, so a
// match cannot flag its neighbour.
inline std::uint64_t ByteMask(std::uint64_t word, char c) {
  constexpr std::uint64_t kLow7 = 0x7f7f7f7f7f7f7f7full;
  const std::uint64_t v = word ^ (0x0101010101010101ull * static_cast<unsigned char>(c));
  return ~(((v & kLow7) + kLow7) | v | kLow7);
}

// How many bytes a ByteMask() result flags (a multiply, where std::popcount would be a call
// into libgcc without -mpopcnt).
inline std::size_t ByteCount(std::uint64_t mask) {
  return static_cast<std::size_t>(((mask >> 7) * 0x0101010101010101ull) >> 56);
}

// How many bits of `bits` are set: std::popcount where the processor is known to have the
// instruction for it, else in a register (without -mpopcnt, std::popcount is a call into
// libgcc).
inline int BitCount(std::uint64_t bits) {
#if defined(__POPCNT__)
  return std::popcount(bits);
#else
  bits -= (bits >> 1) & 0x5555555555555555ull;
  bits = (bits & 0x3333333333333333ull) + ((bits >> 2) & 0x3333333333333333ull);
  bits = (bits + (bits >> 4)) & 0x0f0f0f0f0f0f0f0full;
  return static_cast<int>((bits * 0x0101010101010101ull) >> 56);
#endif
}

// A block of bytes tested at once: 16 with SSE2 (which every x86-64 processor has), else a
// 64-bit word (WebAssembly, other processors). A test gives a mask whose flags, lowest first,
// follow the block's bytes; ByteAt() turns a flag's bit index into its byte's index.
#if defined(__SSE2__)
struct ByteBlock {
  static constexpr std::size_t kSize = 16;
  using Mask = std::uint32_t;
  explicit ByteBlock(const char* p) : bytes(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p))) {}
  Mask Equal(char c) const {
    return static_cast<Mask>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, _mm_set1_epi8(c))));
  }
  Mask High() const { return static_cast<Mask>(_mm_movemask_epi8(bytes)); }
  static std::size_t ByteAt(int bit) { return static_cast<std::size_t>(bit); }
  __m128i bytes;
};
#else
struct ByteBlock {
  static constexpr std::size_t kSize = 8;
  using Mask = std::uint64_t;
  explicit ByteBlock(const char* p) { std::memcpy(&word, p, 8); }
  Mask Equal(char c) const { return ByteMask(word, c); }
  Mask High() const { return word & 0x8080808080808080ull; }
  static std::size_t ByteAt(int bit) { return static_cast<std::size_t>(bit) / 8; }
  std::uint64_t word = 0;
};
#endif

// How many bytes of `text` are `c`: 16 bytes at a time with SSE2, their matches summed in
// byte counters that are added up before any can overflow; else eight at a time (ByteCount).
inline std::size_t CountByte(std::string_view text, char c) {
  std::size_t count = 0;
  std::size_t i = 0;
  const std::size_t n = text.size();
  const char* data = text.data();
#if defined(__SSE2__)
  const __m128i wanted = _mm_set1_epi8(c);
  while (i + 16 <= n) {
    __m128i counters = _mm_setzero_si128();
    // At most 255 blocks, so that no byte counter wraps.
    const std::size_t blocks = std::min<std::size_t>((n - i) / 16, 255);
    for (std::size_t b = 0; b < blocks; ++b, i += 16) {
      const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i));
      counters = _mm_sub_epi8(counters, _mm_cmpeq_epi8(bytes, wanted));  // a match is -1
    }
    const __m128i sums = _mm_sad_epu8(counters, _mm_setzero_si128());
    count += static_cast<std::size_t>(_mm_cvtsi128_si32(sums)) +
             static_cast<std::size_t>(_mm_extract_epi16(sums, 4));
  }
#else
  for (; i + 8 <= n; i += 8) {
    std::uint64_t word;
    std::memcpy(&word, data + i, 8);
    count += ByteCount(ByteMask(word, c));
  }
#endif
  for (; i < n; ++i) count += data[i] == c ? 1 : 0;
  return count;
}

}  // namespace accredit::internal
