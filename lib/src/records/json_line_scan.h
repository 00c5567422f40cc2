// The plain line of JSON Lines, read in one pass.
//
// A line of JSON Lines is checked by simdjson first (JsonReader::PassesQuickCheck). Nearly
// every line is then of one plain shape: a learner object of an `id` string and an
// `achievements` array of flat row objects, or one flat row object, with strings that hold no
// escape and numbers written plainly. ScanCheckedLine() reads such a line into a list of
// its rows' members, each with its text as a view of the line and its offset, so that the
// reader needs neither a second parse by simdjson's On Demand API nor a call per value to
// find where each value is. Walking the line with On Demand was about a quarter of the time of
// `validate` on the 1M-learner JSON Lines (perf).
//
// It declines (returns false) any line not of that shape, before the reader has done anything
// with it; the reader then walks the line with On Demand, which reads every shape and reports
// every fault. So the scan needs to know only the plain shape, and what it reads must be read
// exactly as the walk reads it (tests/json_reader_test.cpp compares the two).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace accredit::internal {

struct ScannedLine {
  // One member of a row object: its key, and its value's text (a string's characters between
  // its quotes, a number as written, empty for null) and offset in the line.
  struct Member {
    std::string_view key;
    std::string_view text;
    std::uint32_t offset = 0;
  };
  // A row object: its offset in the line (its opening brace) and its members, in order.
  struct Row {
    std::uint32_t offset = 0;
    std::uint32_t first = 0;  // index of its first member in `members`
    std::uint32_t end = 0;    // one past its last
  };
  // A key of a learner object other than `id` and `achievements`, to note as unknown.
  struct Unknown {
    std::string_view key;
    std::uint32_t offset = 0;       // of its value
    std::uint32_t rows_before = 0;  // how many rows come before it in the line
  };

  bool learner = false;      // a learner object; else the line is one row, rows[0]
  std::uint32_t offset = 0;  // of the line's object
  std::string_view id;       // a learner's id, untrimmed
  std::uint32_t id_offset = 0;
  std::vector<Row> rows;
  std::vector<Member> members;
  std::vector<Unknown> unknown;
};

// Reads `line`, one line of JSON Lines that simdjson has found to be one valid JSON object,
// followed by at least kLinePadding readable bytes (the padded copy simdjson read), into `out`
// when it is of the plain shape above: a learner object with exactly one `id`, a
// string, and at most one `achievements`, an array of objects; or an object with neither key,
// one row. A row's values are strings, numbers of at most 15 digits without an exponent, or
// null; keys and strings hold no backslash. Returns false otherwise, `out` then undefined.
// (The bound on numbers is a guard: simdjson's check already refuses a number out of a
// double's range, which the walk reports, but the scan does not rely on it.)
bool ScanCheckedLine(std::string_view line, ScannedLine& out);
inline constexpr std::size_t kLinePadding = 16;

}  // namespace accredit::internal
