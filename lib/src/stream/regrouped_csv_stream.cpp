#include "stream/regrouped_csv_stream.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cstring>
#include <limits>
#include <map>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "base/large_buffer.h"
#include "records/csv_row_reader.h"
#include "records/grouping.h"
#include "stream/csv_record_split.h"
#include "stream/learner_row_index.h"

namespace accredit::internal {

namespace {

// An unsorted CSV input, read through an index of each learner's records
// (RecordStream::Regroup): the whole input in memory, chunks of learners in order of first
// appearance, each learner's records read one at a time where they lie.
class RegroupedCsvStream final : public RecordStream {
 public:
  RegroupedCsvStream(const RuleSet& rules, const ReadOptions& options, SourceId source,
                     std::size_t chunk_bytes, std::shared_ptr<const CsvHeader> header,
                     std::uint64_t size)
      : rules_(rules),
        options_(options),
        source_(source),
        chunk_bytes_(chunk_bytes),
        header_(std::move(header)),
        size_(size) {}

  // The input's text, when this stream keeps it (read from a file), and the text to read.
  LargeBuffer& owned_text() { return owned_; }
  void set_text(std::string_view text) { text_ = text; }

  // Splits the data rows into records and indexes them by learner. With `threads` > 1 one
  // thread splits records and finds their ids while this one adds them to the index, rather
  // than one after the other with a core idle (1M learners: 1.07 s -> 0.83 s).
  void Index(unsigned threads) {
    const std::size_t begin = std::min(header_->data_start, text_.size());
    std::string_view data = text_.substr(begin);
    // As many records as the first 64 KiB suggests, to reserve memory for.
    std::string_view sample = data.substr(0, std::size_t{1} << 16);
    const std::uint64_t sample_lines = CountLines(sample) + 1;
    const auto expected = static_cast<std::size_t>(data.size() * sample_lines /
                                                   std::max<std::size_t>(sample.size(), 1));
    index_ = LearnerRowIndex(expected);
    Splitter splitter(*this, begin);
    if (threads <= 1) {
      Batch batch;
      while (splitter.Fill(batch)) index_.Add(std::span(batch.records).first(batch.size));
    } else {
      Pipeline(splitter);
    }
    index_.Finish(static_cast<std::uint32_t>(text_.size()));
    // Chunks of about chunk_bytes_, in records of the average size.
    const std::size_t records = std::max<std::size_t>(index_.records(), 1);
    average_ = std::max<std::size_t>(data.size() / records, 1);
    records_per_chunk_ = std::max<std::size_t>(chunk_bytes_ / average_, 1);
    data_bytes_ = data.size();
  }

  bool Next(RecordChunk& chunk) override {
    if (next_group_ >= index_.groups()) return false;
    chunk.index = next_index_++;
    chunk.text = {};
    chunk.first_group = next_group_;
    const std::size_t first = index_.RecordsBefore(next_group_);
    while (next_group_ < index_.groups() &&
           index_.RecordsBefore(next_group_) - first < records_per_chunk_) {
      ++next_group_;
    }
    chunk.end_group = next_group_;
    // For progress: the records read so far, in bytes of the input at their average size.
    chunk.end_offset = header_->data_start +
                       std::min<std::uint64_t>(data_bytes_, std::uint64_t{average_} *
                                                                index_.RecordsBefore(next_group_));
    return true;
  }

  ChunkRecords Read(const RecordChunk& chunk, Diagnostics& diagnostics,
                    ReadScratch* scratch) const override {
    ChunkRecords out;
    Diagnostics local;
    CsvReader csv(std::string_view(text_.data(), 0), source_, local, options_.csv, *header_->reader,
                  1);
    Grouping grouping(rules_, options_, local, scratch);
    CsvRowReader rows(csv, header_->columns, source_, grouping);
    // Its rows come learner by learner, not in input order: Settle keeps the first by place.
    grouping.WarnEveryUnlistedRow();
    // The records lie scattered in the input: ask for each one some records ahead.
    constexpr std::size_t kEntryAhead = 16;
    constexpr std::size_t kRecordAhead = 8;
    std::span<const std::uint32_t> records = index_.Groups(chunk.first_group, chunk.end_group);
    for (std::size_t k = 0; k < std::min(records.size(), kEntryAhead); ++k) {
      index_.PrefetchEntry(records[k]);
    }
    // Each record read with a learner id must have the id the index grouped it by (else a
    // learner could come out twice, or with rows of another): checked against the learner each
    // record went to. The records without an id must have none.
    Diagnostics ignored;
    CsvReader ids(std::string_view(text_.data(), 0), source_, ignored, options_.csv,
                  *header_->reader, 1);
    std::string quoted_id;
    std::size_t k = 0;
    for (std::size_t g = chunk.first_group; g < chunk.end_group; ++g) {
      const std::size_t group_end = k + index_.Group(g).size();
      const std::string_view id = RecordLearnerOf(index_.Record(text_, records[k]),
                                                  header_->learner_column, ids, quoted_id);
      for (; k < group_end; ++k) {
        if (k + kEntryAhead < records.size()) index_.PrefetchEntry(records[k + kEntryAhead]);
        if (k + kRecordAhead < records.size()) {
          index_.PrefetchRecord(text_, records[k + kRecordAhead]);
        }
        const std::uint32_t r = records[k];
        const std::uint64_t with_id = grouping.rows_with_id();
        csv.Restart(index_.Record(text_, r), index_.Line(r));
        rows.Read(csv, true, local);
        if (grouping.rows_with_id() != with_id && grouping.last_learner().id != id) {
          out.in_order = false;
        }
      }
    }
    out.records = grouping.Release();
    for (const Diagnostic& d : local.items()) {
      if (NeedsWholeRead(d)) out.in_order = false;
    }
    diagnostics.Append(local);
    return out;
  }

  void Recycle(std::string&& /*storage*/) override {}

  // The promise: each learner is first seen where reading the whole input first sees it, so
  // learners come in ascending order of their first line. The chunk's diagnostics are held
  // back, to be given in input order.
  bool Settle(ChunkRecords& records, Diagnostics& diagnostics) override {
    if (!records.in_order) return false;
    for (const Learner& learner : records.records.learners) {
      if (learner.location.line <= last_line_) return false;
      last_line_ = learner.location.line;
    }
    for (const Diagnostic& d : diagnostics.items()) {
      // Reading the whole input warns of search limits after every reading diagnostic.
      const std::uint32_t record = d.code == "search-limit"
                                       ? std::numeric_limits<std::uint32_t>::max()
                                       : index_.RecordOfLine(d.location.line);
      // What the whole input gives once, it gives at the first record that gives it.
      if (std::string key = RepeatKey(d); !key.empty()) {
        auto [it, inserted] = first_of_.try_emplace(std::move(key), held_.size());
        if (!inserted) {
          Held& other = held_[it->second];
          if (record >= other.record) continue;
          other.dropped = true;
          it->second = held_.size();
        }
      }
      held_.push_back(Held{record, d, false});
    }
    diagnostics = Diagnostics{};
    return true;
  }

  void Finish(const Accounting& total, Diagnostics& diagnostics) override {
    std::stable_sort(held_.begin(), held_.end(),
                     [](const Held& a, const Held& b) { return a.record < b.record; });
    for (Held& held : held_) {
      if (!held.dropped) diagnostics.Add(std::move(held.diagnostic));
    }
    held_.clear();
    first_of_.clear();
    if (total.rows_read == 0) ReportNoRows(source_, true, diagnostics);
  }

  std::uint64_t size() const override { return size_; }

 private:
  struct Held {
    std::uint32_t record;  // the record it was found in, in input order
    Diagnostic diagnostic;
    bool dropped = false;  // a repeat of one found at an earlier record since
  };

  // Records split from the input, with their ids, for the index to add. The ids of quoted
  // records are read into `copies`, which hold them until the batch is added.
  struct Batch {
    static constexpr std::size_t kSize = 256;
    std::array<LearnerRowIndex::Pending, kSize> records;
    std::array<std::string, kSize> copies;
    std::size_t size = 0;
  };

  // Splits the input's data rows into records, a batch at a time, in input order.
  class Splitter {
   public:
    Splitter(const RegroupedCsvStream& stream, std::size_t begin)
        : text_(stream.text_),
          column_(stream.header_->learner_column),
          ids_(std::string_view(stream.text_.data(), 0), stream.source_, ignored_,
               stream.options_.csv, *stream.header_->reader, 1),
          pos_(begin),
          line_(stream.header_->data_line) {}

    // Fills `batch` with the next records; false when there were none left.
    bool Fill(Batch& batch) {
      batch.size = 0;
      while (pos_ < text_.size() && batch.size < Batch::kSize) {
        const char* start = text_.data() + pos_;
        const std::size_t left = text_.size() - pos_;
        const void* newline = std::memchr(start, '\n', left);
        std::size_t end =
            newline == nullptr
                ? text_.size()
                : static_cast<std::size_t>(static_cast<const char*>(newline) - text_.data()) + 1;
        std::string_view record = text_.substr(pos_, end - pos_);
        LearnerRowIndex::Pending& next = batch.records[batch.size];
        next.start = static_cast<std::uint32_t>(pos_);
        next.line = line_;
        next.copy = record.find('"') != std::string_view::npos;
        if (next.copy) {
          // Quoted fields may hold line breaks and commas: the CSV reader's rules decide where
          // the record ends, and what its id is.
          end = CsvRecordEnd(text_, pos_);
          if (end == std::string_view::npos) end = text_.size();
          record = text_.substr(pos_, end - pos_);
          ignored_ = Diagnostics{};
          line_ += CountLines(record);
        } else if (newline != nullptr) {
          ++line_;
        }
        next.id = RecordLearnerOf(record, column_, ids_, batch.copies[batch.size]);
        pos_ = end;
        ++batch.size;
      }
      return batch.size > 0;
    }

   private:
    std::string_view text_;
    std::size_t column_;
    Diagnostics ignored_;
    CsvReader ids_;
    std::size_t pos_;
    std::uint32_t line_;
  };

  // Index(): `splitter` fills batches on a thread of its own, through a ring of them, while
  // this thread adds each to the index in turn.
  void Pipeline(Splitter& splitter) {
    constexpr std::uint64_t kRing = 8;
    std::vector<Batch> ring(kRing);
    std::atomic<std::uint64_t> filled{0};   // batches filled so far (the last one empty)
    std::atomic<std::uint64_t> emptied{0};  // and added to the index
    std::atomic<bool> stop{false};          // this thread is done, or failed (an exception)
    std::thread split([&] {
      for (std::uint64_t n = 0;; ++n) {
        for (;;) {
          const std::uint64_t e = emptied.load();
          if (stop.load() || n - e < kRing) break;
          emptied.wait(e);
        }
        if (stop.load()) return;
        const bool more = splitter.Fill(ring[n % kRing]);
        filled.store(n + 1);
        filled.notify_one();
        if (!more) return;
      }
    });
    // However this thread leaves, the splitting thread is stopped and joined.
    struct Join {
      std::thread& thread;
      std::atomic<bool>& stop;
      std::atomic<std::uint64_t>& emptied;
      ~Join() {
        stop.store(true);
        emptied.fetch_add(1);
        emptied.notify_one();
        thread.join();
      }
    } join{split, stop, emptied};
    for (std::uint64_t n = 0;; ++n) {
      for (std::uint64_t f = filled.load(); f <= n; f = filled.load()) filled.wait(f);
      const Batch& batch = ring[n % kRing];
      if (batch.size == 0) break;
      index_.Add(std::span(batch.records).first(batch.size));
      emptied.store(n + 1);
      emptied.notify_one();
    }
  }

  const RuleSet& rules_;
  const ReadOptions& options_;
  SourceId source_;
  std::size_t chunk_bytes_;
  std::shared_ptr<const CsvHeader> header_;
  std::uint64_t size_;
  LargeBuffer owned_;
  std::string_view text_;
  LearnerRowIndex index_;
  std::size_t records_per_chunk_ = 1;
  std::size_t average_ = 1;  // bytes of a record, on average
  std::size_t data_bytes_ = 0;
  std::size_t next_group_ = 0;
  std::size_t next_index_ = 0;
  std::uint32_t last_line_ = 0;
  std::vector<Held> held_;
  std::map<std::string, std::size_t> first_of_;  // RepeatKey -> its diagnostic in held_
};

}  // namespace

std::unique_ptr<RecordStream> RegroupCsv(const RuleSet& rules, const ReadOptions& options,
                                         SourceId source, std::size_t chunk_bytes,
                                         std::shared_ptr<const CsvHeader> header,
                                         std::uint64_t size, int fd, std::string_view text,
                                         unsigned threads) {
  // The index refers to records by 32-bit offsets; the whole input is read into memory, as
  // ReadRecordInputs() would.
  if (size > options.max_file_bytes || size >= std::numeric_limits<std::uint32_t>::max()) {
    return nullptr;
  }
  auto out = std::make_unique<RegroupedCsvStream>(rules, options, source, chunk_bytes,
                                                  std::move(header), size);
  if (fd >= 0) {
    if (!out->owned_text().Read(fd, static_cast<std::size_t>(size), threads)) return nullptr;
    out->set_text(out->owned_text().view());
  } else {
    out->set_text(text);
  }
  out->Index(threads);
  return out;
}

}  // namespace accredit::internal
