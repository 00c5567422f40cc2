// Reading an unsorted CSV input a chunk of learners at a time (RecordStream::Regroup): the whole
// input in memory, its records indexed by learner (learner_row_index.h), chunks of learners in
// order of first appearance, each learner's records read one at a time where they lie.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "accredit/csv_reader.h"
#include "accredit/diagnostic.h"
#include "accredit/read_options.h"
#include "accredit/record_stream.h"
#include "accredit/rules.h"
#include "accredit/source.h"
#include "records/csv_rows.h"

namespace accredit::internal {

// A CSV input's header, read from its first block: what every chunk is read against, whether
// the input is streamed in order (record_stream.cpp) or regrouped.
struct CsvHeader {
  std::string text;  // the first block (the reader's header fields point into it)
  Diagnostics diagnostics;
  std::unique_ptr<CsvReader> reader;
  CsvColumns columns;
  std::size_t learner_column = 0;
  std::size_t data_start = 0;   // the byte the data rows start at
  std::uint32_t data_line = 1;  // and their first line
};

// A regrouped stream over an input of `size` bytes whose header is `header`: the file `fd`
// read again whole, or, when `fd` < 0, `text` (the registered source, kept by the caller); read
// and indexed on up to `threads` threads at once. nullptr when the input is larger than
// ReadOptions::max_file_bytes or 4 GiB, or the file cannot be read again or has changed size.
std::unique_ptr<RecordStream> RegroupCsv(const RuleSet& rules, const ReadOptions& options,
                                         SourceId source, std::size_t chunk_bytes,
                                         std::shared_ptr<const CsvHeader> header,
                                         std::uint64_t size, int fd, std::string_view text,
                                         unsigned threads);

}  // namespace accredit::internal
