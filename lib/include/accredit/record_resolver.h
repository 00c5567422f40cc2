// Resolving one raw achievement against the rules.
//
// Readers (CSV, JSON) reduce an input row to the text of each canonical field; this is the
// step that checks those texts against the loaded RuleSet and turns them into an Achievement
// (records.h): the type, subject and grade become indexes and ranks, the level, hours, date,
// kind and status are parsed, and defaults are filled in. It is shared by every reader, so a
// value means the same whichever format it came in.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <unordered_map>

#include "accredit/diagnostic.h"
#include "accredit/records.h"
#include "accredit/rules.h"
#include "accredit/source.h"
#include "accredit/values.h"

namespace accredit {

// Where each field of a row was read (CSV: its line and column; JSON: its pointer). A field
// whose location has source kNoSource is located at the row.
using FieldLocations = std::array<Location, kFieldCount>;

// The most hours one row may give (100,000): with at most ReadOptions::max_learner_rows rows
// per learner, every sum of hours stays exact in a double.
inline constexpr double kMaxHours = 100'000;

// What a reader remembers of the subjects outside the rules' vocabulary that it met in one
// input (or one chunk of it), so that each distinct name (by NameKey, rules.h) is judged once
// rather than on every row, and warned of once.
struct UnlistedSubjects {
  struct Verdict {
    std::string close_to;  // the id it misspells (`unknown-subject`), or "": its own subject
    bool warned = false;   // `unlisted-subject` given for it
  };
  std::unordered_map<std::string, Verdict> verdicts;  // by NameKey of each name met
  // Warn of a name only the first time it is met (true), or on every row (false: for a reader
  // whose rows come out of input order, which keeps the first by place itself).
  bool warn_once = true;
};

// Resolves the field texts `values` (indexed by Field; empty = not given; surrounding spaces
// are trimmed) of one row read at `row` and appends the Achievement to `learner`, storing
// every field's text with Learner::Store. Returns true when the row is used, false when it is
// rejected; the caller counts it accordingly.
//
// Defaults: an empty `kind` is the type's kind when a type is given, else `activity` when
// hours are given (with neither, `missing-field`); an empty `status` is `achieved`; an empty
// `level` is the type's level for the grade (QualType::LevelFor). kind, status and grades (on
// the scale or special codes) also match case-insensitively; the type and the subject are
// matched by id or alias (RuleSet::MatchType, MatchSubject).
//
// A subject that the rules' vocabulary does not hold (when the rules declare subjects) is not a
// data error unless it is close to one that it does (RuleSet::SuggestSubject: then
// `unknown-subject`, "did you mean"): the row is used, with Achievement::subject kNone and the
// subject's text kept, so that the achievement counts as a subject of its own (equal to others
// of the same NameKey, distinct from every listed subject, never matching a `subject` filter),
// and a warning `unlisted-subject` is emitted for the row (unless it is otherwise rejected or an
// ignored result). With `unlisted`, each distinct name is judged once and (with
// UnlistedSubjects::warn_once) warned of once, at the first row that uses it; without it, on
// every row.
//
// A grade that is a special code of the type's scale is stored with grade == kNone and
// `special` set, except: a code treated `ignore` appends nothing and emits an
// `ignored-result` note, yet the row counts as used (returns true), since it was read and
// dealt with as the rules say; a code treated `error` rejects the row as `bad-grade`.
//
// A rejected row emits exactly one error, located at the offending field (`fields`, when
// given) or else at `row`:
//   missing-field   no learner id; a qualification without type or grade; an activity
//                   without hours; no kind, type or hours at all
//   bad-value       kind or status not one of its words; strand not known to the rules
//   unknown-type    type not defined by the rules (with a "did you mean" note)
//   unknown-subject subject not declared but close to one that is, when the rules declare
//                   subjects ("did you mean")
//   bad-level       level not entry1..entry3 or 1..8
//   bad-grade       grade not on the type's scale nor one of its special codes (the scale's
//                   grades listed, "did you mean"), a special code treated `error`, or a grade
//                   for a type without a scale
//   bad-number      hours not a finite, non-negative decimal number, or more than kMaxHours
//   bad-date        date not an ISO 8601 calendar date (YYYY-MM-DD)
bool ResolveAchievement(const RuleSet& rules,
                        const std::array<std::string_view, kFieldCount>& values,
                        const Location& row, Learner& learner, Diagnostics& diagnostics,
                        const FieldLocations* fields = nullptr,
                        UnlistedSubjects* unlisted = nullptr);

}  // namespace accredit
