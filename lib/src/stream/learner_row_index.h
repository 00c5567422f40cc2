// Which records belong to which learner, in an input whose rows are in any order: how the record
// stream (record_stream.h) reads an unsorted input a chunk of learners at a time instead of
// building every learner at once.
//
// A reader splits the input into records and adds each one, in input order, with the byte it
// starts at, the line it starts on and its learner id. Once the last is added, the records are
// grouped: one group per learner id in order of first appearance (the order reading the whole
// input gives its learners), each group's records in input order, and a last group of the
// records without a learner id. The index holds 12 bytes a record (16 while it groups them,
// and a table of ids of about 40 bytes a learner while records are added). It refers to the
// input by 32-bit offsets, so the input must be under 4 GiB.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace accredit::internal {

class LearnerRowIndex {
 public:
  // `expected_records`: a guess, to reserve memory for.
  explicit LearnerRowIndex(std::size_t expected_records = 0);

  // The next record in input order: it starts at byte `start` (after the last record's start)
  // on line `line`, and belongs to learner `id` ("" for none). The index keeps `id` as a view
  // unless `copy` is set: without it, `id` must stay valid until Finish().
  void Add(std::uint32_t start, std::uint32_t line, std::string_view id, bool copy = false);

  // The same for several records at once, in input order. In an unsorted input each record's
  // id is a cache miss in the table of ids: the table is asked for the whole batch's places
  // before any is looked at.
  struct Pending {
    std::uint32_t start = 0;
    std::uint32_t line = 0;
    std::string_view id;
    bool copy = false;
  };
  void Add(std::span<const Pending> batch);

  // After the last record, which ends at byte `end`: groups the records.
  void Finish(std::uint32_t end);

  // How many records were added, and how many groups there are (after Finish()).
  std::size_t records() const { return group_begin_.empty() ? group_.size() : order_.size(); }
  std::size_t groups() const { return group_begin_.empty() ? 0 : group_begin_.size() - 1; }

  // The records of group `g`, by number in input order (after Finish()).
  std::span<const std::uint32_t> Group(std::size_t g) const {
    return std::span<const std::uint32_t>(order_).subspan(group_begin_[g],
                                                          group_begin_[g + 1] - group_begin_[g]);
  }
  // How many records groups [0, g) hold.
  std::size_t RecordsBefore(std::size_t g) const { return group_begin_[g]; }

  // The records of groups [first, end), by number in input order (after Finish()).
  std::span<const std::uint32_t> Groups(std::size_t first, std::size_t end) const {
    return std::span<const std::uint32_t>(order_).subspan(group_begin_[first],
                                                          group_begin_[end] - group_begin_[first]);
  }

  // Record `r`'s bytes in the input `text` it was indexed from, and its first line.
  std::string_view Record(std::string_view text, std::uint32_t r) const {
    return text.substr(entries_[r].start, entries_[r + 1].start - entries_[r].start);
  }
  std::uint32_t Line(std::uint32_t r) const { return entries_[r].line; }

  // Asks the processor to fetch what Record(r) and Line(r) read, for a loop over records in
  // group order (scattered in the input) to ask some records ahead of reading them.
  void PrefetchEntry(std::uint32_t r) const { __builtin_prefetch(&entries_[r]); }
  void PrefetchRecord(std::string_view text, std::uint32_t r) const {
    __builtin_prefetch(text.data() + entries_[r].start);
  }

  // The record that line `line` is part of (the last starting on or before it); 0 when none.
  std::uint32_t RecordOfLine(std::uint32_t line) const;

 private:
  static constexpr std::uint32_t kNoLearner = 0xffffffffu;

  // A slot of the table of ids (open addressing, linear probing): a short id is held in the
  // slot, so that finding it touches one cache line and not the input, where ids lie scattered.
  struct Slot {
    char id[16];  // an id of at most 16 bytes; else the address of a longer one
    std::uint32_t hash = 0;
    std::uint32_t group = kNoLearner;  // kNoLearner: empty
    std::uint32_t length = 0;
  };
  static constexpr std::uint32_t kInline = sizeof(Slot::id);

  // The group of `id`, added as the next one if new.
  static std::uint32_t Hash(std::string_view id);
  std::uint32_t GroupOf(std::string_view id, bool copy, std::uint32_t hash);
  static bool SameId(const Slot& slot, std::uint32_t hash, std::string_view id);
  void Grow();

  struct Entry {
    std::uint32_t start;  // the record's first byte
    std::uint32_t line;   // and first line
  };
  std::vector<Entry> entries_;             // each record's, then one with the end of the last
  std::vector<std::uint32_t> group_;       // each record's learner, until Finish()
  std::vector<Slot> slots_;                // a power of two of them, at most 70 % full
  std::uint32_t learners_ = 0;             // groups with an id so far
  std::deque<std::string> copies_;         // long ids added with `copy`
  std::uint32_t last_group_ = kNoLearner;  // the last record's learner
  std::string last_id_;

  std::vector<std::uint32_t> order_;        // record numbers, grouped
  std::vector<std::uint32_t> group_begin_;  // where each group starts in order_, then the end
};

}  // namespace accredit::internal
