#include "records/json_line_scan.h"

#include <bit>

#include "base/swar.h"

namespace accredit::internal {

namespace {

// A number of the plain form: at most this many digits, and no exponent. Any such number is
// finite as a double, so the walk would take it, as written, without a word.
constexpr std::size_t kMaxPlainDigits = 15;

// A cursor over a line that simdjson has checked: its syntax is valid JSON, so the scan only
// finds its way, and declines what is not of the plain shape.
class Scanner {
 public:
  explicit Scanner(std::string_view line) : line_(line) {}

  std::uint32_t offset() const { return static_cast<std::uint32_t>(at_); }
  char Peek() {
    SkipSpace();
    return at_ < line_.size() ? line_[at_] : '\0';
  }
  void Skip() { ++at_; }

  // At an opening quote: the string's characters; false when it holds a backslash. A block of
  // bytes at a time, which may read past the line (ScanCheckedLine's padding).
  bool String(std::string_view& out) {
    const std::size_t start = ++at_;
    for (;;) {
      const ByteBlock block(line_.data() + at_);
      const ByteBlock::Mask found = block.Equal('"') | block.Equal('\\');
      if (found == 0) {
        at_ += ByteBlock::kSize;
        if (at_ >= line_.size()) return false;
        continue;
      }
      at_ += ByteBlock::ByteAt(std::countr_zero(found));
      if (at_ >= line_.size() || line_[at_] != '"') return false;
      out = line_.substr(start, at_ - start);
      ++at_;
      return true;
    }
  }

  // At a key: the key and the colon after it.
  bool Key(std::string_view& out) {
    if (Peek() != '"' || !String(out)) return false;
    if (Peek() != ':') return false;
    Skip();
    return true;
  }

  // A row's value: a plain string, a plain number or null, its text into `out`.
  bool Scalar(std::string_view& out) {
    const char c = Peek();
    if (c == '"') return String(out);
    if (c == 'n') {  // null: checked, so the next three bytes are "ull"
      at_ += 4;
      out = {};
      return true;
    }
    if (c != '-' && (c < '0' || c > '9')) return false;  // true, false, an object or array
    const std::size_t start = at_;
    std::size_t digits = 0;
    for (; at_ < line_.size(); ++at_) {
      const char d = line_[at_];
      if (d >= '0' && d <= '9') {
        ++digits;
      } else if (d != '-' && d != '.') {
        break;
      }
    }
    if (at_ < line_.size() && (line_[at_] == 'e' || line_[at_] == 'E')) return false;
    out = line_.substr(start, at_ - start);
    return digits <= kMaxPlainDigits;
  }

  // Any value, skipped: brackets counted, strings passed over whole.
  void SkipValue() {
    int depth = 0;
    do {
      const char c = Peek();
      if (c == '"') {
        ++at_;
        while (at_ < line_.size() && line_[at_] != '"') at_ += line_[at_] == '\\' ? 2u : 1u;
        ++at_;
      } else if (c == '{' || c == '[') {
        ++depth;
        ++at_;
      } else if (c == '}' || c == ']') {
        --depth;
        ++at_;
      } else if (c == ',' || c == ':') {
        ++at_;
      } else {  // a number or literal
        while (at_ < line_.size() && line_[at_] != ',' && line_[at_] != '}' && line_[at_] != ']' &&
               line_[at_] != ' ' && line_[at_] != '\t' && line_[at_] != '\r' &&
               line_[at_] != '\n') {
          ++at_;
        }
      }
    } while (depth > 0 && at_ < line_.size());
  }

 private:
  void SkipSpace() {
    while (at_ < line_.size() &&
           (line_[at_] == ' ' || line_[at_] == '\t' || line_[at_] == '\r' || line_[at_] == '\n')) {
      ++at_;
    }
  }

  std::string_view line_;
  std::size_t at_ = 0;
};

// At a row object's opening brace: the row, its members appended to `out`.
bool ScanRow(Scanner& scan, ScannedLine& out) {
  ScannedLine::Row row;
  row.offset = scan.offset();
  row.first = static_cast<std::uint32_t>(out.members.size());
  scan.Skip();
  if (scan.Peek() == '}') {
    scan.Skip();
  } else {
    for (;;) {
      ScannedLine::Member member;
      if (!scan.Key(member.key)) return false;
      scan.Peek();
      member.offset = scan.offset();
      if (!scan.Scalar(member.text)) return false;
      out.members.push_back(member);
      const char next = scan.Peek();
      scan.Skip();
      if (next == '}') break;  // else a comma
    }
  }
  row.end = static_cast<std::uint32_t>(out.members.size());
  out.rows.push_back(row);
  return true;
}

// At the opening bracket of a learner's achievements: each row.
bool ScanAchievements(Scanner& scan, ScannedLine& out) {
  scan.Skip();
  if (scan.Peek() == ']') {
    scan.Skip();
    return true;
  }
  for (;;) {
    if (scan.Peek() != '{' || !ScanRow(scan, out)) return false;
    const char next = scan.Peek();
    scan.Skip();
    if (next == ']') return true;  // else a comma
  }
}

}  // namespace

bool ScanCheckedLine(std::string_view line, ScannedLine& out) {
  out.rows.clear();
  out.members.clear();
  out.unknown.clear();
  out.id = {};
  Scanner scan(line);
  if (scan.Peek() != '{') return false;
  out.offset = scan.offset();
  // A learner has an `id` or `achievements` (ReadElement): read the object as one first, and
  // as a row when it has neither.
  bool has_id = false;
  bool has_achievements = false;
  scan.Skip();
  if (scan.Peek() == '}') return false;  // an empty object: the walk reports it
  for (;;) {
    std::string_view key;
    if (!scan.Key(key)) return false;
    scan.Peek();
    const std::uint32_t value = scan.offset();
    if (key == "id") {
      if (has_id || scan.Peek() != '"' || !scan.String(out.id)) return false;
      has_id = true;
      out.id_offset = value;
    } else if (key == "achievements") {
      if (has_achievements || scan.Peek() != '[' || !ScanAchievements(scan, out)) return false;
      has_achievements = true;
    } else {
      out.unknown.push_back(
          ScannedLine::Unknown{key, value, static_cast<std::uint32_t>(out.rows.size())});
      scan.SkipValue();
    }
    const char next = scan.Peek();
    scan.Skip();
    if (next == '}') break;  // else a comma
  }
  out.learner = has_id || has_achievements;
  if (out.learner) return has_id;  // no id: the walk reports it
  // Neither key: the object is one row. Scan it again as one.
  out.unknown.clear();
  Scanner row(line);
  row.Peek();
  return ScanRow(row, out);
}

}  // namespace accredit::internal
