// Learner records: the data side of the pipeline.
//
// Readers (CSV, JSON) turn input rows into Achievements resolved against a RuleSet: the type,
// subject and strand become indexes, the grade becomes a rank on the type's scale, the level
// and date are parsed. What an evaluator matches on is therefore integers; the text of every
// field is kept once per learner (Learner::text) for display and for filters on free-text
// fields (provider, category, ...). Every row read ends in exactly one Achievement or one
// diagnostic, and the Accounting says so: rows_read == rows_used + rows_rejected.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "accredit/rules.h"
#include "accredit/source.h"
#include "accredit/values.h"

namespace accredit {

// A slice of Learner::text.
struct TextRef {
  std::uint32_t offset = 0;
  std::uint32_t length = 0;
};

// One achievement of a learner, resolved against a RuleSet.
struct Achievement {
  Kind kind = Kind::kQualification;
  Status status = Status::kAchieved;
  int type = kNone;  // index into RuleSet::types; kNone for activities without a type
  // Index into RuleSet::subjects, or kNone: when no subject is given, and when the subject given
  // is not in the rules' vocabulary (ResolveAchievement, record_resolver.h). Such a subject is
  // its text, Learner::Text(a, Field::kSubject): it counts as a subject of its own and never
  // matches a `subject` filter. SubjectName() shows either.
  int subject = kNone;
  int grade = kNone;           // rank on the type's scale; kNone when absent or a special code
  int special = kNone;         // index into the scale's special codes when the grade is one
  std::optional<Level> level;  // as given, else derived from the type (and grade)
  double hours = 0;
  std::optional<Date> date;
  // Achievements read from rows equal in every field but the learner id and the date share a
  // value here other than 0, so that what depends on those fields alone (which filters match)
  // is worked out once for them all. 0: shared with none. Set by the reader (RowMemo); a copy
  // whose fields are changed must have it set to 0.
  std::uint64_t resolved_as = 0;
  std::array<TextRef, kFieldCount> text{};  // the field values as read (after mapping)
  Location location;                        // the row it came from
};

// A learner and everything read for them, from one or several inputs.
struct Learner {
  std::string id;
  std::vector<Achievement> achievements;
  std::string text;  // backing store of every Achievement::text
  // Rows of this learner that were rejected with a diagnostic: the learner has a data error
  // and must be reported as such rather than judged on less data.
  std::uint32_t rejected_rows = 0;
  Location location;  // the learner's first row
  // Attributes a column mapping names (column_map.h): name, forename, surname, form, year,
  // gender, pupil-premium, send, eal or any other id -> the value, from the first row that has
  // one. Personal data: shown where a person reads about the learner, never in a diagnostic.
  std::vector<std::pair<std::string, std::string>> attributes;

  // The value of attribute `name`, or "".
  std::string_view Attribute(std::string_view name) const;
  // The learner's name: `name`, else `forename surname` (either alone), else "".
  std::string Name() const;
  // Sets attribute `name` to `value` unless it has a value already (or `value` is empty).
  void SetAttribute(std::string_view name, std::string_view value);

  std::string_view Text(const Achievement& achievement, Field field) const {
    const TextRef& ref = achievement.text[static_cast<std::size_t>(field)];
    return std::string_view(text).substr(ref.offset, ref.length);
  }
  // Appends `value` to `text` and returns its reference.
  TextRef Store(std::string_view value);
};

// How an achievement's subject is shown: the title of its subject in the rules (the id when the
// subject has no title), or the subject as written when the rules do not list it; "" when the
// achievement gives none.
std::string_view SubjectName(const RuleSet& rules, const Learner& learner,
                             const Achievement& achievement);

// Row accounting for one or more inputs. Invariant: rows_read == rows_used + rows_rejected.
struct Accounting {
  std::uint64_t rows_read = 0;
  std::uint64_t rows_used = 0;
  std::uint64_t rows_rejected = 0;
  std::uint64_t learners = 0;
  void Add(const Accounting& other) {
    rows_read += other.rows_read;
    rows_used += other.rows_used;
    rows_rejected += other.rows_rejected;
    learners += other.learners;
  }
};

}  // namespace accredit
