// The shipped rules/ folder, embedded in the binary at build time (cmake/EmbedRules.cmake), so
// the default programme needs no files on disk.
#pragma once

#include <span>
#include <string_view>

namespace accredit::internal {

struct EmbeddedFile {
  std::string_view path;  // relative to rules/, '/'-separated, e.g. "england/scales.yaml"
  std::string_view text;
};

// Every embedded rule file, sorted by path.
std::span<const EmbeddedFile> EmbeddedRuleFiles();

}  // namespace accredit::internal
