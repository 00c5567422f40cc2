#include "records/learner_pool.h"

#include <utility>

namespace accredit::internal {

Learner LearnerPool::Take() {
  if (learners_.empty()) return Learner{};
  // A fresh learner given the spare one's blocks, so that nothing it held is left over.
  Learner learner;
  learner.achievements = std::move(learners_.back().achievements);
  learner.achievements.clear();
  learner.text = std::move(learners_.back().text);
  learner.text.clear();
  learners_.pop_back();
  return learner;
}

void LearnerPool::GiveBack(std::vector<Learner>&& learners) {
  for (Learner& learner : learners) {
    if (learners_.size() == kMaxSpare) break;
    learners_.push_back(std::move(learner));
  }
  learners.clear();
}

std::vector<std::uint64_t> LearnerPool::TakeHashes() {
  if (hashes_.empty()) return {};
  std::vector<std::uint64_t> hashes = std::move(hashes_.back());
  hashes_.pop_back();
  hashes.clear();
  return hashes;
}

void LearnerPool::GiveBackHashes(std::vector<std::uint64_t>&& hashes) {
  if (hashes_.size() < kMaxSpare) hashes_.push_back(std::move(hashes));
}

}  // namespace accredit::internal
