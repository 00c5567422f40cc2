#include "records/xlsx_records.h"

#include <fmt/format.h>

#include "accredit/csv_records.h"
#include "accredit/record_input.h"
#include "base/text.h"
#include "records/csv_rows.h"
#include "records/xlsx_reader.h"

namespace accredit::internal {

bool HasLearnerColumn(std::string_view csv, const ReadOptions& options) {
  Diagnostics scratch;
  CsvReader reader(csv, kNoSource, scratch, options.csv);
  if (!reader.ReadHeader()) return false;
  CsvColumns columns;
  columns.column_of.fill(-1);
  return MapCsvColumns(reader.header(), kNoSource, reader.header().front().line, options, columns,
                       scratch) &&
         columns.column_of[static_cast<std::size_t>(Field::kLearner)] >= 0;
}

std::string_view SplitSheet(std::string_view path, std::string& sheet) {
  const std::size_t hash = path.rfind('#');
  if (hash == std::string_view::npos || !LowerAscii(path.substr(0, hash)).ends_with(".xlsx")) {
    sheet.clear();
    return path;
  }
  sheet = std::string(path.substr(hash + 1));
  return path.substr(0, hash);
}

RecordSet ReadWorkbookRecords(const std::string& name, std::string_view bytes,
                              std::string_view sheet, const RuleSet& rules,
                              const ReadOptions& options, SourceSet& sources,
                              Diagnostics& diagnostics) {
  RecordSet out;
  std::vector<XlsxSheet> sheets =
      ReadXlsxSheets(bytes, sheet, options.max_file_bytes, sources.AddName(name), diagnostics);
  std::vector<bool> fits(sheets.size(), true);
  bool any = false;
  if (sheet.empty() && sheets.size() > 1) {
    for (std::size_t i = 0; i < sheets.size(); ++i) {
      fits[i] = HasLearnerColumn(sheets[i].csv, options);
      any = any || fits[i];
    }
    if (!any) fits.assign(sheets.size(), true);
  }
  for (std::size_t i = 0; i < sheets.size(); ++i) {
    const std::string& csv = sheets[i].csv;
    const SourceId id =
        csv.size() <= kKeepSourceTextBytes && sheets[i].xml_bytes <= kKeepSheetXmlBytes
            ? sources.AddSheet(name, sheets[i].name, std::move(sheets[i].csv))
            : sources.AddSheet(name, sheets[i].name, std::string());
    const std::string_view text = sources.Get(id).text.empty() ? csv : sources.Get(id).text;
    if (!fits[i]) {
      diagnostics.Add(
          Severity::kNote, "unknown-column",
          fmt::format("sheet '{}' has no learner column: it is not read", sheets[i].name),
          Location{id, 0, 0, {}});
      continue;
    }
    MergeRecordSets(out, ReadCsvRecords(id, text, rules, options, diagnostics));
  }
  out.accounting.learners = out.learners.size();
  return out;
}

}  // namespace accredit::internal
