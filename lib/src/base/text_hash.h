// A fast 64-bit hash of short texts (learner ids, field values, memo keys), for hash tables and
// sieves inside one process. Not stable across versions and not for anything an adversary
// could aim at: every table using it compares the texts as well, so a collision costs time,
// never a wrong answer.
//
// std::hash<std::string_view> (MurmurHash2 in libstdc++) is an out-of-line call that reads a
// byte at a time at the tail, and the learner index called it for every row. This reads eight
// bytes at a time, inline, and ends in the MurmurHash3 finaliser so that the low bits (the ones
// open addressing masks out) depend on every byte.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace accredit::internal {

inline std::uint64_t MixHash(std::uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return h;
}

// The first and the last sizeof(Word) bytes of the `n` at `p` (sizeof(Word) <= n), as one word.
template <typename Word>
std::uint64_t FirstAndLast(const char* p, std::size_t n) {
  Word first;
  Word last;
  std::memcpy(&first, p, sizeof(Word));
  std::memcpy(&last, p + n - sizeof(Word), sizeof(Word));
  return first | std::uint64_t{last} << (8 * sizeof(Word));
}

// The `n` bytes (fewer than 8) at `p` as one word, without the call that a memcpy of a length
// unknown at compile time costs: two overlapping loads cover every byte, so different texts
// of one length give different words (not the word a memcpy would give).
inline std::uint64_t ShortWord(const char* p, std::size_t n) {
  if (n >= 4) return FirstAndLast<std::uint32_t>(p, n);
  if (n >= 2) return FirstAndLast<std::uint16_t>(p, n);
  return n == 1 ? static_cast<unsigned char>(*p) : 0;
}

// Hash of `text`, continuing from `seed` (so that fields can be chained: ("ab", "") and
// ("a", "b") differ because the length goes in with each text).
inline std::uint64_t HashText(std::string_view text, std::uint64_t seed = 0) {
  constexpr std::uint64_t kMultiplier = 0x9e3779b97f4a7c15ull;
  std::uint64_t h = (seed ^ text.size()) * kMultiplier;
  const char* p = text.data();
  std::size_t n = text.size();
  while (n >= 8) {
    std::uint64_t word;
    std::memcpy(&word, p, 8);
    h = (h ^ word) * kMultiplier;
    h ^= h >> 29;
    p += 8;
    n -= 8;
  }
  if (n > 0) {
    h = (h ^ ShortWord(p, n)) * kMultiplier;
    h ^= h >> 29;
  }
  return MixHash(h);
}

}  // namespace accredit::internal
