// Record inputs: the files, standard input or bytes in memory a run reads learners from.
//
// The front of the records pipeline: each input is opened safely (base/untrusted_file.h) or
// taken as the bytes given, registered in the SourceSet, read by the reader its format needs
// (csv_records.h for CSV, json_reader.h for JSON), and the learners of every input are merged by
// id, so that exam results from a CSV export and activities from a JSON profile tool make one
// learner each.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "accredit/diagnostic.h"
#include "accredit/input_file.h"
#include "accredit/read_options.h"
#include "accredit/records.h"
#include "accredit/rules.h"
#include "accredit/source.h"

namespace accredit {

enum class RecordFormat : std::uint8_t { kCsv, kJson };

// Inputs up to this size keep their text in the SourceSet, so diagnostics show source lines;
// larger ones are registered by name only (SourceSet::AddName) and their text is dropped once
// read.
inline constexpr std::uint64_t kKeepSourceTextBytes = std::uint64_t{64} << 20;

// The format of an input named `name` with contents `text`: by extension (`.csv`; `.json`,
// `.jsonl`, `.ndjson`; ignoring case), else (stdin, other names) by the first byte that is not
// a space or a byte order mark: `[` or `{` is JSON, anything else CSV.
RecordFormat DetectRecordFormat(std::string_view name, std::string_view text);

// Reads one input already in memory, registered as `source` (the caller keeps `text` alive
// for the call), in the format DetectRecordFormat() gives for `name`. Emits what the CSV or
// JSON reader emits.
RecordSet ReadRecordText(SourceId source, std::string_view name, std::string_view text,
                         const RuleSet& rules, const ReadOptions& options,
                         Diagnostics& diagnostics);

// Merges `more` into `into`: a learner already in `into` (same id) gets the achievements of
// `more` appended (their field texts copied) and its rejected_rows added; a new learner is
// appended, so the order is that of first appearance. Accounting is summed, and
// `accounting.learners` is the number of learners after the merge.
void MergeRecordSets(RecordSet& into, RecordSet&& more);

// Reads every input of `paths`, in order: a file path, or "-" for standard input (named
// `<stdin>`), and merges them (MergeRecordSets). Each input is registered in `sources` (with
// its text when at most kKeepSourceTextBytes). Per input, besides what the readers emit:
//   io-error   the path does not exist, cannot be opened or read, is a folder, or is not a
//              regular file (a FIFO, socket or device; checked after opening without blocking,
//              so a FIFO never hangs the run); nothing is read from it
//   too-large  the input is larger than ReadOptions::max_file_bytes; nothing is read from it
// Both are errors located at the input's name; the run goes on with the other inputs. Every
// error of an input that is not about one of its rows (those, the readers mark Rejected::kRow)
// is marked Rejected::kInput, and the input is then named in RecordSet::refused_inputs: it was
// refused (unreadable, no learner column, not a workbook, no rows...) or not read to its end,
// so what it says of any learner is not known.
RecordSet ReadRecordInputs(const std::vector<std::string>& paths, const RuleSet& rules,
                           const ReadOptions& options, SourceSet& sources,
                           Diagnostics& diagnostics);

// One records input with its own column mapping: a file, standard input ("-") or bytes in
// memory (InputFile::text; nothing is opened, the bytes are registered under `file.name`).
struct RecordInput {
  InputFile file;
  // map (none): this input's column mapping, in place of ReadOptions::map. Not owned; it must
  // outlive the call.
  const ColumnMap* map = nullptr;
};

// ReadRecordInputs() over inputs that may be in memory and may each have their own mapping:
// the same reading, diagnostics and merging. An input in memory larger than
// ReadOptions::max_file_bytes is refused (`too-large`) as a file would be.
RecordSet ReadRecordInputs(const std::vector<RecordInput>& inputs, const RuleSet& rules,
                           const ReadOptions& options, SourceSet& sources,
                           Diagnostics& diagnostics);

}  // namespace accredit
