// Grades, for `accredit map`: the type of each grade column of a broadsheet (from its grades
// and the type words in its header), the grades of a long export checked against each row's
// type, and the grade spellings to map (`L2 Merit` -> L2M, `Dist*` -> D*) when one mapping can
// say them for every type they appear with.
#include <fmt/format.h>

#include <algorithm>

#include "base/text.h"
#include "records/table_proposer.h"

namespace accredit::internal {

void TableProposer::AddGradeSpellings(int type, const ColumnValues& values,
                                      std::string_view column) {
  std::vector<std::string> unknown;
  std::vector<std::string_view> unknown_texts;
  for (const ColumnValues::Value& value : values.distinct) {
    const std::string grade = vocabulary_.Grade(type, value.text);
    if (grade.empty()) {
      unknown.push_back(fmt::format("'{}'", value.text));
      unknown_texts.push_back(value.text);
    } else if (LowerAscii(grade) == LowerAscii(value.text)) {
      grade_as_is_[value.text].insert(type);
    } else {
      grade_spellings_[value.text][grade].insert(type);
    }
  }
  if (unknown.empty()) return;
  // Grades of another type (a combined science 6-5 given the type GCSE): the type is wrong,
  // not the grade.
  std::string other;
  for (int t : vocabulary_.GradedTypes()) {
    const bool reads = std::all_of(unknown_texts.begin(), unknown_texts.end(),
                                   [&](auto text) { return !vocabulary_.Grade(t, text).empty(); });
    if (t != type && reads) {
      other =
          fmt::format("; {} grades of {}: check the type of those results",
                      unknown.size() == 1 ? "it is one of the" : "they are", TypeTitle(rules_, t));
      break;
    }
  }
  Problem(
      fmt::format("column '{}' holds {} that {} not a grade of {}{}: those results will be "
                  "rejected until they are corrected or mapped under values: grade",
                  column, fmt::join(unknown, ", "), unknown.size() == 1 ? "is" : "are",
                  TypeTitle(rules_, type), other));
}

void TableProposer::CommitGradeSpellings() {
  for (const auto& [spelling, canonicals] : grade_spellings_) {
    bool fits = canonicals.size() == 1;
    if (fits) {
      const std::string& canonical = canonicals.begin()->first;
      auto it = grade_as_is_.find(spelling);
      if (it != grade_as_is_.end()) {
        for (int type : it->second) fits = fits && !vocabulary_.Grade(type, canonical).empty();
      }
      if (fits) {
        map_.values[FieldIndex(Field::kGrade)].push_back({spelling, canonical, false});
        continue;
      }
    }
    Problem(
        fmt::format("grade '{}' means different grades for different types here: one "
                    "mapping cannot spell it both ways; correct it in the export",
                    spelling));
  }
}

void TableProposer::ReadLongGrades() {
  const int grade_column = column_of_[FieldIndex(Field::kGrade)];
  const int type_column = column_of_[FieldIndex(Field::kType)];
  if (grade_column < 0) {
    if (column_of_[FieldIndex(Field::kHours)] < 0) {
      Problem(
          "found no grade column (Grade, Result) and no grade columns named after subjects, "
          "and no hours: this does not look like results or activities; name the columns "
          "under columns: in the mapping");
    }
    return;
  }
  const std::size_t gc = static_cast<std::size_t>(grade_column);
  if (type_column < 0) {
    const ColumnValues values = CollectValues(table_, gc);
    const TypeGuess guess = GuessGradeType(values, vocabulary_, SheetTypeWords());
    map_.column_comments[FieldIndex(Field::kGrade)] = "seen: " + SeenList(values);
    if (guess.type == kNone) {
      Problem(
          fmt::format("there is no qualification type column, and the grades in '{}' are "
                      "on no one type's scale: add a type column, or set: type",
                      Header(gc)));
      return;
    }
    const std::string& id = rules_.types[static_cast<std::size_t>(guess.type)].id;
    map_.set[FieldIndex(Field::kType)] = id;
    map_.set_comments[FieldIndex(Field::kType)] =
        "CHECK: no type column; every result is read as this type (from the grades seen)";
    Problem(
        fmt::format("there is no qualification type column: every result is read as {} "
                    "(from the grades seen in '{}'); check",
                    TypeTitle(rules_, guess.type), Header(gc)));
    AddGradeSpellings(guess.type, values, Header(gc));
    return;
  }
  // The grades of each type, as the rows give the type.
  std::map<int, ExportTable> by_type;
  const std::size_t tc = static_cast<std::size_t>(type_column);
  std::vector<std::uint32_t> empty;
  for (std::size_t r = 0; r < table_.rows.size(); ++r) {
    const std::string_view spelled = TrimSpace(table_.rows[r][tc]);
    std::string id = vocabulary_.Value(Field::kType, spelled);
    const int type = rules_.FindType(id.empty() ? std::string(spelled) : id);
    if (type == kNone) continue;  // reported with the type's spellings
    if (TrimSpace(table_.rows[r][gc]).empty()) {
      if (rules_.types[static_cast<std::size_t>(type)].kind != Kind::kActivity) {
        empty.push_back(table_.lines[r]);
      }
      continue;
    }
    ExportTable& part = by_type[type];
    part.rows.push_back({table_.rows[r][gc]});
    part.lines.push_back(table_.lines[r]);
  }
  std::vector<std::string> seen;
  for (const auto& [type, part] : by_type) {
    const ColumnValues values = CollectValues(part, 0);
    seen.push_back(fmt::format("{} ({})", SeenList(values, 6),
                               rules_.types[static_cast<std::size_t>(type)].id));
    AddGradeSpellings(type, values, Header(gc));
  }
  map_.column_comments[FieldIndex(Field::kGrade)] = fmt::format("seen: {}", fmt::join(seen, "; "));
  if (!empty.empty()) {
    Problem(fmt::format("column '{}' is empty in {}: a result without a grade is rejected",
                        Header(gc), RowList(empty)));
  }
}

std::string TableProposer::SheetTypeWords() const {
  if (table_.sheet.empty()) return {};
  if (!vocabulary_.Value(Field::kType, table_.sheet).empty()) return table_.sheet;
  std::string words = vocabulary_.SplitTypeWords(table_.sheet).second;
  if (words == "grade" || words == "result") words.clear();
  return words;
}

void TableProposer::ReadWideGrades() {
  std::map<std::string, std::size_t> type_count;
  std::vector<std::size_t> untyped;  // grade columns with no grades yet
  // The type words of each column's header ("History (GCSE)", "Biology HL"), else of the
  // sheet's name; the types they name make those types likely for the other columns too (a
  // column of 7s beside 'Biology HL' may well be an IB subject).
  std::vector<std::string> hints(table_.header.size());
  std::vector<int> context;
  const std::string sheet_words = SheetTypeWords();
  for (std::size_t i = 0; i < table_.header.size(); ++i) {
    if (use_[i] != Use::kNone || meaning_[i].kind != HeaderMeaning::Kind::kNone) continue;
    const std::optional<SubjectHeader> subject = vocabulary_.Subject(Header(i));
    std::string& hint = hints[i];
    hint = subject ? subject->qualifier : vocabulary_.SplitTypeWords(Header(i)).second;
    if (!vocabulary_.Value(Field::kType, Header(i)).empty()) hint = Header(i);
    if (hint == "grade" || hint == "result") hint.clear();
    if (hint.empty()) hint = sheet_words;
    for (int t : NamedTypes(hint, vocabulary_)) context.push_back(t);
  }
  for (std::size_t i = 0; i < table_.header.size(); ++i) {
    if (use_[i] != Use::kNone || meaning_[i].kind != HeaderMeaning::Kind::kNone) continue;
    std::optional<SubjectHeader> subject = vocabulary_.Subject(Header(i));
    const ColumnValues values = CollectValues(table_, i);
    TypeGuess guess = GuessGradeType(values, vocabulary_, hints[i], context);
    ProposedGradeColumn column;
    column.header = Header(i);
    if (!subject) {
      // A column of grades named after no subject the rules know ("Polish"): read as the
      // subject its name says, for a person to confirm.
      if (guess.type == kNone || values.filled == 0 || guess.resolved < values.filled) continue;
      subject = SubjectHeader{IdForm(vocabulary_.SplitTypeWords(Header(i)).first), ""};
      column.check = "CHECK: not a subject the rules know";
      Problem(
          fmt::format("column '{}' holds grades but is not named after a subject the rules "
                      "know: it is read as subject '{}' ({}), a subject of its own that "
                      "accredit validate warns of; check, or map it to a known subject under "
                      "wide: subjects",
                      Header(i), subject->subject, TypeTitle(rules_, guess.type)));
    }
    column.subject = subject->subject;
    use_[i] = Use::kGrade;
    if (values.filled == 0) {
      column.seen = "no grades yet";
      if (guess.type != kNone) {
        column.type = rules_.types[static_cast<std::size_t>(guess.type)].id;
        ++type_count[column.type];
      } else {
        untyped.push_back(map_.grade_columns.size());
      }
      map_.grade_columns.push_back(std::move(column));
      continue;
    }
    column.seen = SeenList(values, 6);
    if (guess.type == kNone) {
      use_[i] = Use::kNone;  // placed with the rest: named like a subject, but no grades
      continue;
    }
    const QualType& type = rules_.types[static_cast<std::size_t>(guess.type)];
    column.type = type.id;
    ++type_count[column.type];
    if (!guess.also.empty()) {
      std::vector<std::string> others;
      for (int t : guess.also) others.push_back(TypeTitle(rules_, t));
      column.check = fmt::format("CHECK: could also be {}", fmt::join(others, ", "));
      Problem(fmt::format(
          "column '{}' (grades {}) is read as {}, but its grades fit {} as well: "
          "check the type",
          Header(i), column.seen, TypeTitle(rules_, guess.type), fmt::join(others, ", ")));
    }
    if (!type.level && type.level_by_grade.empty()) {
      // Functional Skills: the level is in the header ("Maths FS L2", "Entry 3").
      std::string words = WordKey(Header(i));
      for (std::size_t at = 0; at < words.size() && column.level.empty();) {
        std::size_t end = std::min(words.find(' ', at), words.size());
        std::size_t next = std::min(words.find(' ', end + 1), words.size());
        const std::string pair = words.substr(at, next - at);
        if (std::optional<Level> level = ParseLevel(pair)) {
          column.level = FormatLevel(*level);
        } else if (std::optional<Level> one = ParseLevel(words.substr(at, end - at));
                   one && words.substr(at, end - at) != std::to_string(one->value)) {
          column.level = FormatLevel(*one);
        }
        at = end + 1;
      }
      if (column.level.empty()) {
        column.check = "CHECK: give its level (level: 2)";
        Problem(
            fmt::format("column '{}' is {}, which has no fixed level, and its name gives "
                        "none: add 'level:' to its line in the mapping",
                        Header(i), type.title));
      }
    }
    AddGradeSpellings(guess.type, values, Header(i));
    map_.grade_columns.push_back(std::move(column));
  }
  std::string common;
  std::size_t most = 0;
  for (const auto& [type, count] : type_count) {
    if (count > most || (count == most && type == "gcse")) {
      common = type;
      most = count;
    }
  }
  if (common.empty() && rules_.FindType("gcse") != kNone) common = "gcse";
  map_.wide_type = common;
  for (std::size_t k : untyped) {
    ProposedGradeColumn& column = map_.grade_columns[k];
    column.type = common;
    column.check = "CHECK: no grades yet, so the type is a guess";
    Problem(
        fmt::format("column '{}' looks like the subject {} but has no grades yet: it is read "
                    "as a {} grade column; check the type",
                    column.header, column.subject,
                    common.empty() ? "?" : TypeTitle(rules_, rules_.FindType(common))));
  }
  if (map_.grade_columns.empty()) {
    Problem("found no grade columns: name them under wide: subjects in the mapping");
  }
}

}  // namespace accredit::internal
