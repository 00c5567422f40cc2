#include "stream/xlsx_stream.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <vector>

#include "accredit/record_input.h"
#include "records/xlsx_package.h"
#include "records/xlsx_reader.h"
#include "records/xlsx_records.h"
#include "records/xlsx_sheet.h"
#include "stream/byte_producer.h"

namespace accredit::internal {

namespace {

// Pieces cut ahead of the one being put back in order: enough for every thread to parse one
// while the cutting thread waits for the next.
constexpr std::size_t kLookahead = 4;
// A piece's XML, as a multiple of the chunk size: sheet XML is four to five times the CSV
// text it gives, so a piece gives about a chunk.
constexpr std::size_t kPieceRatio = 4;
constexpr std::size_t kMaxPieceTarget = std::size_t{1} << 20;
// The most text a piece may give (a sheet that leaves out many rows at once): more is read
// whole, within ReadOptions::max_file_bytes.
constexpr std::uint64_t kMaxPieceText = std::uint64_t{16} << 20;
// The text read in order at a time, and the most read to find a sheet's header.
constexpr std::size_t kOrderedBytes = std::size_t{1} << 16;
constexpr std::size_t kHeaderBytes = std::size_t{1} << 20;

// A piece of the sheet's rows, from cut to put back in order.
struct Piece {
  enum State : int { kPending, kRunning, kDone };
  std::size_t number = 0;
  std::string xml;
  std::size_t xml_bytes = 0;  // xml's size when cut (read by the cutting thread only)
  std::atomic<int> state{kPending};
  XlsxRows rows;
};

class XlsxStream final : public RecordStream, private ByteProducer {
 public:
  XlsxStream(const RuleSet& rules, const ReadOptions& options, SourceSet& sources,
             std::size_t chunk_bytes)
      : rules_(rules), options_(options), sources_(sources), chunk_bytes_(chunk_bytes) {}

  bool Start(const std::string& name, const std::string& sheet, int fd, std::uint64_t size,
             Diagnostics& diagnostics) {
    package_ = std::make_unique<XlsxPackage>(fd, size, XlsxInflateBudget(size, UINT64_MAX));
    if (!package_->Load().ok()) return false;
    const std::vector<XlsxSheetEntry>& sheets = package_->sheets();
    std::size_t chosen = sheets.size();
    std::vector<bool> fits(sheets.size(), true);
    if (!sheet.empty()) {
      if (std::count_if(sheets.begin(), sheets.end(),
                        [&](const XlsxSheetEntry& e) { return e.name == sheet; }) != 1) {
        return false;
      }
      chosen = static_cast<std::size_t>(
          std::find_if(sheets.begin(), sheets.end(),
                       [&](const XlsxSheetEntry& e) { return e.name == sheet; }) -
          sheets.begin());
    } else if (sheets.size() == 1) {
      chosen = 0;
    } else {
      // As a whole read chooses: the one sheet whose header names a learner column.
      for (std::size_t i = 0; i < sheets.size(); ++i) {
        bool fit = false;
        if (!HeaderFits(sheets[i], fit)) return false;
        fits[i] = fit;
        if (fit) chosen = chosen == sheets.size() ? i : sheets.size() + 1;
      }
    }
    if (chosen >= sheets.size() || sheets[chosen].part.empty()) return false;
    sheet_name_ = sheets[chosen].name;
    part_name_ = sheets[chosen].part;
    sheet_budget_ = package_->budget();
    keep_ = package_->PartSize(part_name_) <= kKeepSheetXmlBytes;
    if (!OpenSheet()) return false;
    // The sources and the notes on the sheets not read, in the order a whole read gives them.
    sources_.AddName(name);
    Diagnostics notes;
    for (std::size_t i = 0; i < sheets.size(); ++i) {
      const SourceId id = sources_.AddSheet(name, sheets[i].name, std::string());
      if (i == chosen) {
        source_ = id;
      } else if (!fits[i]) {
        (i < chosen ? notes : later_notes_)
            .Add(Severity::kNote, "unknown-column",
                 fmt::format("sheet '{}' has no learner column: it is not read", sheets[i].name),
                 Location{id, 0, 0, {}});
      }
    }
    csv_ = OpenCsvStream(*this, source_, rules_, options_, notes, chunk_bytes_);
    if (csv_ == nullptr || failed_) return false;
    diagnostics.Append(notes);
    return true;
  }

  bool Next(RecordChunk& chunk) override {
    if (splitter_ != nullptr && !failed_ && !split_done_ && pieces_.size() < kLookahead &&
        CutPiece()) {
      Held(0);
      chunk.text = {};
      chunk.storage.clear();
      chunk.first_line = 0;
      chunk.end_offset = end_offset_;
      chunk.index = next_index_++;
      chunk.piece = pieces_.back()->number;
      return true;
    }
    if (csv_->Next(chunk)) {
      chunk.index = next_index_++;
      chunk.piece = 0;
      end_offset_ = chunk.end_offset;
      return true;
    }
    if (failed_ && !fault_sent_) {
      fault_sent_ = true;
      chunk.text = {};
      chunk.storage.clear();
      chunk.index = next_index_++;
      chunk.piece = RecordChunk::kFaultPiece;
      return true;
    }
    return false;
  }

  ChunkRecords Read(const RecordChunk& chunk, Diagnostics& diagnostics,
                    ReadScratch* scratch) const override {
    if (chunk.piece == 0) return csv_->Read(chunk, diagnostics, scratch);
    ChunkRecords out;
    if (chunk.piece == RecordChunk::kFaultPiece) {
      out.in_order = false;  // read the workbook whole: it reports the fault
      return out;
    }
    std::shared_ptr<Piece> piece;
    {
      std::lock_guard lock(mutex_);
      if (!pieces_.empty() && chunk.piece >= pieces_.front()->number &&
          chunk.piece - pieces_.front()->number < pieces_.size()) {
        piece = pieces_[chunk.piece - pieces_.front()->number];
      }
    }
    if (piece != nullptr) Convert(*piece);
    return out;
  }

  void Recycle(std::string&& storage) override { csv_->Recycle(std::move(storage)); }

  bool Settle(ChunkRecords& records, Diagnostics& diagnostics) override {
    return csv_->Settle(records, diagnostics);
  }

  void Finish(const Accounting& total, Diagnostics& diagnostics) override {
    csv_->Finish(total, diagnostics);
    diagnostics.Append(later_notes_);
  }

  bool RestartGrouped() override {
    if (failed_) return false;
    next_index_ = 0;
    end_offset_ = 0;
    return csv_->RestartGrouped();  // rewinds this producer
  }

  std::uint64_t size() const override { return 0; }

 private:
  // Whether sheet `entry`'s header names a learner column, into `fits`; false when that is not
  // known from its first rows.
  bool HeaderFits(const XlsxSheetEntry& entry, bool& fits) {
    if (entry.part.empty()) return false;
    XlsxFault fault;
    std::unique_ptr<XlsxPart> part = package_->Open(entry.part, fault);
    if (part == nullptr) return false;
    XlsxSheetReader reader(*package_, std::move(part));
    std::string text;
    switch (reader.Read(text, kHeaderBytes, true)) {
      case XlsxSheetReader::Status::kHandOver:
      case XlsxSheetReader::Status::kEnd:
        fits = HasLearnerColumn(text, options_);
        return true;
      case XlsxSheetReader::Status::kMore:
      case XlsxSheetReader::Status::kFault:
        break;
    }
    return false;
  }

  // Opens the sheet's part to read it from its start.
  bool OpenSheet() {
    package_->set_budget(sheet_budget_);
    XlsxFault fault;
    std::unique_ptr<XlsxPart> part = package_->Open(part_name_, fault);
    if (part == nullptr) return false;
    reader_ = std::make_unique<XlsxSheetReader>(*package_, std::move(part));
    reader_->SetLimits(kMaxPieceText, options_.csv.max_record_bytes, kXlsxMaxRow);
    return true;
  }

  bool Rewind() override {
    {
      std::lock_guard lock(mutex_);
      pieces_.clear();
    }
    splitter_.reset();
    reader_.reset();
    tail_.clear();
    have_tail_ = false;
    split_done_ = false;
    split_fault_ = false;
    ended_ = false;
    line_ = 0;
    produced_ = 0;
    next_piece_ = 1;
    return OpenSheet();
  }

  bool Produce(std::string& buffer) override {
    const std::size_t old = buffer.size();
    const bool more = ProduceMore(buffer);
    Keep(std::string_view(buffer).substr(old));
    Held(buffer.size());
    return more;
  }

  // Counts the bytes held now, with `unread` bytes of text made and not yet cut into chunks.
  void Held(std::size_t unread) {
    std::uint64_t held = unread + tail_.size();
    if (splitter_ != nullptr) held += splitter_->pending();
    for (const auto& piece : pieces_) {
      held += piece->xml_bytes;
      if (piece->state.load() == Piece::kDone) held += piece->rows.csv.size();
    }
    peak_ = std::max(peak_, held);
  }

 public:
  std::uint64_t peak() const { return peak_; }

 private:
  bool ProduceMore(std::string& buffer) {
    if (failed_ || ended_) return false;
    if (splitter_ == nullptr) {  // in order, up to the header
      switch (reader_->Read(buffer, kOrderedBytes, true)) {
        case XlsxSheetReader::Status::kMore:
          return true;
        case XlsxSheetReader::Status::kEnd:
          ended_ = true;
          return false;
        case XlsxSheetReader::Status::kHandOver: {
          const std::size_t max_row = options_.csv.max_record_bytes;
          context_ = reader_->Context(max_row, kMaxPieceText);
          line_ = reader_->line();
          // A row's XML is a few times its text: a piece that long without a row end is
          // no sheet that reads in pieces.
          splitter_ = std::make_unique<XlsxRowSplitter>(
              reader_->part(), reader_->TakeRest(), context_.row_end, PieceTarget() + 16 * max_row);
          // The header alone does not show where its row ends: give a piece of rows too.
          return ProduceMore(buffer);
        }
        case XlsxSheetReader::Status::kFault:
          failed_ = true;
          return false;
      }
    }
    if (pieces_.empty() && !CutPiece()) {
      if (have_tail_) {
        have_tail_ = false;
        ended_ = true;
        if (!ReadXlsxTail(tail_, context_, line_, buffer)) failed_ = true;
        return false;
      }
      if (split_fault_) failed_ = true;
      return false;
    }
    std::shared_ptr<Piece> piece = pieces_.front();
    // While another thread parses it, parse a later piece rather than wait.
    for (std::size_t i = 0; piece->state.load() != Piece::kDone && i < pieces_.size(); ++i) {
      Convert(*pieces_[i]);
    }
    {
      std::unique_lock lock(mutex_);
      done_.wait(lock, [&] { return piece->state.load() == Piece::kDone; });
      pieces_.pop_front();
    }
    if (!StitchXlsxRows(piece->rows, line_, buffer)) {
      failed_ = true;
      return false;
    }
    return true;
  }

  // Cuts the next piece into pieces_; false at the sheet's tail or a fault (then noted).
  bool CutPiece() {
    if (split_done_) return false;
    auto piece = std::make_shared<Piece>();
    piece->number = next_piece_++;
    {
      std::lock_guard lock(mutex_);
      if (!spare_.empty()) {
        piece->xml = std::move(spare_.back());
        spare_.pop_back();
      }
    }
    XlsxFault fault;
    switch (splitter_->Next(PieceTarget(), piece->xml, fault)) {
      case XlsxRowSplitter::Cut::kPiece: {
        piece->xml_bytes = piece->xml.size();
        std::lock_guard lock(mutex_);
        pieces_.push_back(std::move(piece));
        return true;
      }
      case XlsxRowSplitter::Cut::kTail:
        tail_ = std::move(piece->xml);
        have_tail_ = true;
        break;
      case XlsxRowSplitter::Cut::kFault:
        split_fault_ = true;
        break;
    }
    split_done_ = true;
    return false;
  }

  // Parses `piece` unless another thread has begun to.
  void Convert(Piece& piece) const {
    int pending = Piece::kPending;
    if (!piece.state.compare_exchange_strong(pending, Piece::kRunning)) return;
    ConvertXlsxRows(piece.xml, context_, piece.rows);
    {
      std::lock_guard lock(mutex_);
      if (spare_.size() < 2 * kLookahead) spare_.push_back(std::move(piece.xml));
      piece.state.store(Piece::kDone);
    }
    done_.notify_all();
  }

  std::size_t PieceTarget() const {
    return std::clamp(chunk_bytes_ * kPieceRatio, std::size_t{1}, kMaxPieceTarget);
  }

  // Keeps the sheet's text in its source while it is small enough (kKeepSheetXmlBytes, as
  // reading it whole keeps it), so that diagnostics show its lines.
  void Keep(std::string_view text) {
    produced_ += text.size();
    if (!keep_) return;
    const std::uint64_t kept = sources_.Get(source_).text.size();
    if (produced_ <= kept) return;  // made again after a restart
    if (produced_ > kKeepSourceTextBytes) {
      sources_.DropText(source_);
      keep_ = false;
      return;
    }
    sources_.AppendText(source_,
                        text.substr(text.size() - static_cast<std::size_t>(produced_ - kept)));
  }

  const RuleSet& rules_;
  const ReadOptions& options_;
  SourceSet& sources_;
  std::size_t chunk_bytes_;
  std::unique_ptr<XlsxPackage> package_;
  std::string sheet_name_;
  std::string part_name_;
  std::uint64_t sheet_budget_ = 0;
  SourceId source_ = kNoSource;
  Diagnostics later_notes_;
  std::unique_ptr<RecordStream> csv_;

  // Reading the sheet: in order up to the header (reader_), then in pieces (splitter_).
  std::unique_ptr<XlsxSheetReader> reader_;
  std::unique_ptr<XlsxRowSplitter> splitter_;
  XlsxRowsContext context_;
  std::string tail_;
  bool have_tail_ = false;
  bool split_done_ = false;
  bool split_fault_ = false;
  bool ended_ = false;
  bool failed_ = false;  // the sheet cannot be streamed: the stream ends with a fault chunk
  bool fault_sent_ = false;
  std::uint64_t line_ = 0;  // lines put back in order
  std::size_t next_piece_ = 1;
  std::size_t next_index_ = 0;
  std::uint64_t end_offset_ = 0;
  bool keep_ = true;
  std::uint64_t produced_ = 0;
  std::uint64_t peak_ = 0;

  // Pieces cut and not yet put back, in order: changed by the cutting thread only, under
  // mutex_, which the threads that read chunks take to find a piece.
  mutable std::mutex mutex_;
  mutable std::condition_variable done_;
  std::deque<std::shared_ptr<Piece>> pieces_;
  mutable std::vector<std::string> spare_;  // pieces' XML memory, for later pieces
};

}  // namespace

std::uint64_t XlsxStreamPeakBytes(const RecordStream& stream) {
  const auto* xlsx = dynamic_cast<const XlsxStream*>(&stream);
  return xlsx == nullptr ? 0 : xlsx->peak();
}

std::unique_ptr<RecordStream> OpenXlsxStream(const std::string& name, const std::string& sheet,
                                             int fd, std::uint64_t size, const RuleSet& rules,
                                             const ReadOptions& options, SourceSet& sources,
                                             Diagnostics& diagnostics, std::size_t chunk_bytes) {
  auto stream = std::make_unique<XlsxStream>(rules, options, sources, chunk_bytes);
  if (!stream->Start(name, sheet, fd, size, diagnostics)) return nullptr;
  return stream;
}

}  // namespace accredit::internal
