#include "accredit/record_input.h"

#include <fmt/format.h>

#include <optional>
#include <unordered_map>

#include "accredit/csv_records.h"
#include "accredit/json_reader.h"
#include "base/text.h"
#include "base/text_encoding.h"
#include "base/untrusted_file.h"
#include "records/xlsx_reader.h"
#include "records/xlsx_records.h"

namespace accredit {

namespace {

// An input's text, or the error that kept it from being read.
struct Input {
  std::string text;
  std::optional<DiagnosticCode> code;  // none when read
  std::string message;
  bool ok() const { return !code.has_value(); }
};

Input Fail(DiagnosticCode code, std::string message) {
  Input input;
  input.code = code;
  input.message = std::move(message);
  return input;
}

Input ReadInput(const std::string& path, const ReadOptions& options) {
  using internal::ErrnoText;
  using internal::FileFault;
  if (path == "-") {
    internal::FileText in = internal::ReadStandardInput(options.max_file_bytes);
    if (in.ok()) return Input{std::move(in.text), {}, {}};
    if (in.fault == FileFault::kReadError) {
      return Fail("io-error", fmt::format("cannot read standard input: {}", ErrnoText(in.error)));
    }
    return Fail("too-large",
                fmt::format("standard input holds more than {} bytes", options.max_file_bytes));
  }
  internal::FileText in = internal::ReadUntrustedFile(path, options.max_file_bytes);
  switch (in.fault) {
    case FileFault::kNone:
      return Input{std::move(in.text), {}, {}};
    case FileFault::kCannotOpen:
    case FileFault::kReadError:
      return Fail("io-error", fmt::format("cannot read '{}': {}", path, ErrnoText(in.error)));
    case FileFault::kFolder:
      return Fail("io-error", fmt::format("'{}' is a folder, not a records file", path));
    case FileFault::kNotRegular:
      return Fail(
          "io-error",
          fmt::format("'{}' is not a regular file (a pipe, socket or device): save it first",
                      path));
    case FileFault::kTooLarge:
      return Fail("too-large", fmt::format("'{}' is {} bytes, more than the limit of {}", path,
                                           in.size, options.max_file_bytes));
    case FileFault::kGrew:
      return Fail("too-large", fmt::format("'{}' grew past the limit of {} bytes while read", path,
                                           options.max_file_bytes));
  }
  return Fail("io-error", fmt::format("cannot read '{}'", path));
}

}  // namespace

RecordFormat DetectRecordFormat(std::string_view name, std::string_view text) {
  std::string lowered = internal::LowerAscii(name);
  if (lowered.ends_with(".csv")) return RecordFormat::kCsv;
  if (lowered.ends_with(".json") || lowered.ends_with(".jsonl") || lowered.ends_with(".ndjson")) {
    return RecordFormat::kJson;
  }
  if (text.starts_with("\xef\xbb\xbf")) text.remove_prefix(3);
  std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && (text[first] == '[' || text[first] == '{')) {
    return RecordFormat::kJson;
  }
  return RecordFormat::kCsv;
}

RecordSet ReadRecordText(SourceId source, std::string_view name, std::string_view text,
                         const RuleSet& rules, const ReadOptions& options,
                         Diagnostics& diagnostics) {
  if (DetectRecordFormat(name, text) == RecordFormat::kJson) {
    return ReadJsonRecords(source, text, rules, options, diagnostics);
  }
  return ReadCsvRecords(source, text, rules, options, diagnostics);
}

void MergeRecordSets(RecordSet& into, RecordSet&& more) {
  if (into.learners.empty()) {  // the first (often only) input: nothing to merge with
    std::uint64_t learners = more.learners.size();
    Accounting accounting = into.accounting;
    accounting.Add(more.accounting);
    into = std::move(more);
    into.accounting = accounting;
    into.accounting.learners = learners;
    return;
  }
  std::unordered_map<std::string, std::size_t> index;
  index.reserve(into.learners.size() + more.learners.size());
  for (std::size_t i = 0; i < into.learners.size(); ++i) index.emplace(into.learners[i].id, i);
  for (Learner& learner : more.learners) {
    auto [it, inserted] = index.emplace(learner.id, into.learners.size());
    if (inserted) {
      into.learners.push_back(std::move(learner));
      continue;
    }
    Learner& target = into.learners[it->second];
    for (Achievement& achievement : learner.achievements) {
      for (std::size_t f = 0; f < kFieldCount; ++f) {
        TextRef& ref = achievement.text[f];
        if (ref.length > 0) ref = target.Store(learner.Text(achievement, static_cast<Field>(f)));
      }
      target.achievements.push_back(std::move(achievement));
    }
    target.rejected_rows += learner.rejected_rows;
    for (const auto& [name, value] : learner.attributes) target.SetAttribute(name, value);
  }
  into.accounting.Add(more.accounting);
  into.accounting.learners = into.learners.size();
}

RecordSet ReadRecordInputs(const std::vector<std::string>& paths, const RuleSet& rules,
                           const ReadOptions& options, SourceSet& sources,
                           Diagnostics& diagnostics) {
  std::vector<RecordInput> inputs;
  inputs.reserve(paths.size());
  for (const std::string& path : paths)
    inputs.push_back(RecordInput{InputFile::Path(path), nullptr});
  return ReadRecordInputs(inputs, rules, options, sources, diagnostics);
}

namespace {

// Reads one input, named `name` (its path, or "<stdin>"), into `out`.
void ReadOneInput(const RecordInput& each, const std::string& path, const std::string& name,
                  std::string_view sheet, const RuleSet& rules, const ReadOptions& options,
                  SourceSet& sources, RecordSet& out, Diagnostics& diagnostics) {
  Input input;
  if (!each.file.in_memory()) {
    input = ReadInput(path, options);
  } else if (each.file.text->size() > options.max_file_bytes) {
    input = Fail("too-large", fmt::format("'{}' is {} bytes, more than the limit of {}", name,
                                          each.file.text->size(), options.max_file_bytes));
  } else {
    input.text = *each.file.text;
  }
  if (!input.ok()) {
    diagnostics.Error(*input.code, input.message, Location{sources.AddName(name), 0, 0, {}});
    return;
  }
  ReadOptions own = options;
  if (each.map != nullptr) own.map = each.map;
  if (internal::IsXlsx(name, input.text)) {
    MergeRecordSets(out, internal::ReadWorkbookRecords(name, input.text, sheet, rules, own, sources,
                                                       diagnostics));
    return;
  }
  const internal::TextEncoding encoding = internal::ToUtf8(input.text);
  SourceId id = kNoSource;
  if (input.text.size() <= kKeepSourceTextBytes) {
    id = sources.Add(name, std::move(input.text));
  } else {
    id = sources.AddName(name);
  }
  sources.SetPersonal(id);
  internal::NoteEncoding(encoding, id, diagnostics);
  const std::string_view text = sources.Get(id).text.empty() ? input.text : sources.Get(id).text;
  MergeRecordSets(out, ReadRecordText(id, name, text, rules, own, diagnostics));
}

}  // namespace

RecordSet ReadRecordInputs(const std::vector<RecordInput>& inputs, const RuleSet& rules,
                           const ReadOptions& options, SourceSet& sources,
                           Diagnostics& diagnostics) {
  RecordSet out;
  std::vector<std::string> refused;
  for (const RecordInput& each : inputs) {
    std::string sheet;  // "results.xlsx#KS5": one sheet of a workbook
    const std::string path(internal::SplitSheet(each.file.name, sheet));
    const std::string name = path == "-" && !each.file.in_memory() ? "<stdin>" : path;
    const std::size_t first = diagnostics.items().size();
    ReadOneInput(each, path, name, sheet, rules, options, sources, out, diagnostics);
    // An error of this input that is not one row's (the readers mark those) is the input's
    // own: it was refused, or not all of it could be read.
    diagnostics.MarkRejected(first, Rejected::kInput);
    for (std::size_t i = first; i < diagnostics.items().size(); ++i) {
      if (diagnostics.items()[i].rejected == Rejected::kInput) {
        refused.push_back(name);
        break;
      }
    }
  }
  out.accounting.learners = out.learners.size();
  out.refused_inputs = std::move(refused);
  return out;
}

}  // namespace accredit
