// For fuzz targets that read one input two ways and abort unless both read the same:
// everything read, as text.
#pragma once

#include <string>

#include "accredit/diagnostic.h"
#include "accredit/records.h"
#include "accredit/source.h"

namespace accredit::fuzz {

// Learners, achievements with their texts, dates and locations, and diagnostics rendered with
// their pointers, and the accounting.
inline std::string RecordsSummary(const RecordSet& records, const Diagnostics& diagnostics,
                                  const SourceSet& sources) {
  std::string out;
  auto where = [](const Location& at) {
    return std::to_string(at.line) + ":" + std::to_string(at.column) + at.pointer + "\n";
  };
  for (const Learner& learner : records.learners) {
    out += learner.id + " " + std::to_string(learner.rejected_rows) + where(learner.location);
    for (const Achievement& a : learner.achievements) {
      out += (a.date ? "dated " : "") + where(a.location);
      for (std::size_t f = 0; f < kFieldCount; ++f) {
        out += std::string(learner.Text(a, static_cast<Field>(f))) + "|";
      }
    }
  }
  for (const Diagnostic& d : diagnostics.items()) out += Render(d, sources) + d.location.pointer;
  const Accounting& a = records.accounting;
  out += std::to_string(a.rows_read) + " " + std::to_string(a.rows_used) + " " +
         std::to_string(a.rows_rejected);
  return out;
}

}  // namespace accredit::fuzz
