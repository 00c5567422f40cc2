// Writing a command's output: to stdout, or to --output FILE atomically (a temporary file in
// the same folder, renamed over FILE only once everything is written), so a failed or
// interrupted run never leaves half a report.
#pragma once

#include <string>

namespace accredit::cli {

// Writes `content` to `path` ("" or "-": stdout). Returns an error message, or "" on success.
std::string WriteOutput(const std::string& path, const std::string& content);

}  // namespace accredit::cli
