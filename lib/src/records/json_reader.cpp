#include "accredit/json_reader.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <atomic>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "accredit/column_map.h"
#include "base/text.h"
#include "records/grouping.h"
#include "records/json_line_scan.h"
#include "records/json_records.h"
#include "records/json_scan.h"
#include "records/json_value.h"

namespace accredit {

namespace {

namespace od = simdjson::ondemand;
using internal::DescribeError;
using internal::DescribeType;
using internal::FieldValues;
using internal::Grouping;
using internal::NumberToken;
using internal::Validate;

// One unit of JSON text (the whole document, or one line of JSON Lines) being read.
struct Unit {
  std::string_view text;       // the unit, within the source text
  std::size_t base = 0;        // offset of `text` within the indexed text
  const char* data = nullptr;  // start of the padded copy simdjson reads
};

class JsonReader {
 public:
  JsonReader(SourceId source, std::string_view text, const RuleSet& rules,
             const ReadOptions& options, Diagnostics& diagnostics, std::uint32_t first_line = 1,
             ReadScratch* scratch = nullptr)
      : source_(source),
        text_(text),
        first_line_(first_line),
        options_(options),
        diagnostics_(diagnostics),
        grouping_(rules, options, diagnostics, scratch) {}

  RecordSet Read();
  // Reads the text as JSON Lines, whatever its first line holds.
  RecordSet ReadLines(std::size_t start);

 private:
  Location At(std::size_t offset, std::string pointer = {}) {
    Location at{source_, 0, 0, std::move(pointer)};
    Place(at, offset);
    return at;
  }
  Location At(const Unit& unit, od::value& value, std::string pointer) {
    return At(OffsetOf(unit, value), std::move(pointer));
  }
  // Sets the line and column of `at` to those of `offset`.
  void Place(Location& at, std::size_t offset) {
    if (unit_line_ != 0) {  // in a line of JSON Lines: no need to look the line up
      at.line = unit_line_;
      at.column = static_cast<std::uint32_t>(offset - line_start_ + 1);
      return;
    }
    if (!lines_) lines_.emplace(text_);
    at.line = lines_->Line(offset) + first_line_ - 1;
    at.column = lines_->Column(offset);
  }
  // The offset in the text of where `value` starts (of the unit when simdjson cannot say).
  static std::size_t OffsetOf(const Unit& unit, od::value& value) {
    const char* where = nullptr;
    if (value.current_location().get(where) || where < unit.data) return unit.base;
    return unit.base + static_cast<std::size_t>(where - unit.data);
  }

  void ReadUnit(const Unit& unit, bool lines_mode);
  bool CheckUnit(const Unit& unit, od::parser& parser);
  // Whether `unit` is certainly free of the faults ScanJson() and CheckUnit() report: one
  // pass of simdjson, which checks the encoding itself, and which JSON Lines almost always pass.
  // A line of JSON Lines up to kMaxDomCheckBytes is checked by simdjson's DOM parser, twice
  // as fast as walking it (a whole document would cost its size again in the DOM's tape).
  bool PassesQuickCheck(const Unit& unit, bool lines_mode);
  static constexpr std::size_t kMaxDomCheckBytes = std::size_t{1} << 20;
  void ReadElement(const Unit& unit, od::value element, const std::string& pointer);
  void ReadLearner(const Unit& unit, od::object object, const Location& where,
                   const std::string& pointer);
  void ReadRow(const Unit& unit, od::object object, const Location& where,
               const std::string& pointer, std::string_view learner_id,
               const Location& id_location);
  // ReadRow, leaving the pointers of the fields' locations empty (`unpointed_`).
  void ReadFields(const Unit& unit, od::object object, const Location& where,
                  const std::string& pointer, std::string_view learner_id,
                  const Location& id_location);
  // Reads a row by fill(), which starts it (StartRow), gives its members (TakeMember) and ends
  // it (EndRow), and then gives the pointers of the locations its diagnostics name.
  template <typename Fill>
  void ReadRowBy(const std::string& pointer, Fill fill);
  // A row as its members are taken: the values so far, the fields seen, and whether an error
  // has been reported (the row is then rejected).
  struct RowInProgress {
    FieldValues values{};
    std::array<bool, kFieldCount> seen{};
    bool error = false;
  };
  void StartRow(RowInProgress& row);
  // Member `key` of a row at `pointer`, its value at `offset` in the text (a function giving
  // it, called only when needed); text_of(at, error) gives its text, or nullopt after
  // reporting at `at` that it is not a scalar (`error` set when there was none yet).
  template <typename Offset, typename Text>
  void TakeMember(RowInProgress& row, std::string_view key, const std::string& pointer,
                  Offset offset_of, Text text_of);
  void EndRow(RowInProgress& row, const Location& where, std::string_view learner_id,
              const Location& id_location);
  // The field a row's key names (through the mapping, when there is one), from the last key
  // seen in its slot of key_cache_ when that is the same.
  std::optional<Field> FieldOf(std::string_view key);
  // A checked line of JSON Lines of the plain shape (json_line_scan.h), read from its scan;
  // false, having done nothing, when it is not of that shape.
  bool ReadScannedLine(const Unit& unit);
  // The text of a scalar `value` of key `key`, or nullopt after a `bad-value`/`bad-number`
  // error when it is not a string, number or null (`error` set when there was none yet).
  std::optional<std::string_view> Scalar(od::value& value, std::string_view key,
                                         const Location& where, bool& error);
  void NoteUnknown(std::string_view key, const Location& where);

  SourceId source_;
  std::string_view text_;
  std::uint32_t first_line_;                  // the line of the source the text starts on
  std::optional<internal::LineIndex> lines_;  // built when first needed
  // While reading a line of JSON Lines: its line in the source (else 0), and its offset in the
  // text (columns count from there).
  std::uint32_t unit_line_ = 0;
  std::size_t line_start_ = 0;
  const ReadOptions& options_;
  Diagnostics& diagnostics_;
  Grouping grouping_;
  std::set<std::string, std::less<>> unknown_keys_;
  std::string scratch_;
  // Reused from row to row, so that their pointers keep their buffers.
  FieldLocations fields_;
  // The fields of the row being read whose locations have no pointer yet: where each value
  // starts (no two start at the same place) and its key (a view of the unit, or of the
  // parser's buffer when the key was unescaped).
  struct Unpointed {
    std::uint32_t line = 0;
    std::uint32_t column = 0;
    std::string_view key;
  };
  std::vector<Unpointed> unpointed_;
  Location element_;
  // Reused from unit to unit: the parser's buffers, and the padded copy of the unit it reads.
  od::parser parser_;
  std::string padded_;
  // Reused from line to line for PassesQuickCheck(), allocated for the depth it was given.
  simdjson::dom::parser dom_parser_;
  std::uint32_t dom_depth_ = 0;
  internal::ScannedLine scanned_;  // reused from line to line (ReadScannedLine)
  // FieldOf()'s keys, in slots by their size and last byte: rows repeat the same few keys, so
  // each is found among the field names once, not once a row.
  struct CachedKey {
    std::string key;
    std::optional<Field> field;
  };
  std::array<CachedKey, 32> key_cache_;
};

// Whether a checked line may be read from its scan (tests turn it off to compare).
std::atomic<bool> line_scan{true};

RecordSet JsonReader::Read() {
  std::size_t start = text_.starts_with("\xef\xbb\xbf") ? 3 : 0;
  std::size_t first = text_.find_first_not_of(" \t\r\n", start);
  if (first == std::string_view::npos) {
    diagnostics_.Error("bad-json", "the input is empty: expected JSON",
                       Location{source_, 0, 0, {}});
    return grouping_.Release();
  }
  if (text_[first] == '[') {
    ReadUnit(Unit{text_.substr(start), start, nullptr}, false);
  } else if (text_[first] == '{' &&
             internal::ScanJsonPasses(text_.substr(start), options_.max_json_depth)) {
    // One object, perhaps spread over lines (pretty-printed): a single learner or row.
    ReadUnit(Unit{text_.substr(start), start, nullptr}, true);
  } else if (text_[first] == '{') {
    return ReadLines(start);
  } else {
    diagnostics_.Error("bad-json",
                       "expected a JSON array of learners or rows, or JSON Lines of learner "
                       "objects",
                       At(first));
    grouping_.RejectRow({}, At(first), At(first));
  }
  return grouping_.Release();
}

RecordSet JsonReader::ReadLines(std::size_t start) {
  std::size_t line_start = start;
  std::uint32_t line_number = first_line_;
  line_start_ = 0;  // the first line starts at 0, before any byte order mark
  while (line_start < text_.size()) {
    std::size_t end = text_.find('\n', line_start);
    if (end == std::string_view::npos) end = text_.size();
    std::string_view line = text_.substr(line_start, end - line_start);
    if (line.find_first_not_of(" \t\r") != std::string_view::npos) {
      unit_line_ = line_number;
      ReadUnit(Unit{line, line_start, nullptr}, true);
    }
    line_start = end + 1;
    line_start_ = line_start;
    ++line_number;
  }
  unit_line_ = 0;
  return grouping_.Release();
}

void JsonReader::ReadUnit(const Unit& in, bool lines_mode) {
  padded_.assign(in.text);
  padded_.append(simdjson::SIMDJSON_PADDING, ' ');
  simdjson::padded_string_view padded(padded_.data(), in.text.size(), padded_.size());
  Unit unit{in.text, in.base, padded_.data()};
  if (!PassesQuickCheck(unit, lines_mode)) {
    // Something is wrong: find what, and where, as precisely as we can.
    internal::JsonScanFault fault = internal::ScanJson(in.text, options_.max_json_depth);
    if (!fault.ok()) {
      diagnostics_.Error(*fault.code, fault.message, At(in.base + fault.offset));
      grouping_.RejectRow({}, At(in.base), At(in.base));
      return;
    }
    if (!CheckUnit(unit, parser_)) return;
  } else if (lines_mode && line_scan.load(std::memory_order_relaxed) && ReadScannedLine(unit)) {
    return;
  }
  // Checked: this second pass meets no syntax error, only values of the wrong kind.
  od::document document;
  od::value root;
  if (parser_.iterate(padded).get(document) || document.get_value().get(root)) return;
  if (lines_mode) {
    ReadElement(unit, root, "");
    return;
  }
  od::array array;
  if (root.get_array().get(array)) return;
  std::size_t index = 0;
  for (auto item : array) {
    od::value element;
    if (item.get(element)) return;
    ReadElement(unit, element, fmt::format("/{}", index++));
  }
}

bool JsonReader::PassesQuickCheck(const Unit& unit, bool lines_mode) {
  if (lines_mode && unit.text.size() <= kMaxDomCheckBytes) {
    // simdjson's DOM parser checks everything that the walk below checks (the encoding, the
    // syntax, numbers as JSON writes them, the nesting, text after the value) in two passes
    // over the line, and without a call per value.
    if (dom_depth_ != options_.max_json_depth) {
      // Room for a typical line; the parser grows for a longer one, keeping the depth. Its
      // depth counts one level more than ours, so a line at the limit takes the walk below.
      if (dom_parser_.allocate(std::size_t{1} << 12, options_.max_json_depth)) return false;
      dom_depth_ = options_.max_json_depth;
    }
    simdjson::dom::element root;
    return !dom_parser_.parse(unit.data, unit.text.size(), false).get(root) &&
           root.type() == simdjson::dom::element_type::OBJECT;
  }
  // simdjson checks the encoding, control characters in strings and strings left open as it
  // indexes the unit, and Validate() the rest of the syntax and the nesting; what is left of
  // ScanJson()'s faults is text after the value. A unit that does not hold what is expected
  // of it (an object for a line, an array for a whole document) takes the careful path.
  simdjson::padded_string_view view(unit.data, unit.text.size(),
                                    unit.text.size() + simdjson::SIMDJSON_PADDING);
  od::document document;
  od::value root;
  od::json_type type = od::json_type::null;
  if (parser_.iterate(view).get(document) || document.get_value().get(root) ||
      root.type().get(type) ||
      type != (lines_mode ? od::json_type::object : od::json_type::array) ||
      Validate(root, options_.max_json_depth)) {
    return false;
  }
  const char* after = nullptr;
  return document.current_location().get(after) == simdjson::OUT_OF_BOUNDS;
}

bool JsonReader::CheckUnit(const Unit& unit, od::parser& parser) {
  simdjson::padded_string_view view(unit.data, unit.text.size(),
                                    unit.text.size() + simdjson::SIMDJSON_PADDING);
  od::document document;
  simdjson::error_code error = parser.iterate(view).get(document);
  const bool iterated = !error;
  if (!error) {
    od::value root;
    error = document.get_value().get(root);
    if (!error) error = Validate(root);
  }
  if (!error) return true;
  Location where = At(unit.base);
  const char* at = nullptr;
  if (iterated && !document.current_location().get(at) && at >= unit.data) {
    where = At(unit.base + static_cast<std::size_t>(at - unit.data));
  }
  diagnostics_.Error("bad-json", fmt::format("invalid JSON: {}", DescribeError(error)), where);
  grouping_.RejectRow({}, At(unit.base), At(unit.base));
  return false;
}

void JsonReader::ReadElement(const Unit& unit, od::value element, const std::string& pointer) {
  Location where = At(unit, element, pointer);
  od::object object;
  if (element.get_object().get(object)) {
    od::json_type type = od::json_type::null;
    (void)element.type().get(type);
    diagnostics_.Error("bad-value",
                       fmt::format("expected a learner or row object, got {}", DescribeType(type)),
                       where);
    grouping_.RejectRow({}, where, where);
    return;
  }
  // A learner has an `id` or `achievements`; look before reading, since keys come in any order.
  // Keys are compared raw here and in ReadLearner's search for `id`: unescaping a key spends
  // room in the parser's string buffer, which is sized to unescape the document once, so a
  // learner whose keys were unescaped on every pass overflowed it.
  bool learner = false;
  for (auto field : object) {
    od::field member;
    if (std::move(field).get(member)) return;
    learner = member.key().is_equal("id") || member.key().is_equal("achievements");
    if (learner) break;  // the rest need not be walked: reset() goes back to the start
  }
  bool reset = false;
  if (object.reset().get(reset)) return;
  if (learner) {
    ReadLearner(unit, object, where, pointer);
  } else {
    ReadRow(unit, object, where, pointer, {}, where);
  }
}

void JsonReader::ReadLearner(const Unit& unit, od::object object, const Location& where,
                             const std::string& pointer) {
  std::string id;
  Location id_location = where;
  bool has_id = false;
  bool id_error = false;
  for (auto field : object) {
    od::field member;
    if (std::move(field).get(member)) return;
    if (!member.key().is_equal("id")) continue;
    od::value& value = member.value();
    has_id = true;
    id_location = At(unit, value, pointer + "/id");
    if (std::optional<std::string_view> text = Scalar(value, "id", id_location, id_error)) {
      id = std::string(internal::TrimSpace(*text));
    }
  }
  if (id.empty() && !id_error) {
    diagnostics_.Error("missing-field",
                       has_id ? "learner 'id' is empty" : "learner object has no 'id'",
                       has_id ? id_location : where);
  }
  if (!id.empty()) grouping_.Find(id, where, id_location);
  bool reset = false;
  if (object.reset().get(reset)) return;
  for (auto field : object) {
    std::string_view key;
    od::value value;
    if (field.unescaped_key().get(key) || field.value().get(value)) return;
    if (key == "id") continue;
    if (key != "achievements") {
      if (unknown_keys_.find(key) == unknown_keys_.end()) {
        std::string at = pointer + "/";
        internal::AppendPointerToken(at, key);
        NoteUnknown(key, At(unit, value, std::move(at)));
      }
      continue;
    }
    const std::string base = pointer + "/achievements";
    od::array array;
    if (value.get_array().get(array)) {
      od::json_type type = od::json_type::null;
      (void)value.type().get(type);
      Location at = At(unit, value, base);
      diagnostics_.Error("bad-value",
                         fmt::format("'achievements' must be an array, got {}", DescribeType(type)),
                         at);
      grouping_.RejectRow(id, at, id_location);
      continue;
    }
    std::size_t index = 0;
    for (auto item : array) {
      od::value element;
      if (item.get(element)) return;
      // element_ keeps its pointer's buffer from row to row.
      Location& at = element_;
      at.source = source_;
      Place(at, OffsetOf(unit, element));
      at.pointer.assign(base);
      at.pointer += '/';
      const fmt::format_int number(index++);
      at.pointer.append(number.data(), number.size());
      od::object row;
      if (element.get_object().get(row)) {
        od::json_type type = od::json_type::null;
        (void)element.type().get(type);
        diagnostics_.Error(
            "bad-value", fmt::format("expected an achievement object, got {}", DescribeType(type)),
            at);
        grouping_.RejectRow(id, at, id_location);
      } else if (id.empty()) {
        grouping_.RejectRow({}, at, at);  // its learner's missing id is the error
      } else {
        ReadRow(unit, row, at, at.pointer, id, id_location);
      }
    }
  }
}

void JsonReader::ReadRow(const Unit& unit, od::object object, const Location& where,
                         const std::string& pointer, std::string_view learner_id,
                         const Location& id_location) {
  ReadRowBy(pointer, [&] { ReadFields(unit, object, where, pointer, learner_id, id_location); });
}

template <typename Fill>
void JsonReader::ReadRowBy(const std::string& pointer, Fill fill) {
  // The pointers of the fields read are worked out only for the diagnostics that locate one:
  // building fifteen a row cost a tenth of the time spent reading JSON Lines.
  const std::size_t mark = diagnostics_.items().size();
  fill();
  diagnostics_.Relocate(mark, [&](Location& at) {
    if (at.source != source_ || !at.pointer.empty()) return;
    for (const Unpointed& field : unpointed_) {
      if (field.line != at.line || field.column != at.column) continue;
      at.pointer.assign(pointer);
      at.pointer += '/';
      internal::AppendPointerToken(at.pointer, field.key);
      return;
    }
  });
}

void JsonReader::ReadFields(const Unit& unit, od::object object, const Location& where,
                            const std::string& pointer, std::string_view learner_id,
                            const Location& id_location) {
  RowInProgress row;
  StartRow(row);
  for (auto member : object) {
    od::field field_member;
    if (std::move(member).get(field_member)) return;
    std::string_view key;
    const char* raw_key = field_member.key().raw();
    if (std::optional<std::string_view> plain = internal::PlainString(std::string_view(
            raw_key, static_cast<std::size_t>(unit.data + unit.text.size() - raw_key)))) {
      key = *plain;
    } else if (field_member.unescaped_key().get(key)) {
      return;
    }
    od::value& value = field_member.value();
    TakeMember(
        row, key, pointer, [&] { return OffsetOf(unit, value); },
        [&](const Location& at, bool& error) { return Scalar(value, key, at, error); });
  }
  EndRow(row, where, learner_id, id_location);
}

void JsonReader::StartRow(RowInProgress& row) {
  row = RowInProgress{};
  for (Location& field : fields_) field.source = kNoSource;  // fields_ is reused row to row
  unpointed_.clear();
}

template <typename Offset, typename Text>
void JsonReader::TakeMember(RowInProgress& row, std::string_view key, const std::string& pointer,
                            Offset offset_of, Text text_of) {
  // The location of the value: built only when kept or reported.
  auto locate = [&](Location& at) {
    at.source = source_;
    Place(at, offset_of());
    at.pointer.assign(pointer);
    at.pointer += '/';
    internal::AppendPointerToken(at.pointer, key);
  };
  const std::optional<Field> field = FieldOf(key);
  if (!field) {
    if (unknown_keys_.find(key) == unknown_keys_.end()) {
      Location at;
      locate(at);
      NoteUnknown(key, at);
    }
    return;
  }
  const std::size_t f = static_cast<std::size_t>(*field);
  if (row.seen[f]) {
    if (!row.error) {
      Location at;
      locate(at);
      diagnostics_.Error("bad-value", fmt::format("field '{}' is given twice", FieldName(*field)),
                         at);
    }
    row.error = true;
    return;
  }
  row.seen[f] = true;
  // Its line and column, and its pointer once it is reported (ReadRowBy).
  Location& at = fields_[f];
  at.source = source_;
  Place(at, offset_of());
  at.pointer.clear();
  unpointed_.push_back(Unpointed{at.line, at.column, key});
  if (std::optional<std::string_view> text = text_of(at, row.error)) {
    row.values[f] = internal::TrimSpace(*text);
  } else {
    at.source = kNoSource;
  }
}

std::optional<Field> JsonReader::FieldOf(std::string_view key) {
  CachedKey& cached =
      key_cache_[(key.size() * 7 + (key.empty() ? 0 : static_cast<unsigned char>(key.back()))) %
                 key_cache_.size()];
  if (!cached.key.empty() && cached.key == key) return cached.field;
  const ColumnMap* map = options_.JsonMap();
  // A field's name in any case; most are written in lower case, and need no copy lowered.
  std::optional<Field> field = map != nullptr ? map->FieldFor(key) : FieldByName(key);
  if (!field && map == nullptr) field = FieldByName(internal::LowerAscii(key));
  cached.key.assign(key);
  cached.field = field;
  return field;
}

void JsonReader::EndRow(RowInProgress& row, const Location& where, std::string_view learner_id,
                        const Location& id_location) {
  FieldValues& values = row.values;
  FieldLocations& fields = fields_;
  const std::size_t learner = static_cast<std::size_t>(Field::kLearner);
  if (!learner_id.empty()) {
    if (!values[learner].empty() && values[learner] != learner_id && !row.error) {
      diagnostics_.Error("bad-value",
                         fmt::format("achievement names learner '{}' inside learner '{}'",
                                     values[learner], learner_id),
                         fields[learner]);
      row.error = true;
    }
    values[learner] = learner_id;
    fields[learner] = id_location;
  }
  const Location& id_at = fields[learner].source != kNoSource ? fields[learner] : where;
  const std::size_t date = static_cast<std::size_t>(Field::kDate);
  if (row.error ||
      (options_.JsonMap() != nullptr &&
       !ApplyColumnMap(*options_.JsonMap(), values, scratch_,
                       fields[date].source != kNoSource ? fields[date] : where, diagnostics_))) {
    grouping_.RejectRow(values[learner], where, id_at);
    return;
  }
  grouping_.AddRow(values, where, &fields);
}

bool JsonReader::ReadScannedLine(const Unit& unit) {
  internal::ScannedLine& line = scanned_;
  static_assert(simdjson::SIMDJSON_PADDING >= internal::kLinePadding);
  if (!internal::ScanCheckedLine(std::string_view(unit.data, unit.text.size()), line)) {
    return false;
  }
  const std::string_view id = internal::TrimSpace(line.id);
  if (line.learner && id.empty()) return false;  // the walk reports the empty id
  // From here on, as ReadElement, ReadLearner and ReadRow read it.
  const Location where = At(unit.base + line.offset);
  auto read_row = [&](const internal::ScannedLine::Row& row, const Location& row_where,
                      const std::string& pointer, std::string_view learner_id,
                      const Location& id_location) {
    ReadRowBy(pointer, [&] {
      RowInProgress in_progress;
      StartRow(in_progress);
      for (std::uint32_t m = row.first; m < row.end; ++m) {
        const internal::ScannedLine::Member& member = line.members[m];
        TakeMember(
            in_progress, member.key, pointer, [&] { return unit.base + member.offset; },
            [&](const Location&, bool&) { return std::optional<std::string_view>(member.text); });
      }
      EndRow(in_progress, row_where, learner_id, id_location);
    });
  };
  if (!line.learner) {
    read_row(line.rows.front(), where, std::string(), {}, where);
    return true;
  }
  const Location id_location = At(unit.base + line.id_offset, "/id");
  grouping_.Find(id, where, id_location);
  std::size_t unknown = 0;
  auto note_unknown = [&](std::size_t rows_before) {
    for (; unknown < line.unknown.size() && line.unknown[unknown].rows_before <= rows_before;
         ++unknown) {
      const internal::ScannedLine::Unknown& key = line.unknown[unknown];
      if (unknown_keys_.find(key.key) != unknown_keys_.end()) continue;
      std::string at = "/";
      internal::AppendPointerToken(at, key.key);
      NoteUnknown(key.key, At(unit.base + key.offset, std::move(at)));
    }
  };
  for (std::size_t r = 0; r < line.rows.size(); ++r) {
    note_unknown(r);
    // element_ keeps its pointer's buffer from row to row.
    Location& at = element_;
    at.source = source_;
    Place(at, unit.base + line.rows[r].offset);
    at.pointer.assign("/achievements/");
    const fmt::format_int number(r);
    at.pointer.append(number.data(), number.size());
    read_row(line.rows[r], at, at.pointer, id, id_location);
  }
  note_unknown(line.rows.size());
  return true;
}

std::optional<std::string_view> JsonReader::Scalar(od::value& value, std::string_view key,
                                                   const Location& where, bool& error) {
  od::json_type type = od::json_type::null;
  if (value.type().get(type)) return std::nullopt;  // cannot happen: the unit was checked
  switch (type) {
    case od::json_type::string: {
      const std::string_view token = value.raw_json_token();  // from its opening quote
      if (std::optional<std::string_view> plain =
              internal::PlainString(token.substr(std::min<std::size_t>(1, token.size())))) {
        return plain;
      }
      std::string_view text;
      if (value.get_string().get(text)) return std::nullopt;
      return text;
    }
    case od::json_type::number: {
      std::string_view token = NumberToken(value);
      double number = 0;
      if (value.get_double().get(number)) {
        if (!error) {
          diagnostics_.Error("bad-number",
                             fmt::format("number {} of '{}' is out of range", token, key), where);
        }
        error = true;
        return std::nullopt;
      }
      return token;
    }
    case od::json_type::null:
      return std::string_view{};
    default:
      if (!error) {
        diagnostics_.Error(
            "bad-value",
            fmt::format("'{}' must be a string or a number, got {}", key, DescribeType(type)),
            where);
      }
      error = true;
      return std::nullopt;
  }
}

void JsonReader::NoteUnknown(std::string_view key, const Location& where) {
  if (unknown_keys_.find(key) != unknown_keys_.end()) return;
  unknown_keys_.emplace(key);
  Diagnostic& d = diagnostics_.Add(Severity::kNote, "unknown-field",
                                   fmt::format("ignoring unknown field '{}'", key), where);
  std::string close = ClosestMatch(internal::LowerAscii(key), NamesOf(kFieldNames));
  if (!close.empty()) d.notes.push_back(Note{fmt::format("did you mean '{}'?", close), {}});
}

}  // namespace

RecordSet ReadJsonRecords(SourceId source, std::string_view text, const RuleSet& rules,
                          const ReadOptions& options, Diagnostics& diagnostics) {
  const std::size_t errors_before = diagnostics.error_count();
  JsonReader reader(source, text, rules, options, diagnostics);
  RecordSet out = reader.Read();
  if (out.accounting.rows_read == 0 && diagnostics.error_count() == errors_before) {
    internal::ReportNoRows(source, false, diagnostics);
  }
  return out;
}

namespace internal {

void SetJsonLineScan(bool on) { line_scan.store(on, std::memory_order_relaxed); }

RecordSet ReadJsonLines(SourceId source, std::string_view text, std::uint32_t first_line,
                        const RuleSet& rules, const ReadOptions& options, Diagnostics& diagnostics,
                        ReadScratch* scratch) {
  JsonReader reader(source, text, rules, options, diagnostics, first_line, scratch);
  return reader.ReadLines(0);
}

}  // namespace internal

}  // namespace accredit
