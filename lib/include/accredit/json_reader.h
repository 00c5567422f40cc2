// Reading learner records from JSON.
//
// The JSON counterpart of csv_records.h: learner-profile tools and scripts hand over
// activities, projects and results as JSON. Each achievement object is reduced to the text of
// the canonical fields and, like a CSV row, resolved by ResolveAchievement (record_resolver.h)
// and grouped into learners by id. simdjson does the parsing; no simdjson type is visible here.
#pragma once

#include <string_view>

#include "accredit/diagnostic.h"
#include "accredit/read_options.h"
#include "accredit/records.h"
#include "accredit/rules.h"
#include "accredit/source.h"

namespace accredit {

// Reads JSON `text` (registered as `source`; the caller keeps it alive for the call) against
// `rules`. Three shapes are accepted, told apart by the first byte that is not a space (after
// an optional UTF-8 byte order mark):
//   `[`  an array whose elements are learners or long-form rows:
//          [{"id": "L1", "achievements": [{"type": "gcse", "subject": "mathematics",
//                                          "grade": 6}, ...]}, ...]
//          [{"learner": "L1", "kind": "activity", "hours": 12, ...}, ...]
//        an element with an `id` or `achievements` key is a learner, any other a row;
//   `{`  JSON Lines: one learner (or row) object per line; blank lines are skipped. A text
//        that is one complete object, even spread over several lines, is that one object.
// Keys of achievements and rows are the canonical field names (values.h), matched ignoring
// case (with a ReadOptions::map, its `columns:` names too). A value is a string, a number
// (written as its JSON text: `"hours": 12.5` reads "12.5") or null (not given).
//
// Rows: every achievement object (and every row object) is a row: rows_read == rows_used +
// rows_rejected. Each row's Location has the line and byte column of its `{` and its JSON
// Pointer (`/0/achievements/2`; for JSON Lines, relative to the line's object). A learner may
// appear more than once (merged) and may have no achievements (kept, with none). With a
// ReadOptions::map, its `values:`, `set:` and `dates:` apply to each row as for CSV.
//
// Diagnostics, besides those of ResolveAchievement and `duplicate-row`, `too-large` and
// `bad-check-character` as for CSV (csv_records.h):
//   bad-json       the text is not JSON, or not one of the shapes (at the fault when known;
//                  the whole document, or the one line, is then one rejected row)
//   bad-utf8       the text is not valid UTF-8 (likewise one rejected row)
//   too-deep       nesting deeper than ReadOptions::max_json_depth (likewise)
//   missing-field  a learner object without an `id` (each of its achievements rejected)
//   bad-value      a boolean, object or array where a field's value is expected; a field
//                  given twice; an achievement whose `learner` differs from its learner's id;
//                  `achievements` not an array; an element that is not an object
//   bad-number     a number too large for a double (1e400)
//   unknown-field  a note, once per distinct unknown key in a file: the key is ignored
// An empty input is one `bad-json` error and no rows.
RecordSet ReadJsonRecords(SourceId source, std::string_view text, const RuleSet& rules,
                          const ReadOptions& options, Diagnostics& diagnostics);

}  // namespace accredit
