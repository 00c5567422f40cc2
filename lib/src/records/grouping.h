// Grouping rows into learners: the step every records reader (CSV, wide CSV, JSON) ends in.
//
// A reader reduces each input row to the text of the canonical fields and hands it to
// Grouping::AddRow(), which owns the rest of the row's fate: resolution against the rules
// (ResolveAchievement), the `duplicate-row` check, the per-learner row bound, identifier checks
// and the accounting. A reader that cannot make sense of a row at all calls RejectRow(). Either
// way the row is counted exactly once, so rows_read == rows_used + rows_rejected holds by
// construction. The errors of a rejected row (the reader's, emitted since the previous row was
// counted, and the resolver's) are marked Rejected::kRow with the row's learner id, for the
// list of rows to fix.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "accredit/diagnostic.h"
#include "accredit/read_options.h"
#include "accredit/record_resolver.h"
#include "accredit/record_stream.h"
#include "accredit/records.h"
#include "accredit/rules.h"
#include "base/text.h"
#include "base/text_hash.h"
#include "records/learner_pool.h"
#include "records/row_memo.h"

namespace accredit::internal {

// Where a row's fields were read, worked out the first time they are asked for: a row found in
// the RowMemo with nothing to say never asks, and setting fifteen locations for every row was
// a twentieth of reading it.
class FieldPlaces {
 public:
  // The locations (kNoSource for a field read from nowhere), or null when there are none.
  virtual const FieldLocations* Get() = 0;

 protected:
  ~FieldPlaces() = default;
};

class Grouping {
 public:
  // `scratch`: what earlier Groupings on this thread kept (ReadScratch, record_stream.h): rows
  // resolved, to resolve repeats of once (RowMemo), and learners' memory (LearnerPool). Null:
  // a RowMemo of this Grouping's own, and memory allocated afresh.
  Grouping(const RuleSet& rules, const ReadOptions& options, Diagnostics& diagnostics,
           ReadScratch* scratch = nullptr);
  ~Grouping();
  Grouping(const Grouping&) = delete;
  Grouping& operator=(const Grouping&) = delete;

  // Index of the learner `id` (non-empty), added if new: first seen at `first`, with its id
  // read at `id_location` (where a bad UPN check letter is reported).
  std::size_t Find(std::string_view id, const Location& first, const Location& id_location);

  // Reads one row: `values` (trimmed field texts, learner included) read at `row`, fields at
  // `where` (may be null). Counts it as used or rejected.
  void AddRow(const FieldValues& values, const Location& row, const FieldLocations* where);
  // The same, with the fields' locations asked of `places` only when needed. With `known`, a
  // row of the memo (RowMemo::FindKey) whose keyed texts `values` holds: the row is not looked
  // up again.
  void AddRow(const FieldValues& values, const Location& row, FieldPlaces& places,
              const RowMemo::Resolved* known = nullptr);
  // The memo's row that the last AddRow() found or remembered, or null (valid until the next
  // AddRow()), for a reader that learns the row's bytes (RowMemo::AddKey).
  const RowMemo::Resolved* last_resolved() const { return last_resolved_; }
  RowMemo& memo() { return *memo_; }

  // Warn of a subject outside the vocabulary at every row that gives it, rather than once: for a
  // reader whose rows come out of input order (the regrouped stream), which keeps the first by
  // place itself (KeepFirstOfRepeats).
  void WarnEveryUnlistedRow() { unlisted_.warn_once = false; }

  // Counts a row that was rejected (its error already emitted) before it could be resolved;
  // when `id` is not empty, marks that learner as having a rejected row.
  void RejectRow(std::string_view id, const Location& row, const Location& id_location);

  // Reads a row that holds only learner attributes (a pupil list): counted as used, no
  // achievement. `attributes` are (attribute, value) pairs; empty values are skipped.
  void AddAttributeRow(std::string_view id, const Location& row, const Location& id_location,
                       std::span<const std::pair<std::string_view, std::string_view>> attributes);
  // Gives learner `id` (added if new, as Find()) the attributes it has no value for yet.
  void SetAttributes(std::string_view id, const Location& row, const Location& id_location,
                     std::span<const std::pair<std::string_view, std::string_view>> attributes);

  Learner& learner(std::size_t index) { return learners_[index]; }
  Accounting& accounting() { return accounting_; }
  // How many times a row (or a JSON learner object) has been given its learner by id, and the
  // learner the last one went to (valid once there is one).
  std::uint64_t rows_with_id() const { return rows_with_id_; }
  const Learner& last_learner() const { return learners_[last_]; }

  // The learners in order of first appearance, and the accounting.
  RecordSet Release();

 private:
  // The learners by id: open addressing (linear probing, at most half full) of the id's hash
  // and the learner's index, the id itself compared in learners_. (An unordered_map copied
  // each id into a node of its own: a malloc and a free per learner.)
  struct Slot {
    std::uint64_t hash = 0;
    std::size_t index = kNoLearner;
  };
  static constexpr std::size_t kNoLearner = ~std::size_t{0};
  // Find(), with the id's location asked of `id_location()` only to check a new learner's UPN.
  template <typename IdLocation>
  std::size_t FindOrAdd(std::string_view id, const Location& first, IdLocation&& id_location);
  // The slot of `id` (whose hash is `hash`): the one holding it, or the empty one where it
  // goes.
  Slot& SlotOf(std::string_view id, std::uint64_t hash);
  void GrowIndex();
  struct PerLearner {
    std::vector<std::uint64_t> hashes;  // row hash of each achievement
    std::uint64_t rows = 0;             // rows seen, for ReadOptions::max_learner_rows
    bool too_large = false;
  };

  // Gives per_learner_'s row hashes' memory to pool_, if any.
  void GiveBackHashes();
  // False (after counting the row as rejected) when the learner is over its row bound.
  bool WithinBound(std::size_t index, const Location& row);
  // The row just counted was rejected (learner `id`, "" when unknown): the errors emitted since
  // the previous row was counted are its own.
  void MarkRejected(std::string_view id);
  // The row just counted was used: what was emitted since is not a rejection.
  void MarkUsed() { mark_ = diagnostics_.items().size(); }

  const RuleSet& rules_;
  const ReadOptions& options_;
  Diagnostics& diagnostics_;
  Accounting accounting_;
  std::vector<Learner> learners_;
  std::vector<PerLearner> per_learner_;
  std::vector<Slot> index_;  // a power of two in size, or empty
  std::size_t last_ = 0;     // the learner of the last row found (learners_ may be empty)
  std::uint64_t rows_with_id_ = 0;
  Learner orphan_;  // receives nothing: rows without a learner id are rejected
  UnlistedSubjects unlisted_;
  RowMemo own_memo_;
  RowMemo* memo_;  // own_memo_ or the scratch's
  const RowMemo::Resolved* last_resolved_ = nullptr;
  LearnerPool* pool_;  // the scratch's, or null
  std::size_t mark_;   // diagnostics_ held this many when the previous row was counted
};

// Diagnostics that an input gives once however many rows could give them: `unknown-field` (a
// JSON key that is not a field) and `unlisted-subject` (a subject outside the vocabulary). A
// reader of the whole input gives each once; a stream reads its chunks apart, so each chunk may
// give one again. The key under which repeats are the same, or "" for any other diagnostic. An
// `unlisted-subject` message names the subject in the same words whatever the subject, so two
// are the same when their NameKeys are (rules.h): the subjects' keys are then equal too.
std::string RepeatKey(const Diagnostic& diagnostic);

// Drops from `diagnostics` (one chunk's, in input order) each diagnostic whose RepeatKey is in
// `seen`, and adds the keys of the others to it. For streams whose chunks come in input order.
void DropRepeats(Diagnostics& diagnostics, std::set<std::string>& seen);

// The `no-rows` error of an input that gave no data row at all: an export that came out
// empty is a broken export, never "every learner met". `header`: the input had a header row
// (CSV), so the message says that only the rows are missing.
void ReportNoRows(SourceId source, bool header, Diagnostics& diagnostics);

}  // namespace accredit::internal
