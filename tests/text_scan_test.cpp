// The word-at-a-time primitives the readers scan with (swar.h, internal), line counting built
// on them (csv_record_split.h), and the inline text hash (text_hash.h): each against the
// obvious byte-at-a-time answer.
#include <doctest/doctest.h>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <random>
#include <set>
#include <string>

#include "base/swar.h"
#include "base/text_hash.h"
#include "stream/csv_record_split.h"

namespace accredit::internal {
namespace {

std::uint64_t Word(const unsigned char (&bytes)[8]) {
  std::uint64_t word;
  std::memcpy(&word, bytes, 8);
  return word;
}

TEST_CASE("ByteMask flags exactly the bytes equal to the one looked for") {
  // Every byte value next to the one looked for and next to its neighbours in value: a
  // borrow or carry leaking into the next byte would flag it too.
  for (int target : {0x00, 0x0a, 0x22, 0x2c, 0x7f, 0x80, 0xff}) {
    for (int other = 0; other < 256; ++other) {
      for (int at = 0; at < 8; ++at) {
        unsigned char bytes[8];
        for (int i = 0; i < 8; ++i) bytes[i] = static_cast<unsigned char>(i == at ? target : other);
        const std::uint64_t mask = ByteMask(Word(bytes), static_cast<char>(target));
        for (int i = 0; i < 8; ++i) {
          const bool flagged = ((mask >> (8 * i)) & 0xff) == 0x80;
          const bool zero = ((mask >> (8 * i)) & 0xff) == 0;
          INFO("target ", target, " other ", other, " at ", at, " byte ", i);
          CHECK((flagged || zero));
          CHECK(flagged == (bytes[i] == target));
        }
        CHECK(ByteCount(mask) == static_cast<std::size_t>(std::count(
                                     bytes, bytes + 8, static_cast<unsigned char>(target))));
      }
    }
  }
}

TEST_CASE("ByteCount counts every flagged byte, up to all eight") {
  for (unsigned flags = 0; flags < 256; ++flags) {
    std::uint64_t mask = 0;
    for (int i = 0; i < 8; ++i) {
      if ((flags >> i) & 1u) mask |= std::uint64_t{0x80} << (8 * i);
    }
    CHECK(ByteCount(mask) == static_cast<std::size_t>(__builtin_popcount(flags)));
  }
}

TEST_CASE("BitCount counts the set bits of a word, as std::popcount does") {
  std::mt19937_64 random(20261207);
  CHECK(BitCount(0) == 0);
  CHECK(BitCount(~std::uint64_t{0}) == 64);
  for (int round = 0; round < 10000; ++round) {
    // Sparse, dense and even words alike: a random word masked by one, two or no others.
    std::uint64_t bits = random();
    if (round % 3 == 1) bits &= random();
    if (round % 3 == 2) bits |= random();
    CHECK(BitCount(bits) == std::popcount(bits));
  }
}

TEST_CASE("CountLines counts line feeds at every length and alignment") {
  std::mt19937 random(20261123);
  for (std::size_t length = 0; length < 70; ++length) {
    for (int round = 0; round < 20; ++round) {
      std::string text(length + 3, 'x');
      for (char& c : text) c = "\n\r,a\x80"[random() % 5];
      for (std::size_t offset = 0; offset < 3; ++offset) {
        std::string_view view(text.data() + offset, length);
        CHECK(CountLines(view) == std::count(view.begin(), view.end(), '\n'));
      }
    }
  }
}

TEST_CASE("CountLines counts past the 255 blocks a byte counter holds") {
  // Every byte a line feed: each of the 16 byte counters reaches its limit in every round.
  for (std::size_t length :
       {std::size_t{16 * 255}, std::size_t{16 * 255 + 1}, std::size_t{16 * 600 + 5}}) {
    CHECK(CountLines(std::string(length, '\n')) == length);
  }
  std::string text(16 * 1000 + 7, 'a');
  for (std::size_t i = 3; i < text.size(); i += 7) text[i] = '\n';
  CHECK(CountLines(text) == std::count(text.begin(), text.end(), '\n'));
}

TEST_CASE("HashText separates texts and chained fields") {
  // Chaining puts each text's length in: ("ab", "") and ("a", "b") differ.
  CHECK(HashText("", HashText("ab")) != HashText("b", HashText("a")));
  CHECK(HashText("ab") != HashText("ba"));
  // A byte past the eighth, and a trailing NUL, change the hash.
  CHECK(HashText("abcdefghi") != HashText("abcdefghj"));
  CHECK(HashText(std::string_view("a\0", 2)) != HashText("a"));
  // No two of the ids of a cohort collide, and the low bits (a table's slot) spread.
  std::set<std::uint64_t> hashes;
  std::set<std::uint64_t> slots;
  for (int i = 0; i < 20000; ++i) {
    std::string id = "L" + std::to_string(1000000 + i);
    hashes.insert(HashText(id));
    slots.insert(HashText(id) & 0xffff);
  }
  CHECK(hashes.size() == 20000);
  CHECK(slots.size() > 16000);  // 65,536 slots: about 17,500 expected for a uniform hash
  CHECK(HashText("L1000000") == HashText(std::string("L1000000")));
}

}  // namespace
}  // namespace accredit::internal
