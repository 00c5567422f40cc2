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
#include "csv_records.h"
#include "grouping.h"
#include "json_records.h"
#include "json_scan.h"
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
  int error() const { return error_; }

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

class CsvStream final : public RecordStream {
 public:
  CsvStream(const RuleSet& rules, const ReadOptions& options, SourceId source,
            std::size_t chunk_bytes)
      : rules_(rules), options_(options), source_(source), chunk_bytes_(chunk_bytes) {}

  ByteSource& bytes() { return bytes_; }

  // Reads the header from the first block; false when the input is not streamed.
  bool Start(Diagnostics& diagnostics) {
    std::string_view window = bytes_.Window(chunk_bytes_);
    Diagnostics local;
    header_text_ = std::string(window);
    header_reader_ =
        std::make_unique<CsvReader>(header_text_, source_, header_diagnostics_, options_.csv);
    if (!header_reader_->ReadHeader() || header_diagnostics_.has_errors()) return false;
    // The header must end in the block, unless the input is just the header.
    const std::size_t data_start = header_reader_->offset();
    if (data_start >= window.size() && !bytes_.at_end(window.size())) return false;
    if (header_text_.find('\0') != std::string::npos) return false;
    columns_.column_of.fill(-1);
    if (!internal::MapCsvColumns(header_reader_->header(), source_,
                                 header_reader_->header().front().line, options_.map, columns_,
                                 local)) {
      return false;
    }
    first_line_ = header_reader_->line();
    learner_column_ = columns_.Column(Field::kLearner);
    skip_ = data_start;
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
    bytes_.Take(cut, chunk);
    chunk.index = next_index_++;
    chunk.first_line = first_line_;
    first_line_ += CountLines(chunk.text);
    return true;
  }

  ChunkRecords Read(const RecordChunk& chunk, Diagnostics& diagnostics) const override {
    ChunkRecords out;
    Diagnostics local;
    CsvReader csv(chunk.text, source_, local, options_.csv, *header_reader_, chunk.first_line);
    internal::Grouping grouping(rules_, options_, local);
    internal::ReadCsvRows(csv, columns_, true, source_, options_.map, grouping, local);
    out.records = grouping.Release();
    for (const Diagnostic& d : local.items()) {
      if (MovesRecordBoundaries(d)) out.in_order = false;
    }
    out.in_order = out.in_order && Ascending(out.records);
    diagnostics.Append(local);
    return out;
  }

  bool Settle(ChunkRecords& records, Diagnostics& /*diagnostics*/) override {
    if (!records.in_order) return false;
    if (records.records.learners.empty()) return true;
    if (have_last_ && !(last_id_ < records.records.learners.front().id)) return false;
    last_id_ = records.records.learners.back().id;
    have_last_ = true;
    return true;
  }

  void Finish(const Accounting& total, Diagnostics& diagnostics) override {
    if (bytes_.error() != 0) {
      diagnostics.Error(
          "io-error",
          std::string("cannot read the input to its end: ") + std::strerror(bytes_.error()),
          Location{source_, 0, 0, {}});
    }
    if (total.rows_read == 0) {
      diagnostics.Warning("no-rows", "the input has a header row but no data rows",
                          Location{source_, 0, 0, {}});
    }
  }

  std::uint64_t size() const override { return size_; }
  void Recycle(std::string&& storage) override { bytes_.Recycle(std::move(storage)); }
  void set_size(std::uint64_t size) { size_ = size; }

  static bool Ascending(const RecordSet& records) {
    for (std::size_t i = 1; i < records.learners.size(); ++i) {
      if (!(records.learners[i - 1].id < records.learners[i].id)) return false;
    }
    return true;
  }

 private:
  // The learner id of the record text[start, end), trimmed, or "" when it has none.
  std::string LearnerOf(std::string_view text, std::size_t start, std::size_t end) const {
    Diagnostics ignored;
    CsvReader reader(text.substr(start, end - start), source_, ignored, options_.csv,
                     *header_reader_, 1);
    CsvRow row;
    if (!reader.Next(row) || learner_column_ >= row.fields.size()) return {};
    return std::string(internal::TrimSpace(row.fields[learner_column_].text));
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

  const RuleSet& rules_;
  const ReadOptions& options_;
  SourceId source_;
  std::size_t chunk_bytes_;
  ByteSource bytes_;
  std::string header_text_;
  Diagnostics header_diagnostics_;
  std::unique_ptr<CsvReader> header_reader_;
  internal::CsvColumns columns_;
  std::size_t learner_column_ = 0;
  std::size_t skip_ = 0;
  std::uint32_t first_line_ = 1;
  std::size_t next_index_ = 0;
  std::string last_id_;
  bool have_last_ = false;
  std::uint64_t size_ = 0;
};

class JsonLinesStream final : public RecordStream {
 public:
  JsonLinesStream(const RuleSet& rules, const ReadOptions& options, SourceId source,
                  std::size_t chunk_bytes)
      : rules_(rules), options_(options), source_(source), chunk_bytes_(chunk_bytes) {}

  ByteSource& bytes() { return bytes_; }

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
    bytes_.Take(cut, chunk);
    chunk.index = next_index_++;
    chunk.first_line = first_line_;
    first_line_ += CountLines(chunk.text);
    return true;
  }

  ChunkRecords Read(const RecordChunk& chunk, Diagnostics& diagnostics) const override {
    ChunkRecords out;
    out.records = internal::ReadJsonLines(source_, chunk.text, chunk.first_line, rules_, options_,
                                          diagnostics);
    out.in_order = CsvStream::Ascending(out.records);
    return out;
  }

  bool Settle(ChunkRecords& records, Diagnostics& diagnostics) override {
    if (!records.in_order) return false;
    if (!records.records.learners.empty()) {
      if (have_last_ && !(last_id_ < records.records.learners.front().id)) return false;
      last_id_ = records.records.learners.back().id;
      have_last_ = true;
    }
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
    if (bytes_.error() != 0) {
      diagnostics.Error(
          "io-error",
          std::string("cannot read the input to its end: ") + std::strerror(bytes_.error()),
          Location{source_, 0, 0, {}});
    }
  }

  std::uint64_t size() const override { return size_; }
  void Recycle(std::string&& storage) override { bytes_.Recycle(std::move(storage)); }
  void set_size(std::uint64_t size) { size_ = size; }

 private:
  const RuleSet& rules_;
  const ReadOptions& options_;
  SourceId source_;
  std::size_t chunk_bytes_;
  ByteSource bytes_;
  std::uint32_t first_line_ = 1;
  std::size_t next_index_ = 0;
  std::string last_id_;
  bool have_last_ = false;
  std::set<std::string> noted_;
  std::uint64_t size_ = 0;
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
