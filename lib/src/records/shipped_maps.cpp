// The column mappings shipped in rules/mappings/, embedded in the binary like the rules.
#include <fmt/format.h>

#include <string>

#include "accredit/column_map.h"
#include "base/embedded_rules.h"

namespace accredit {

namespace {

constexpr std::string_view kFolder = "mappings/";
constexpr std::string_view kSuffix = ".map.yaml";

}  // namespace

std::vector<ColumnMap> LoadShippedColumnMaps(SourceSet& sources) {
  std::vector<ColumnMap> out;
  for (const internal::EmbeddedFile& file : internal::EmbeddedRuleFiles()) {
    if (!file.path.starts_with(kFolder) || !file.path.ends_with(kSuffix)) continue;
    const std::string_view stem =
        file.path.substr(kFolder.size(), file.path.size() - kFolder.size() - kSuffix.size());
    const SourceId id = sources.Add(fmt::format("rules/{}", file.path), std::string(file.text));
    Diagnostics diagnostics;
    std::optional<ColumnMap> map = LoadColumnMap(id, sources.Get(id).text, diagnostics);
    // A shipped mapping that does not load is a defect caught by the tests; it is left out.
    if (!map || diagnostics.has_errors()) continue;
    map->name = std::string(stem);
    out.push_back(std::move(*map));
  }
  return out;
}

}  // namespace accredit
