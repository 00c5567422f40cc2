// A byte-level pre-scan of JSON text, run before simdjson sees it.
//
// simdjson reports most syntax errors without a position, and it checks nesting only as it
// goes. This scan is one linear pass that finds, with an exact offset, the faults simdjson is
// worst at placing: invalid UTF-8, a string never closed, brackets that do not match or nest
// too deep, and text after the end of the value. Everything else (commas, colons, literals,
// numbers, escapes) is left to simdjson. LineIndex turns byte offsets into lines and columns.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accredit/diagnostic_codes.h"
#include "base/utf8.h"

namespace accredit::internal {

struct JsonScanFault {
  std::optional<DiagnosticCode> code;  // bad-utf8, bad-json or too-deep; none when it passed
  std::string message;                 // lower case, no trailing period
  std::size_t offset = 0;
  bool ok() const { return !code.has_value(); }
};

// Scans one JSON value (a document, or one line of JSON Lines) for the faults above.
JsonScanFault ScanJson(std::string_view text, std::uint32_t max_depth);

// Whether ScanJson() passes `text`; cheaper when it does not, as the scan stops at the first
// fault in the structure before it checks the encoding.
bool ScanJsonPasses(std::string_view text, std::uint32_t max_depth);

// 1-based line and byte column of offsets in a text.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);
  std::uint32_t Line(std::size_t offset) const;
  std::uint32_t Column(std::size_t offset) const;

 private:
  std::vector<std::size_t> starts_;  // offset of the first byte of each line
};

// `key` escaped as one JSON Pointer (RFC 6901) reference token: ~ as ~0, / as ~1.
std::string PointerToken(std::string_view key);

// Appends PointerToken(key) to `out`.
void AppendPointerToken(std::string& out, std::string_view key);

}  // namespace accredit::internal
