#include "records/row_memo.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <optional>

#include "accredit/values.h"
#include "base/text.h"

namespace accredit::internal {

void RowMemo::Bind(const RuleSet& rules) {
  if (rules_ == &rules) return;
  Clear();
  rules_ = &rules;
}

void RowMemo::Clear() {
  entries_.clear();
  text_.clear();
  std::fill(slots_.begin(), slots_.end(), 0);
  ClearKeys();
}

void RowMemo::ClearKeys() {
  keys_.clear();
  key_text_.clear();
  std::fill(key_slots_.begin(), key_slots_.end(), 0);
}

void RowMemo::BindLayout(std::string_view layout, char delimiter) {
  if (layout_ == layout && delimiter_ == delimiter) return;
  ClearKeys();
  layout_.assign(layout);
  delimiter_ = delimiter;
}

const RowMemo::Resolved* RowMemo::FindKey(std::string_view key, std::uint64_t hash) const {
  if (keys_.empty()) return nullptr;
  const std::size_t mask = key_slots_.size() - 1;
  for (std::size_t i = static_cast<std::size_t>(hash) & mask; key_slots_[i] != 0;
       i = (i + 1) & mask) {
    const Key& known = keys_[key_slots_[i] - 1];
    if (known.hash == hash && known.size == key.size() &&
        std::memcmp(key_text_.data() + known.text, key.data(), key.size()) == 0) {
      return &entries_[known.entry];
    }
  }
  return nullptr;
}

void RowMemo::AddKey(std::string_view key, std::uint64_t hash, const Resolved& resolved) {
  if (key_slots_.empty()) key_slots_.assign(kCapacity * 2, 0);  // at most half full
  if (keys_.size() == kCapacity) ClearKeys();
  keys_.push_back(Key{hash, static_cast<std::uint32_t>(key_text_.size()),
                      static_cast<std::uint32_t>(key.size()),
                      static_cast<std::uint32_t>(&resolved - entries_.data())});
  key_text_.append(key);
  const std::size_t mask = key_slots_.size() - 1;
  std::size_t i = static_cast<std::size_t>(hash) & mask;
  while (key_slots_[i] != 0) i = (i + 1) & mask;
  key_slots_[i] = static_cast<std::uint32_t>(keys_.size());
}

void RowMemo::KeyedValues(const Resolved& resolved, FieldValues& values) const {
  const char* text = text_.data() + resolved.text;
  for (std::size_t f = 0; f < kFieldCount; ++f) {
    if (!Keyed(f)) continue;
    values[f] = std::string_view(text, resolved.size[f]);
    text += resolved.size[f];
  }
}

bool RowMemo::Same(const Resolved& entry, const FieldValues& values) const {
  const char* text = text_.data() + entry.text;
  for (std::size_t f = 0; f < kFieldCount; ++f) {
    if (!Keyed(f)) continue;
    const std::string_view value = values[f];
    if (value.size() != entry.size[f]) return false;
    if (!value.empty() && std::memcmp(value.data(), text, value.size()) != 0) return false;
    text += value.size();
  }
  return true;
}

const RowMemo::Resolved* RowMemo::Find(const FieldValues& values, std::uint64_t hash) const {
  if (entries_.empty()) return nullptr;
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = static_cast<std::size_t>(hash) & mask; slots_[i] != 0; i = (i + 1) & mask) {
    const Resolved& entry = entries_[slots_[i] - 1];
    if (entry.hash == hash && Same(entry, values)) return &entry;
  }
  return nullptr;
}

std::uint64_t RowMemo::Add(const FieldValues& values, std::uint64_t hash, std::uint64_t keyed,
                           const Achievement& resolved) {
  // Numbers for Achievement::resolved_as, unique in the process: memos on several threads, and
  // a memo started again, never give one twice.
  static std::atomic<std::uint64_t> next_resolution{1};
  if (slots_.empty()) slots_.assign(kCapacity * 2, 0);  // at most half full
  if (entries_.size() == kCapacity) Clear();
  Resolved& entry = entries_.emplace_back();
  entry.hash = hash;
  entry.keyed = keyed;
  entry.text = static_cast<std::uint32_t>(text_.size());
  for (std::size_t f = 0; f < kFieldCount; ++f) {
    if (!Keyed(f)) continue;
    const std::string_view value = values[f];
    entry.size[f] = static_cast<std::uint32_t>(value.size());
    if (const std::string_view trimmed = TrimSpace(value); !trimmed.empty()) {
      entry.trimmed[f] = TextRef{
          static_cast<std::uint32_t>(text_.size() - entry.text +
                                     static_cast<std::size_t>(trimmed.data() - value.data())),
          static_cast<std::uint32_t>(trimmed.size())};
    }
    text_.append(value);
  }
  entry.block = static_cast<std::uint32_t>(text_.size() - entry.text);
  entry.achievement = resolved;
  entry.achievement.date.reset();
  entry.achievement.text = {};
  entry.achievement.location = Location{};
  entry.achievement.resolved_as = next_resolution.fetch_add(1, std::memory_order_relaxed);
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = static_cast<std::size_t>(hash) & mask;
  while (slots_[i] != 0) i = (i + 1) & mask;
  slots_[i] = static_cast<std::uint32_t>(entries_.size());
  return entry.achievement.resolved_as;
}

bool ReuseResolved(const RowMemo& memo, const RowMemo::Resolved& known, const FieldValues& values,
                   const Location& row, Learner& learner) {
  Achievement& out = learner.achievements.emplace_back(known.achievement);
  // Parsed straight into `out`: kept in a local std::optional across the copy above, its two
  // parts stored apart and read back as one word stalled the processor (store forwarding),
  // nearly half of this function's time.
  if (const std::string_view text = TrimSpace(values[static_cast<std::size_t>(Field::kDate)]);
      !text.empty()) {
    out.date = ParseDate(text);
    if (!out.date) {
      learner.achievements.pop_back();
      return false;
    }
  }
  out.location = row;
  // The keyed texts in one piece, as the memo holds them (one copy, not one a field).
  const std::uint32_t base = learner.Store(memo.Block(known)).offset;
  for (std::size_t f = 0; f < kFieldCount; ++f) {
    if (RowMemo::Keyed(f)) {
      if (known.trimmed[f].length != 0) {
        out.text[f] = TextRef{base + known.trimmed[f].offset, known.trimmed[f].length};
      }
    } else if (const std::string_view text = TrimSpace(values[f]); !text.empty()) {
      out.text[f] = learner.Store(text);
    }
  }
  return true;
}

}  // namespace accredit::internal
