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

  // A row remembered: the achievement resolved from it, with its date, texts and location
  // left empty (each row's own: ReuseResolved), and its keyed texts.
  struct Resolved {
    std::uint64_t hash = 0;                         // of its keyed texts, as given to Add()
    std::uint32_t text = 0;                         // its keyed texts, one after another in text_
    std::array<std::uint32_t, kFieldCount> size{};  // each keyed text's size
    std::uint32_t block = 0;                        // their total size
    // Each keyed text trimmed, as an offset from the first and a length (0 when empty).
    std::array<TextRef, kFieldCount> trimmed{};
    std::uint64_t keyed = 0;  // the part of the row's duplicate-sieve hash its keyed texts give
    Achievement achievement;
  };

  // The memo serves one RuleSet at a time: bound to another, it forgets what it holds.
  void Bind(const RuleSet& rules);

  // The row remembered whose keyed fields are `values`'s, `hash` being their hash (any
  // function of the keyed fields' texts), or nullptr. Valid until the next Add().
  const Resolved* Find(const FieldValues& values, std::uint64_t hash) const;
  // The keyed texts of `resolved`, one after another.
  std::string_view Block(const Resolved& resolved) const {
    return std::string_view(text_).substr(resolved.text, resolved.block);
  }

  // Remembers `resolved`, resolved from `values` (hash as for Find), and returns the
  // Achievement::resolved_as it gives it and every row found for it: a number no other entry
  // of any memo in the process has had. At kCapacity rows the memo starts again empty, so an
  // input whose rows rarely repeat costs a bounded memory.
  // `keyed`: Resolved::keyed.
  std::uint64_t Add(const FieldValues& values, std::uint64_t hash, std::uint64_t keyed,
                    const Achievement& resolved);

  // The keyed texts of `resolved` into their places in `values`, as the row they were
  // remembered from gave them (the other fields are left as they are); views of the memo,
  // valid until the next Add().
  void KeyedValues(const Resolved& resolved, FieldValues& values) const;

  // Rows known by their bytes: a CSV line with its learner and date fields cut out (the key),
  // which gives the keyed texts of a row remembered. A key means that row for one layout of
  // the columns only: bound to another layout (any text that tells layouts apart), the memo
  // forgets the keys it holds. `layout`: the columns (CsvColumns::layout), `delimiter` the
  // CSV's.
  void BindLayout(std::string_view layout, char delimiter);
  // The row remembered for `key`, `hash` being its HashText(), or nullptr. Valid until the
  // next Add() or AddKey().
  const Resolved* FindKey(std::string_view key, std::uint64_t hash) const;
  // Remembers that `key` (hash as for FindKey) gives the keyed texts of `resolved`, a row of
  // this memo. At kCapacity keys the memo forgets the keys it holds.
  void AddKey(std::string_view key, std::uint64_t hash, const Resolved& resolved);

  // The row Add() remembered last (there must be one).
  const Resolved& Last() const { return entries_.back(); }

  std::size_t size() const { return entries_.size(); }
  static constexpr std::size_t kCapacity = 4096;

 private:
  struct Key {
    std::uint64_t hash = 0;
    std::uint32_t text = 0;  // in key_text_
    std::uint32_t size = 0;
    std::uint32_t entry = 0;  // index in entries_
  };
  bool Same(const Resolved& entry, const FieldValues& values) const;
  void Clear();
  void ClearKeys();

  const RuleSet* rules_ = nullptr;
  std::vector<Resolved> entries_;
  std::vector<std::uint32_t> slots_;  // open addressing: entry index + 1, 0 for an empty slot
  std::string text_;
  std::string layout_;
  char delimiter_ = '\0';
  std::vector<Key> keys_;
  std::vector<std::uint32_t> key_slots_;  // as slots_, of keys_
  std::string key_text_;
};

// Appends to `learner` the achievement of a row whose keyed fields were remembered as `known`
// in `memo`: its date parsed from values[kDate], its texts (trimmed) stored, `row` its
// location. The keyed texts are stored in one piece, as the memo holds them. False, with
// nothing appended, when its date does not parse: resolve the row in full to report it.
bool ReuseResolved(const RowMemo& memo, const RowMemo::Resolved& known, const FieldValues& values,
                   const Location& row, Learner& learner);

}  // namespace accredit::internal
