#include "accredit/record_resolver.h"

#include <fmt/format.h>

#include <optional>
#include <string>
#include <vector>

namespace accredit {

namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

std::string Lowered(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = Lower(c);
  return out;
}

// Rank of `grade` on `scale`, exact first, then ignoring case.
int RankOf(const Scale& scale, std::string_view grade) {
  int rank = scale.Rank(grade);
  if (rank != kNone) return rank;
  for (std::size_t i = 0; i < scale.grades.size(); ++i) {
    if (EqualsIgnoreCase(scale.grades[i], grade)) return static_cast<int>(i);
  }
  return kNone;
}

int SpecialOf(const Scale& scale, std::string_view code) {
  for (std::size_t i = 0; i < scale.special.size(); ++i) {
    if (EqualsIgnoreCase(scale.special[i].code, code)) return static_cast<int>(i);
  }
  return kNone;
}

// One row being resolved: the values, where they came from, and the one error it may emit.
class Row {
 public:
  Row(const std::array<std::string_view, kFieldCount>& values, const Location& row,
      const FieldLocations* fields, Diagnostics& diagnostics)
      : row_(row), fields_(fields), diagnostics_(diagnostics) {
    for (std::size_t i = 0; i < kFieldCount; ++i) values_[i] = Trim(values[i]);
  }

  std::string_view operator[](Field field) const { return values_[Index(field)]; }
  bool Has(Field field) const { return !values_[Index(field)].empty(); }
  const std::array<std::string_view, kFieldCount>& values() const { return values_; }

  Location Where(Field field) const {
    if (fields_ != nullptr && (*fields_)[Index(field)].source != kNoSource) {
      return (*fields_)[Index(field)];
    }
    return row_;
  }

  // Emits the row's error; always returns false, for `return row.Fail(...)`.
  bool Fail(DiagnosticCode code, std::string message, Field field,
            std::string_view suggestion = {}) {
    Diagnostic& d = Error(code, std::move(message), field);
    if (!suggestion.empty()) {
      d.notes.push_back(Note{fmt::format("did you mean '{}'?", suggestion), Location{}});
    }
    return false;
  }
  // Emits the row's error, for notes to be attached.
  Diagnostic& Error(DiagnosticCode code, std::string message, Field field) {
    return diagnostics_.Error(code, std::move(message), Where(field));
  }

  Diagnostics& diagnostics() { return diagnostics_; }
  // A verdict for a row resolved without UnlistedSubjects to remember it in.
  UnlistedSubjects::Verdict& scratch_verdict() { return scratch_verdict_; }

 private:
  static std::size_t Index(Field field) { return static_cast<std::size_t>(field); }

  std::array<std::string_view, kFieldCount> values_;
  const Location& row_;
  const FieldLocations* fields_;
  Diagnostics& diagnostics_;
  UnlistedSubjects::Verdict scratch_verdict_;
};

template <std::size_t N>
std::vector<std::string> Words(const std::array<std::string_view, N>& words) {
  return std::vector<std::string>(words.begin(), words.end());
}

// The grade of `row` on the scale of `type`, into `out`; false after an error.
bool ResolveGrade(Row& row, const RuleSet& rules, const QualType& type, Achievement& out) {
  std::string_view grade = row[Field::kGrade];
  if (type.scale == kNone || static_cast<std::size_t>(type.scale) >= rules.scales.size()) {
    return row.Fail(
        "bad-grade",
        fmt::format("grade '{}' given, but type '{}' has no grade scale", grade, type.id),
        Field::kGrade);
  }
  const Scale& scale = rules.scales[static_cast<std::size_t>(type.scale)];
  out.grade = RankOf(scale, grade);
  if (out.grade != kNone) return true;
  out.special = SpecialOf(scale, grade);
  if (out.special != kNone) {
    const SpecialCode& special = scale.special[static_cast<std::size_t>(out.special)];
    if (special.treat != SpecialTreatment::kError) return true;
    return row.Fail("bad-grade",
                    special.meaning.empty()
                        ? fmt::format("result '{}' is a data error", grade)
                        : fmt::format("result '{}' ({}) is a data error", grade, special.meaning),
                    Field::kGrade);
  }
  std::vector<std::string> candidates = scale.grades;
  for (const SpecialCode& s : scale.special) candidates.push_back(s.code);
  return row.Fail("bad-grade",
                  fmt::format("grade '{}' is not on the {} scale ({})", grade, scale.id,
                              fmt::join(scale.grades, ", ")),
                  Field::kGrade, ClosestMatch(grade, candidates));
}

// A subject the vocabulary does not hold: an error when it is close to one it does, else read
// as a subject of its own (with a warning, given once the row is read: `warn`). False after an
// error.
bool ResolveUnlisted(Row& row, const RuleSet& rules, UnlistedSubjects* unlisted,
                     UnlistedSubjects::Verdict*& warn) {
  const std::string_view subject = row[Field::kSubject];
  UnlistedSubjects::Verdict* verdict = nullptr;
  UnlistedSubjects::Verdict own;
  if (unlisted != nullptr) {
    auto [it, inserted] = unlisted->verdicts.try_emplace(NameKey(subject));
    if (inserted) it->second.close_to = rules.SuggestSubject(subject);
    verdict = &it->second;
  } else {
    own.close_to = rules.SuggestSubject(subject);
    verdict = &own;
  }
  if (!verdict->close_to.empty()) {
    return row.Fail("unknown-subject", fmt::format("unknown subject '{}'", subject),
                    Field::kSubject, verdict->close_to);
  }
  const bool once = unlisted != nullptr && unlisted->warn_once;
  if (!once || !verdict->warned) warn = unlisted != nullptr ? verdict : &row.scratch_verdict();
  return true;
}

// `once`: the reader warns of each name once per input (UnlistedSubjects), which the note says
// so that the rows it does not warn of are not taken for unread.
void WarnUnlisted(Row& row, bool once) {
  Diagnostic& d = row.diagnostics().Warning(
      "unlisted-subject",
      fmt::format("subject '{}' is not in the rules' vocabulary: counted as its own subject",
                  row[Field::kSubject]),
      row.Where(Field::kSubject));
  d.notes.push_back(Note{
      "add it to the rules' subjects, or as an alias of one, for 'subject' filters to match it",
      {}});
  if (once) d.notes.push_back(Note{"each row that gives it is read; this input warns once", {}});
}

// Everything but the grade; false after an error.
bool ResolveFields(Row& row, const RuleSet& rules, UnlistedSubjects* unlisted,
                   UnlistedSubjects::Verdict*& warn, Achievement& out) {
  if (!row.Has(Field::kLearner))
    return row.Fail("missing-field", "missing learner id", Field::kLearner);

  std::optional<Kind> kind;
  if (row.Has(Field::kKind)) {
    kind = KindByName(row[Field::kKind]);
    if (!kind) kind = KindByName(Lowered(row[Field::kKind]));
    if (!kind) {
      return row.Fail("bad-value",
                      fmt::format("kind '{}' is not one of {}", row[Field::kKind],
                                  fmt::join(NamesOf(kKindNames), ", ")),
                      Field::kKind, ClosestMatch(row[Field::kKind], NamesOf(kKindNames)));
    }
  }

  if (row.Has(Field::kType)) {
    out.type = rules.MatchType(row[Field::kType]);
    if (out.type == kNone) {
      return row.Fail("unknown-type",
                      fmt::format("unknown qualification type '{}'", row[Field::kType]),
                      Field::kType, rules.SuggestType(row[Field::kType]));
    }
  }
  const QualType* type =
      out.type == kNone ? nullptr : &rules.types[static_cast<std::size_t>(out.type)];

  if (kind) {
    out.kind = *kind;
  } else if (type != nullptr) {
    out.kind = type->kind;
  } else if (row.Has(Field::kHours)) {
    out.kind = Kind::kActivity;
  } else {
    return row.Fail("missing-field", "row has no 'type' (nor 'hours' for an activity)",
                    Field::kType);
  }
  if (out.kind == Kind::kQualification && type == nullptr) {
    return row.Fail("missing-field", "qualification has no 'type'", Field::kType);
  }
  if (out.kind == Kind::kQualification && !row.Has(Field::kGrade)) {
    return row.Fail("missing-field", "qualification has no 'grade'", Field::kGrade);
  }
  // An activity that is complete or not (rule language 1.1's `completion`) needs no hours.
  if (out.kind == Kind::kActivity && !row.Has(Field::kHours) &&
      (type == nullptr || !type->completion)) {
    return row.Fail("missing-field", "activity has no 'hours'", Field::kHours);
  }

  if (row.Has(Field::kSubject) && !rules.subjects.empty()) {
    out.subject = rules.MatchSubject(row[Field::kSubject]);
    if (out.subject == kNone && !ResolveUnlisted(row, rules, unlisted, warn)) return false;
  }

  if (row.Has(Field::kLevel)) {
    out.level = ParseLevel(row[Field::kLevel]);
    if (!out.level) {
      return row.Fail(
          "bad-level",
          fmt::format("level '{}' is not entry1, entry2, entry3 or 1 to 8", row[Field::kLevel]),
          Field::kLevel);
    }
  }

  if (row.Has(Field::kGrade) && type != nullptr && !ResolveGrade(row, rules, *type, out)) {
    return false;
  }
  if (!out.level && type != nullptr) out.level = type->LevelFor(out.grade);

  if (row.Has(Field::kHours)) {
    std::optional<double> hours = ParseHours(row[Field::kHours]);
    if (!hours) {
      row.Error("bad-number",
                fmt::format("hours '{}' is not a number of hours", row[Field::kHours]),
                Field::kHours)
          .notes.push_back(Note{"hours are written as 12, 1.5, 1:30, 90 mins or 10 hrs", {}});
      return false;
    }
    // Bounded so that no sum of a learner's hours can overflow or lose whole hours.
    if (*hours > kMaxHours) {
      return row.Fail(
          "bad-number",
          fmt::format("hours '{}' is more than the limit of {}", row[Field::kHours], kMaxHours),
          Field::kHours);
    }
    out.hours = *hours;
  }

  if (row.Has(Field::kStrand) && !rules.IsStrand(row[Field::kStrand])) {
    std::vector<std::string> strands = Words(kBuiltinStrands);
    for (const NamedItem& s : rules.strands) strands.push_back(s.id);
    return row.Fail("bad-value", fmt::format("unknown strand '{}'", row[Field::kStrand]),
                    Field::kStrand, ClosestMatch(row[Field::kStrand], strands));
  }

  if (row.Has(Field::kStatus)) {
    std::optional<Status> status = StatusByName(row[Field::kStatus]);
    if (!status) status = StatusByName(Lowered(row[Field::kStatus]));
    if (!status) {
      return row.Fail("bad-value",
                      fmt::format("status '{}' is not one of {}", row[Field::kStatus],
                                  fmt::join(NamesOf(kStatusNames), ", ")),
                      Field::kStatus, ClosestMatch(row[Field::kStatus], NamesOf(kStatusNames)));
    }
    out.status = *status;
  }

  if (row.Has(Field::kDate)) {
    out.date = ParseDate(row[Field::kDate]);
    if (!out.date) {
      return row.Fail("bad-date",
                      fmt::format("date '{}' is not an ISO date (YYYY-MM-DD)", row[Field::kDate]),
                      Field::kDate);
    }
  }
  return true;
}

}  // namespace

bool ResolveAchievement(const RuleSet& rules,
                        const std::array<std::string_view, kFieldCount>& values,
                        const Location& row_location, Learner& learner, Diagnostics& diagnostics,
                        const FieldLocations* fields, UnlistedSubjects* unlisted) {
  Row row(values, row_location, fields, diagnostics);
  Achievement achievement;
  UnlistedSubjects::Verdict* warn = nullptr;  // an unlisted subject to warn of, once read
  if (!ResolveFields(row, rules, unlisted, warn, achievement)) return false;

  if (achievement.special != kNone) {
    const Scale& scale = rules.scales[static_cast<std::size_t>(
        rules.types[static_cast<std::size_t>(achievement.type)].scale)];
    const SpecialCode& special = scale.special[static_cast<std::size_t>(achievement.special)];
    if (special.treat == SpecialTreatment::kIgnore) {
      diagnostics.Add(
          Severity::kNote, "ignored-result",
          special.meaning.empty()
              ? fmt::format("result '{}' is ignored, as the rules say", row[Field::kGrade])
              : fmt::format("result '{}' ({}) is ignored, as the rules say", row[Field::kGrade],
                            special.meaning),
          row.Where(Field::kGrade));
      return true;
    }
  }
  if (warn != nullptr) {
    WarnUnlisted(row, unlisted != nullptr);
    warn->warned = true;
  }

  for (std::size_t i = 0; i < kFieldCount; ++i) {
    if (!row.values()[i].empty()) achievement.text[i] = learner.Store(row.values()[i]);
  }
  achievement.location = row_location;
  learner.achievements.push_back(std::move(achievement));
  return true;
}

}  // namespace accredit
