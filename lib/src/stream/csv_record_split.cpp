#include "stream/csv_record_split.h"

#include "base/swar.h"
#include "base/text.h"

namespace accredit::internal {

bool NeedsWholeRead(const Diagnostic& d) {
  return d.code == "bad-quote" || d.code == "line-too-long" || d.code == "bad-encoding" ||
         d.code == "bad-utf8";
}

std::uint32_t CountLines(std::string_view text) {
  // A block at a time (std::count went a byte at a time): every chunk of a streamed input is
  // counted, on the thread that cuts the chunks, to know its first line.
  return static_cast<std::uint32_t>(CountByte(text, '\n'));
}

std::size_t CsvRecordEnd(std::string_view text, std::size_t start) {
  std::size_t i = start;
  const std::size_t n = text.size();
  bool field_start = true;
  while (i < n) {
    char c = text[i];
    if (field_start && c == '"') {
      // A quoted field: to its closing quote (a doubled quote does not close it).
      std::size_t j = i + 1;
      for (;;) {
        std::size_t quote = text.find('"', j);
        if (quote == std::string_view::npos) return std::string_view::npos;
        if (quote + 1 < n && text[quote + 1] == '"') {
          j = quote + 2;
          continue;
        }
        if (quote + 1 >= n) return std::string_view::npos;
        i = quote + 1;
        break;
      }
      field_start = false;
      continue;
    }
    if (c == '\n') return i + 1;
    field_start = c == ',';
    ++i;
  }
  return std::string_view::npos;
}

std::size_t LastCsvRecordEnd(std::string_view text, std::size_t limit, std::size_t& last_start) {
  last_start = 0;
  std::string_view head = text.substr(0, limit);
  if (head.find('"') == std::string_view::npos) {
    // No quotes: every line break ends a record.
    std::size_t newline = head.rfind('\n');
    if (newline == std::string_view::npos) return 0;
    std::size_t previous = newline == 0 ? std::string_view::npos : head.rfind('\n', newline - 1);
    last_start = previous == std::string_view::npos ? 0 : previous + 1;
    return newline + 1;
  }
  std::size_t end = 0;
  std::size_t start = 0;
  while (start < limit) {
    std::size_t next = CsvRecordEnd(text, start);
    if (next == std::string_view::npos || next > limit) break;
    last_start = start;
    end = next;
    start = next;
  }
  return end;
}

std::string LearnerOf(CsvReader& reader, std::string_view record, std::size_t learner_column) {
  reader.Restart(record, 1);
  CsvRow row;
  if (!reader.Next(row) || learner_column >= row.fields.size()) return {};
  return std::string(TrimSpace(row.fields[learner_column].text));
}

std::string_view UnquotedLearnerOf(std::string_view record, std::size_t learner_column) {
  std::string_view fields = record;
  if (fields.ends_with('\n')) {
    fields.remove_suffix(1);
    if (fields.ends_with('\r')) fields.remove_suffix(1);
  }
  for (std::size_t c = 0;; ++c) {
    std::size_t comma = fields.find(',');
    if (c == learner_column) return TrimSpace(fields.substr(0, comma));
    if (comma == std::string_view::npos) return {};
    fields.remove_prefix(comma + 1);
  }
}

std::string_view RecordLearnerOf(std::string_view record, std::size_t learner_column,
                                 CsvReader& reader, std::string& copy) {
  if (record.find('"') == std::string_view::npos) return UnquotedLearnerOf(record, learner_column);
  copy = LearnerOf(reader, record, learner_column);
  return copy;
}

}  // namespace accredit::internal
