// Where CSV records end and whose they are, without reading them through: what the record
// stream cuts chunks by (record_stream.cpp) and indexes an unsorted input by
// (regrouped_csv_stream.cpp). Both follow the CSV reader's rules for well-formed input; where the
// reader meets a fault that could move a record boundary (NeedsWholeRead), the stream's
// promise is broken and the input is read whole instead.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "accredit/csv_reader.h"
#include "accredit/diagnostic.h"

namespace accredit::internal {

// Whether a fault means the input must be read whole to be read as a whole read reads it: one
// after which a CSV reader resynchronises on a line it chose (read in pieces, the pieces might
// not end where records end in the whole input), or bytes that are not UTF-8 (read whole, an
// input may prove to be Windows-1252, and be converted).
bool NeedsWholeRead(const Diagnostic& d);

// The line breaks in `text`.
std::uint32_t CountLines(std::string_view text);

// The end (just past the line break) of the CSV record starting at `start`, or npos when the
// text ends first. A quote opens a quoted field only at the start of a field, and "" inside
// one is a quote.
std::size_t CsvRecordEnd(std::string_view text, std::size_t start);

// The end of the last whole CSV record in text[0, limit) (0 when none ends there), and the
// start of that record.
std::size_t LastCsvRecordEnd(std::string_view text, std::size_t limit, std::size_t& last_start);

// The learner id of the CSV record `record`, trimmed, or "" when it has none (or it cannot be
// read): `reader` is a piece reader of the input, restarted on the record.
std::string LearnerOf(CsvReader& reader, std::string_view record, std::size_t learner_column);

// The learner id of an unquoted one-line CSV record (its line break included, if any): the
// learner column's text, trimmed, as the CSV reader reads it; "" when the record has no such
// column.
std::string_view UnquotedLearnerOf(std::string_view record, std::size_t learner_column);

// The learner id of the whole CSV record `record`: UnquotedLearnerOf() when it holds no quote,
// else LearnerOf() with `reader`, kept in `copy` (the view returned is valid while `copy` is).
std::string_view RecordLearnerOf(std::string_view record, std::size_t learner_column,
                                 CsvReader& reader, std::string& copy);

}  // namespace accredit::internal
