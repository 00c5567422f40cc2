// Match memo: which of a plan's filters an achievement matches, remembered across learners.
//
// As far as a programme's filters can tell, a cohort holds few distinct achievements: every
// GCSE in mathematics at grade 5 matches the same filters, whoever holds it. The memo keys an
// achievement by the values of the fields the plan's filters read (Plan::filter_fields) and
// keeps, per key, one byte per aggregate filter (Plan::aggregates), so a learner's filter
// matches cost a hash lookup per achievement instead of every filter against every
// achievement. Each thread has its own (LearnerView); it holds a few plans at once (a rule
// change dry run evaluates every learner under two) and forgets everything past a bound, so
// free-text values that filters read (titles, say) cannot make it grow without end.
//
// Achievements the reader resolved alike (Achievement::resolved_as) have one key whenever the
// plan's filters read neither the learner id nor the date: the memo then finds their row by
// that number alone, without building and hashing the key.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "accredit/records.h"
#include "base/text_hash.h"
#include "engine/plan.h"

namespace accredit::internal {

class MatchMemo {
 public:
  // What an achievement matches. `aggregates`: one byte per entry of plan.aggregates, 1 when
  // it matches its `where`. `leaves`: the same for plan.leaf_aggregates, as a bit set (bit l
  // of word l / 64), so that a learner's leaf matches are set bit by bit rather than tested
  // leaf by leaf; plan.leaf_aggregates.size() / 64 + 1 words.
  struct Row {
    const std::uint8_t* aggregates = nullptr;
    const std::uint64_t* leaves = nullptr;
  };
  // The row of `a` (of `learner`). Valid until the next call.
  Row Find(const Plan& plan, const Learner& learner, const Achievement& a);
  static std::size_t LeafWords(const Plan& plan) { return plan.leaf_aggregates.size() / 64 + 1; }

 private:
  // An open-addressing table (linear probing, at most half full) from key to row: a slot
  // holds the key's hash, so a probe touches the slot array alone unless the hashes agree.
  // (std::unordered_map chased a node per lookup and hashed with a division: a tenth of the
  // time of a learner.)
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t key = 0;       // offset into Table::keys
    std::uint32_t key_size = 0;  // bytes
    std::uint32_t row = kEmpty;  // offset into Table::rows
  };
  static constexpr std::uint32_t kEmpty = ~std::uint32_t{0};
  // From Achievement::resolved_as to row, in the same way.
  struct Resolution {
    std::uint64_t id = 0;  // 0: an empty slot
    std::uint32_t row = 0;
  };
  struct Table {
    std::uint64_t serial = 0;  // Plan::serial
    std::vector<Slot> slots;   // a power of two in size, or empty
    std::size_t count = 0;     // slots in use
    std::string keys;          // the keys, one after another
    std::vector<std::uint8_t> rows;
    std::vector<std::uint64_t> leaves;    // LeafWords() per row, in the order of `rows`
    std::vector<Resolution> resolutions;  // a power of two in size, or empty
    std::size_t resolution_count = 0;
  };
  Table& TableFor(const Plan& plan);
  // Doubles `table`'s slots (from 64), placing the keys again by their hashes.
  static void Grow(Table& table);
  // The row of `key` (built for `a`), added if new: an offset into table.rows.
  static std::uint32_t RowOf(Table& table, const Plan& plan, const Learner& learner,
                             const Achievement& a, const std::string& key);
  static const std::uint32_t* FindResolution(const Table& table, std::uint64_t id);
  // The Row at offset `row` of table.rows.
  static Row RowAt(const Table& table, const Plan& plan, std::uint32_t row);
  static void AddResolution(Table& table, std::uint64_t id, std::uint32_t row);

  std::vector<Table> tables_;  // most recently used last
  std::string key_;
};

}  // namespace accredit::internal
