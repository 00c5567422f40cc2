#include "accredit/record_reader.h"

#include <fmt/format.h>

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>

#include "accredit/identifiers.h"
#include "accredit/record_resolver.h"

namespace accredit {

namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::optional<Field> ColumnField(std::string_view name) {
  std::string lowered(Trim(name));
  for (char& c : lowered) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return FieldByName(lowered);
}

Location At(SourceId source, const CsvField& field) {
  return Location{source, field.line, field.column, {}};
}

// Column index of each field in the header, or -1.
using ColumnMap = std::array<int, kFieldCount>;

// Matches the header to fields; returns false after an error that rejects the input.
bool MapColumns(std::span<const CsvField> header, SourceId source, std::uint32_t header_line,
                ColumnMap& column_of, Diagnostics& diagnostics) {
  column_of.fill(-1);
  std::vector<std::size_t> unknown;
  bool ok = true;
  for (std::size_t i = 0; i < header.size(); ++i) {
    std::optional<Field> field = ColumnField(header[i].text);
    if (!field) {
      unknown.push_back(i);
      continue;
    }
    int& column = column_of[static_cast<std::size_t>(*field)];
    if (column >= 0) {
      Diagnostic& d = diagnostics.Error(
          "duplicate-column",
          fmt::format("column '{}' names field '{}' again", header[i].text, FieldName(*field)),
          At(source, header[i]));
      d.notes.push_back(Note{"the first column naming it is here",
                             At(source, header[static_cast<std::size_t>(column)])});
      ok = false;
      continue;
    }
    column = static_cast<int>(i);
  }
  if (!unknown.empty()) {
    std::vector<std::string> names;
    std::vector<Note> hints;
    const std::vector<std::string> fields(FieldNames().begin(), FieldNames().end());
    for (std::size_t i : unknown) {
      names.push_back(fmt::format("'{}'", header[i].text));
      std::string close = ClosestMatch(Trim(header[i].text), fields);
      if (!close.empty()) {
        hints.push_back(Note{fmt::format("'{}': did you mean '{}'?", header[i].text, close), {}});
      }
    }
    Diagnostic& d =
        diagnostics.Add(Severity::kNote, "unknown-column",
                        fmt::format("ignoring unknown column{} {}", names.size() == 1 ? "" : "s",
                                    fmt::join(names, ", ")),
                        At(source, header[unknown.front()]));
    d.notes = std::move(hints);
  }
  if (column_of[static_cast<std::size_t>(Field::kLearner)] < 0) {
    diagnostics.Error("missing-column", "missing 'learner' column",
                      Location{source, header_line, 0, {}});
    ok = false;
  }
  return ok;
}

// FNV-1a over the trimmed field values, with a separator so that ("ab", "") != ("a", "b").
std::uint64_t RowHash(const std::array<std::string_view, kFieldCount>& values) {
  std::uint64_t hash = 14695981039346656037ull;
  for (std::string_view value : values) {
    for (char c : value) {
      hash ^= static_cast<unsigned char>(c);
      hash *= 1099511628211ull;
    }
    hash ^= 0xffu;
    hash *= 1099511628211ull;
  }
  return hash;
}

struct IdHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view id) const { return std::hash<std::string_view>{}(id); }
};

// Learners by id, in order of first appearance, with the row hash of each achievement.
class Grouping {
 public:
  Grouping(const ReadOptions& options, Diagnostics& diagnostics)
      : options_(options), diagnostics_(diagnostics) {}

  // Index of the learner `id`, added at `first` if new.
  std::size_t Find(std::string_view id, const Location& first, const Location& id_location) {
    auto it = index_.find(id);
    if (it != index_.end()) return it->second;
    std::size_t index = learners_.size();
    Learner& learner = learners_.emplace_back();
    learner.id = std::string(id);
    learner.location = first;
    hashes_.emplace_back();
    over_limit_.push_back(false);
    index_.emplace(learner.id, index);
    if (options_.check_identifiers) CheckUpn(id, id_location, diagnostics_);
    return index;
  }

  Learner& operator[](std::size_t index) { return learners_[index]; }
  std::vector<std::uint64_t>& hashes(std::size_t index) { return hashes_[index]; }
  // Whether the learner has reached ReadOptions::max_achievements; true once reported.
  bool ReportedOverLimit(std::size_t index) {
    bool reported = over_limit_[index];
    over_limit_[index] = true;
    return reported;
  }
  std::vector<Learner> Release() { return std::move(learners_); }

 private:
  const ReadOptions& options_;
  Diagnostics& diagnostics_;
  std::vector<Learner> learners_;
  std::vector<std::vector<std::uint64_t>> hashes_;
  std::vector<bool> over_limit_;
  std::unordered_map<std::string, std::size_t, IdHash, std::equal_to<>> index_;
};

// The earlier achievement of `learner` equal to `values` in every field, or nullptr.
const Achievement* FindDuplicate(const Learner& learner, const std::vector<std::uint64_t>& hashes,
                                 std::uint64_t hash,
                                 const std::array<std::string_view, kFieldCount>& values) {
  for (std::size_t i = 0; i < hashes.size(); ++i) {
    if (hashes[i] != hash) continue;
    const Achievement& earlier = learner.achievements[i];
    bool same = true;
    for (std::size_t f = 0; f < kFieldCount && same; ++f) {
      same = learner.Text(earlier, static_cast<Field>(f)) == values[f];
    }
    if (same) return &earlier;
  }
  return nullptr;
}

}  // namespace

RecordSet ReadCsvRecords(SourceId source, std::string_view text, const RuleSet& rules,
                         const ReadOptions& options, Diagnostics& diagnostics) {
  RecordSet out;
  Accounting& accounting = out.accounting;
  const std::size_t errors_before = diagnostics.error_count();
  CsvReader csv(text, source, diagnostics, options.csv);
  ColumnMap column_of;
  column_of.fill(-1);
  bool usable = csv.ReadHeader();
  if (usable) {
    usable = MapColumns(csv.header(), source, csv.header().front().line, column_of, diagnostics);
  } else if (diagnostics.error_count() == errors_before) {
    diagnostics.Error("missing-column", "the input has no header row", Location{source, 0, 0, {}});
  }
  const std::size_t learner_column =
      static_cast<std::size_t>(column_of[static_cast<std::size_t>(Field::kLearner)]);

  Grouping grouping(options, diagnostics);
  Learner orphan;  // receives nothing: rows without a learner id are rejected
  std::array<std::string_view, kFieldCount> values;
  FieldLocations where;
  CsvRow row;
  while (csv.Next(row)) {
    ++accounting.rows_read;
    if (!usable) {
      ++accounting.rows_rejected;
      continue;
    }
    const Location row_location{source, row.line, 0, {}};
    if (!row.ok) {
      ++accounting.rows_rejected;
      if (learner_column < row.fields.size()) {
        std::string_view id = Trim(row.fields[learner_column].text);
        if (!id.empty()) {
          ++grouping[grouping.Find(id, row_location, At(source, row.fields[learner_column]))]
                .rejected_rows;
        }
      }
      continue;
    }
    for (std::size_t f = 0; f < kFieldCount; ++f) {
      int column = column_of[f];
      if (column < 0) {
        values[f] = {};
        where[f].source = kNoSource;
        continue;
      }
      const CsvField& field = row.fields[static_cast<std::size_t>(column)];
      values[f] = Trim(field.text);
      where[f].source = source;
      where[f].line = field.line;
      where[f].column = field.column;
    }
    std::string_view id = values[static_cast<std::size_t>(Field::kLearner)];
    if (id.empty()) {
      ResolveAchievement(rules, values, row_location, orphan, diagnostics, &where);
      ++accounting.rows_rejected;
      continue;
    }
    std::size_t index =
        grouping.Find(id, row_location, where[static_cast<std::size_t>(Field::kLearner)]);
    Learner& learner = grouping[index];
    if (learner.achievements.size() >= options.max_achievements) {
      if (!grouping.ReportedOverLimit(index)) {
        diagnostics.Error("too-many-achievements",
                          fmt::format("learner '{}' has more than {} achievements: this row and "
                                      "the learner's later rows are rejected",
                                      id, options.max_achievements),
                          row_location);
      }
      ++accounting.rows_rejected;
      ++learner.rejected_rows;
      continue;
    }
    std::vector<std::uint64_t>& hashes = grouping.hashes(index);
    std::uint64_t hash = RowHash(values);
    if (const Achievement* earlier = FindDuplicate(learner, hashes, hash, values)) {
      Diagnostic& d = diagnostics.Warning(
          "duplicate-row", fmt::format("duplicate row for learner '{}': skipped", id),
          row_location);
      d.notes.push_back(Note{"the same row is here", earlier->location});
      ++accounting.rows_rejected;
      continue;
    }
    std::size_t before = learner.achievements.size();
    if (!ResolveAchievement(rules, values, row_location, learner, diagnostics, &where)) {
      ++accounting.rows_rejected;
      ++learner.rejected_rows;
      continue;
    }
    ++accounting.rows_used;
    if (learner.achievements.size() > before) hashes.push_back(hash);
    std::string_view qan = values[static_cast<std::size_t>(Field::kQan)];
    if (options.check_identifiers && !qan.empty()) {
      CheckQan(qan, where[static_cast<std::size_t>(Field::kQan)], diagnostics);
    }
  }
  if (usable && accounting.rows_read == 0) {
    diagnostics.Warning("no-rows", "the input has a header row but no data rows",
                        Location{source, 0, 0, {}});
  }
  out.learners = grouping.Release();
  accounting.learners = out.learners.size();
  return out;
}

}  // namespace accredit
