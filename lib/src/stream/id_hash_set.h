// The learner ids a stream has settled, as 64-bit hashes (open addressing, at most half full:
// at most 16 bytes a learner). Two ids with one hash count as one: the stream's promise then
// seems broken, and the input is read another way, never wrongly.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "base/text_hash.h"

namespace accredit::internal {

class IdHashSet {
 public:
  // False when `id` (or an id with its hash) is in the set already.
  bool Insert(std::string_view id) {
    std::uint64_t hash = HashText(id);
    if (hash == 0) hash = 1;  // 0 marks an empty slot
    if ((count_ + 1) * 2 > slots_.size()) Grow();
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
      if (slots_[i] == hash) return false;
      if (slots_[i] == 0) {
        slots_[i] = hash;
        ++count_;
        return true;
      }
    }
  }

 private:
  void Grow() {
    std::vector<std::uint64_t> old(std::max<std::size_t>(slots_.size() * 2, 1024));
    old.swap(slots_);
    const std::size_t mask = slots_.size() - 1;
    for (std::uint64_t hash : old) {
      if (hash == 0) continue;
      std::size_t i = hash & mask;
      while (slots_[i] != 0) i = (i + 1) & mask;
      slots_[i] = hash;
    }
  }

  std::vector<std::uint64_t> slots_;
  std::size_t count_ = 0;
};

}  // namespace accredit::internal
