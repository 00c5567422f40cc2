// Reading the small files of a run (column mappings, exceptions files) into the SourceSet,
// whether named by path (opened safely: base/untrusted_file.h) or given as bytes in memory.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "accredit/diagnostic.h"
#include "accredit/input_file.h"
#include "accredit/source.h"

namespace accredit::internal {

// Registers `file` in `sources` with its text and returns its id; nullopt after an error
// located at its name: `io-error` ("cannot read column mapping 'm.yaml': not a readable regular
// file", where `what` is "column mapping") when it cannot be opened or is not a regular file,
// `too-large` when it holds more than `max_bytes`.
std::optional<SourceId> ReadInputFile(const InputFile& file, std::string_view what,
                                      std::uint64_t max_bytes, SourceSet& sources,
                                      Diagnostics& diagnostics);

}  // namespace accredit::internal
