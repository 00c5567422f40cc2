// Byte tests on a 64-bit word at a time ("SIMD within a register"), for scanning text without
// a branch per byte. Words are loaded with memcpy in the machine's order, which must be little
// endian so that the lowest flagged bit belongs to the first byte.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>

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

}  // namespace accredit::internal
