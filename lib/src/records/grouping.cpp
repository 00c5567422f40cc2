#include "records/grouping.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "accredit/identifiers.h"
#include "base/text_hash.h"

namespace accredit::internal {

namespace {

// A sieve for duplicate rows: per trimmed field value, a hash of its length and its first and
// last (up to) eight bytes, with the field's place mixed in so that ("ab", "") != ("a", "b");
// the fields' hashes are added, each independent of the others, so that the processor works
// them out side by side rather than one after another. Rows that differ only in the middle of
// a long value share it; FindDuplicate compares the texts, so that costs a comparison, never
// a wrong answer. Hashing every byte of a dozen fields, and then chaining the fields, were each
// a tenth of the time spent reading a row. The sum over the fields RowMemo keys a row by is
// the row's key in the memo, for nothing more.
struct RowHashes {
  std::uint64_t row = 0;    // of every field
  std::uint64_t key = 0;    // of the fields RowMemo::Keyed
  std::uint64_t keyed = 0;  // the keyed fields' part of `row` (RowMemo::Resolved::keyed)
};
// Field `f`'s part of the sum: 0 for an empty value, whose place is in each other field's
// hash, so ("ab", "") != ("", "ab").
inline std::uint64_t FieldHash(std::size_t f, std::string_view value) {
  constexpr std::uint64_t kField = 0x9e3779b97f4a7c15ull;
  constexpr std::uint64_t kHead = 0xff51afd7ed558ccdull;
  constexpr std::uint64_t kTail = 0xc4ceb9fe1a85ec53ull;
  const std::size_t n = value.size();
  if (n == 0) return 0;
  const std::uint64_t place = kField * (f + 1);
  std::uint64_t head = 0;
  std::uint64_t tail = 0;
  if (n >= 8) {
    std::memcpy(&head, value.data(), 8);
    std::memcpy(&tail, value.data() + n - 8, 8);
  } else {
    head = ShortWord(value.data(), n);
  }
  const std::uint64_t h = ((head + place) * kHead) ^ ((tail + n) * kTail);
  return h ^ (h >> 29);
}
RowHashes HashRow(const FieldValues& values) {
  std::uint64_t keyed = 0;
  std::uint64_t other = 0;
  for (std::size_t f = 0; f < kFieldCount; ++f) {
    (RowMemo::Keyed(f) ? keyed : other) += FieldHash(f, values[f]);
  }
  return RowHashes{MixHash(keyed + other), MixHash(keyed), keyed};
}
// HashRow() of a row whose keyed fields are those of `known`.
RowHashes HashKnownRow(const FieldValues& values, const RowMemo::Resolved& known) {
  std::uint64_t other = 0;
  for (std::size_t f = 0; f < kFieldCount; ++f) {
    if (!RowMemo::Keyed(f)) other += FieldHash(f, values[f]);
  }
  return RowHashes{MixHash(known.keyed + other), known.hash, known.keyed};
}

// The earlier achievement of `learner` equal to `values` in every field, or nullptr.
const Achievement* FindDuplicate(const Learner& learner, const std::vector<std::uint64_t>& hashes,
                                 std::uint64_t hash, const FieldValues& values) {
  for (std::size_t i = 0; i < hashes.size(); ++i) {
    if (hashes[i] != hash) continue;
    const Achievement& earlier = learner.achievements[i];
    bool same = true;
    for (std::size_t f = 0; f < kFieldCount && same; ++f) {
      same = learner.Text(earlier, static_cast<Field>(f)) == values[f];
    }
    if (same) return &earlier;
  }
  return nullptr;
}

}  // namespace

Grouping::Grouping(const RuleSet& rules, const ReadOptions& options, Diagnostics& diagnostics,
                   ReadScratch* scratch)
    : rules_(rules),
      options_(options),
      diagnostics_(diagnostics),
      memo_(scratch != nullptr ? &scratch->rows() : &own_memo_),
      pool_(scratch != nullptr ? &scratch->learners() : nullptr),
      mark_(diagnostics.items().size()) {
  memo_->Bind(rules);
}

Grouping::~Grouping() { GiveBackHashes(); }

void Grouping::GiveBackHashes() {
  if (pool_ == nullptr) return;
  for (PerLearner& per : per_learner_) pool_->GiveBackHashes(std::move(per.hashes));
}

void Grouping::MarkRejected(std::string_view id) {
  diagnostics_.MarkRejected(mark_, Rejected::kRow, id);
  mark_ = diagnostics_.items().size();
}

Grouping::Slot& Grouping::SlotOf(std::string_view id, std::uint64_t hash) {
  const std::size_t mask = index_.size() - 1;
  for (std::size_t i = static_cast<std::size_t>(hash) & mask;; i = (i + 1) & mask) {
    Slot& slot = index_[i];
    if (slot.index == kNoLearner || (slot.hash == hash && learners_[slot.index].id == id)) {
      return slot;
    }
  }
}

void Grouping::GrowIndex() {
  std::vector<Slot> old(std::max<std::size_t>(index_.size() * 2, 256));
  old.swap(index_);
  const std::size_t mask = index_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.index == kNoLearner) continue;
    std::size_t i = static_cast<std::size_t>(slot.hash) & mask;
    while (index_[i].index != kNoLearner) i = (i + 1) & mask;
    index_[i] = slot;
  }
}

std::size_t Grouping::Find(std::string_view id, const Location& first,
                           const Location& id_location) {
  return FindOrAdd(id, first, [&]() -> const Location& { return id_location; });
}

template <typename IdLocation>
std::size_t Grouping::FindOrAdd(std::string_view id, const Location& first,
                                IdLocation&& id_location) {
  ++rows_with_id_;
  // Rows of one learner usually come together: try the last learner first.
  if (last_ < learners_.size() && learners_[last_].id == id) return last_;
  if ((learners_.size() + 1) * 2 > index_.size()) GrowIndex();
  const std::uint64_t hash = HashText(id);
  Slot& slot = SlotOf(id, hash);
  if (slot.index != kNoLearner) {
    last_ = slot.index;
    return last_;
  }
  std::size_t index = learners_.size();
  Learner& learner =
      pool_ != nullptr ? learners_.emplace_back(pool_->Take()) : learners_.emplace_back();
  learner.id = std::string(id);
  learner.location = first;
  // Sized for a typical learner (a dozen rows), so most never regrow.
  learner.achievements.reserve(16);
  learner.text.reserve(512);
  PerLearner& per = per_learner_.emplace_back();
  if (pool_ != nullptr) per.hashes = pool_->TakeHashes();
  per.hashes.reserve(16);
  slot = Slot{hash, index};
  last_ = index;
  if (options_.check_identifiers) CheckUpn(id, id_location(), diagnostics_);
  return index;
}

bool Grouping::WithinBound(std::size_t index, const Location& row) {
  PerLearner& per = per_learner_[index];
  if (++per.rows <= options_.max_learner_rows) return true;
  Learner& learner = learners_[index];
  if (!per.too_large) {
    per.too_large = true;
    diagnostics_.Error("too-large",
                       fmt::format("learner '{}' has more than {} rows: the rest are rejected",
                                   learner.id, options_.max_learner_rows),
                       row);
  }
  ++accounting_.rows_rejected;
  ++learner.rejected_rows;
  MarkRejected(learner.id);
  return false;
}

namespace {

// Locations already worked out.
class GivenPlaces final : public FieldPlaces {
 public:
  explicit GivenPlaces(const FieldLocations* where) : where_(where) {}
  const FieldLocations* Get() override { return where_; }

 private:
  const FieldLocations* where_;
};

// The location of field `f` of a row read at `row`, from `where` when it has one.
const Location& PlaceOf(const FieldLocations* where, Field f, const Location& row) {
  const std::size_t i = static_cast<std::size_t>(f);
  return where != nullptr && (*where)[i].source != kNoSource ? (*where)[i] : row;
}

}  // namespace

void Grouping::AddRow(const FieldValues& values, const Location& row, const FieldLocations* where) {
  GivenPlaces places(where);
  AddRow(values, row, places);
}

void Grouping::AddRow(const FieldValues& values, const Location& row, FieldPlaces& places,
                      const RowMemo::Resolved* known) {
  last_resolved_ = nullptr;
  ++accounting_.rows_read;
  const std::size_t learner_field = static_cast<std::size_t>(Field::kLearner);
  std::string_view id = values[learner_field];
  if (id.empty()) {
    ResolveAchievement(rules_, values, row, orphan_, diagnostics_, places.Get(), &unlisted_);
    ++accounting_.rows_rejected;
    MarkRejected({});
    return;
  }
  // Where the id was read matters only to the check of a new learner's UPN.
  std::size_t index = FindOrAdd(
      id, row, [&]() -> const Location& { return PlaceOf(places.Get(), Field::kLearner, row); });
  if (!WithinBound(index, row)) return;
  Learner& learner = learners_[index];
  std::vector<std::uint64_t>& hashes = per_learner_[index].hashes;
  const RowHashes hash = known != nullptr ? HashKnownRow(values, *known) : HashRow(values);
  if (const Achievement* earlier = FindDuplicate(learner, hashes, hash.row, values)) {
    Diagnostic& d = diagnostics_.Warning(
        "duplicate-row", fmt::format("duplicate row for learner '{}': skipped", id), row);
    d.notes.push_back(Note{"the same row is here", earlier->location});
    // A warning, yet the row is not used: it is on the list of rows to fix.
    d.rejected = Rejected::kRow;
    d.learner = std::string(id);
    ++accounting_.rows_rejected;
    MarkRejected(id);
    return;
  }
  const std::size_t before = learner.achievements.size();
  if (known == nullptr) known = memo_->Find(values, hash.key);
  last_resolved_ = known;
  if (known == nullptr || !ReuseResolved(*memo_, *known, values, row, learner)) {
    const std::size_t said = diagnostics_.items().size();
    if (!ResolveAchievement(rules_, values, row, learner, diagnostics_, places.Get(), &unlisted_)) {
      ++accounting_.rows_rejected;
      ++learner.rejected_rows;
      MarkRejected(id);
      return;
    }
    // Only what resolving would repeat exactly: an achievement, with nothing said (what a row
    // says today is an unlisted subject's warning, given once an input, or an ignored
    // result's note, with no achievement) and a subject, if any, in the vocabulary.
    if (known == nullptr && learner.achievements.size() > before &&
        diagnostics_.items().size() == said &&
        (learner.achievements.back().subject != kNone ||
         values[static_cast<std::size_t>(Field::kSubject)].empty() || rules_.subjects.empty())) {
      Achievement& resolved = learner.achievements.back();
      resolved.resolved_as = memo_->Add(values, hash.key, hash.keyed, resolved);
      last_resolved_ = &memo_->Last();
    }
  }
  ++accounting_.rows_used;
  if (learner.achievements.size() > before) hashes.push_back(hash.row);
  const std::size_t qan_field = static_cast<std::size_t>(Field::kQan);
  std::string_view qan = values[qan_field];
  if (options_.check_identifiers && !qan.empty()) {
    CheckQan(qan, PlaceOf(places.Get(), Field::kQan, row), diagnostics_);
  }
  MarkUsed();
}

void Grouping::RejectRow(std::string_view id, const Location& row, const Location& id_location) {
  ++accounting_.rows_read;
  if (id.empty()) {
    ++accounting_.rows_rejected;
    MarkRejected({});
    return;
  }
  std::size_t index = Find(id, row, id_location);
  if (!WithinBound(index, row)) return;
  ++accounting_.rows_rejected;
  ++learners_[index].rejected_rows;
  MarkRejected(id);
}

void Grouping::AddAttributeRow(
    std::string_view id, const Location& row, const Location& id_location,
    std::span<const std::pair<std::string_view, std::string_view>> attributes) {
  ++accounting_.rows_read;
  if (id.empty()) {
    diagnostics_.Error("missing-field", "missing learner id", row);
    ++accounting_.rows_rejected;
    MarkRejected({});
    return;
  }
  ++accounting_.rows_used;
  SetAttributes(id, row, id_location, attributes);
  MarkUsed();
}

void Grouping::SetAttributes(
    std::string_view id, const Location& row, const Location& id_location,
    std::span<const std::pair<std::string_view, std::string_view>> attributes) {
  if (id.empty()) return;
  Learner& learner = learners_[Find(id, row, id_location)];
  for (const auto& [name, value] : attributes) learner.SetAttribute(name, value);
}

RecordSet Grouping::Release() {
  RecordSet out;
  out.learners = std::move(learners_);
  out.accounting = accounting_;
  out.accounting.learners = out.learners.size();
  learners_.clear();
  GiveBackHashes();
  per_learner_.clear();
  index_.clear();
  last_ = 0;
  return out;
}

std::string RepeatKey(const Diagnostic& diagnostic) {
  if (diagnostic.code == "unknown-field") return "unknown-field " + diagnostic.message;
  if (diagnostic.code == "unlisted-subject")
    return "unlisted-subject " + NameKey(diagnostic.message);
  return {};
}

void DropRepeats(Diagnostics& diagnostics, std::set<std::string>& seen) {
  Diagnostics kept;
  for (const Diagnostic& d : diagnostics.items()) {
    if (std::string key = RepeatKey(d); !key.empty() && !seen.insert(std::move(key)).second) {
      continue;
    }
    kept.Add(d);
  }
  diagnostics = std::move(kept);
}

void ReportNoRows(SourceId source, bool header, Diagnostics& diagnostics) {
  diagnostics
      .Error("no-rows",
             header ? "the input has a header row but no data rows"
                    : "the input holds no records: no achievement of any learner",
             Location{source, 0, 0, {}})
      .rejected = Rejected::kInput;
}

}  // namespace accredit::internal
