#include "accredit/diagnostic.h"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

#include "accredit/json_writer.h"

namespace accredit {

Diagnostic& Diagnostics::Add(Severity severity, DiagnosticCode code, std::string message,
                             Location location) {
  Diagnostic diagnostic;
  diagnostic.severity = severity;
  diagnostic.code = std::string(code.name());
  diagnostic.message = std::move(message);
  diagnostic.location = std::move(location);
  return Add(std::move(diagnostic));
}

Diagnostic& Diagnostics::Add(Diagnostic diagnostic) {
  if (diagnostic.severity == Severity::kError) ++errors_;
  if (diagnostic.severity == Severity::kWarning) ++warnings_;
  items_.push_back(std::move(diagnostic));
  return items_.back();
}

void Diagnostics::Append(const Diagnostics& other) {
  for (const Diagnostic& d : other.items_) Add(d);
}

void Diagnostics::SortByLocation() {
  std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.location.source, a.location.line, a.location.column) <
           std::tie(b.location.source, b.location.line, b.location.column);
  });
}

std::size_t Diagnostics::MarkRejected(std::size_t first, Rejected what, std::string_view learner) {
  std::size_t marked = 0;
  for (std::size_t i = first; i < items_.size(); ++i) {
    Diagnostic& d = items_[i];
    if (d.severity != Severity::kError || d.rejected != Rejected::kNothing) continue;
    d.rejected = what;
    d.learner = what == Rejected::kRow ? std::string(learner) : std::string();
    ++marked;
  }
  return marked;
}

std::string ColumnLetters(std::size_t index) {
  std::string letters;
  // Bijective base 26: A..Z, then AA..ZZ, AAA...
  for (std::size_t n = index + 1; n > 0; n = (n - 1) / 26) {
    letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
  }
  return letters;
}

std::size_t FieldIndexAt(std::string_view line, std::uint32_t column, char delimiter) {
  std::size_t index = 0;
  bool quoted = false;
  const std::size_t end = std::min<std::size_t>(column > 0 ? column - 1 : 0, line.size());
  for (std::size_t i = 0; i < end; ++i) {
    // A doubled quote inside a quoted field toggles twice: the field stays quoted.
    if (line[i] == '"') {
      quoted = !quoted;
    } else if (line[i] == delimiter && !quoted) {
      ++index;
    }
  }
  return index;
}

std::string FormatCell(const Location& location, const SourceSet& sources) {
  if (location.source == kNoSource || location.source >= sources.size()) return "";
  if (sources.Get(location.source).sheet.empty() || location.line == 0 || location.column == 0) {
    return "";
  }
  // The sheet's rows were written one a line, every cell from column A on, so the field index
  // on the line is the spreadsheet column.
  std::string_view line = sources.Line(location.source, location.line);
  if (line.empty()) return "";
  return fmt::format("{}{}", ColumnLetters(FieldIndexAt(line, location.column)), location.line);
}

std::string FormatLocation(const Location& location, const SourceSet& sources) {
  if (location.source == kNoSource || location.source >= sources.size()) return "accredit";
  const Source& source = sources.Get(location.source);
  const std::string& name = source.name;
  if (!source.sheet.empty() && location.line != 0) {
    std::string cell = FormatCell(location, sources);
    if (cell.empty()) return fmt::format("{} row {}", name, location.line);
    return fmt::format("{}!{}", name, cell);
  }
  if (location.line == 0) {
    if (!location.pointer.empty()) return fmt::format("{}:{}", name, location.pointer);
    return name;
  }
  if (location.column == 0) return fmt::format("{}:{}", name, location.line);
  return fmt::format("{}:{}:{}", name, location.line, location.column);
}

namespace {

// The most bytes of a source line shown under a diagnostic.
constexpr std::size_t kMaxShownLine = 200;

constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kRed = "\x1b[1;31m";
constexpr std::string_view kMagenta = "\x1b[1;35m";
constexpr std::string_view kCyan = "\x1b[1;36m";
constexpr std::string_view kGreen = "\x1b[1;32m";
constexpr std::string_view kReset = "\x1b[0m";

std::string_view SeverityColor(Severity severity) {
  switch (severity) {
    case Severity::kError:
      return kRed;
    case Severity::kWarning:
      return kMagenta;
    case Severity::kNote:
      return kCyan;
  }
  return kRed;
}

// User text reaches the terminal in messages and source lines: control characters (an escape
// sequence, a NUL that would end a C string, a line break that would forge a diagnostic line)
// are shown as '?', one byte for one so that carets still line up.
std::string Printable(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == '\x7f') c = '?';
  }
  return out;
}

// Renders the source line and a caret under `column`. Tabs are kept in the caret's padding
// so the caret lines up in a terminal.
void AppendSourceLine(std::string& out, const Location& location, const SourceSet& sources,
                      const RenderOptions& options) {
  if (!options.source_lines || location.line == 0) return;
  if (location.source == kNoSource || location.source >= sources.size()) return;
  if (sources.Get(location.source).personal && !options.personal_lines) return;
  std::string_view line = sources.Line(location.source, location.line);
  if (line.empty()) return;
  // A hostile line may be megabytes long: show a window of it around the column, cut at
  // UTF-8 character boundaries and marked with "...".
  std::size_t column = location.column;
  std::string_view prefix;
  std::string_view suffix;
  if (line.size() > kMaxShownLine) {
    std::size_t start = column > kMaxShownLine / 2 ? column - kMaxShownLine / 2 : 0;
    start = std::min(start, line.size());
    while (start < line.size() && (static_cast<unsigned char>(line[start]) & 0xc0) == 0x80) {
      ++start;
    }
    std::size_t end = std::min(line.size(), start + kMaxShownLine);
    while (end > start && end < line.size() &&
           (static_cast<unsigned char>(line[end]) & 0xc0) == 0x80) {
      --end;
    }
    if (start > 0) prefix = "...";
    if (end < line.size()) suffix = "...";
    line = line.substr(start, end - start);
    column = column > start ? column - start + prefix.size() : 0;
  }
  std::string gutter = fmt::format("{:>5}", location.line);
  out += fmt::format("{} | {}{}{}\n", gutter, prefix, Printable(line), suffix);
  if (column == 0) return;
  std::string pad(prefix.size(), ' ');
  for (std::size_t i = 1 + prefix.size(); i < column && i - 1 - prefix.size() < line.size(); ++i) {
    pad += line[i - 1 - prefix.size()] == '\t' ? '\t' : ' ';
  }
  out += fmt::format("{} | {}{}^{}\n", std::string(gutter.size(), ' '), pad,
                     options.color ? kGreen : "", options.color ? kReset : "");
}

}  // namespace

std::string Render(const Diagnostic& diagnostic, const SourceSet& sources,
                   const RenderOptions& options) {
  std::string out;
  std::string where = FormatLocation(diagnostic.location, sources);
  if (options.color) {
    out += fmt::format("{}{}:{} {}{}:{} {} [{}]\n", kBold, where, kReset,
                       SeverityColor(diagnostic.severity), SeverityName(diagnostic.severity),
                       kReset, Printable(diagnostic.message), diagnostic.code);
  } else {
    out += fmt::format("{}: {}: {} [{}]\n", where, SeverityName(diagnostic.severity),
                       Printable(diagnostic.message), diagnostic.code);
  }
  AppendSourceLine(out, diagnostic.location, sources, options);
  for (const Note& note : diagnostic.notes) {
    std::string prefix;
    if (note.location.source != kNoSource) prefix = FormatLocation(note.location, sources) + ": ";
    out += fmt::format("{}{}note:{} {}\n", prefix, options.color ? kCyan : "",
                       options.color ? kReset : "", Printable(note.message));
  }
  return out;
}

namespace {

// Optimal string alignment distance, bounded: returns max + 1 as soon as it is exceeded.
std::size_t EditDistance(std::string_view a, std::string_view b, std::size_t max) {
  if (a.size() > b.size() + max || b.size() > a.size() + max) return max + 1;
  std::vector<std::size_t> prev2(b.size() + 1), prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    std::size_t row_min = cur[0];
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
      }
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > max) return max + 1;
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

std::string ClosestMatch(std::string_view word, const std::vector<std::string>& candidates,
                         std::size_t max_edits) {
  std::string lowered(word);
  for (char& c : lowered) c = Lower(c);
  // Short words ("A", "U") are a letter away from everything: suggest only case fixes.
  std::size_t max = std::min(word.size() / 3, max_edits);
  std::size_t best = max + 1;
  std::string result;
  for (const std::string& candidate : candidates) {
    std::string lc = candidate;
    for (char& c : lc) c = Lower(c);
    if (lc == lowered) {
      if (candidate != word) return candidate;  // differs only in case
      continue;
    }
    if (max == 0) continue;
    std::size_t d = EditDistance(lowered, lc, max);
    if (d < best) {
      best = d;
      result = candidate;
    }
  }
  return result;
}

void WriteDiagnosticJson(JsonWriter& json, const Diagnostic& diagnostic, const SourceSet& sources,
                         std::string_view text) {
  json.BeginObject();
  json.Key("severity").String(SeverityName(diagnostic.severity));
  json.Key("code").String(diagnostic.code);
  json.Key("message").String(diagnostic.message);
  if (diagnostic.location.source != kNoSource) {
    json.Key("file").String(sources.Get(diagnostic.location.source).name);
    json.Key("line").Int(diagnostic.location.line);
    json.Key("column").Int(diagnostic.location.column);
  }
  json.Key("notes").BeginArray();
  for (const Note& note : diagnostic.notes) json.String(note.message);
  json.EndArray();
  if (!text.empty()) json.Key("text").String(text);
  json.EndObject();
}

}  // namespace accredit
