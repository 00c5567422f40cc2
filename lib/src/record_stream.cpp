#include "accredit/record_stream.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <limits>
#include <mutex>
#include <set>
#include <vector>

#include "accredit/csv_reader.h"
#include "accredit/record_input.h"
#include "csv_records.h"
#include "grouping.h"
#include "json_records.h"
#include "json_scan.h"
#include "large_buffer.h"
#include "learner_row_index.h"
#include "text.h"

namespace accredit {

namespace {

// Codes of faults after which a CSV reader resynchronises on a line it chose: read in pieces,
// the pieces might then not end where records end in the whole input.
bool MovesRecordBoundaries(const Diagnostic& d) {
  return d.code == "bad-quote" || d.code == "line-too-long" || d.code == "bad-encoding";
}

// Where the input's bytes come from: the registered source text (small inputs), or a file
// read in blocks.
class ByteSource {
 public:
  ByteSource() = default;
  ByteSource(const ByteSource&) = delete;
  ByteSource& operator=(const ByteSource&) = delete;
  ~ByteSource() {
    if (fd_ >= 0) ::close(fd_);
  }

  void SetText(std::string_view text) { text_ = text; }
  void SetFile(int fd) { fd_ = fd; }
  bool from_file() const { return fd_ >= 0; }
  std::string_view text() const { return text_; }
  int error() const { return error_; }

  // Reads the whole file (of `size` bytes) again from its start into `out`, whatever has been
  // handed out; false on an error, or when the file is no longer `size` bytes long.
  bool ReadAll(std::uint64_t size, internal::LargeBuffer& out) const {
    const auto bytes = static_cast<std::size_t>(size);
    if (!out.Allocate(bytes)) return false;
    std::size_t got = 0;
    while (got < bytes) {
      ssize_t n = ::pread(fd_, out.data() + got, bytes - got, static_cast<off_t>(got));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      got += static_cast<std::size_t>(n);
    }
    char extra = 0;
    return ::pread(fd_, &extra, 1, static_cast<off_t>(got)) == 0;
  }

  // Starts handing out the input again from its first byte; false when a file cannot seek.
  bool Rewind() {
    if (fd_ >= 0) {
      if (::lseek(fd_, 0, SEEK_SET) != 0) return false;
      buffer_.clear();
      eof_ = false;
      error_ = 0;
    }
    consumed_ = 0;
    return true;
  }

  // The bytes not yet handed out; at least `want` of them unless the input ends first.
  std::string_view Window(std::size_t want) {
    if (fd_ < 0) return text_.substr(consumed_);
    while (buffer_.size() < want && !eof_) {
      const std::size_t old = buffer_.size();
      const std::size_t grow = std::max<std::size_t>(want - old, std::size_t{1} << 16);
      buffer_.resize(old + grow);
      ssize_t got = ::read(fd_, buffer_.data() + old, grow);
      if (got < 0 && errno == EINTR) {
        buffer_.resize(old);
        continue;
      }
      if (got <= 0) {
        if (got < 0) error_ = errno;
        eof_ = true;
        buffer_.resize(old);
        break;
      }
      buffer_.resize(old + static_cast<std::size_t>(got));
    }
    return buffer_;
  }
  bool at_end(std::size_t window_size) const {
    return fd_ < 0 ? consumed_ + window_size >= text_.size() : eof_;
  }

  // Hands the first `n` bytes of the window to `chunk`.
  void Take(std::size_t n, RecordChunk& chunk) {
    if (fd_ < 0) {
      chunk.text = text_.substr(consumed_, n);
      chunk.storage.clear();
    } else {
      {
        std::lock_guard lock(spare_mutex_);
        if (!spare_.empty()) {
          chunk.storage = std::move(spare_.back());
          spare_.pop_back();
        }
      }
      chunk.storage.assign(buffer_, n, std::string::npos);  // the rest, kept for next time
      chunk.storage.swap(buffer_);
      chunk.storage.resize(n);
      chunk.text = chunk.storage;
    }
    consumed_ += n;
    chunk.end_offset = consumed_;
  }
  std::uint64_t consumed() const { return consumed_; }

  void Recycle(std::string&& storage) {
    if (storage.capacity() == 0) return;
    std::lock_guard lock(spare_mutex_);
    if (spare_.size() < kMaxSpare) spare_.push_back(std::move(storage));
  }

 private:
  static constexpr std::size_t kMaxSpare = 16;
  std::mutex spare_mutex_;
  std::vector<std::string> spare_;
  std::string_view text_;
  int fd_ = -1;
  std::string buffer_;
  bool eof_ = false;
  int error_ = 0;
  std::uint64_t consumed_ = 0;
};

// The learner ids a stream has settled, as 64-bit hashes (open addressing, at most half full:
// at most 16 bytes a learner). Two ids with one hash count as one: the stream's promise then
// seems broken, and the input is read another way, never wrongly.
class IdHashSet {
 public:
  // False when `id` (or an id with its hash) is in the set already.
  bool Insert(std::string_view id) {
    std::uint64_t hash = std::hash<std::string_view>{}(id);
    if (hash == 0) hash = 1;  // 0 marks an empty slot
    if ((count_ + 1) * 2 > slots_.size()) Grow();
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
      if (slots_[i] == hash) return false;
      if (slots_[i] == 0) {
        slots_[i] = hash;
        ++count_;
        return true;
      }
    }
  }

 private:
  void Grow() {
    std::vector<std::uint64_t> old(std::max<std::size_t>(slots_.size() * 2, 1024));
    old.swap(slots_);
    const std::size_t mask = slots_.size() - 1;
    for (std::uint64_t hash : old) {
      if (hash == 0) continue;
      std::size_t i = hash & mask;
      while (slots_[i] != 0) i = (i + 1) & mask;
      slots_[i] = hash;
    }
  }

  std::vector<std::uint64_t> slots_;
  std::size_t count_ = 0;
};

void WarnNoRows(SourceId source, Diagnostics& diagnostics) {
  diagnostics.Warning("no-rows", "the input has a header row but no data rows",
                      Location{source, 0, 0, {}});
}

std::uint32_t CountLines(std::string_view text) {
  return static_cast<std::uint32_t>(std::count(text.begin(), text.end(), '\n'));
}

// The end (just past the line break) of the CSV record starting at `start`, or npos when the
// window ends first. Follows the reader's rules for well-formed input: a quote opens a quoted
// field only at the start of a field, and "" inside one is a quote.
std::size_t CsvRecordEnd(std::string_view text, std::size_t start) {
  std::size_t i = start;
  const std::size_t n = text.size();
  bool field_start = true;
  while (i < n) {
    char c = text[i];
    if (field_start && c == '"') {
      // A quoted field: to its closing quote (a doubled quote does not close it).
      std::size_t j = i + 1;
      for (;;) {
        std::size_t quote = text.find('"', j);
        if (quote == std::string_view::npos) return std::string_view::npos;
        if (quote + 1 < n && text[quote + 1] == '"') {
          j = quote + 2;
          continue;
        }
        if (quote + 1 >= n) return std::string_view::npos;
        i = quote + 1;
        break;
      }
      field_start = false;
      continue;
    }
    if (c == '\n') return i + 1;
    field_start = c == ',';
    ++i;
  }
  return std::string_view::npos;
}

// The end of the last whole CSV record in text[0, limit) (0 when none ends there), and the
// start of that record.
std::size_t LastCsvRecordEnd(std::string_view text, std::size_t limit, std::size_t& last_start) {
  last_start = 0;
  std::string_view head = text.substr(0, limit);
  if (head.find('"') == std::string_view::npos) {
    // No quotes: every line break ends a record.
    std::size_t newline = head.rfind('\n');
    if (newline == std::string_view::npos) return 0;
    std::size_t previous = newline == 0 ? std::string_view::npos : head.rfind('\n', newline - 1);
    last_start = previous == std::string_view::npos ? 0 : previous + 1;
    return newline + 1;
  }
  std::size_t end = 0;
  std::size_t start = 0;
  while (start < limit) {
    std::size_t next = CsvRecordEnd(text, start);
    if (next == std::string_view::npos || next > limit) break;
    last_start = start;
    end = next;
    start = next;
  }
  return end;
}

// A CSV input's header, read from its first block: what every chunk is read against.
struct CsvHeader {
  std::string text;  // the first block (the reader's header fields point into it)
  Diagnostics diagnostics;
  std::unique_ptr<CsvReader> reader;
  internal::CsvColumns columns;
  std::size_t learner_column = 0;
  std::size_t data_start = 0;   // the byte the data rows start at
  std::uint32_t data_line = 1;  // and their first line
};

// The learner id of the CSV record `record`, trimmed, or "" when it has none (or it cannot be
// read): `reader` is a piece reader of the input, restarted on the record.
std::string LearnerOf(CsvReader& reader, std::string_view record, std::size_t learner_column) {
  reader.Restart(record, 1);
  CsvRow row;
  if (!reader.Next(row) || learner_column >= row.fields.size()) return {};
  return std::string(internal::TrimSpace(row.fields[learner_column].text));
}

// The learner id of an unquoted one-line CSV record (its line break included, if any): the
// learner column's text, trimmed, as the CSV reader reads it; "" when the record has no such
// column.
std::string_view UnquotedLearnerOf(std::string_view record, std::size_t learner_column) {
  std::string_view fields = record;
  if (fields.ends_with('\n')) {
    fields.remove_suffix(1);
    if (fields.ends_with('\r')) fields.remove_suffix(1);
  }
  for (std::size_t c = 0;; ++c) {
    std::size_t comma = fields.find(',');
    if (c == learner_column) return internal::TrimSpace(fields.substr(0, comma));
    if (comma == std::string_view::npos) return {};
    fields.remove_prefix(comma + 1);
  }
}

// What a CSV and a JSON Lines stream share: the bytes, handing out chunks with their first
// line, the check of the promise across chunks (learners ascend; or, started again grouped,
// no learner comes back), and a read error at the end.
class ChunkedStream : public RecordStream {
 public:
  ChunkedStream(const RuleSet& rules, const ReadOptions& options, SourceId source,
                std::size_t chunk_bytes)
      : rules_(rules), options_(options), source_(source), chunk_bytes_(chunk_bytes) {}

  ByteSource& bytes() { return bytes_; }
  std::uint64_t size() const override { return size_; }
  void set_size(std::uint64_t size) { size_ = size; }
  void Recycle(std::string&& storage) override { bytes_.Recycle(std::move(storage)); }

  bool RestartGrouped() override {
    if (!bytes_.Rewind()) return false;
    grouped_ = true;
    next_index_ = 0;
    first_line_ = start_line_;
    have_last_ = false;
    Restarted();
    return true;
  }

 protected:
  // Hands the first `cut` bytes of the window out as the next chunk.
  void Emit(std::size_t cut, RecordChunk& chunk) {
    bytes_.Take(cut, chunk);
    chunk.index = next_index_++;
    chunk.first_line = first_line_;
    first_line_ += CountLines(chunk.text);
  }

  // What a stream resets besides the bytes when it starts again.
  virtual void Restarted() {}

  // The promise across chunks: this chunk's learners all come after the last chunk's; when
  // grouped, none was in an earlier chunk.
  bool FollowsLastChunk(const ChunkRecords& records) {
    if (!records.in_order) return false;
    const std::vector<Learner>& learners = records.records.learners;
    if (grouped_) {
      for (const Learner& learner : learners) {
        if (!seen_.Insert(learner.id)) return false;
      }
      return true;
    }
    if (learners.empty()) return true;
    if (have_last_ && !(last_id_ < learners.front().id)) return false;
    last_id_ = learners.back().id;
    have_last_ = true;
    return true;
  }

  // The line the first chunk starts on (after a header row taken out of the chunks).
  void set_first_line(std::uint32_t line) { first_line_ = start_line_ = line; }

  // Whether a chunk read as `records` keeps the promise on its own: learners ascending, unless
  // grouped (Grouping puts a learner's rows in one chunk together in any order).
  bool InOrder(const RecordSet& records) const { return grouped_ || Ascending(records); }

  void ReportReadError(Diagnostics& diagnostics) const {
    if (bytes_.error() == 0) return;
    diagnostics.Error(
        "io-error",
        std::string("cannot read the input to its end: ") + std::strerror(bytes_.error()),
        Location{source_, 0, 0, {}});
  }

  // Whether `records` holds learners in ascending order of id.
  static bool Ascending(const RecordSet& records) {
    for (std::size_t i = 1; i < records.learners.size(); ++i) {
      if (!(records.learners[i - 1].id < records.learners[i].id)) return false;
    }
    return true;
  }

  const RuleSet& rules_;
  const ReadOptions& options_;
  SourceId source_;
  std::size_t chunk_bytes_;
  ByteSource bytes_;

 private:
  bool grouped_ = false;
  IdHashSet seen_;  // when grouped: every learner settled so far
  std::uint32_t start_line_ = 1;
  std::uint32_t first_line_ = 1;
  std::size_t next_index_ = 0;
  std::string last_id_;
  bool have_last_ = false;
  std::uint64_t size_ = 0;
};

class CsvStream final : public ChunkedStream {
 public:
  using ChunkedStream::ChunkedStream;

  // Reads the header from the first block; false when the input is not streamed.
  bool Start(Diagnostics& diagnostics) {
    std::string_view window = bytes_.Window(chunk_bytes_);
    Diagnostics local;
    auto header = std::make_shared<CsvHeader>();
    header->text = std::string(window);
    header->reader =
        std::make_unique<CsvReader>(header->text, source_, header->diagnostics, options_.csv);
    CsvReader& reader = *header->reader;
    if (!reader.ReadHeader() || header->diagnostics.has_errors()) return false;
    // The header must end in the block, unless the input is just the header.
    const std::size_t data_start = reader.offset();
    if (data_start >= window.size() && !bytes_.at_end(window.size())) return false;
    if (header->text.find('\0') != std::string::npos) return false;
    header->columns.column_of.fill(-1);
    if (!internal::MapCsvColumns(reader.header(), source_, reader.header().front().line,
                                 options_.map, header->columns, local)) {
      return false;
    }
    header->data_start = data_start;
    header->data_line = reader.line();
    header->learner_column = header->columns.Column(Field::kLearner);
    set_first_line(header->data_line);
    skip_ = data_start;
    id_reader_ = std::make_unique<CsvReader>(std::string_view(header->text.data(), 0), source_,
                                             id_diagnostics_, options_.csv, reader, 1);
    header_ = std::move(header);
    diagnostics.Append(local);
    return true;
  }

  bool Next(RecordChunk& chunk) override {
    if (skip_ > 0) {  // the header row
      RecordChunk header;
      bytes_.Window(skip_);
      bytes_.Take(skip_, header);
      skip_ = 0;
    }
    std::string_view window = bytes_.Window(chunk_bytes_);
    if (window.empty()) return false;
    std::size_t cut = window.size();
    if (!bytes_.at_end(window.size()) || window.size() > chunk_bytes_) {
      cut = FindCut(window);
      window = bytes_.Window(0);  // FindCut may have read more
    }
    if (cut == 0) cut = window.size();  // no record ends in the window: take it all
    Emit(cut, chunk);
    return true;
  }

  ChunkRecords Read(const RecordChunk& chunk, Diagnostics& diagnostics) const override {
    ChunkRecords out;
    Diagnostics local;
    CsvReader csv(chunk.text, source_, local, options_.csv, *header_->reader, chunk.first_line);
    internal::Grouping grouping(rules_, options_, local);
    internal::ReadCsvRows(csv, header_->columns, true, source_, options_.map, grouping, local);
    out.records = grouping.Release();
    for (const Diagnostic& d : local.items()) {
      if (MovesRecordBoundaries(d)) out.in_order = false;
    }
    out.in_order = out.in_order && InOrder(out.records);
    diagnostics.Append(local);
    return out;
  }

  bool Settle(ChunkRecords& records, Diagnostics& /*diagnostics*/) override {
    return FollowsLastChunk(records);
  }

  void Finish(const Accounting& total, Diagnostics& diagnostics) override {
    ReportReadError(diagnostics);
    if (total.rows_read == 0) WarnNoRows(source_, diagnostics);
  }

  std::unique_ptr<RecordStream> Regroup() override;

 private:
  void Restarted() override { skip_ = header_->data_start; }

  // The learner id of the record text[start, end), trimmed, or "" when it has none.
  std::string LearnerOf(std::string_view text, std::size_t start, std::size_t end) {
    id_diagnostics_ = Diagnostics{};
    return accredit::LearnerOf(*id_reader_, text.substr(start, end - start),
                               header_->learner_column);
  }

  // Where to end a chunk in `window`: after the last record that ends within chunk_bytes_,
  // and then after every following record of the same learner (reading further if needed).
  std::size_t FindCut(std::string_view window) {
    std::size_t last_start = 0;
    std::size_t cut = LastCsvRecordEnd(window, std::min(window.size(), chunk_bytes_), last_start);
    if (cut == 0) {
      // No record ends within a chunk's size: the first record, however long.
      std::size_t want = window.size();
      for (;;) {
        cut = CsvRecordEnd(window, 0);
        if (cut != std::string_view::npos) break;
        if (bytes_.at_end(window.size())) return window.size();
        want *= 2;
        window = bytes_.Window(want);
      }
      last_start = 0;
    }
    const std::string id = LearnerOf(window, last_start, cut);
    if (id.empty()) return cut;
    std::size_t want = window.size();
    for (;;) {
      std::size_t end = CsvRecordEnd(window, cut);
      if (end == std::string_view::npos) {
        if (bytes_.at_end(window.size())) {
          // The last record of the input, without a final line break.
          if (cut < window.size() && LearnerOf(window, cut, window.size()) == id) {
            return window.size();
          }
          return cut;
        }
        want = std::max(want * 2, window.size() + (std::size_t{1} << 16));
        window = bytes_.Window(want);
        continue;
      }
      if (LearnerOf(window, cut, end) != id) return cut;
      cut = end;
    }
  }

  std::shared_ptr<const CsvHeader> header_;
  Diagnostics id_diagnostics_;  // what id_reader_ finds: ignored (Read() reports it)
  std::unique_ptr<CsvReader> id_reader_;
  std::size_t skip_ = 0;
};

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
  internal::LargeBuffer& owned_text() { return owned_; }
  void set_text(std::string_view text) { text_ = text; }

  // Splits the data rows into records and indexes them by learner.
  void Index() {
    const std::size_t begin = std::min(header_->data_start, text_.size());
    std::string_view data = text_.substr(begin);
    // As many records as the first 64 KiB suggests, to reserve memory for.
    std::string_view sample = data.substr(0, std::size_t{1} << 16);
    const std::uint64_t sample_lines = CountLines(sample) + 1;
    const auto expected = static_cast<std::size_t>(data.size() * sample_lines /
                                                   std::max<std::size_t>(sample.size(), 1));
    index_ = internal::LearnerRowIndex(expected);
    Diagnostics ignored;
    CsvReader ids(std::string_view(text_.data(), 0), source_, ignored, options_.csv,
                  *header_->reader, 1);
    const std::size_t column = header_->learner_column;
    // Records are added a batch at a time (LearnerRowIndex::Add); the ids of quoted records
    // are read into `copies`, which hold them until their batch is added.
    constexpr std::size_t kBatch = 32;
    std::array<internal::LearnerRowIndex::Pending, kBatch> batch;
    std::array<std::string, kBatch> copies;
    std::size_t pending = 0;
    std::size_t pos = begin;
    std::uint32_t line = header_->data_line;
    while (pos < text_.size()) {
      const char* start = text_.data() + pos;
      const std::size_t left = text_.size() - pos;
      const void* newline = std::memchr(start, '\n', left);
      std::size_t end =
          newline == nullptr
              ? text_.size()
              : static_cast<std::size_t>(static_cast<const char*>(newline) - text_.data()) + 1;
      std::string_view record = text_.substr(pos, end - pos);
      internal::LearnerRowIndex::Pending& next = batch[pending];
      next.start = static_cast<std::uint32_t>(pos);
      next.line = line;
      if (record.find('"') == std::string_view::npos) {
        // One line, fields split at commas: the id is the learner column's text.
        next.id = UnquotedLearnerOf(record, column);
        next.copy = false;
        if (newline != nullptr) ++line;
      } else {
        // Quoted fields may hold line breaks and commas: the CSV reader's rules decide.
        end = CsvRecordEnd(text_, pos);
        if (end == std::string_view::npos) end = text_.size();
        record = text_.substr(pos, end - pos);
        ignored = Diagnostics{};
        copies[pending] = LearnerOf(ids, record, column);
        next.id = copies[pending];
        next.copy = true;
        line += CountLines(record);
      }
      pos = end;
      if (++pending == kBatch) {
        index_.Add(batch);
        pending = 0;
      }
    }
    index_.Add(std::span(batch).first(pending));
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

  ChunkRecords Read(const RecordChunk& chunk, Diagnostics& diagnostics) const override {
    ChunkRecords out;
    Diagnostics local;
    CsvReader csv(std::string_view(text_.data(), 0), source_, local, options_.csv, *header_->reader,
                  1);
    internal::Grouping grouping(rules_, options_, local);
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
    std::unique_ptr<CsvReader> ids;
    std::string quoted_id;
    std::size_t k = 0;
    for (std::size_t g = chunk.first_group; g < chunk.end_group; ++g) {
      const std::size_t group_end = k + index_.Group(g).size();
      const std::string_view first = index_.Record(text_, records[k]);
      std::string_view id;
      if (first.find('"') == std::string_view::npos) {
        id = UnquotedLearnerOf(first, header_->learner_column);
      } else {
        if (ids == nullptr) {
          ids = std::make_unique<CsvReader>(std::string_view(text_.data(), 0), source_, ignored,
                                            options_.csv, *header_->reader, 1);
        }
        quoted_id = LearnerOf(*ids, first, header_->learner_column);
        id = quoted_id;
      }
      for (; k < group_end; ++k) {
        if (k + kEntryAhead < records.size()) index_.PrefetchEntry(records[k + kEntryAhead]);
        if (k + kRecordAhead < records.size()) {
          index_.PrefetchRecord(text_, records[k + kRecordAhead]);
        }
        const std::uint32_t r = records[k];
        const std::uint64_t with_id = grouping.rows_with_id();
        csv.Restart(index_.Record(text_, r), index_.Line(r));
        internal::ReadCsvRows(csv, header_->columns, true, source_, options_.map, grouping, local);
        if (grouping.rows_with_id() != with_id && grouping.last_learner().id != id) {
          out.in_order = false;
        }
      }
    }
    out.records = grouping.Release();
    for (const Diagnostic& d : local.items()) {
      if (MovesRecordBoundaries(d)) out.in_order = false;
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
      held_.push_back(Held{record, d});
    }
    diagnostics = Diagnostics{};
    return true;
  }

  void Finish(const Accounting& total, Diagnostics& diagnostics) override {
    std::stable_sort(held_.begin(), held_.end(),
                     [](const Held& a, const Held& b) { return a.record < b.record; });
    for (Held& held : held_) {
      Diagnostic& d = held.diagnostic;
      diagnostics.Add(d.severity, std::move(d.code), std::move(d.message), std::move(d.location))
          .notes = std::move(d.notes);
    }
    held_.clear();
    if (total.rows_read == 0) WarnNoRows(source_, diagnostics);
  }

  std::uint64_t size() const override { return size_; }

 private:
  struct Held {
    std::uint32_t record;  // the record it was found in, in input order
    Diagnostic diagnostic;
  };

  const RuleSet& rules_;
  const ReadOptions& options_;
  SourceId source_;
  std::size_t chunk_bytes_;
  std::shared_ptr<const CsvHeader> header_;
  std::uint64_t size_;
  internal::LargeBuffer owned_;
  std::string_view text_;
  internal::LearnerRowIndex index_;
  std::size_t records_per_chunk_ = 1;
  std::size_t average_ = 1;  // bytes of a record, on average
  std::size_t data_bytes_ = 0;
  std::size_t next_group_ = 0;
  std::size_t next_index_ = 0;
  std::uint32_t last_line_ = 0;
  std::vector<Held> held_;
};

std::unique_ptr<RecordStream> CsvStream::Regroup() {
  // The index refers to records by 32-bit offsets; the whole input is read into memory, as
  // ReadRecordInputs() would.
  if (size() > options_.max_file_bytes || size() >= std::numeric_limits<std::uint32_t>::max()) {
    return nullptr;
  }
  auto out = std::make_unique<RegroupedCsvStream>(rules_, options_, source_, chunk_bytes_, header_,
                                                  size());
  if (bytes_.from_file()) {
    if (!bytes_.ReadAll(size(), out->owned_text())) return nullptr;
    out->set_text(out->owned_text().view());
  } else {
    out->set_text(bytes_.text());
  }
  out->Index();
  return out;
}

class JsonLinesStream final : public ChunkedStream {
 public:
  using ChunkedStream::ChunkedStream;

  // Streams only JSON Lines whose first line is a whole object (else: one pretty-printed
  // object, an array, or not JSON: read whole).
  bool Start() {
    std::string_view window = bytes_.Window(chunk_bytes_);
    if (window.starts_with("\xef\xbb\xbf")) return false;
    std::size_t newline = window.find('\n');
    if (newline == std::string_view::npos) return false;
    std::string_view first = window.substr(0, newline);
    if (first.find_first_not_of(" \t\r") == std::string_view::npos ||
        first[first.find_first_not_of(" \t\r")] != '{') {
      return false;
    }
    return internal::ScanJson(first, options_.max_json_depth).ok();
  }

  bool Next(RecordChunk& chunk) override {
    std::string_view window = bytes_.Window(chunk_bytes_);
    if (window.empty()) return false;
    std::size_t cut = window.size();
    if (!bytes_.at_end(window.size()) || window.size() > chunk_bytes_) {
      // After the last line break in the first chunk_bytes_, else the first one after them.
      std::size_t limit = std::min(window.size(), chunk_bytes_);
      for (;;) {
        std::size_t newline = window.substr(0, limit).rfind('\n');
        if (newline != std::string_view::npos) {
          cut = newline + 1;
          break;
        }
        if (limit < window.size()) {
          limit = window.size();
          continue;
        }
        if (bytes_.at_end(window.size())) {
          cut = window.size();
          break;
        }
        window = bytes_.Window(window.size() * 2);
        limit = window.size();
      }
    }
    Emit(cut, chunk);
    return true;
  }

  ChunkRecords Read(const RecordChunk& chunk, Diagnostics& diagnostics) const override {
    ChunkRecords out;
    out.records = internal::ReadJsonLines(source_, chunk.text, chunk.first_line, rules_, options_,
                                          diagnostics);
    out.in_order = InOrder(out.records);
    return out;
  }

  bool Settle(ChunkRecords& records, Diagnostics& diagnostics) override {
    if (!FollowsLastChunk(records)) return false;
    // The whole input notes an unknown key once: drop the notes earlier chunks gave.
    Diagnostics kept;
    for (const Diagnostic& d : diagnostics.items()) {
      if (d.code == "unknown-field" && !noted_.insert(d.message).second) continue;
      kept.Add(d.severity, d.code, d.message, d.location).notes = d.notes;
    }
    diagnostics = std::move(kept);
    return true;
  }

  void Finish(const Accounting& /*total*/, Diagnostics& diagnostics) override {
    ReportReadError(diagnostics);
  }

 private:
  void Restarted() override { noted_.clear(); }

  std::set<std::string> noted_;
};

// Reads all of `fd` (a regular file of `size` bytes) into `out`; false on an error.
bool ReadWhole(int fd, std::uint64_t size, std::string& out) {
  out.resize(static_cast<std::size_t>(size));
  std::size_t got = 0;
  while (got < out.size()) {
    ssize_t n = ::read(fd, out.data() + got, out.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    got += static_cast<std::size_t>(n);
  }
  char extra = 0;
  return ::read(fd, &extra, 1) == 0;  // the file did not grow meanwhile
}

}  // namespace

std::unique_ptr<RecordStream> RecordStream::Open(const std::string& path, const RuleSet& rules,
                                                 const ReadOptions& options, SourceSet& sources,
                                                 Diagnostics& diagnostics,
                                                 std::size_t chunk_bytes) {
  if (path == "-" || chunk_bytes == 0) return nullptr;
  int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return nullptr;
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode) || info.st_size == 0) {
    ::close(fd);
    return nullptr;
  }
  const auto size = static_cast<std::uint64_t>(info.st_size);
  // The format, from the name or the first bytes.
  char head[256];
  ssize_t got = ::pread(fd, head, sizeof head, 0);
  if (got <= 0) {
    ::close(fd);
    return nullptr;
  }
  const RecordFormat format =
      DetectRecordFormat(path, std::string_view(head, static_cast<std::size_t>(got)));
  // Small inputs are read whole and kept, so diagnostics show their lines (as
  // ReadRecordInputs() does); larger ones are read in blocks.
  std::string text;
  if (size <= kKeepSourceTextBytes && !ReadWhole(fd, size, text)) {
    ::close(fd);
    return nullptr;
  }
  const bool whole = size <= kKeepSourceTextBytes;
  SourceId id = whole ? sources.Add(path, std::move(text)) : sources.AddName(path);
  auto attach = [&](auto& stream) {
    if (whole) {
      ::close(fd);
      stream.bytes().SetText(sources.Get(id).text);
    } else {
      stream.bytes().SetFile(fd);
    }
    stream.set_size(size);
  };
  if (format == RecordFormat::kJson) {
    auto stream = std::make_unique<JsonLinesStream>(rules, options, id, chunk_bytes);
    attach(*stream);
    if (!stream->Start()) return nullptr;
    return stream;
  }
  auto stream = std::make_unique<CsvStream>(rules, options, id, chunk_bytes);
  attach(*stream);
  if (!stream->Start(diagnostics)) return nullptr;
  return stream;
}

}  // namespace accredit
