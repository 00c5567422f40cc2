#include "records/map_choice.h"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

#include "base/text.h"

namespace accredit::internal {

namespace {

bool IsLearnerColumn(std::string_view name, const ColumnMap& map) {
  const std::string normalized = Normalize(name);
  if (map.wide && !map.wide->id.empty()) {
    const std::vector<std::string>& ids = map.wide->id;
    if (std::find(ids.begin(), ids.end(), normalized) != ids.end()) return true;
  }
  return map.FieldFor(name) == Field::kLearner;
}

std::string Describe(const ColumnMap& map) {
  if (map.description.empty()) return fmt::format("'{}'", map.name);
  return fmt::format("'{}' ({})", map.name, map.description);
}

// Of `maps`, the one that fits `header` and names most of its columns; `tied` gets the others
// that name as many.
const ColumnMap* BestFit(std::span<const CsvField> header, std::span<const ColumnMap* const> maps,
                         std::vector<const ColumnMap*>& tied);

}  // namespace

MapFit FitColumnMap(std::span<const CsvField> header, const ColumnMap* map) {
  MapFit fit;
  std::vector<std::string> names;
  names.reserve(header.size());
  for (const CsvField& field : header) names.push_back(Normalize(field.text));
  if (map == nullptr) {
    for (const std::string& name : names) {
      if (FieldByName(name)) ++fit.placed;
      if (name == FieldName(Field::kLearner)) fit.learner = true;
    }
    fit.fits = fit.learner;
    return fit;
  }
  bool grade_column = false;
  bool other = false;
  for (const CsvField& field : header) {
    // Only what the mapping names counts: a canonical name would fit every mapping alike.
    std::size_t preference = 0;
    const bool named_field = map->FieldFor(field.text, &preference).has_value() &&
                             preference != static_cast<std::size_t>(-1);
    if (IsLearnerColumn(field.text, *map)) {
      fit.learner = true;
    } else if (map->GradeColumnFor(field.text)) {
      grade_column = true;
    } else if (named_field || !map->AttributeFor(field.text).empty()) {
      other = true;
    } else if (!map->Ignores(field.text)) {
      continue;
    }
    ++fit.placed;
  }
  const auto present = [&](const std::vector<std::string>& alternatives) {
    return std::any_of(alternatives.begin(), alternatives.end(), [&](const std::string& name) {
      return std::find(names.begin(), names.end(), name) != names.end();
    });
  };
  if (!map->fits.empty()) {
    fit.fits = fit.learner && std::all_of(map->fits.begin(), map->fits.end(), present);
  } else if (map->wide) {
    fit.fits = fit.learner && grade_column;
  } else {
    fit.fits = fit.learner && other;
  }
  return fit;
}

const ColumnMap* ChooseColumnMap(std::span<const CsvField> header, SourceId source,
                                 std::uint32_t header_line, const ReadOptions& options, bool& ok,
                                 Diagnostics& diagnostics) {
  ok = true;
  if (options.map != nullptr || options.maps_to_try.empty()) return options.map;
  if (FitColumnMap(header, nullptr).learner) return nullptr;
  const std::span<const ColumnMap* const> all(options.maps_to_try);
  const std::size_t preferred = std::min(options.preferred_maps, all.size());
  std::vector<const ColumnMap*> tied;
  // The user's mappings first; the shipped ones only when none of those fits.
  const ColumnMap* best = BestFit(header, all.first(preferred), tied);
  if (best == nullptr) best = BestFit(header, all.subspan(preferred), tied);
  const Location at{source, header_line, 0, {}};
  if (best == nullptr) {
    // The user's one mapping is used even so, as --map always was: its errors say why.
    return preferred == 1 ? all.front() : nullptr;
  }
  if (!tied.empty()) {
    std::vector<std::string> names{Describe(*best)};
    for (const ColumnMap* map : tied) names.push_back(Describe(*map));
    Diagnostic& d =
        diagnostics.Error("ambiguous-mapping",
                          fmt::format("the header fits {} column mappings equally well: {}",
                                      names.size(), fmt::join(names, ", ")),
                          at);
    d.notes.push_back(
        Note{"say which to use with --map FILE (several --map options are "
             "tried in the same way)",
             {}});
    ok = false;
    return nullptr;
  }
  // The one mapping the user gave needs no note; a choice among several, or a shipped one, does.
  if (preferred == 1 && best == all.front()) return best;
  diagnostics.Add(
      Severity::kNote, "mapping-chosen",
      fmt::format("read with the column mapping {}: its columns fit the header", Describe(*best)),
      at);
  return best;
}

namespace {

const ColumnMap* BestFit(std::span<const CsvField> header, std::span<const ColumnMap* const> maps,
                         std::vector<const ColumnMap*>& tied) {
  const ColumnMap* best = nullptr;
  std::size_t best_placed = 0;
  tied.clear();
  for (const ColumnMap* map : maps) {
    const MapFit fit = FitColumnMap(header, map);
    if (!fit.fits) continue;
    if (best == nullptr || fit.placed > best_placed) {
      best = map;
      best_placed = fit.placed;
      tied.clear();
    } else if (fit.placed == best_placed) {
      tied.push_back(map);
    }
  }
  return best;
}

}  // namespace

}  // namespace accredit::internal
