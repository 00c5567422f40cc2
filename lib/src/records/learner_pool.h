// Learners given back once written, so that their memory serves the learners of the next
// chunk a thread reads.
//
// A learner's rows need three blocks of memory (its achievements, 3.5 KB reserved for sixteen;
// their texts; its row hashes). Allocated afresh for each of a million learners and freed once the
// chunk is written, they cost a malloc and a free apiece, the achievements' beyond malloc's
// per-thread cache of small blocks: a twelfth of the time of reading a row. A pool per reading
// thread (ReadScratch, record_stream.h) takes a written chunk's learners back and hands them
// out again empty, their capacity kept.
#pragma once

#include <cstdint>
#include <vector>

#include "accredit/records.h"

namespace accredit::internal {

class LearnerPool {
 public:
  // A learner holding nothing, in memory given back when there is some.
  Learner Take();
  // Takes back `learners`' memory (what they hold is dropped), up to kMaxSpare learners.
  void GiveBack(std::vector<Learner>&& learners);

  // Row hashes' memory, in the same way (Grouping's per-learner sieve for duplicate rows).
  std::vector<std::uint64_t> TakeHashes();
  void GiveBackHashes(std::vector<std::uint64_t>&& hashes);

  std::size_t spare() const { return learners_.size(); }
  // Bounds what a pool keeps: more than a chunk of the usual size holds (64 KiB, about 90
  // learners of a dozen rows), at most about 16 MiB for learners of that size. What it keeps
  // is given out again as the next chunk is read, so it holds about one chunk's learners.
  static constexpr std::size_t kMaxSpare = 4096;

 private:
  std::vector<Learner> learners_;
  std::vector<std::vector<std::uint64_t>> hashes_;
};

}  // namespace accredit::internal
