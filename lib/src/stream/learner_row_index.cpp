#include "stream/learner_row_index.h"

#include <algorithm>
#include <cstring>

#include "base/text_hash.h"

namespace accredit::internal {

LearnerRowIndex::LearnerRowIndex(std::size_t expected_records) {
  entries_.reserve(expected_records + 1);
  group_.reserve(expected_records);
  // Learners usually have several records each.
  std::size_t slots = 64;
  while (slots * 7 / 10 < expected_records / 10) slots *= 2;
  slots_.resize(slots);
}

bool LearnerRowIndex::SameId(const Slot& slot, std::uint32_t hash, std::string_view id) {
  if (slot.hash != hash || slot.length != id.size()) return false;
  const char* text = slot.id;
  if (slot.length > kInline) std::memcpy(&text, slot.id, sizeof text);
  return std::memcmp(text, id.data(), id.size()) == 0;
}

std::uint32_t LearnerRowIndex::Hash(std::string_view id) {
  return static_cast<std::uint32_t>(HashText(id));
}

std::uint32_t LearnerRowIndex::GroupOf(std::string_view id, bool copy, std::uint32_t hash) {
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    Slot& slot = slots_[i];
    if (slot.group == kNoLearner) {
      slot.hash = hash;
      slot.group = learners_++;
      slot.length = static_cast<std::uint32_t>(id.size());
      if (id.size() <= kInline) {
        std::memcpy(slot.id, id.data(), id.size());
      } else {
        const char* text = copy ? copies_.emplace_back(id).data() : id.data();
        std::memcpy(slot.id, &text, sizeof text);
      }
      const std::uint32_t group = slot.group;
      if (std::size_t{learners_} * 10 > slots_.size() * 7) Grow();
      return group;
    }
    if (SameId(slot, hash, id)) return slot.group;
  }
}

void LearnerRowIndex::Grow() {
  std::vector<Slot> old(slots_.size() * 2);
  old.swap(slots_);
  const std::size_t mask = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.group == kNoLearner) continue;
    std::size_t i = slot.hash & mask;
    while (slots_[i].group != kNoLearner) i = (i + 1) & mask;
    slots_[i] = slot;
  }
}

void LearnerRowIndex::Add(std::uint32_t start, std::uint32_t line, std::string_view id, bool copy) {
  const Pending pending{start, line, id, copy};
  Add(std::span<const Pending>(&pending, 1));
}

void LearnerRowIndex::Add(std::span<const Pending> batch) {
  constexpr std::size_t kMaxBatch = 64;
  std::uint32_t hashes[kMaxBatch];
  while (batch.size() > kMaxBatch) {
    Add(batch.first(kMaxBatch));
    batch = batch.subspan(kMaxBatch);
  }
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t k = 0; k < batch.size(); ++k) {
    hashes[k] = Hash(batch[k].id);
    __builtin_prefetch(&slots_[hashes[k] & mask]);
  }
  for (std::size_t k = 0; k < batch.size(); ++k) {
    const Pending& record = batch[k];
    entries_.push_back(Entry{record.start, record.line});
    if (record.id.empty()) {
      group_.push_back(kNoLearner);
      continue;
    }
    // A learner's rows are often together even in an unsorted input: try the last one first.
    if (last_group_ == kNoLearner || record.id != last_id_) {
      last_group_ = GroupOf(record.id, record.copy, hashes[k]);
      last_id_.assign(record.id);
    }
    group_.push_back(last_group_);
  }
}

void LearnerRowIndex::Finish(std::uint32_t end) {
  entries_.push_back(Entry{end, 0});
  // The records without a learner id come last, as one more group.
  const std::size_t learners = learners_;
  const std::size_t groups = learners + 1;
  slots_ = {};
  copies_.clear();
  last_group_ = kNoLearner;
  last_id_.clear();
  // A counting sort: each group's size, where each group starts, then each record in place.
  group_begin_.assign(groups + 1, 0);
  for (std::uint32_t& g : group_) {
    if (g == kNoLearner) g = static_cast<std::uint32_t>(learners);
    ++group_begin_[g + 1];
  }
  for (std::size_t g = 0; g < groups; ++g) group_begin_[g + 1] += group_begin_[g];
  order_.resize(group_.size());
  std::vector<std::uint32_t> next(group_begin_.begin(), group_begin_.end() - 1);
  for (std::size_t r = 0; r < group_.size(); ++r) {
    order_[next[group_[r]]++] = static_cast<std::uint32_t>(r);
  }
  group_ = {};
  // Without records lacking an id, the last group is empty: drop it.
  if (group_begin_[groups] == group_begin_[groups - 1]) group_begin_.pop_back();
}

std::uint32_t LearnerRowIndex::RecordOfLine(std::uint32_t line) const {
  // The last entry marks the end, not a record.
  auto records = entries_.end() - 1;
  auto after = std::upper_bound(entries_.begin(), records, line,
                                [](std::uint32_t l, const Entry& e) { return l < e.line; });
  if (after == entries_.begin()) return 0;
  return static_cast<std::uint32_t>(after - entries_.begin() - 1);
}

}  // namespace accredit::internal
