// A workbook's sheet streamed as records, in memory that does not grow with the sheet.
//
// The sheet's part is inflated as it is read and its rows turned into CSV text (xlsx_sheet.h),
// which the CSV record stream cuts into chunks and reads as it reads a CSV file
// (byte_producer.h). The XML is read in order up to the header; after it, the inflated bytes
// are cut into pieces of whole rows, and each piece is handed out as a chunk of its own so
// that the threads that read and evaluate chunks also parse the sheet, several pieces at once;
// the pieces' text is put back together in order before it is cut into chunks of learners.
//
// Whatever the stream cannot read as reading the whole workbook would (a fault in a part, a
// piece that is not well-formed on its own, a row too long) ends it with a chunk that breaks
// its promise, so that the workbook is read whole and reported exactly as before.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "accredit/diagnostic.h"
#include "accredit/read_options.h"
#include "accredit/record_stream.h"
#include "accredit/rules.h"
#include "accredit/source.h"

namespace accredit::internal {

// Streams sheet `sheet` ("" for the only one, or the only one whose header names a learner
// column) of the workbook `name` open as `fd` (owned) of `size` bytes, registering it in
// `sources` as "NAME[SHEET]" (with its text as a whole read keeps it: kKeepSheetXmlBytes). Returns
// nullptr, having emitted nothing, when it cannot be streamed: the workbook has a fault, no
// such sheet, several sheets to read, or a bad header.
std::unique_ptr<RecordStream> OpenXlsxStream(const std::string& name, const std::string& sheet,
                                             int fd, std::uint64_t size, const RuleSet& rules,
                                             const ReadOptions& options, SourceSet& sources,
                                             Diagnostics& diagnostics, std::size_t chunk_bytes);

// The most bytes `stream`, made by OpenXlsxStream(), has held at once between chunks: the
// pieces of XML cut and not yet put back in order, their text, the bytes inflated and not yet
// cut, and the text made and not yet cut into chunks (not the source text kept, which is at
// most kKeepSourceTextBytes, nor the shared strings). It does not grow with the sheet; 0 for
// another stream.
std::uint64_t XlsxStreamPeakBytes(const RecordStream& stream);

}  // namespace accredit::internal
