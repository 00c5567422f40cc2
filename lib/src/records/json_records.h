// Reading a piece of a JSON Lines input, for the record stream (record_stream.h), which splits
// a large input at line breaks and reads the pieces on several threads.
#pragma once

#include <cstdint>
#include <string_view>

#include "accredit/diagnostic.h"
#include "accredit/read_options.h"
#include "accredit/rules.h"
#include "accredit/source.h"

namespace accredit::internal {

class RowMemo;

// Reads `text`, whole lines of a JSON Lines input starting on line `first_line` of `source`,
// as ReadJsonRecords() reads the lines of JSON Lines (each line one learner or row object);
// `memo`: the rows resolved by the chunks this thread read before (RowMemo), or null.
RecordSet ReadJsonLines(SourceId source, std::string_view text, std::uint32_t first_line,
                        const RuleSet& rules, const ReadOptions& options, Diagnostics& diagnostics,
                        RowMemo* memo = nullptr);

}  // namespace accredit::internal
