// Rows already resolved, so that a row a cohort repeats is resolved against the rules once.
//
// Most rows of a cohort are the same but for their learner id and date: thousands of learners
// give "qualification, gcse, mathematics, grade 5", and an activity row differs from another
// only in its date. On the 1M-learner benchmark, 12.3M rows hold 266 distinct rows once their
// learner id and date are left out. Resolving a row (ResolveAchievement: its kind, type,
// subject, grade on the type's scale, level, hours, strand, status) was a quarter of the time
// of reading one; a row found here costs a probe, a comparison of its texts, and the date's
// parse.
//
// A row is remembered only when resolving it gave an achievement and said nothing (no warning,
// no note), and its subject, when it gives one, is in the rules' vocabulary; so a row found
// here gives the same achievement and diagnostics that resolving it would, and a memo shared by
// the chunks one thread reads gives what a fresh one gives.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "accredit/records.h"
#include "accredit/rules.h"

namespace accredit::internal {

using FieldValues = std::array<std::string_view, kFieldCount>;

class RowMemo {
 public:
  // Whether a row's field `f` is part of its key: all but the learner id and the date.
  static constexpr bool Keyed(std::size_t f) {
    return f != static_cast<std::size_t>(Field::kLearner) &&
           f != static_cast<std::size_t>(Field::kDate);
  }

  // The memo serves one RuleSet at a time: bound to another, it forgets what it holds.
  void Bind(const RuleSet& rules);

  // The achievement resolved from an earlier row whose keyed fields are `values`'s, `hash`
  // being their hash (any function of the keyed fields' texts), or nullptr. Its date, texts
  // and location are left empty: the row's own (ReuseResolved).
  const Achievement* Find(const FieldValues& values, std::uint64_t hash) const;

  // Remembers `resolved`, resolved from `values` (hash as for Find), and returns the
  // Achievement::resolved_as it gives it and every row found for it: a number no other entry
  // of any memo in the process has had. At kCapacity rows the memo starts again empty, so an
  // input whose rows rarely repeat costs a bounded memory.
  std::uint64_t Add(const FieldValues& values, std::uint64_t hash, const Achievement& resolved);

  std::size_t size() const { return entries_.size(); }
  static constexpr std::size_t kCapacity = 4096;

 private:
  struct Entry {
    std::uint64_t hash = 0;
    std::uint32_t text = 0;                         // its keyed texts, one after another in text_
    std::array<std::uint32_t, kFieldCount> size{};  // each keyed text's size
    Achievement achievement;
  };
  bool Same(const Entry& entry, const FieldValues& values) const;
  void Clear();

  const RuleSet* rules_ = nullptr;
  std::vector<Entry> entries_;
  std::vector<std::uint32_t> slots_;  // open addressing: entry index + 1, 0 for an empty slot
  std::string text_;
};

// Appends to `learner` the achievement of a row whose keyed fields resolved to `known`: its
// date parsed from values[kDate], its texts (trimmed) stored, `row` its location. False, with
// nothing appended, when its date does not parse: resolve the row in full to report it.
bool ReuseResolved(const Achievement& known, const FieldValues& values, const Location& row,
                   Learner& learner);

}  // namespace accredit::internal
