// What the words of a school export mean: column names (`UPN`, `Reg Group`, `Result`) and
// value spellings (`Maths`, `GCSE (9-1)`, `Leadership & Service`, `Dist*`), matched against
// the rules' vocabulary (types, subjects, scales, strands), the shipped column mappings and a
// table of common export spellings. It is what `accredit map` (map_proposal.h) proposes a
// mapping from; nothing here reads records.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "accredit/column_map.h"
#include "accredit/rules.h"
#include "accredit/values.h"

namespace accredit::internal {

// The form export words are compared in: ASCII lower case, `&` and `+` as the word "and",
// every other ASCII punctuation as a space, runs of spaces as one, trimmed; other bytes kept.
// "Art & Design" -> "art and design", "GCSE (9-1)" -> "gcse 9 1".
std::string WordKey(std::string_view text);

// What a column header names.
struct HeaderMeaning {
  enum class Kind : std::uint8_t {
    kNone,       // nothing known
    kField,      // a canonical field
    kAttribute,  // a learner attribute
    kIgnore,     // known and not read (a date of birth, a centre number)
  } kind = Kind::kNone;
  Field field = Field::kLearner;
  std::string attribute;
  int rank = 0;     // among columns naming the same field or attribute, lower is preferred
  std::string why;  // kIgnore: why it is not read, in plain words
};

// A broadsheet column named after a subject: "Eng Lang", "History (GCSE)", "BTEC Sport".
struct SubjectHeader {
  std::string subject;    // canonical id
  std::string qualifier;  // the type words around it ("gcse", "btec"), as a WordKey, or ""
};

class ExportVocabulary {
 public:
  // `shipped` mappings add their column names and spellings; both must outlive this.
  ExportVocabulary(const RuleSet& rules, std::span<const ColumnMap> shipped);

  const RuleSet& rules() const { return rules_; }

  HeaderMeaning Header(std::string_view name) const;
  // The subject a column header names once type words around it are set aside, or nullopt.
  std::optional<SubjectHeader> Subject(std::string_view name) const;
  // A header split into its type words and the rest, as a WordKey each: "History (GCSE)" is
  // {"history", "gcse"}, "BTEC Sport" {"sport", "btec"}; {key, ""} without type words.
  std::pair<std::string, std::string> SplitTypeWords(std::string_view name) const;

  // The canonical value `spelling` means for `field` (subject, type, strand, status or kind),
  // or "" when it is not known.
  std::string Value(Field field, std::string_view spelling) const;
  // Whether the records resolver reads `spelling` of `field` by itself, so that a mapping needs
  // no entry for it: a subject or type by its id or an alias (RuleSet::MatchSubject,
  // MatchType), a status or kind in any case.
  bool ReadAsIs(Field field, std::string_view spelling) const;
  // The canonical value of `field` closest to `spelling` (a "did you mean"), or "".
  std::string Closest(Field field, std::string_view spelling) const;

  // The grade `spelling` is on the scale of type `type` (an index into rules().types), as the
  // scale writes it, or "" when it is not one of its grades or special codes. Matches case,
  // spaces and spelled-out words aside: "Dist*" is D* on a BTEC scale and Distinction* on a
  // T Level's, "Level 2 Merit" is L2M, "Absent" is X where the scale has X.
  std::string Grade(int type, std::string_view spelling) const;

  // The types a grade column (or a type column's rows) could be: every type with a scale,
  // most likely first (the common types, GCSE before A level; Core Maths and the projects;
  // the rest in the rules' order).
  const std::vector<int>& GradedTypes() const { return graded_types_; }
  // Whether `type` is one most school exports hold (GCSE, combined science, the BTEC Tech
  // Award, A and AS level): the first of GradedTypes. Any other type (Core Maths, a project,
  // a GCSE short course, the IB, Cambridge Nationals...) is taken for a grade column only when
  // its header or sheet names it, or no common type reads its grades.
  bool IsCommonType(int type) const {
    const auto end = graded_types_.begin() + static_cast<std::ptrdiff_t>(common_types_);
    return std::find(graded_types_.begin(), end, type) != end;
  }

 private:
  void AddValue(Field field, std::string_view spelling, std::string_view canonical);

  const RuleSet& rules_;
  std::unordered_map<std::string, HeaderMeaning> headers_;
  std::array<std::unordered_map<std::string, std::string>, kFieldCount> values_;
  std::array<std::vector<std::string>, kFieldCount> canonical_;  // for Closest
  std::vector<int> graded_types_;
  std::size_t common_types_ = 0;  // how many of graded_types_ are common (IsCommonType)
};

}  // namespace accredit::internal
