#include "accredit/record_stream.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <set>
#include <vector>

#include "accredit/csv_reader.h"
#include "accredit/record_input.h"
#include "base/large_buffer.h"
#include "base/text_encoding.h"
#include "base/untrusted_file.h"
#include "records/csv_rows.h"
#include "records/grouping.h"
#include "records/json_records.h"
#include "records/json_scan.h"
#include "records/xlsx_reader.h"
#include "records/xlsx_records.h"
#include "stream/byte_producer.h"
#include "stream/csv_record_split.h"
#include "stream/id_hash_set.h"
#include "stream/regrouped_csv_stream.h"
#include "stream/xlsx_stream.h"

namespace accredit {

namespace {

using internal::CountLines;
using internal::CsvHeader;
using internal::CsvRecordEnd;
using internal::LastCsvRecordEnd;
using internal::NeedsWholeRead;
using internal::ReportNoRows;

// Where the input's bytes come from: the registered source text (small inputs), a file read
// in blocks, or a producer (a workbook's sheet).
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
  void SetProducer(internal::ByteProducer& producer) { producer_ = &producer; }
  int fd() const { return fd_; }
  std::string_view text() const { return text_; }
  int error() const { return error_; }

  // Starts handing out the input again from its first byte; false when a file cannot seek.
  bool Rewind() {
    if (producer_ != nullptr && !producer_->Rewind()) return false;
    if (fd_ >= 0 || producer_ != nullptr) {
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
    if (producer_ != nullptr) {
      while (buffer_.size() < want && !eof_) {
        if (!producer_->Produce(buffer_)) eof_ = true;
      }
      return buffer_;
    }
    if (fd_ < 0) return text_.substr(static_cast<std::size_t>(consumed_));
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
    return in_text() ? consumed_ + window_size >= text_.size() : eof_;
  }

  // Hands the first `n` bytes of the window to `chunk`.
  void Take(std::size_t n, RecordChunk& chunk) {
    if (in_text()) {
      chunk.text = text_.substr(static_cast<std::size_t>(consumed_), n);
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
  bool in_text() const { return fd_ < 0 && producer_ == nullptr; }

  static constexpr std::size_t kMaxSpare = 16;
  std::mutex spare_mutex_;
  std::vector<std::string> spare_;
  std::string_view text_;
  int fd_ = -1;
  internal::ByteProducer* producer_ = nullptr;
  std::string buffer_;
  bool eof_ = false;
  int error_ = 0;
  std::uint64_t consumed_ = 0;
};

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
    noted_.clear();
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

  // Settles a chunk's diagnostics: what the whole input gives once (an unknown JSON key, a
  // subject outside the vocabulary) is dropped from later chunks.
  void DropRepeatedNotes(Diagnostics& diagnostics) { internal::DropRepeats(diagnostics, noted_); }

  // The line the first chunk starts on (after a header row taken out of the chunks).
  void set_first_line(std::uint32_t line) { first_line_ = start_line_ = line; }

  // Whether a chunk read as `records` keeps the promise on its own: learners ascending, unless
  // grouped (Grouping puts a learner's rows in one chunk together in any order).
  bool InOrder(const RecordSet& records) const { return grouped_ || Ascending(records); }

  void ReportReadError(Diagnostics& diagnostics) const {
    if (bytes_.error() == 0) return;
    diagnostics
        .Error("io-error",
               std::string("cannot read the input to its end: ") + std::strerror(bytes_.error()),
               Location{source_, 0, 0, {}})
        .rejected = Rejected::kInput;
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
  internal::IdHashSet seen_;  // when grouped: every learner settled so far
  std::uint32_t start_line_ = 1;
  std::uint32_t first_line_ = 1;
  std::size_t next_index_ = 0;
  std::string last_id_;
  bool have_last_ = false;
  std::uint64_t size_ = 0;
  std::set<std::string> noted_;  // RepeatKey of every diagnostic given once so far
};

class CsvStream final : public ChunkedStream {
 public:
  using ChunkedStream::ChunkedStream;

  // Takes the input's bytes from `producer` (before Start).
  void FromProducer(internal::ByteProducer& producer) {
    bytes_.SetProducer(producer);
    produced_ = true;
  }

  // Reads the header from the first block; false when the input is not streamed.
  bool Start(Diagnostics& diagnostics) {
    std::string_view window = bytes_.Window(chunk_bytes_);
    // Tab-separated text is read whole: record boundaries are cut at commas here.
    if (DetectCsvDelimiter(window) != ',') return false;
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
    if (!internal::MapCsvColumns(reader.header(), source_, reader.header().front().line, options_,
                                 header->columns, local, &rules_)) {
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

  ChunkRecords Read(const RecordChunk& chunk, Diagnostics& diagnostics,
                    ReadScratch* scratch) const override {
    ChunkRecords out;
    Diagnostics local;
    CsvReader csv(chunk.text, source_, local, options_.csv, *header_->reader, chunk.first_line);
    internal::Grouping grouping(rules_, options_, local, scratch);
    internal::ReadCsvRows(csv, header_->columns, true, source_, grouping, local);
    out.records = grouping.Release();
    for (const Diagnostic& d : local.items()) {
      if (NeedsWholeRead(d)) out.in_order = false;
    }
    out.in_order = out.in_order && InOrder(out.records);
    diagnostics.Append(local);
    return out;
  }

  bool Settle(ChunkRecords& records, Diagnostics& diagnostics) override {
    if (!FollowsLastChunk(records)) return false;
    DropRepeatedNotes(diagnostics);
    return true;
  }

  void Finish(const Accounting& total, Diagnostics& diagnostics) override {
    ReportReadError(diagnostics);
    if (total.rows_read == 0) ReportNoRows(source_, true, diagnostics);
  }

  std::unique_ptr<RecordStream> Regroup(unsigned threads) override {
    if (produced_) return nullptr;
    return internal::RegroupCsv(rules_, options_, source_, chunk_bytes_, header_, size(),
                                bytes_.fd(), bytes_.text(), threads);
  }

 private:
  void Restarted() override { skip_ = header_->data_start; }

  // The learner id of the record text[start, end), trimmed, or "" when it has none.
  std::string LearnerOf(std::string_view text, std::size_t start, std::size_t end) {
    id_diagnostics_ = Diagnostics{};
    return internal::LearnerOf(*id_reader_, text.substr(start, end - start),
                               header_->learner_column);
  }

  // Where to end a chunk in `window`: after the last record that ends within chunk_bytes_,
  // and then after every following record of the same learner (reading further if needed),
  // with the blank records and records without an id among them.
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
    std::string id = LearnerOf(window, last_start, cut);
    // A blank record (a blank row of a workbook) or one without an id at the cut: the learner
    // is that of the last record before it with an id.
    if (id.empty()) id = LastLearnerBefore(window, cut);
    if (id.empty()) return cut;
    std::size_t want = window.size();
    std::size_t probe = cut;  // the records from `cut` to `probe` have no learner id
    for (;;) {
      std::size_t end = CsvRecordEnd(window, probe);
      if (end == std::string_view::npos) {
        if (bytes_.at_end(window.size())) {
          // The last record of the input, without a final line break.
          if (probe < window.size() && LearnerOf(window, probe, window.size()) == id) {
            return window.size();
          }
          return cut;
        }
        want = std::max(want * 2, window.size() + (std::size_t{1} << 16));
        window = bytes_.Window(want);
        continue;
      }
      const std::string next = LearnerOf(window, probe, end);
      if (!next.empty() && next != id) return cut;
      // Records without an id between two of the learner's go with it.
      probe = end;
      if (!next.empty()) cut = end;
    }
  }

  // The learner id of the last record with one that ends by `cut`, or "".
  std::string LastLearnerBefore(std::string_view window, std::size_t cut) {
    std::string last;
    for (std::size_t start = 0; start < cut;) {
      const std::size_t end = CsvRecordEnd(window, start);
      if (end == std::string_view::npos || end > cut) break;
      std::string id = LearnerOf(window, start, end);
      if (!id.empty()) last = std::move(id);
      start = end;
    }
    return last;
  }

  bool produced_ = false;  // the bytes come from a producer
  std::shared_ptr<const CsvHeader> header_;
  Diagnostics id_diagnostics_;  // what id_reader_ finds: ignored (Read() reports it)
  std::unique_ptr<CsvReader> id_reader_;
  std::size_t skip_ = 0;
};

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

  ChunkRecords Read(const RecordChunk& chunk, Diagnostics& diagnostics,
                    ReadScratch* scratch) const override {
    ChunkRecords out;
    out.records = internal::ReadJsonLines(source_, chunk.text, chunk.first_line, rules_, options_,
                                          diagnostics, scratch);
    out.in_order = InOrder(out.records);
    for (const Diagnostic& d : diagnostics.items()) {
      if (d.code == "bad-utf8") out.in_order = false;  // read whole, it may be converted
    }
    return out;
  }

  bool Settle(ChunkRecords& records, Diagnostics& diagnostics) override {
    if (!FollowsLastChunk(records)) return false;
    DropRepeatedNotes(diagnostics);
    return true;
  }

  void Finish(const Accounting& total, Diagnostics& diagnostics) override {
    ReportReadError(diagnostics);
    if (total.rows_read == 0) ReportNoRows(source_, false, diagnostics);
  }
};

// A stream over the input registered as `id`: from its registered text (`fd` < 0) or, for a
// large file, from `fd` in blocks (the stream then owns `fd`).
std::unique_ptr<RecordStream> Start(RecordFormat format, SourceId id, std::uint64_t size, int fd,
                                    const RuleSet& rules, const ReadOptions& options,
                                    const SourceSet& sources, Diagnostics& diagnostics,
                                    std::size_t chunk_bytes) {
  auto attach = [&](auto& stream) {
    if (fd < 0) {
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

}  // namespace

namespace internal {

std::unique_ptr<RecordStream> OpenCsvStream(ByteProducer& producer, SourceId source,
                                            const RuleSet& rules, const ReadOptions& options,
                                            Diagnostics& diagnostics, std::size_t chunk_bytes) {
  auto stream = std::make_unique<CsvStream>(rules, options, source, chunk_bytes);
  stream->FromProducer(producer);
  if (!stream->Start(diagnostics)) return nullptr;
  return stream;
}

}  // namespace internal

std::unique_ptr<RecordStream> RecordStream::Open(const std::string& path, const RuleSet& rules,
                                                 const ReadOptions& options, SourceSet& sources,
                                                 Diagnostics& diagnostics,
                                                 std::size_t chunk_bytes) {
  if (path == "-" || chunk_bytes == 0) return nullptr;
  std::string sheet;  // "results.xlsx#KS5": one sheet of a workbook
  const std::string file_path(internal::SplitSheet(path, sheet));
  // Any size: a streamed input is never held whole (ReadOptions::max_file_bytes bounds a
  // whole read).
  internal::OpenedFile file = internal::OpenUntrustedFile(file_path, UINT64_MAX);
  if (!file.ok() || file.size == 0) return nullptr;
  const std::uint64_t size = file.size;
  // The format, from the name or the first bytes.
  char head[256];
  ssize_t got = ::pread(file.fd.get(), head, sizeof head, 0);
  if (got <= 0) return nullptr;
  const std::string_view head_text(head, static_cast<std::size_t>(got));
  if (internal::IsXlsx(file_path, head_text)) {
    return internal::OpenXlsxStream(file_path, sheet, file.fd.Release(), size, rules, options,
                                    sources, diagnostics, chunk_bytes);
  }
  const RecordFormat format = DetectRecordFormat(path, head_text);
  // Small inputs are read whole and kept, so diagnostics show their lines (as
  // ReadRecordInputs() does); larger ones are read in blocks.
  if (size <= kKeepSourceTextBytes) {
    std::string text(static_cast<std::size_t>(size), '\0');
    if (!internal::ReadWholeFile(file.fd.get(), text.data(), text.size())) return nullptr;
    const internal::TextEncoding encoding = internal::ToUtf8(text);
    SourceId id = sources.Add(path, std::move(text));
    sources.SetPersonal(id);
    Diagnostics noted;
    internal::NoteEncoding(encoding, id, noted);
    std::unique_ptr<RecordStream> stream = Start(format, id, sources.Get(id).text.size(), -1, rules,
                                                 options, sources, noted, chunk_bytes);
    if (stream) diagnostics.Append(noted);
    return stream;
  }
  // A large input is converted only when read whole: UTF-16 goes there at once, and a chunk
  // with bytes that are not UTF-8 sends it there (NeedsWholeRead).
  if (std::string_view(head, static_cast<std::size_t>(got)).starts_with("\xff\xfe") ||
      std::string_view(head, static_cast<std::size_t>(got)).starts_with("\xfe\xff")) {
    return nullptr;
  }
  SourceId id = sources.AddName(path);
  sources.SetPersonal(id);
  return Start(format, id, size, file.fd.Release(), rules, options, sources, diagnostics,
               chunk_bytes);
}

std::unique_ptr<RecordStream> RecordStream::OpenSource(SourceId source, const RuleSet& rules,
                                                       const ReadOptions& options,
                                                       const SourceSet& sources,
                                                       Diagnostics& diagnostics,
                                                       std::size_t chunk_bytes) {
  const Source& input = sources.Get(source);
  if (chunk_bytes == 0 || input.text.empty()) return nullptr;
  // Bytes in memory in another encoding, or a workbook, are read whole.
  if (internal::IsXlsx(input.name, input.text) ||
      internal::DetectEncoding(input.text) != internal::TextEncoding::kUtf8) {
    return nullptr;
  }
  const RecordFormat format = DetectRecordFormat(input.name, input.text);
  return Start(format, source, input.text.size(), -1, rules, options, sources, diagnostics,
               chunk_bytes);
}

}  // namespace accredit
