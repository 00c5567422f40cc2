// CSV reading: the first stage of the records pipeline for CSV inputs.
//
// A CsvReader walks an RFC 4180 buffer held by the caller, record by record: a header row,
// then data rows. It only splits text into fields and checks the text is well formed; what
// the fields mean is for csv_records.h (canonical columns) and record_resolver.h (values
// against the rules). It handles quoted fields with commas, doubled quotes and line breaks,
// UTF-8 with or without a byte order mark, CRLF or LF line endings, blank lines and trailing
// delimiters, and it bounds every size so that a hostile or broken file costs linear time.
//
// Fields are handed out as string_views into the caller's buffer, or, for a quoted field with
// doubled quotes, into a scratch buffer the reader reuses: reading a row allocates nothing once
// the reader has warmed up. Every row and field carries its 1-based line and byte column, for
// diagnostics (columns are counted after a byte order mark, which a terminal does not show).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "accredit/diagnostic.h"
#include "accredit/source.h"

namespace accredit {

struct CsvOptions {
  // max_field_bytes (4096) the longest field, in bytes after unquoting; a longer field is
  // reported as `field-too-long` and its row rejected
  std::size_t max_field_bytes = 4096;
  // max_record_bytes (1 MiB) the longest record, in bytes, line breaks inside quotes included;
  // a longer record is reported as `line-too-long` and reading resumes on the next line
  std::size_t max_record_bytes = std::size_t{1} << 20;
  // max_columns (256) the most fields in a record; more is reported as `too-many-columns`
  std::size_t max_columns = 256;
  // delimiter (',') what separates fields: ',' or '\t' (tab-separated text, as Excel saves
  // "Unicode text"; DetectCsvDelimiter() tells which)
  char delimiter = ',';
};

// The delimiter of CSV `text`: a tab when its first line holds a tab and no comma, else ','.
char DetectCsvDelimiter(std::string_view text);

// One field of a row. `text` is the field's value with quotes removed; it stays valid until
// the next call to CsvReader::Next() (or as long as the reader for header fields).
struct CsvField {
  std::string_view text;
  std::uint32_t line = 0;    // 1-based line the field starts on
  std::uint32_t column = 0;  // 1-based byte column of its first character (the opening quote)
};

// One record.
struct CsvRow {
  std::uint32_t line = 0;  // 1-based line the record starts on
  // ok: every field of the record, trailing empty fields beyond the header's width dropped.
  // not ok: the fields read completely and well formed before the fault, possibly none.
  std::span<const CsvField> fields;
  // False when the record is malformed; exactly one error has been emitted for it and the
  // caller must count the row as rejected.
  bool ok = true;
};

// Reads CSV records from a buffer the caller owns and keeps alive (and unchanged) for the
// reader's lifetime. Diagnostics go to `diagnostics`, located in `source`, with these codes:
//   bad-encoding      the input is UTF-16 (byte order mark FF FE / FE FF), contains NUL
//                     bytes, or ends its lines in CR alone (it has CRs and no LF); reported
//                     once, on the whole source, and nothing is read
//   bad-quote         a quoted field is never closed (at its opening quote; reading resumes
//                     on the line after it), or text follows a closing quote
//   bad-utf8          a field is not valid UTF-8
//   field-too-long    a field is longer than CsvOptions::max_field_bytes
//   line-too-long     a record is longer than CsvOptions::max_record_bytes
//   too-many-columns  a record has more than CsvOptions::max_columns fields
//   bad-row           a data row has a different number of fields than the header
// Each is an error and rejects its row (the header's: the whole input). A record is blank,
// skipped and never returned, when every field in it is empty or whitespace.
class CsvReader {
 public:
  CsvReader(std::string_view text, SourceId source, Diagnostics& diagnostics,
            const CsvOptions& options = {});
  // A reader for a later part of the same input, to read an input in pieces (on several
  // threads): `text` starts at the beginning of line `first_line` of the input whose header
  // `header_reader` read (it must have), and data rows are checked against that header. No
  // byte order mark is looked for; the only encoding check is for NUL bytes (`bad-encoding`,
  // on the whole source, as above).
  CsvReader(std::string_view text, SourceId source, Diagnostics& diagnostics,
            const CsvOptions& options, const CsvReader& header_reader, std::uint32_t first_line);
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  // Reads the header: the first record that is not blank. Returns false, with no diagnostic,
  // when the input holds no record at all, and false after an error when the input has a bad
  // encoding or the header record is malformed; Next() still walks the remaining records then
  // (without the field-count check), so that the caller can count them.
  bool ReadHeader();
  // The header's fields (trailing empty names from a trailing delimiter dropped), valid for
  // the reader's lifetime; empty before ReadHeader() or when it failed.
  std::span<const CsvField> header() const { return header_; }

  // Reads the next data row into `row`; returns false at the end of the input. `row.fields`
  // stays valid until the next call. Call ReadHeader() first: before it, the header itself
  // is returned as a row.
  bool Next(CsvRow& row);

  // The next data record, when it is one line of ASCII without a quote (the shape most
  // records of a school export have), without reading it: its text without the line break,
  // and the line it is on. False at the end of the input, and when the next record is of any
  // other shape or longer than max_record_bytes. For a reader that knows some lines by their
  // bytes alone (ReadCsvRows): SkipPeeked() then passes over the line, else Next() reads it.
  bool PeekPlainLine(std::string_view& line, std::uint32_t& line_number);
  // Passes over the line PeekPlainLine() gave, as Next() would have read it.
  void SkipPeeked();
  // Whether the record Next() read last was one line of ASCII without a quote, its fields
  // views of the input in order, one delimiter apart.
  bool last_plain() const { return plain_; }
  const CsvOptions& options() const { return options_; }

  // Starts again on `text`, a later part of the same input starting at the beginning of line
  // `first_line`, as the piece constructor does but keeping the header and the buffers a
  // reader has warmed up (the record stream reads an unsorted input a record at a time).
  void Restart(std::string_view text, std::uint32_t first_line);

  // True once a `bad-encoding` error has been reported.
  bool bad_encoding() const { return bad_encoding_; }

  // Where reading has got to: the byte offset in the text given to the constructor (a byte
  // order mark counted) and the line there. After ReadHeader(), where the data rows start.
  std::size_t offset() const { return pos_ + skipped_; }
  std::uint32_t line() const { return line_; }

 private:
  // Where a parsed field's text lives until the record is complete: the scratch buffer may
  // grow (and move) while later fields of the record are read.
  struct Span {
    std::size_t begin = 0;
    std::size_t length = 0;
    bool in_scratch = false;
    std::uint32_t line = 0;
    std::uint32_t column = 0;
  };

  bool ReadRecord(CsvRow& row);
  // Passes over empty lines (LF or CR LF alone).
  void SkipEmptyLines();
  void ParseRecord();
  bool ParsePlainRecord();
  bool ParseQuoted(Span& span);
  void ParseUnquoted(Span& span);
  bool CheckField(const Span& span);
  void CheckFieldCount();
  void Fault(DiagnosticCode code, std::string message, std::uint32_t line, std::uint32_t column);
  void NewLine(std::size_t next_line_start);
  void CountLines(std::size_t from, std::size_t to);
  void ResumeAfterLine(std::size_t offset_in_line, std::uint32_t line);
  std::string_view SpanText(const Span& span) const;
  std::string ColumnName(std::size_t index) const;
  std::uint32_t Column() const;
  bool Blank() const;

  std::string_view text_;
  std::size_t skipped_ = 0;  // bytes of a byte order mark dropped from the front of text_
  SourceId source_;
  Diagnostics& diagnostics_;
  CsvOptions options_;
  bool bad_encoding_ = false;

  std::size_t pos_ = 0;
  std::uint32_t line_ = 1;
  std::size_t line_start_ = 0;
  std::size_t peeked_end_ = 0;  // the line break (or end of input) of the line peeked at

  // The record being read.
  std::size_t record_start_ = 0;
  std::uint32_t record_line_ = 0;
  bool faulted_ = false;
  bool plain_ = false;  // read by ParsePlainRecord(), into fields_ (spans_ unused)
  std::vector<Span> spans_;
  std::vector<CsvField> fields_;
  std::string scratch_;

  bool has_header_ = false;
  std::vector<std::string> header_names_;
  std::vector<CsvField> header_;
};

}  // namespace accredit
