// Reading a piece of a JSON Lines input, for the record stream (record_stream.h), which splits
// a large input at line breaks and reads the pieces on several threads.
#pragma once

#include <cstdint>
#include <string_view>

#include "accredit/diagnostic.h"
#include "accredit/read_options.h"
#include "accredit/rules.h"
#include "accredit/source.h"

namespace accredit {
class ReadScratch;
}  // namespace accredit

namespace accredit::internal {

// Reads `text`, whole lines of a JSON Lines input starting on line `first_line` of `source`,
// as ReadJsonRecords() reads the lines of JSON Lines (each line one learner or row object);
// `scratch`: what this thread kept from the chunks it read before (ReadScratch), or null.
RecordSet ReadJsonLines(SourceId source, std::string_view text, std::uint32_t first_line,
                        const RuleSet& rules, const ReadOptions& options, Diagnostics& diagnostics,
                        ReadScratch* scratch = nullptr);

// For tests: whether a checked line of JSON Lines of the plain shape is read from its scan
// (json_line_scan.h), as it is by default, or walked with simdjson's On Demand API as every
// other line is. Both must read alike.
void SetJsonLineScan(bool on);

}  // namespace accredit::internal
