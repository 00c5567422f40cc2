#include "accredit/csv_records.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <utility>

#include "accredit/column_map.h"
#include "accredit/identifiers.h"
#include "accredit/record_resolver.h"
#include "base/text.h"
#include "records/csv_line_keys.h"
#include "records/csv_row_reader.h"
#include "records/csv_rows.h"
#include "records/grouping.h"
#include "records/map_choice.h"

namespace accredit {

namespace {

using internal::FieldValues;
using internal::Grouping;
using internal::TrimSpace;

Location At(SourceId source, const CsvField& field) {
  return Location{source, field.line, field.column, {}};
}

// `location` = At(source, field), without building and moving a Location (a row sets 15).
void SetAt(Location& location, SourceId source, const CsvField& field) {
  location.source = source;
  location.line = field.line;
  location.column = field.column;
  location.pointer.clear();
}

// The field `name` fills, and how strongly it is preferred (lower wins): without a mapping the
// canonical names; with one, its `columns:` (and, in a wide layout, its `id:`).
std::optional<Field> ColumnField(std::string_view name, const ColumnMap* map,
                                 std::size_t& preference) {
  preference = 0;
  if (map == nullptr) return FieldByName(internal::Normalize(name));
  if (map->wide && !map->wide->id.empty()) {
    const std::vector<std::string>& ids = map->wide->id;
    auto it = std::find(ids.begin(), ids.end(), internal::Normalize(name));
    if (it != ids.end()) {
      preference = static_cast<std::size_t>(it - ids.begin());
      return Field::kLearner;
    }
  }
  return map->FieldFor(name, &preference);
}

// Column names a mapping knows, for "did you mean".
std::vector<std::string> KnownNames(const ColumnMap* map) {
  std::vector<std::string> names = NamesOf(kFieldNames);
  if (map == nullptr) return names;
  for (const auto& alternatives : map->columns) {
    names.insert(names.end(), alternatives.begin(), alternatives.end());
  }
  names.insert(names.end(), map->ignore.begin(), map->ignore.end());
  return names;
}

void NoteUnknown(std::span<const CsvField> header, const std::vector<std::size_t>& unknown,
                 SourceId source, const ColumnMap* map, Diagnostics& diagnostics) {
  if (unknown.empty()) return;
  std::vector<std::string> names;
  std::vector<Note> hints;
  const std::vector<std::string> known = KnownNames(map);
  for (std::size_t i : unknown) {
    names.push_back(fmt::format("'{}'", header[i].text));
    std::string close = ClosestMatch(internal::Normalize(header[i].text), known);
    if (!close.empty()) {
      hints.push_back(Note{fmt::format("'{}': did you mean '{}'?", header[i].text, close), {}});
    }
  }
  Diagnostic& d = diagnostics.Add(Severity::kNote, "unknown-column",
                                  fmt::format("ignoring unknown column{} {}",
                                              names.size() == 1 ? "" : "s", fmt::join(names, ", ")),
                                  At(source, header[unknown.front()]));
  d.notes = std::move(hints);
}

// A column a mapping leaves out whose header names a subject ("Geography", "Eng Lang") most
// likely holds that subject's grades: leaving them out in a note among many would make learners
// short of it with nothing said. Each is a warning naming the fix, and leaves `unknown`.
void WarnSubjectColumns(std::span<const CsvField> header, std::vector<std::size_t>& unknown,
                        SourceId source, const ColumnMap& map, const RuleSet& rules,
                        Diagnostics& diagnostics) {
  std::erase_if(unknown, [&](std::size_t i) {
    const int subject = rules.MatchSubject(header[i].text);
    if (subject < 0) return false;
    const std::string& id = rules.subjects[static_cast<std::size_t>(subject)].id;
    Diagnostic& d = diagnostics.Warning(
        "unread-subject-column",
        fmt::format("column '{}' is named after the subject {}, but the column mapping '{}' "
                    "does not read it: its grades are left out",
                    header[i].text, id, map.name),
        At(source, header[i]));
    d.notes.push_back(Note{
        map.wide ? fmt::format("to read it, add '{}: {}' under wide: subjects: in a copy of the "
                               "mapping (accredit map proposes one); to leave it out, list it "
                               "under ignore:",
                               header[i].text, id)
                 : fmt::format("to leave it out on purpose, list '{}' under ignore: in the "
                               "mapping",
                               header[i].text),
        {}});
    return true;
  });
}

std::string MapNames(const std::vector<const ColumnMap*>& maps) {
  std::vector<std::string_view> names;
  for (const ColumnMap* map : maps) names.push_back(map->name);
  return fmt::format("{}", fmt::join(names, ", "));
}

// An attribute column: the first listed alternative of an attribute is read, another is noted.
void AddAttributeColumn(std::span<const CsvField> header, std::size_t i, std::string_view attribute,
                        std::size_t preference, SourceId source, internal::CsvColumns& out,
                        std::vector<std::size_t>& preference_of, Diagnostics& diagnostics) {
  for (std::size_t k = 0; k < out.attribute_columns.size(); ++k) {
    auto& [column, name] = out.attribute_columns[k];
    if (name != attribute) continue;
    std::size_t unused = i;
    if (preference < preference_of[k]) {
      unused = column;
      column = i;
      preference_of[k] = preference;
    }
    diagnostics.Add(Severity::kNote, "unused-column",
                    fmt::format("column '{}' also maps to attribute '{}': not read",
                                header[unused].text, attribute),
                    At(source, header[unused]));
    return;
  }
  out.attribute_columns.emplace_back(i, std::string(attribute));
  preference_of.push_back(preference);
}

}  // namespace

namespace internal {

bool MapCsvColumns(std::span<const CsvField> header, SourceId source, std::uint32_t header_line,
                   const ReadOptions& options, CsvColumns& out, Diagnostics& diagnostics,
                   const RuleSet* rules) {
  out.column_of.fill(-1);
  bool ok = true;
  const ColumnMap* map = ChooseColumnMap(header, source, header_line, options, ok, diagnostics);
  out.map = map;
  if (!ok) return false;
  std::array<std::size_t, kFieldCount> preference_of{};
  const WideLayout* wide = map != nullptr && map->wide ? &*map->wide : nullptr;
  std::vector<std::size_t> unknown;
  std::vector<std::size_t> attribute_preference;
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (map != nullptr && map->Ignores(header[i].text)) continue;
    std::size_t preference = 0;
    std::optional<Field> field = ColumnField(header[i].text, map, preference);
    if (!field && map != nullptr) {
      if (std::string_view attribute = map->AttributeFor(header[i].text, &preference);
          !attribute.empty()) {
        AddAttributeColumn(header, i, attribute, preference, source, out, attribute_preference,
                           diagnostics);
        continue;
      }
    }
    if (!field && wide != nullptr) {
      if (std::optional<GradeColumn> grade = map->GradeColumnFor(header[i].text)) {
        out.grade_columns.emplace_back(i, std::move(*grade));
        continue;
      }
    }
    if (!field) {
      unknown.push_back(i);
      continue;
    }
    const std::size_t f = static_cast<std::size_t>(*field);
    int& column = out.column_of[f];
    if (column >= 0 && map != nullptr) {
      // Alternatives of one field: the first listed is read, the other is noted.
      std::size_t unused = i;
      if (preference < preference_of[f]) {
        unused = static_cast<std::size_t>(column);
        column = static_cast<int>(i);
        preference_of[f] = preference;
      }
      diagnostics.Add(Severity::kNote, "unused-column",
                      fmt::format("column '{}' also maps to field '{}': not read",
                                  header[unused].text, FieldName(*field)),
                      At(source, header[unused]));
      continue;
    }
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
    preference_of[f] = preference;
  }
  if (rules != nullptr && map != nullptr) {
    WarnSubjectColumns(header, unknown, source, *map, *rules, diagnostics);
  }
  NoteUnknown(header, unknown, source, map, diagnostics);
  if (out.column_of[static_cast<std::size_t>(Field::kLearner)] < 0) {
    Diagnostic& d = diagnostics.Error("missing-column", "missing 'learner' column",
                                      Location{source, header_line, 0, {}});
    std::vector<std::string> names;
    if (wide != nullptr) names = wide->id;
    if (names.empty() && map != nullptr) {
      names = map->columns[static_cast<std::size_t>(Field::kLearner)];
    }
    if (!names.empty()) {
      d.notes.push_back(
          Note{fmt::format("the mapping reads it from any of '{}'", fmt::join(names, "', '")), {}});
    }
    if (map == nullptr && !options.maps_to_try.empty()) {
      d.notes.push_back(Note{
          fmt::format("no column mapping fits this header (tried: {}); for another layout, "
                      "write one and give it with --map (accredit-records(5), COLUMN MAPPINGS)",
                      MapNames(options.maps_to_try)),
          {}});
    }
    ok = false;
  }
  if (wide != nullptr && out.grade_columns.empty()) {
    diagnostics.Error("missing-column", "no column matches the wide layout's subjects or pattern",
                      Location{source, header_line, 0, {}});
    ok = false;
  }
  out.layout = std::to_string(header.size());
  for (int column : out.column_of) {
    out.layout += ',';
    out.layout += std::to_string(column);
  }
  return ok;
}

}  // namespace internal

namespace {

// The column of field `f` in `row`, or null when the header has none or the row is short.
const CsvField* FieldOf(const CsvRow& row, const internal::CsvColumns& header, std::size_t f) {
  const int column = header.column_of[f];
  if (column < 0 || static_cast<std::size_t>(column) >= row.fields.size()) return nullptr;
  return &row.fields[static_cast<std::size_t>(column)];
}

// Reads the fields of an ok row into `values`.
void ReadValues(const CsvRow& row, const internal::CsvColumns& header, FieldValues& values) {
  for (std::size_t f = 0; f < kFieldCount; ++f) {
    const CsvField* field = FieldOf(row, header, f);
    values[f] = field != nullptr ? TrimSpace(field->text) : std::string_view();
  }
}

// Where the fields of an ok row were read, into `where`.
void ReadPlaces(const CsvRow& row, const internal::CsvColumns& header, SourceId source,
                FieldLocations& where) {
  for (std::size_t f = 0; f < kFieldCount; ++f) {
    if (const CsvField* field = FieldOf(row, header, f)) {
      SetAt(where[f], source, *field);
    } else {
      where[f].source = kNoSource;
    }
  }
}

// Reads the fields of an ok row into `values` and `where`.
void ReadFields(const CsvRow& row, const internal::CsvColumns& header, SourceId source,
                FieldValues& values, FieldLocations& where) {
  ReadValues(row, header, values);
  ReadPlaces(row, header, source, where);
}

// The locations of a row's fields, worked out when a diagnostic or a row resolved in full
// asks for them (Grouping, FieldPlaces).
class CsvPlaces final : public internal::FieldPlaces {
 public:
  CsvPlaces(const CsvRow& row, const internal::CsvColumns& header, SourceId source,
            FieldLocations& where)
      : row_(row), header_(header), source_(source), where_(where) {}
  const FieldLocations* Get() override {
    if (!placed_) ReadPlaces(row_, header_, source_, where_);
    placed_ = true;
    return &where_;
  }

 private:
  const CsvRow& row_;
  const internal::CsvColumns& header_;
  SourceId source_;
  FieldLocations& where_;
  bool placed_ = false;
};

// Maps one row (when there is a mapping) and hands it to the grouping.
void AddRow(FieldValues& values, const Location& row_location, const FieldLocations& where,
            const ColumnMap* map, std::string& scratch, Grouping& grouping,
            Diagnostics& diagnostics) {
  const std::size_t learner = static_cast<std::size_t>(Field::kLearner);
  const std::size_t date = static_cast<std::size_t>(Field::kDate);
  if (map != nullptr &&
      !ApplyColumnMap(*map, values, scratch,
                      where[date].source != kNoSource ? where[date] : row_location, diagnostics)) {
    grouping.RejectRow(values[learner], row_location,
                       where[learner].source != kNoSource ? where[learner] : row_location);
    return;
  }
  grouping.AddRow(values, row_location, &where);
}

// A wide row: one row per non-empty grade cell. Returns how many there were.
std::size_t AddWideRow(const CsvRow& row, const internal::CsvColumns& header,
                       const WideLayout& wide, SourceId source, FieldValues& values,
                       FieldLocations& where, const ColumnMap* map, std::string& scratch,
                       Grouping& grouping, Diagnostics& diagnostics) {
  ReadFields(row, header, source, values, where);
  const FieldValues base = values;
  const FieldLocations base_where = where;
  const std::size_t subject = static_cast<std::size_t>(Field::kSubject);
  const std::size_t grade = static_cast<std::size_t>(Field::kGrade);
  const std::size_t type = static_cast<std::size_t>(Field::kType);
  const std::size_t level = static_cast<std::size_t>(Field::kLevel);
  std::size_t cells = 0;
  for (const auto& [column, spec] : header.grade_columns) {
    if (column >= row.fields.size()) continue;
    const CsvField& cell = row.fields[column];
    std::string_view text = TrimSpace(cell.text);
    if (text.empty()) continue;
    ++cells;
    values = base;
    where = base_where;
    values[subject] = spec.subject;
    values[grade] = text;
    if (!spec.type.empty()) {
      values[type] = spec.type;
      where[type] = At(source, cell);
    } else if (values[type].empty()) {
      values[type] = wide.type;
    }
    if (!spec.level.empty()) {
      values[level] = spec.level;
      where[level] = At(source, cell);
    }
    where[subject] = At(source, cell);
    where[grade] = At(source, cell);
    AddRow(values, At(source, cell), where, map, scratch, grouping, diagnostics);
  }
  return cells;
}

// True when a row gives no achievement field: only its learner (and attributes).
bool OnlyLearner(const FieldValues& values) {
  for (std::size_t f = 0; f < kFieldCount; ++f) {
    if (f != static_cast<std::size_t>(Field::kLearner) && !values[f].empty()) return false;
  }
  return true;
}

}  // namespace

namespace internal {

CsvRowReader::CsvRowReader(const CsvReader& csv, const CsvColumns& header, SourceId source,
                           Grouping& grouping)
    : header_(header), source_(source), grouping_(grouping), keys_(csv, header, source, grouping) {}

CsvRowReader::~CsvRowReader() = default;

void CsvRowReader::Read(CsvReader& csv, bool usable, Diagnostics& diagnostics) {
  // The members under the names the loop below gave them when they were its locals.
  const CsvColumns& header = header_;
  const SourceId source = source_;
  Grouping& grouping = grouping_;
  CsvLineKeys& keys = keys_;
  FieldValues& values = values_;
  FieldLocations& where = where_;
  std::string& scratch = scratch_;
  CsvRow& row = row_;
  std::vector<std::pair<std::string_view, std::string_view>>& attributes = attributes_;
  const ColumnMap* map = header.map;
  const WideLayout* wide = map != nullptr && map->wide ? &*map->wide : nullptr;
  const std::size_t learner_column = header.Column(Field::kLearner);
  const bool by_key = usable && keys.usable();
  for (;;) {
    if (by_key && keys.ReadKnownLine(csv)) continue;
    if (!csv.Next(row)) break;
    const Location row_location{source, row.line, 0, {}};
    if (!usable) {
      grouping.RejectRow({}, row_location, row_location);
      continue;
    }
    if (!row.ok) {
      std::string_view id;
      Location id_location = row_location;
      if (learner_column < row.fields.size()) {
        id = TrimSpace(row.fields[learner_column].text);
        id_location = At(source, row.fields[learner_column]);
      }
      grouping.RejectRow(id, row_location, id_location);
      continue;
    }
    attributes.clear();
    for (const auto& [column, name] : header.attribute_columns) {
      if (column >= row.fields.size()) continue;
      std::string_view text = TrimSpace(row.fields[column].text);
      if (!text.empty()) attributes.emplace_back(name, text);
    }
    std::string_view id;
    Location id_location = row_location;
    if (learner_column < row.fields.size()) {
      id = TrimSpace(row.fields[learner_column].text);
      if (map != nullptr) id = map->MapValue(Field::kLearner, id);
      id_location = At(source, row.fields[learner_column]);
    }
    if (wide != nullptr) {
      const std::size_t cells = AddWideRow(row, header, *wide, source, values, where, map, scratch,
                                           grouping, diagnostics);
      // A pupil with no grade yet is still a learner when the row names their attributes.
      if (cells == 0 && !attributes.empty()) {
        grouping.AddAttributeRow(id, row_location, id_location, attributes);
      } else if (!attributes.empty()) {
        grouping.SetAttributes(id, row_location, id_location, attributes);
      }
      continue;
    }
    ReadValues(row, header, values);
    if (!attributes.empty() && OnlyLearner(values)) {  // a pupil list's row
      grouping.AddAttributeRow(id, row_location, id_location, attributes);
      continue;
    }
    if (map == nullptr) {
      CsvPlaces places(row, header, source, where);
      grouping.AddRow(values, row_location, places);
      if (by_key) keys.Learn(csv, row);
    } else {  // the mapping may report a value where it was read
      ReadPlaces(row, header, source, where);
      AddRow(values, row_location, where, map, scratch, grouping, diagnostics);
    }
    if (!attributes.empty()) grouping.SetAttributes(id, row_location, id_location, attributes);
  }
}

void ReadCsvRows(CsvReader& csv, const CsvColumns& header, bool usable, SourceId source,
                 Grouping& grouping, Diagnostics& diagnostics) {
  CsvRowReader(csv, header, source, grouping).Read(csv, usable, diagnostics);
}

}  // namespace internal

RecordSet ReadCsvRecords(SourceId source, std::string_view text, const RuleSet& rules,
                         const ReadOptions& options, Diagnostics& diagnostics) {
  const std::size_t errors_before = diagnostics.error_count();
  CsvOptions csv_options = options.csv;
  csv_options.delimiter = DetectCsvDelimiter(text);
  CsvReader csv(text, source, diagnostics, csv_options);
  internal::CsvColumns header;
  header.column_of.fill(-1);
  bool usable = csv.ReadHeader();
  if (usable) {
    usable = internal::MapCsvColumns(csv.header(), source, csv.header().front().line, options,
                                     header, diagnostics, &rules);
  } else if (diagnostics.error_count() == errors_before) {
    diagnostics.Error("missing-column", "the input has no header row", Location{source, 0, 0, {}});
  }
  Grouping grouping(rules, options, diagnostics);
  internal::ReadCsvRows(csv, header, usable, source, grouping, diagnostics);
  RecordSet out = grouping.Release();
  if (usable && out.accounting.rows_read == 0) {
    internal::ReportNoRows(source, true, diagnostics);
  }
  return out;
}

}  // namespace accredit
