#include "accredit/csv_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "base/swar.h"
#include "base/utf8.h"

namespace accredit {

namespace {

constexpr const char* kNulBytes =
    "the input contains NUL bytes: it may be UTF-16 or not text; save it as UTF-8";

bool IsBlankText(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\t'; });
}

}  // namespace

char DetectCsvDelimiter(std::string_view text) {
  const std::string_view first = text.substr(0, text.find('\n'));
  return first.find('\t') != std::string_view::npos && first.find(',') == std::string_view::npos
             ? '\t'
             : ',';
}

CsvReader::CsvReader(std::string_view text, SourceId source, Diagnostics& diagnostics,
                     const CsvOptions& options)
    : text_(text), source_(source), diagnostics_(diagnostics), options_(options) {
  if (text_.size() >= 2 &&
      ((text_[0] == '\xff' && text_[1] == '\xfe') || (text_[0] == '\xfe' && text_[1] == '\xff'))) {
    bool little = text_[0] == '\xff';
    diagnostics_.Error("bad-encoding",
                       fmt::format("the input is UTF-16 ({}-endian byte order mark); save it "
                                   "as UTF-8",
                                   little ? "little" : "big"),
                       Location{source_, 0, 0, {}});
    bad_encoding_ = true;
  } else if (std::memchr(text_.data(), '\0', text_.size()) != nullptr) {
    diagnostics_.Error("bad-encoding", kNulBytes, Location{source_, 0, 0, {}});
    bad_encoding_ = true;
  } else if (text_.find('\n') == std::string_view::npos &&
             text_.find('\r') != std::string_view::npos) {
    // Classic Mac line endings (Excel's "CSV (Macintosh)"): the whole file would read as one
    // header row of nonsense, so it is refused outright.
    diagnostics_.Error("bad-encoding",
                       "the input's lines end in CR alone (classic Mac line endings); save it "
                       "with LF or CRLF line endings",
                       Location{source_, 0, 0, {}});
    bad_encoding_ = true;
  }
  if (bad_encoding_) {
    pos_ = text_.size();
    return;
  }
  // A UTF-8 byte order mark is dropped, so columns on line 1 count what a user sees.
  if (text_.starts_with("\xef\xbb\xbf")) {
    text_.remove_prefix(3);
    skipped_ = 3;
  }
}

CsvReader::CsvReader(std::string_view text, SourceId source, Diagnostics& diagnostics,
                     const CsvOptions& options, const CsvReader& header_reader,
                     std::uint32_t first_line)
    : text_(text),
      source_(source),
      diagnostics_(diagnostics),
      options_(options),
      line_(first_line),
      has_header_(header_reader.has_header_),
      header_names_(header_reader.header_names_) {
  for (std::size_t i = 0; i < header_names_.size(); ++i) {
    const CsvField& field = header_reader.header_[i];
    header_.push_back(CsvField{header_names_[i], field.line, field.column});
  }
  if (std::memchr(text_.data(), '\0', text_.size()) != nullptr) {
    diagnostics_.Error("bad-encoding", kNulBytes, Location{source_, 0, 0, {}});
    bad_encoding_ = true;
    pos_ = text_.size();
  }
}

void CsvReader::Restart(std::string_view text, std::uint32_t first_line) {
  text_ = text;
  skipped_ = 0;
  pos_ = 0;
  line_ = first_line;
  line_start_ = 0;
  record_start_ = 0;
  record_line_ = 0;
  faulted_ = false;
  bad_encoding_ = false;
  if (!text_.empty() && std::memchr(text_.data(), '\0', text_.size()) != nullptr) {
    diagnostics_.Error("bad-encoding", kNulBytes, Location{source_, 0, 0, {}});
    bad_encoding_ = true;
    pos_ = text_.size();
  }
}

bool CsvReader::ReadHeader() {
  if (bad_encoding_) return false;
  CsvRow row;
  if (!ReadRecord(row)) return false;
  if (!row.ok) return false;
  std::size_t count = row.fields.size();
  while (count > 0 && row.fields[count - 1].text.empty()) --count;
  header_names_.reserve(count);
  for (std::size_t i = 0; i < count; ++i) header_names_.emplace_back(row.fields[i].text);
  // header_names_ never changes again, so views into it stay valid.
  for (std::size_t i = 0; i < count; ++i) {
    header_.push_back(CsvField{header_names_[i], row.fields[i].line, row.fields[i].column});
  }
  has_header_ = true;
  return true;
}

bool CsvReader::Next(CsvRow& row) { return ReadRecord(row); }

void CsvReader::SkipEmptyLines() {
  while (pos_ < text_.size()) {
    if (text_[pos_] == '\n') {
      NewLine(pos_ + 1);
    } else if (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') {
      NewLine(pos_ + 2);
    } else {
      break;
    }
  }
}

bool CsvReader::PeekPlainLine(std::string_view& line, std::uint32_t& line_number) {
  using internal::ByteBlock;
  SkipEmptyLines();  // as ReadRecord() skips them
  const char* data = text_.data();
  const std::size_t n = text_.size();
  // Up to the LF a block at a time, as ParsePlainRecord() goes; a whole block only within the
  // text (the last few bytes one at a time).
  std::size_t i = pos_;
  std::size_t end = n;
  for (; i + ByteBlock::kSize <= n; i += ByteBlock::kSize) {
    if (i - pos_ > options_.max_record_bytes) return false;
    const ByteBlock block(data + i);
    ByteBlock::Mask unusual = block.High() | block.Equal('"');
    const ByteBlock::Mask lf = block.Equal('\n');
    if (lf != 0) unusual &= ~lf & (lf - 1);  // the bytes before the first LF
    if (unusual != 0) return false;
    if (lf != 0) {
      end = i + ByteBlock::ByteAt(std::countr_zero(lf));
      break;
    }
  }
  if (end == n) {
    for (; i < n && data[i] != '\n'; ++i) {
      if (data[i] == '"' || (static_cast<unsigned char>(data[i]) & 0x80) != 0) return false;
    }
    end = i;
  }
  // A CR is part of the line break only before an LF, as in ParsePlainRecord().
  const std::size_t last = end < n && end > pos_ && data[end - 1] == '\r' ? end - 1 : end;
  if (last == pos_ || last - pos_ > options_.max_record_bytes) return false;
  line = std::string_view(data + pos_, last - pos_);
  line_number = line_;
  peeked_end_ = end;
  return true;
}

void CsvReader::SkipPeeked() {
  if (peeked_end_ < text_.size()) {
    NewLine(peeked_end_ + 1);
  } else {
    pos_ = text_.size();
  }
}

bool CsvReader::ReadRecord(CsvRow& row) {
  for (;;) {
    // Empty lines are skipped here; whitespace-only records are found blank after parsing.
    SkipEmptyLines();
    if (pos_ >= text_.size()) return false;
    ParseRecord();
    if (!faulted_ && Blank()) continue;
    if (!faulted_ && has_header_) CheckFieldCount();
    if (!plain_) {  // ParseRecord() left fields_ empty
      for (const Span& span : spans_) {
        fields_.push_back(CsvField{SpanText(span), span.line, span.column});
      }
    }
    row.line = record_line_;
    row.fields = fields_;
    row.ok = !faulted_;
    return true;
  }
}

void CsvReader::ParseRecord() {
  record_start_ = pos_;
  record_line_ = line_;
  faulted_ = false;
  spans_.clear();
  scratch_.clear();
  fields_.clear();
  plain_ = ParsePlainRecord();
  if (plain_) return;
  for (;;) {
    Span span;
    span.line = line_;
    span.column = Column();
    if (spans_.size() >= options_.max_columns && !faulted_) {
      Fault("too-many-columns",
            fmt::format("more than {} fields in a record", options_.max_columns), span.line,
            span.column);
    }
    if (pos_ < text_.size() && text_[pos_] == '"') {
      if (!ParseQuoted(span)) return;
    } else {
      ParseUnquoted(span);
    }
    if (!faulted_ && pos_ - record_start_ > options_.max_record_bytes) {
      Fault("line-too-long",
            fmt::format("record is longer than {} bytes", options_.max_record_bytes), record_line_,
            1);
      ResumeAfterLine(record_start_, record_line_);
      return;
    }
    // What ends the field: a delimiter, a line break, the end of input, or (only after a
    // closing quote) stray text that makes the field malformed.
    const std::size_t n = text_.size();
    std::size_t next = 0;  // where the next field or line starts; 0: stray text
    bool record_ends = true;
    if (pos_ >= n) {
      next = n;
    } else if (text_[pos_] == options_.delimiter) {
      next = pos_ + 1;
      record_ends = false;
    } else if (text_[pos_] == '\n') {
      next = pos_ + 1;
    } else if (text_[pos_] == '\r' && pos_ + 1 < n && text_[pos_ + 1] == '\n') {
      next = pos_ + 2;
    }
    if (next == 0) {
      if (!faulted_) Fault("bad-quote", "unexpected text after a closing quote", line_, Column());
      ResumeAfterLine(pos_, line_);
      return;
    }
    if (!faulted_ && CheckField(span)) spans_.push_back(span);
    if (!record_ends) {
      pos_ = next;
      continue;
    }
    if (pos_ < n) NewLine(next);  // a line break; else the input ended
    return;
  }
}

// Most records of a school export are one line of unquoted ASCII fields. Such a record is
// split here in one pass over its bytes, straight into fields_ (its texts are views of the
// input, so it needs no spans); anything else (a quote anywhere, a byte outside ASCII, a
// limit reached) returns false with nothing changed, for the general parser, which reads
// every record the same way and reports what is wrong.
bool CsvReader::ParsePlainRecord() {
  using internal::ByteBlock;
  const char* data = text_.data();
  const std::size_t n = text_.size();
  std::size_t field = pos_;
  const auto end_field = [&](std::size_t at) {
    if (fields_.size() >= options_.max_columns || at - field > options_.max_field_bytes) {
      return false;
    }
    fields_.push_back(CsvField{std::string_view(data + field, at - field), line_,
                               static_cast<std::uint32_t>(field - line_start_ + 1)});
    field = at + 1;
    return true;
  };
  const auto abandon = [&] {
    fields_.clear();
    return false;
  };
  // A block of bytes at a time (swar.h), up to the line's LF: each delimiter ends a field; a
  // quote or a byte outside ASCII leaves the record to the general parser.
  std::size_t end = n;  // the line's LF, or the end of the input
  char tail[ByteBlock::kSize];
  for (std::size_t i = pos_; i < n; i += ByteBlock::kSize) {
    if (i - pos_ > options_.max_record_bytes) return abandon();
    const char* p = data + i;
    if (n - i < ByteBlock::kSize) {  // past the end: 'a', which nothing flags
      std::memset(tail, 'a', sizeof tail);
      std::memcpy(tail, p, n - i);
      p = tail;
    }
    const ByteBlock block(p);
    ByteBlock::Mask delimiters = block.Equal(options_.delimiter);
    ByteBlock::Mask unusual = block.High() | block.Equal('"');
    const ByteBlock::Mask lf = block.Equal('\n');
    if (lf != 0) {
      const ByteBlock::Mask before = ~lf & (lf - 1);  // the bytes before the first LF
      delimiters &= before;
      unusual &= before;
    }
    if (unusual != 0) return abandon();
    for (; delimiters != 0; delimiters &= delimiters - 1) {
      if (!end_field(i + ByteBlock::ByteAt(std::countr_zero(delimiters)))) return abandon();
    }
    if (lf != 0) {
      end = i + ByteBlock::ByteAt(std::countr_zero(lf));
      break;
    }
  }
  const bool newline = end < n;
  // A CR is part of the line break only before an LF, as in ParseUnquoted().
  const std::size_t last = newline && end > pos_ && data[end - 1] == '\r' ? end - 1 : end;
  if (last - pos_ > options_.max_record_bytes || !end_field(last)) return abandon();
  if (newline) {
    NewLine(end + 1);
  } else {
    pos_ = n;
  }
  return true;
}

// Returns false when the record ended in a fault that moved reading to a later line. Every
// search runs from one quote to the next, so a file costs linear time however its quotes are
// placed: after a failed search for a closing quote no quote is left to start another.
bool CsvReader::ParseQuoted(Span& span) {
  const std::size_t open = pos_;
  const std::uint32_t open_line = line_;
  ++pos_;
  std::size_t segment = pos_;
  std::size_t scratch_begin = scratch_.size();
  bool in_scratch = false;
  for (;;) {
    std::size_t quote = text_.find('"', pos_);
    if (quote == std::string_view::npos) {
      if (!faulted_) Fault("bad-quote", "quoted field is never closed", span.line, span.column);
      ResumeAfterLine(open, open_line);
      return false;
    }
    if (quote - record_start_ > options_.max_record_bytes) {
      if (!faulted_) {
        Fault("line-too-long",
              fmt::format("record is longer than {} bytes", options_.max_record_bytes),
              record_line_, 1);
      }
      ResumeAfterLine(record_start_, record_line_);
      return false;
    }
    CountLines(pos_, quote);
    if (quote + 1 < text_.size() && text_[quote + 1] == '"') {
      if (!faulted_) scratch_.append(text_.substr(segment, quote + 1 - segment));
      in_scratch = true;
      pos_ = quote + 2;
      segment = pos_;
      continue;
    }
    if (in_scratch) {
      if (!faulted_) scratch_.append(text_.substr(segment, quote - segment));
      span.begin = scratch_begin;
      span.length = scratch_.size() - scratch_begin;
      span.in_scratch = true;
    } else {
      span.begin = segment;
      span.length = quote - segment;
    }
    pos_ = quote + 1;
    // Spaces (and tabs, unless they separate fields) may follow a closing quote.
    while (pos_ < text_.size() &&
           (text_[pos_] == ' ' || (text_[pos_] == '\t' && options_.delimiter != '\t'))) {
      ++pos_;
    }
    return true;
  }
}

void CsvReader::ParseUnquoted(Span& span) {
  const std::size_t begin = pos_;
  const std::size_t n = text_.size();
  while (pos_ < n) {
    char c = text_[pos_];
    if (c == options_.delimiter || c == '\n' ||
        (c == '\r' && pos_ + 1 < n && text_[pos_ + 1] == '\n')) {
      break;
    }
    ++pos_;
  }
  span.begin = begin;
  span.length = pos_ - begin;
}

bool CsvReader::CheckField(const Span& span) {
  if (span.length > options_.max_field_bytes) {
    Fault("field-too-long",
          fmt::format("{} is {} bytes long, more than {}", ColumnName(spans_.size()), span.length,
                      options_.max_field_bytes),
          span.line, span.column);
    return false;
  }
  if (internal::FirstInvalidUtf8(SpanText(span)) != std::string_view::npos) {
    Fault("bad-utf8", fmt::format("{} is not valid UTF-8", ColumnName(spans_.size())), span.line,
          span.column);
    return false;
  }
  return true;
}

// A trailing delimiter adds empty fields beyond the header's width: they are dropped, so only
// a real mismatch is a bad row.
void CsvReader::CheckFieldCount() {
  const std::size_t expected = header_.size();
  std::size_t count = 0;
  if (plain_) {
    while (fields_.size() > expected && fields_.back().text.empty()) fields_.pop_back();
    count = fields_.size();
  } else {
    while (spans_.size() > expected && spans_.back().length == 0) spans_.pop_back();
    count = spans_.size();
  }
  if (count == expected) return;
  Fault("bad-row", fmt::format("expected {} fields, got {}", expected, count), record_line_, 0);
}

void CsvReader::Fault(DiagnosticCode code, std::string message, std::uint32_t line,
                      std::uint32_t column) {
  faulted_ = true;
  diagnostics_.Error(code, std::move(message), Location{source_, line, column, {}});
}

void CsvReader::NewLine(std::size_t next_line_start) {
  pos_ = next_line_start;
  line_start_ = next_line_start;
  ++line_;
}

void CsvReader::CountLines(std::size_t from, std::size_t to) {
  for (std::size_t i = from; i < to; ++i) {
    if (text_[i] == '\n') {
      ++line_;
      line_start_ = i + 1;
    }
  }
}

// Resumes reading at the start of the line after `line`, which contains `offset_in_line`.
void CsvReader::ResumeAfterLine(std::size_t offset_in_line, std::uint32_t line) {
  std::size_t newline = text_.find('\n', offset_in_line);
  line_ = line + 1;
  pos_ = newline == std::string_view::npos ? text_.size() : newline + 1;
  line_start_ = pos_;
}

std::string_view CsvReader::SpanText(const Span& span) const {
  if (span.in_scratch) return std::string_view(scratch_).substr(span.begin, span.length);
  return text_.substr(span.begin, span.length);
}

std::string CsvReader::ColumnName(std::size_t index) const {
  if (index < header_names_.size()) return fmt::format("column '{}'", header_names_[index]);
  return fmt::format("field {}", index + 1);
}

std::uint32_t CsvReader::Column() const {
  return static_cast<std::uint32_t>(pos_ - line_start_ + 1);
}

bool CsvReader::Blank() const {
  if (plain_) {
    return std::all_of(fields_.begin(), fields_.end(),
                       [](const CsvField& field) { return IsBlankText(field.text); });
  }
  return std::all_of(spans_.begin(), spans_.end(),
                     [this](const Span& span) { return IsBlankText(SpanText(span)); });
}

}  // namespace accredit
