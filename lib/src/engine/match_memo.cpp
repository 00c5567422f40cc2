#include "engine/match_memo.h"

#include <algorithm>
#include <cstring>
#include <string_view>

namespace accredit::internal {

namespace {

constexpr std::size_t kMaxPlans = 4;
constexpr std::size_t kMaxKeys = 8192;  // per plan; about 0.5 MB with 50 filters
// And at most this much key text per plan (free-text fields are in the key when read).
constexpr std::size_t kMaxKeyBytes = std::size_t{16} << 20;

template <typename T>
void Append(std::string& key, T value) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));
  key.append(bytes, sizeof(T));
}

void AppendText(std::string& key, std::string_view text) {
  Append(key, static_cast<std::uint32_t>(text.size()));
  key.append(text);
}

bool Reads(const Plan& plan, Field field) {
  return (plan.filter_fields >> static_cast<unsigned>(field) & 1u) != 0;
}

// Everything MatchesCondition() (plan.cpp) may look at, for the fields the plan's filters
// read. The interned fields go in whether read or not: they are cheap, and a grade's meaning
// depends on its type.
void BuildKey(const Plan& plan, const Learner& learner, const Achievement& a, std::string& key) {
  key.clear();
  Append(key, static_cast<std::uint8_t>(a.kind));
  Append(key, static_cast<std::uint8_t>(a.status));
  Append(key, static_cast<std::int32_t>(a.type));
  Append(key, static_cast<std::int32_t>(a.subject));
  Append(key, static_cast<std::int32_t>(a.grade));
  Append(key, static_cast<std::int32_t>(a.special));
  for (std::size_t f = 0; f < kFieldCount; ++f) {
    Field field = static_cast<Field>(f);
    if (!Reads(plan, field)) continue;
    switch (field) {
      case Field::kKind:
      case Field::kType:
      case Field::kSubject:
      case Field::kStatus:
        break;
      case Field::kGrade:
        // A special code is matched by its text.
        if (a.grade == kNone) AppendText(key, learner.Text(a, Field::kGrade));
        break;
      case Field::kLevel:
        Append(key, static_cast<std::int8_t>(a.level ? 1 : 0));
        Append(key, a.level ? a.level->value : std::int8_t{0});
        break;
      case Field::kHours:
        Append(key, a.hours);
        break;
      case Field::kDate:
        Append(key, static_cast<std::int8_t>(a.date ? 1 : 0));
        Append(key, a.date ? a.date->days : 0);
        break;
      default:
        AppendText(key, learner.Text(a, field));
        break;
    }
  }
}

}  // namespace

MatchMemo::Table& MatchMemo::TableFor(const Plan& plan) {
  for (std::size_t i = tables_.size(); i-- > 0;) {
    if (tables_[i].serial != plan.serial) continue;
    if (i + 1 != tables_.size()) std::swap(tables_[i], tables_.back());
    return tables_.back();
  }
  if (tables_.size() == kMaxPlans) tables_.erase(tables_.begin());
  tables_.emplace_back();
  tables_.back().serial = plan.serial;
  return tables_.back();
}

void MatchMemo::Grow(Table& table) {
  std::vector<Slot> old = std::move(table.slots);
  table.slots.assign(old.empty() ? 64 : old.size() * 2, Slot{});
  const std::size_t mask = table.slots.size() - 1;
  for (const Slot& slot : old) {
    if (slot.row == kEmpty) continue;
    std::size_t i = static_cast<std::size_t>(slot.hash) & mask;
    while (table.slots[i].row != kEmpty) i = (i + 1) & mask;
    table.slots[i] = slot;
  }
}

std::uint32_t MatchMemo::RowOf(Table& table, const Plan& plan, const Learner& learner,
                               const Achievement& a, const std::string& key) {
  const std::uint64_t hash = HashText(key);
  if (!table.slots.empty()) {
    const std::size_t mask = table.slots.size() - 1;
    for (std::size_t i = static_cast<std::size_t>(hash) & mask;; i = (i + 1) & mask) {
      const Slot& slot = table.slots[i];
      if (slot.row == kEmpty) break;
      if (slot.hash == hash && slot.key_size == key.size() &&
          std::string_view(table.keys).substr(slot.key, slot.key_size) == key) {
        return slot.row;
      }
    }
  }
  if (table.count == kMaxKeys || table.keys.size() + key.size() > kMaxKeyBytes) {
    table.slots.clear();
    table.count = 0;
    table.keys.clear();
    table.rows.clear();
    table.leaves.clear();
    // Their rows are gone.
    std::fill(table.resolutions.begin(), table.resolutions.end(), Resolution{});
    table.resolution_count = 0;
  }
  if ((table.count + 1) * 2 > table.slots.size()) Grow(table);
  Slot slot;
  slot.hash = hash;
  slot.key = static_cast<std::uint32_t>(table.keys.size());
  slot.key_size = static_cast<std::uint32_t>(key.size());
  slot.row = static_cast<std::uint32_t>(table.rows.size());
  table.keys += key;
  for (const CompiledAggregate& agg : plan.aggregates) {
    table.rows.push_back(Matches(plan, agg.where, learner, a) ? 1 : 0);
  }
  const std::size_t words = table.leaves.size();
  table.leaves.resize(words + LeafWords(plan), 0);
  for (std::size_t leaf = 0; leaf < plan.leaf_aggregates.size(); ++leaf) {
    if (table.rows[slot.row + static_cast<std::size_t>(plan.leaf_aggregates[leaf])] != 0) {
      table.leaves[words + leaf / 64] |= std::uint64_t{1} << (leaf % 64);
    }
  }
  const std::size_t mask = table.slots.size() - 1;
  std::size_t i = static_cast<std::size_t>(hash) & mask;
  while (table.slots[i].row != kEmpty) i = (i + 1) & mask;
  table.slots[i] = slot;
  ++table.count;
  return slot.row;
}

const std::uint32_t* MatchMemo::FindResolution(const Table& table, std::uint64_t id) {
  if (table.resolutions.empty()) return nullptr;
  const std::size_t mask = table.resolutions.size() - 1;
  for (std::size_t i = static_cast<std::size_t>(MixHash(id)) & mask; table.resolutions[i].id != 0;
       i = (i + 1) & mask) {
    if (table.resolutions[i].id == id) return &table.resolutions[i].row;
  }
  return nullptr;
}

MatchMemo::Row MatchMemo::RowAt(const Table& table, const Plan& plan, std::uint32_t row) {
  // Rows are plan.aggregates.size() bytes each, so this is the row's number; with no
  // aggregates there are no leaves either, and every row is number 0.
  const std::size_t number = plan.aggregates.empty() ? 0 : row / plan.aggregates.size();
  return Row{table.rows.data() + row, table.leaves.data() + number * LeafWords(plan)};
}

void MatchMemo::AddResolution(Table& table, std::uint64_t id, std::uint32_t row) {
  if (table.resolutions.empty()) table.resolutions.assign(kMaxKeys * 2, Resolution{});
  if (table.resolution_count == kMaxKeys) {  // at most half full: start again
    std::fill(table.resolutions.begin(), table.resolutions.end(), Resolution{});
    table.resolution_count = 0;
  }
  const std::size_t mask = table.resolutions.size() - 1;
  std::size_t i = static_cast<std::size_t>(MixHash(id)) & mask;
  while (table.resolutions[i].id != 0) i = (i + 1) & mask;
  table.resolutions[i] = Resolution{id, row};
  ++table.resolution_count;
}

MatchMemo::Row MatchMemo::Find(const Plan& plan, const Learner& learner, const Achievement& a) {
  Table& table = TableFor(plan);
  // Alike achievements have one key unless the key holds what they differ in.
  const bool alike =
      a.resolved_as != 0 && !Reads(plan, Field::kDate) && !Reads(plan, Field::kLearner);
  if (alike) {
    if (const std::uint32_t* row = FindResolution(table, a.resolved_as)) {
      return RowAt(table, plan, *row);
    }
  }
  BuildKey(plan, learner, a, key_);
  const std::uint32_t row = RowOf(table, plan, learner, a, key_);
  if (alike) AddResolution(table, a.resolved_as, row);
  return RowAt(table, plan, row);
}

}  // namespace accredit::internal
