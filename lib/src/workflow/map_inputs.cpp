// `accredit map`: the inputs read (files, standard input, bytes; CSV, tab-separated text in
// any encoding the readers take, workbooks sheet by sheet), a mapping proposed for each table
// (records/proposed_map.h), tables of one layout merged, and each mapping checked by reading
// its inputs with it before it is handed out.
#include <fmt/format.h>

#include "accredit/column_map.h"
#include "accredit/csv_records.h"
#include "accredit/map_proposal.h"
#include "accredit/record_input.h"
#include "base/text_encoding.h"
#include "base/untrusted_file.h"
#include "records/export_vocabulary.h"
#include "records/proposed_map.h"
#include "records/xlsx_reader.h"
#include "records/xlsx_records.h"
#include "workflow/input_files.h"

namespace accredit {

namespace {

using internal::ExportTable;

// A table read for a proposal, registered in the sources with its CSV text.
struct Table {
  ExportTable table;
  SourceId source = kNoSource;
  bool optional = false;  // one sheet of several, none named: left out when nothing in it is known
};

// What reading a table with a mapping gives.
struct ReadCount {
  Accounting accounting;
  std::vector<std::string> refusals;  // why the mapping could not read it at all
};

ReadCount ReadWith(const ColumnMap& map, const Table& table, const RuleSet& rules,
                   const SourceSet& sources) {
  ReadOptions options;
  options.map = &map;
  Diagnostics read;
  const RecordSet records =
      ReadCsvRecords(table.source, sources.Get(table.source).text, rules, options, read);
  ReadCount out;
  out.accounting = records.accounting;
  out.accounting.learners = records.learners.size();
  for (const Diagnostic& d : read.items()) {
    if (d.code == "missing-column" || d.code == "duplicate-column")
      out.refusals.push_back(d.message);
  }
  return out;
}

// A proposed mapping as LoadColumnMap reads it; nullopt (and `error`) when it does not load.
std::optional<ColumnMap> LoadProposed(const std::string& yaml, SourceSet& sources,
                                      std::string& error) {
  Diagnostics diagnostics;
  const SourceId id = sources.Add("<proposed mapping>", yaml);
  std::optional<ColumnMap> map = LoadColumnMap(id, sources.Get(id).text, diagnostics);
  for (const Diagnostic& d : diagnostics.items()) {
    if (d.severity == Severity::kError && error.empty()) error = d.message;
  }
  if (diagnostics.has_errors()) map.reset();
  return map;
}

// Reads the header and up to `max_rows` data rows of CSV `source`. Errors that make the table
// unreadable (a bad encoding, a broken header) go to `diagnostics`; a data row's fault is only
// counted, since its line would show a learner's details. False when there is no usable header.
bool ReadTable(SourceId source, const SourceSet& sources, const MapOptions& options,
               ExportTable& out, Diagnostics& diagnostics) {
  const std::string_view text = sources.Get(source).text;
  CsvOptions csv;
  csv.delimiter = DetectCsvDelimiter(text);
  Diagnostics scratch;
  CsvReader reader(text, source, scratch, csv);
  const bool header = reader.ReadHeader();
  if (!header) {
    for (const Diagnostic& d : scratch.items()) diagnostics.Add(d);
    if (!scratch.has_errors()) {
      diagnostics.Error(
          "missing-column",
          fmt::format("'{}' is empty: it has no header row to read", sources.Get(source).name),
          Location{source, 0, 0, {}});
    }
    return false;
  }
  for (const CsvField& field : reader.header()) out.header.emplace_back(field.text);
  CsvRow row;
  while (reader.Next(row)) {
    if (!row.ok) {
      ++out.bad_rows;
      continue;
    }
    if (out.rows.size() >= options.max_rows) {
      out.truncated = true;
      break;
    }
    std::vector<std::string> cells(out.header.size());
    for (std::size_t i = 0; i < row.fields.size() && i < cells.size(); ++i) {
      cells[i] = std::string(row.fields[i].text);
    }
    out.rows.push_back(std::move(cells));
    out.lines.push_back(row.line);
  }
  return true;
}

// What reading the tables of a mapping with it gives: the check before it is handed out.
void CheckMapping(ProposedMapping& mapping, const std::vector<const Table*>& tables,
                  const RuleSet& rules, SourceSet& sources, std::vector<MapProblem>& problems) {
  std::string error;
  std::optional<ColumnMap> map = LoadProposed(mapping.yaml, sources, error);
  if (!map) {
    problems.push_back({mapping.inputs.front(),
                        fmt::format("the proposed mapping does not load ({}): this is a bug in "
                                    "accredit map; please report it",
                                    error)});
    return;
  }
  for (const Table* table : tables) {
    const ReadCount count = ReadWith(*map, *table, rules, sources);
    mapping.rows_read += count.accounting.rows_read;
    mapping.rows_rejected += count.accounting.rows_rejected;
    mapping.learners += count.accounting.learners;
    for (const std::string& refusal : count.refusals) {
      problems.push_back(
          {table->table.name, fmt::format("the proposed mapping does not read it ({}): check the "
                                          "columns in the mapping",
                                          refusal)});
    }
  }
}

// Whether a shipped mapping that reads every column of `table` is the one to use: unless the
// mapping proposed rejects fewer of its rows (a date format, a spelling the shipped one lacks).
bool UseShipped(const internal::TableProposal& proposal, const Table& table, const RuleSet& rules,
                SourceSet& sources, MapProposal& out) {
  const ColumnMap& shipped = *proposal.shipped;
  const ReadCount with_shipped = ReadWith(shipped, table, rules, sources);
  std::string error;
  std::optional<ColumnMap> own =
      LoadProposed(internal::RenderProposedMap(*proposal.map), sources, error);
  if (own && with_shipped.accounting.rows_rejected > 0) {
    const ReadCount with_own = ReadWith(*own, table, rules, sources);
    if (with_own.refusals.empty() &&
        with_own.accounting.rows_rejected < with_shipped.accounting.rows_rejected) {
      out.notes.push_back(fmt::format(
          "{}: the shipped mapping '{}' fits its header but rejects {} of its {} rows, and the "
          "mapping proposed {}: a new mapping is proposed",
          table.table.name, shipped.name, with_shipped.accounting.rows_rejected,
          with_shipped.accounting.rows_read, with_own.accounting.rows_rejected));
      return false;
    }
  }
  out.notes.push_back(fmt::format(
      "{}: read by the shipped mapping '{}': no new mapping is needed; accredit validate and "
      "report choose it by themselves",
      table.table.name, shipped.name));
  if (with_shipped.accounting.rows_rejected > 0) {
    const std::uint64_t rejected = with_shipped.accounting.rows_rejected;
    out.problems.push_back(
        {table.table.name,
         fmt::format("{} of its {} rows {} rejected when read with it: accredit validate says "
                     "which and why",
                     rejected, with_shipped.accounting.rows_read, rejected == 1 ? "is" : "are")});
  }
  return true;
}

}  // namespace

MapProposal ProposeColumnMaps(const std::vector<InputFile>& inputs, const RuleSet& rules,
                              SourceSet& sources, Diagnostics& diagnostics,
                              const MapOptions& options) {
  MapProposal out;
  SourceSet shipped_sources;
  const std::vector<ColumnMap> shipped = LoadShippedColumnMaps(shipped_sources);
  const internal::ExportVocabulary vocabulary(rules, shipped);

  std::vector<Table> tables;
  for (const InputFile& input : inputs) {
    std::string sheet;
    const std::string path(internal::SplitSheet(input.name, sheet));
    const std::string name = path == "-" && !input.in_memory() ? "<stdin>" : path;
    std::optional<SourceId> id;
    if (path == "-" && !input.in_memory()) {
      internal::FileText in = internal::ReadStandardInput(options.max_file_bytes);
      if (in.ok()) {
        id = sources.Add(name, std::move(in.text));
      } else {
        const Location at{sources.AddName(name), 0, 0, {}};
        if (in.fault == internal::FileFault::kReadError) {
          diagnostics.Error("io-error", "cannot read standard input", at);
        } else {
          diagnostics.Error(
              "too-large",
              fmt::format("standard input holds more than {} bytes", options.max_file_bytes), at);
        }
      }
    } else {
      InputFile file = input;
      file.name = name;
      id = internal::ReadInputFile(file, "records file", options.max_file_bytes, sources,
                                   diagnostics);
    }
    if (!id) {
      ++out.unreadable;
      continue;
    }
    sources.SetPersonal(*id);  // an export's rows may hold names
    const std::string_view bytes = sources.Get(*id).text;
    if (internal::IsXlsx(name, bytes)) {
      const std::size_t errors = diagnostics.error_count();
      std::vector<internal::XlsxSheet> sheets =
          internal::ReadXlsxSheets(bytes, sheet, options.max_file_bytes, *id, diagnostics);
      if (diagnostics.error_count() > errors) ++out.unreadable;
      for (internal::XlsxSheet& each : sheets) {
        Table table;
        table.optional = sheet.empty() && sheets.size() > 1;
        table.table.name = fmt::format("{}[{}]", name, each.name);
        table.table.sheet = each.name;
        table.source = sources.AddSheet(name, each.name, std::move(each.csv));
        if (sources.Get(table.source).text.find_first_not_of(",\r\n") == std::string::npos) {
          out.notes.push_back(
              fmt::format("{}: the sheet is empty: nothing to read", table.table.name));
          continue;
        }
        tables.push_back(std::move(table));
      }
      continue;
    }
    if (DetectRecordFormat(name, bytes) == RecordFormat::kJson) {
      out.notes.push_back(fmt::format(
          "{}: JSON is read by its keys, which are accredit's own field names: no mapping is "
          "proposed for it",
          name));
      continue;
    }
    std::string text(bytes);
    const internal::TextEncoding encoding = internal::ToUtf8(text);
    Table table;
    table.table.name = name;
    table.source = encoding == internal::TextEncoding::kUtf8 ? *id : sources.Add(name, text);
    sources.SetPersonal(table.source);
    internal::NoteEncoding(encoding, table.source, diagnostics);
    tables.push_back(std::move(table));
  }

  std::vector<internal::ProposedMap> maps;
  std::vector<std::vector<const Table*>> map_tables;
  for (Table& table : tables) {
    if (!ReadTable(table.source, sources, options, table.table, diagnostics)) {
      ++out.unreadable;
      continue;
    }
    internal::TableProposal proposal = internal::ProposeForTable(table.table, vocabulary, shipped);
    if (table.table.truncated) {
      out.notes.push_back(fmt::format("{}: only its first {} rows were looked at", table.table.name,
                                      options.max_rows));
    }
    if (proposal.canonical) {
      for (const std::string& note : proposal.notes) {
        out.notes.push_back(fmt::format("{}: {}", table.table.name, note));
      }
      for (std::string& problem : proposal.problems) {
        out.problems.push_back({table.table.name, std::move(problem)});
      }
      continue;
    }
    if (table.optional && !proposal.recognised) {
      out.notes.push_back(
          fmt::format("{}: nothing in it is results or activities (no learner "
                      "column, no grades): it is not read, as accredit "
                      "validate leaves it",
                      table.table.name));
      continue;
    }
    if (proposal.map && proposal.shipped != nullptr && proposal.unplaced.empty() &&
        UseShipped(proposal, table, rules, sources, out)) {
      continue;
    }
    if (proposal.shipped != nullptr && !proposal.unplaced.empty()) {
      out.notes.push_back(fmt::format(
          "{}: the shipped mapping '{}' fits its header but does not "
          "read column{} {}: a new mapping is proposed",
          table.table.name, proposal.shipped->name, proposal.unplaced.size() == 1 ? "" : "s",
          fmt::join(proposal.unplaced, ", ")));
    }
    for (const std::string& note : proposal.notes) {
      out.notes.push_back(fmt::format("{}: {}", table.table.name, note));
    }
    for (std::string& problem : proposal.problems) {
      out.problems.push_back({table.table.name, std::move(problem)});
    }
    if (!proposal.map) {
      ++out.unmapped;
      continue;
    }
    bool merged = false;
    for (std::size_t k = 0; k < maps.size() && !merged; ++k) {
      merged = internal::MergeProposedMaps(maps[k], *proposal.map);
      if (merged) map_tables[k].push_back(&table);
    }
    if (!merged) {
      maps.push_back(std::move(*proposal.map));
      map_tables.push_back({&table});
    }
  }
  for (std::size_t k = 0; k < maps.size(); ++k) {
    ProposedMapping mapping;
    mapping.yaml = internal::RenderProposedMap(maps[k]);
    mapping.inputs = maps[k].inputs;
    mapping.wide = maps[k].wide;
    CheckMapping(mapping, map_tables[k], rules, sources, out.problems);
    out.mappings.push_back(std::move(mapping));
  }
  return out;
}

}  // namespace accredit
