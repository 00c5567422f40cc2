#include "workflow/input_files.h"

#include <fmt/format.h>

#include "base/untrusted_file.h"

namespace accredit::internal {

std::optional<SourceId> ReadInputFile(const InputFile& file, std::string_view what,
                                      std::uint64_t max_bytes, SourceSet& sources,
                                      Diagnostics& diagnostics) {
  FileText read;
  if (file.in_memory()) {
    read.size = file.text->size();
    if (read.size > max_bytes) {
      read.fault = FileFault::kTooLarge;
    } else {
      read.text = *file.text;
    }
  } else {
    read = ReadUntrustedFile(file.name, max_bytes);
  }
  if (read.ok()) return sources.Add(file.name, std::move(read.text));
  const Location at{sources.AddName(file.name), 0, 0, {}};
  if (read.fault == FileFault::kTooLarge || read.fault == FileFault::kGrew) {
    diagnostics.Error("too-large",
                      fmt::format("{} '{}' is {} bytes, more than the limit of {}", what, file.name,
                                  read.size, max_bytes),
                      at);
  } else {
    diagnostics.Error(
        "io-error",
        fmt::format("cannot read {} '{}': not a readable regular file", what, file.name), at);
  }
  return std::nullopt;
}

}  // namespace accredit::internal
