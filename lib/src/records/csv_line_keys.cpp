#include "records/csv_line_keys.h"

#include <atomic>
#include <cstring>
#include <string_view>

#include "base/text.h"
#include "base/text_hash.h"

namespace accredit::internal {

namespace {

std::atomic<bool> line_keys{true};

// Where the fields of a plain line were read, worked out when asked for: the line split at
// its delimiters, as ParsePlainRecord() splits it.
class LinePlaces final : public FieldPlaces {
 public:
  LinePlaces(std::string_view line, std::uint32_t line_number, char delimiter,
             const CsvColumns& header, SourceId source, FieldLocations& where)
      : line_(line),
        line_number_(line_number),
        delimiter_(delimiter),
        header_(header),
        source_(source),
        where_(where) {}

  const FieldLocations* Get() override {
    if (placed_) return &where_;
    placed_ = true;
    for (Location& at : where_) at.source = kNoSource;
    std::size_t start = 0;
    for (std::size_t column = 0;; ++column) {
      for (std::size_t f = 0; f < kFieldCount; ++f) {
        if (header_.column_of[f] != static_cast<int>(column)) continue;
        where_[f].source = source_;
        where_[f].line = line_number_;
        where_[f].column = static_cast<std::uint32_t>(start + 1);
        where_[f].pointer.clear();
      }
      const std::size_t next = line_.find(delimiter_, start);
      if (next == std::string_view::npos) break;
      start = next + 1;
    }
    return &where_;
  }

 private:
  std::string_view line_;
  std::uint32_t line_number_;
  char delimiter_;
  const CsvColumns& header_;
  SourceId source_;
  FieldLocations& where_;
  bool placed_ = false;
};

}  // namespace

void SetCsvLineKeys(bool on) { line_keys.store(on, std::memory_order_relaxed); }

CsvLineKeys::CsvLineKeys(const CsvReader& csv, const CsvColumns& header, SourceId source,
                         Grouping& grouping)
    : header_(header), source_(source), grouping_(grouping) {
  columns_ = csv.header().size();
  delimiter_ = csv.options().delimiter;
  max_field_bytes_ = csv.options().max_field_bytes;
  const int learner = header.column_of[static_cast<std::size_t>(Field::kLearner)];
  const int date = header.column_of[static_cast<std::size_t>(Field::kDate)];
  date_last_ = date >= 0;
  usable_ = line_keys.load(std::memory_order_relaxed) && header.map == nullptr &&
            header.attribute_columns.empty() && header.grade_columns.empty() && learner == 0 &&
            columns_ >= 3 && (date < 0 || static_cast<std::size_t>(date) == columns_ - 1);
  if (usable_) grouping.memo().BindLayout(header.layout, delimiter_);
}

bool CsvLineKeys::ReadKnownLine(CsvReader& csv) {
  std::string_view line;
  std::uint32_t line_number = 0;
  if (!csv.PeekPlainLine(line, line_number)) return false;
  const std::size_t first = line.find(delimiter_);
  const std::size_t last = date_last_ ? line.rfind(delimiter_) : line.size();
  if (first == std::string_view::npos || last <= first) return false;
  const std::string_view id = TrimSpace(line.substr(0, first));
  const std::string_view date = date_last_ ? line.substr(last + 1) : std::string_view();
  // A field too long, or a row without its learner, is left to be reported in full.
  if (id.empty() || first > max_field_bytes_ || date.size() > max_field_bytes_) return false;
  const std::string_view key = line.substr(first + 1, last - first - 1);
  const RowMemo::Resolved* known = grouping_.memo().FindKey(key, HashText(key));
  if (known == nullptr) return false;
  grouping_.memo().KeyedValues(*known, values_);
  values_[static_cast<std::size_t>(Field::kLearner)] = id;
  values_[static_cast<std::size_t>(Field::kDate)] = TrimSpace(date);
  LinePlaces places(line, line_number, delimiter_, header_, source_, where_);
  grouping_.AddRow(values_, Location{source_, line_number, 0, {}}, places, known);
  csv.SkipPeeked();
  return true;
}

void CsvLineKeys::Learn(const CsvReader& csv, const CsvRow& row) {
  const RowMemo::Resolved* resolved = grouping_.last_resolved();
  if (resolved == nullptr || !csv.last_plain() || row.fields.size() != columns_) return;
  // The key: from the second field to the delimiter before the last (with a date), or to the
  // end of the line.
  const char* begin = row.fields[1].text.data();
  const CsvField& final_field = row.fields.back();
  const char* end =
      date_last_ ? final_field.text.data() - 1 : final_field.text.data() + final_field.text.size();
  const std::string_view key(begin, static_cast<std::size_t>(end - begin));
  grouping_.memo().AddKey(key, HashText(key), *resolved);
}

}  // namespace accredit::internal
