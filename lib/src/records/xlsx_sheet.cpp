#include "records/xlsx_sheet.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "records/xlsx_rows.h"

namespace accredit::internal {

namespace {

// Parses `parts` in turn, the last one final, with `rows` as the handler; false on an error.
bool ParseWhole(SheetRows& rows, std::initializer_list<std::string_view> parts) {
  XmlParser parser(rows);
  rows.Attach();
  std::size_t i = 0;
  for (std::string_view part : parts) {
    const bool last = ++i == parts.size();
    // Pieces are far smaller than 2 GiB (a piece is cut at a bounded size).
    if (XML_Parse(parser.get(), part.data(), static_cast<int>(part.size()), last ? 1 : 0) !=
        XML_STATUS_OK) {
      return false;
    }
  }
  return rows.fault == SheetRows::Fault::kNone;
}

}  // namespace

void ConvertXlsxRows(std::string_view xml, const XlsxRowsContext& context, XlsxRows& piece) {
  std::string csv = std::move(piece.csv);
  csv.clear();
  piece = XlsxRows{};
  piece.csv = std::move(csv);
  SheetRows rows(*context.strings, *context.date_styles);
  rows.out = &piece.csv;
  rows.width = context.width;
  rows.max_row_bytes = context.max_row_bytes;
  rows.limit = context.max_piece_text;
  rows.max_gap = kXlsxMaxRow;
  rows.relative = true;
  rows.piece = &piece;
  piece.failed = !ParseWhole(rows, {context.open_tags, xml, context.close_tags});
  piece.lines = rows.line;
}

bool StitchXlsxRows(const XlsxRows& piece, std::uint64_t& line, std::string& out) {
  if (piece.failed) return false;
  if (!piece.numbered) {
    out += piece.csv;
    line += piece.lines;
    return true;
  }
  // Reading in order, the first numbered row comes after the rows before it, on its own line
  // or later: else the piece's lines after it are not those the sheet read in order gives.
  const std::uint64_t next = line + piece.lines_before + 1;
  if (piece.first_number < next || piece.first_number - next > kXlsxMaxRow) return false;
  out.append(piece.csv, 0, piece.number_offset);
  out.append(static_cast<std::size_t>(piece.first_number - next), '\n');  // <= kXlsxMaxRow
  out.append(piece.csv, piece.number_offset, std::string::npos);
  line = piece.lines;
  return true;
}

bool ReadXlsxTail(std::string_view tail, const XlsxRowsContext& context, std::uint64_t& line,
                  std::string& out) {
  SheetRows rows(*context.strings, *context.date_styles);
  rows.out = &out;
  rows.width = context.width;
  rows.max_row_bytes = context.max_row_bytes;
  rows.limit = out.size() + context.max_piece_text;
  rows.max_gap = kXlsxMaxRow;
  rows.line = line;
  const bool ok = ParseWhole(rows, {context.open_tags, tail});
  line = rows.line;
  return ok;
}

XlsxSheetReader::XlsxSheetReader(const XlsxPackage& package, std::unique_ptr<XlsxPart> part)
    : package_(package),
      part_(std::move(part)),
      rows_(std::make_unique<SheetRows>(package.strings(), package.date_styles())),
      parser_(std::make_unique<XmlParser>(*rows_)) {
  rows_->Attach();
}

XlsxSheetReader::~XlsxSheetReader() = default;

void XlsxSheetReader::SetLimits(std::uint64_t bytes, std::size_t row_bytes, std::uint64_t gap) {
  limit_ = bytes;
  rows_->max_row_bytes = row_bytes;
  rows_->max_gap = gap;
}

std::uint64_t XlsxSheetReader::line() const { return rows_->line; }

XlsxSheetReader::Status XlsxSheetReader::Read(std::string& out, std::size_t want, bool hand_over) {
  if (ended_) return Status::kEnd;
  if (!fault_.ok()) return Status::kFault;
  rows_->out = &out;
  rows_->limit = limit_ > UINT64_MAX - out.size() ? UINT64_MAX : out.size() + limit_;
  rows_->suspend_at = want > SIZE_MAX - out.size() ? SIZE_MAX : out.size() + want;
  rows_->hand_over = hand_over;
  constexpr std::size_t kBlock = std::size_t{1} << 16;
  for (;;) {
    XML_Status status;
    if (suspended_) {
      suspended_ = false;
      status = XML_ResumeParser(parser_->get());
    } else {
      void* buffer = XML_GetBuffer(parser_->get(), static_cast<int>(kBlock));
      if (buffer == nullptr) {
        fault_ = {"too-large", "the workbook cannot be read: out of memory"};
        return Status::kFault;
      }
      const std::int64_t got = part_->Read(static_cast<char*>(buffer), kBlock, fault_);
      if (got < 0) return Status::kFault;
      block_ = static_cast<char*>(buffer);
      block_start_ += block_size_;
      block_size_ = static_cast<std::size_t>(got);
      last_fed_ = got == 0;
      status = XML_ParseBuffer(parser_->get(), static_cast<int>(got), last_fed_ ? 1 : 0);
    }
    if (status == XML_STATUS_ERROR) {
      if (rows_->fault == SheetRows::Fault::kNone) fault_ = parser_->Failure(part_->name());
      return Status::kFault;
    }
    if (status == XML_STATUS_SUSPENDED) {
      suspended_ = true;
      if (rows_->handed_over) {
        // The bytes after the row's end tag, in the block being parsed (the tag ends there,
        // unless its end was read ahead of parsing it: then the reader goes on in order).
        const std::uint64_t end = rows_->hand_over_end;
        if (end > block_start_ && end <= block_start_ + block_size_) {
          const auto used = static_cast<std::size_t>(end - block_start_);
          rest_.assign(block_ + used, block_size_ - used);
          ended_ = true;
          return Status::kHandOver;
        }
        rows_->handed_over = false;
      }
      return Status::kMore;
    }
    if (last_fed_) {
      ended_ = true;
      return Status::kEnd;
    }
  }
}

XlsxFault XlsxSheetReader::fault(std::string_view sheet) const {
  switch (rows_->fault) {
    case SheetRows::Fault::kNone:
      return fault_;
    case SheetRows::Fault::kTooLarge:
      return {"too-large", fmt::format("the workbook's sheet '{}' holds more than {} bytes of "
                                       "text",
                                       sheet, limit_)};
    case SheetRows::Fault::kRowTooLong:
      return {"too-large", fmt::format("the workbook's sheet '{}' has a row of more than {} "
                                       "bytes of text",
                                       sheet, rows_->max_row_bytes)};
    case SheetRows::Fault::kGap:
      return {"too-large", fmt::format("the workbook's sheet '{}' leaves out more than {} rows "
                                       "at once",
                                       sheet, rows_->max_gap)};
  }
  return fault_;
}

std::string XlsxSheetReader::TakeRest() { return std::move(rest_); }

XlsxRowsContext XlsxSheetReader::Context(std::size_t max_row_bytes,
                                         std::uint64_t max_piece_text) const {
  XlsxRowsContext context;
  context.strings = &package_.strings();
  context.date_styles = &package_.date_styles();
  for (const std::string& name : rows_->open) context.open_tags += "<" + name + ">";
  for (auto it = rows_->open.rbegin(); it != rows_->open.rend(); ++it) {
    context.close_tags += "</" + *it + ">";
  }
  context.row_end = "</" + rows_->row_name + ">";
  context.width = rows_->width;
  context.max_row_bytes = max_row_bytes;
  context.max_piece_text = max_piece_text;
  return context;
}

XlsxRowSplitter::XlsxRowSplitter(XlsxPart& part, std::string_view rest, std::string row_end,
                                 std::size_t max_piece)
    : part_(part), row_end_(std::move(row_end)), max_piece_(max_piece) {
  if (!rest.empty()) std::memcpy(Room(rest.size()), rest.data(), rest.size());
  end_ += rest.size();
}

char* XlsxRowSplitter::Room(std::size_t size) {
  const std::size_t held = end_ - begin_;
  if (capacity_ - end_ < size) {
    if (capacity_ - held >= size && held <= capacity_ / 2) {
      std::memmove(data_.get(), data_.get() + begin_, held);
    } else {
      const std::size_t capacity = std::max(capacity_ * 2, held + size);
      std::unique_ptr<char[]> data(new char[capacity]);
      if (held > 0) std::memcpy(data.get(), data_.get() + begin_, held);
      data_ = std::move(data);
      capacity_ = capacity;
    }
    begin_ = 0;
    end_ = held;
  }
  return data_.get() + end_;
}

XlsxRowSplitter::Cut XlsxRowSplitter::Next(std::size_t target, std::string& piece,
                                           XlsxFault& fault) {
  constexpr std::size_t kBlock = std::size_t{1} << 16;
  target = std::max(target, row_end_.size());
  std::size_t searched = 0;  // the pending bytes have no row end before this
  for (;;) {
    const std::string_view pending = Pending();
    if (pending.size() >= target || at_end_) {
      std::size_t cut = std::string_view::npos;
      const std::size_t limit = std::min(target, pending.size());
      if (limit >= row_end_.size()) {
        const std::size_t at = pending.rfind(row_end_, limit - row_end_.size());
        if (at != std::string_view::npos) cut = at + row_end_.size();
      }
      if (cut == std::string_view::npos) {
        const std::size_t at = pending.find(row_end_, searched);
        if (at != std::string_view::npos) cut = at + row_end_.size();
      }
      if (cut == std::string_view::npos && at_end_) {
        piece.assign(pending);
        begin_ = end_ = 0;
        return Cut::kTail;
      }
      if (cut != std::string_view::npos) {
        piece.assign(pending.substr(0, cut));
        begin_ += cut;
        return Cut::kPiece;
      }
      searched = pending.size() - std::min(pending.size(), row_end_.size() - 1);
    }
    if (pending.size() > max_piece_) {
      fault = {"too-large", "a row of the workbook's sheet is too long to read"};
      return Cut::kFault;
    }
    const std::int64_t got = part_.Read(Room(kBlock), kBlock, fault);
    if (got < 0) return Cut::kFault;
    if (got == 0) at_end_ = true;
    end_ += static_cast<std::size_t>(got);
  }
}

}  // namespace accredit::internal
