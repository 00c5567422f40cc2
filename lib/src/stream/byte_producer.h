// Bytes of an input made as they are read, for a CSV record stream: a workbook's sheet turned
// into CSV text a piece at a time (xlsx_stream.h) is streamed by the same CSV record stream as
// a CSV file, cut into the same chunks and read the same way.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "accredit/diagnostic.h"
#include "accredit/read_options.h"
#include "accredit/record_stream.h"
#include "accredit/rules.h"
#include "accredit/source.h"

namespace accredit::internal {

class ByteProducer {
 public:
  virtual ~ByteProducer() = default;
  // Appends the next bytes of the input to `buffer`, from the thread that cuts chunks
  // (RecordStream::Next); false at the end of the input.
  virtual bool Produce(std::string& buffer) = 0;
  // Starts the input again from its first byte; false when it cannot.
  virtual bool Rewind() = 0;
};

// A CSV record stream, as RecordStream::Open() makes for a CSV file, over the bytes `producer`
// makes, for the input registered as `source` (`producer` must outlive it). Returns nullptr,
// having emitted nothing, when the input cannot be streamed (its header row is bad or not in
// the first chunk); otherwise the header's diagnostics go to `diagnostics`. Its chunks own
// their text, and its Regroup() gives nullptr.
std::unique_ptr<RecordStream> OpenCsvStream(ByteProducer& producer, SourceId source,
                                            const RuleSet& rules, const ReadOptions& options,
                                            Diagnostics& diagnostics, std::size_t chunk_bytes);

}  // namespace accredit::internal
