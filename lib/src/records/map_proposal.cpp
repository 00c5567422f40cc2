// The decisions of `accredit map` for one table: which layout, which column is what, which
// spellings to map. Each decision a person should confirm becomes a problem in plain words and
// a CHECK comment in the mapping; nothing is dropped in silence.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "base/text.h"
#include "records/column_values.h"
#include "records/map_choice.h"
#include "records/proposed_map.h"

namespace accredit::internal {

namespace {

std::size_t Index(Field field) { return static_cast<std::size_t>(field); }

// The attributes reports and transcripts know, in the order a mapping lists them.
constexpr std::string_view kAttributeOrder[] = {
    "name", "forename", "surname", "form", "year", "gender", "pupil-premium", "send", "eal"};

std::string TypeTitle(const RuleSet& rules, int type) {
  const QualType& t = rules.types[static_cast<std::size_t>(type)];
  return t.title.empty() ? t.id : t.title;
}

// How a column was placed.
enum class Use : std::uint8_t { kNone, kField, kAttribute, kGrade, kIgnore };

class TableProposer {
 public:
  TableProposer(const ExportTable& table, const ExportVocabulary& vocabulary, TableProposal& out)
      : table_(table),
        vocabulary_(vocabulary),
        rules_(vocabulary.rules()),
        out_(out),
        use_(table.header.size(), Use::kNone) {}

  void Propose();

 private:
  void Problem(std::string message) { out_.problems.push_back(std::move(message)); }
  void Ignore(std::size_t column, std::string why) {
    use_[column] = Use::kIgnore;
    map_.ignore.push_back({table_.header[column], std::move(why)});
  }
  const std::string& Header(std::size_t column) const { return table_.header[column]; }

  void ChooseLearner();
  void ChooseFields();
  void ChooseAttributes();
  bool DecideWide() const;
  void ReadSpellings(Field field, std::size_t column);
  void ReadLongGrades();
  void ReadLevel(std::size_t column);
  void ReadHours(std::size_t column);
  void ReadDates(std::size_t column);
  void ReadWideGrades();
  void AddGradeSpellings(int type, const ColumnValues& values, std::string_view column);
  void CommitGradeSpellings();
  void PlaceTheRest();
  void ChooseFits();

  const ExportTable& table_;
  const ExportVocabulary& vocabulary_;
  const RuleSet& rules_;
  TableProposal& out_;
  ProposedMap map_;
  std::vector<Use> use_;
  std::vector<HeaderMeaning> meaning_;
  std::array<int, kFieldCount> column_of_{};
  // Grade spellings to map: spelling -> (canonical, the types that need it).
  std::map<std::string, std::map<std::string, std::set<int>>> grade_spellings_;
  std::map<std::string, std::set<int>> grade_as_is_;  // spelling -> types that read it as is
};

void TableProposer::Propose() {
  column_of_.fill(-1);
  map_.inputs.push_back(table_.name);
  for (const std::string& name : table_.header) meaning_.push_back(vocabulary_.Header(name));
  ChooseLearner();
  map_.wide = DecideWide();
  ChooseFields();
  ChooseAttributes();
  if (map_.wide) {
    ReadWideGrades();
  } else {
    ReadLongGrades();
  }
  CommitGradeSpellings();
  PlaceTheRest();
  ChooseFits();
  out_.recognised = column_of_[Index(Field::kLearner)] >= 0 || !map_.grade_columns.empty() ||
                    std::any_of(use_.begin(), use_.end(), [](Use u) { return u == Use::kField; });
  if (table_.bad_rows > 0) {
    Problem(
        fmt::format("{} row{} could not be read as CSV (a quote or the number of cells is "
                    "wrong): accredit validate says where",
                    table_.bad_rows, table_.bad_rows == 1 ? "" : "s"));
  }
  out_.map = std::move(map_);
}

void TableProposer::ChooseLearner() {
  int best = -1;
  for (std::size_t i = 0; i < meaning_.size(); ++i) {
    const HeaderMeaning& m = meaning_[i];
    if (m.kind != HeaderMeaning::Kind::kField || m.field != Field::kLearner) continue;
    if (best < 0 || m.rank < meaning_[static_cast<std::size_t>(best)].rank) {
      best = static_cast<int>(i);
    }
  }
  if (best < 0) {
    // No header says so: a column of UPN-like values (a letter and 12 digits, or 13 digits).
    for (std::size_t i = 0; i < meaning_.size() && best < 0; ++i) {
      if (meaning_[i].kind != HeaderMeaning::Kind::kNone) continue;
      std::uint64_t like = 0;
      std::uint64_t filled = 0;
      for (const auto& row : table_.rows) {
        const std::string_view text = TrimSpace(row[i]);
        if (text.empty()) continue;
        ++filled;
        const bool upn = text.size() == 13 && std::all_of(text.begin() + 1, text.end(), [](char c) {
                           return c >= '0' && c <= '9';
                         });
        if (upn) ++like;
      }
      if (filled > 0 && like * 10 >= filled * 9) best = static_cast<int>(i);
    }
    if (best >= 0) {
      map_.column_comments[Index(Field::kLearner)] =
          "its values look like UPNs, though the header does not say so: CHECK";
      Problem(
          fmt::format("column '{}' is taken as the learner id (its values look like UPNs): "
                      "check",
                      Header(static_cast<std::size_t>(best))));
    }
  }
  if (best < 0) {
    Problem(
        "no column identifies the learner (a UPN, admission number or candidate number): "
        "write its column's name under 'columns: learner:' in the mapping");
    map_.columns[Index(Field::kLearner)].push_back("UPN");
    map_.column_comments[Index(Field::kLearner)] =
        "CHECK: no learner column was found; write the name of yours here";
    return;
  }
  const std::size_t column = static_cast<std::size_t>(best);
  column_of_[Index(Field::kLearner)] = best;
  use_[column] = Use::kField;
  map_.columns[Index(Field::kLearner)].push_back(Header(column));
  if (map_.column_comments[Index(Field::kLearner)].empty()) {
    map_.column_comments[Index(Field::kLearner)] = "the learner id";
  }
  std::uint64_t empty = 0;
  std::vector<std::uint32_t> lines;
  for (std::size_t r = 0; r < table_.rows.size(); ++r) {
    if (!TrimSpace(table_.rows[r][column]).empty()) continue;
    ++empty;
    lines.push_back(table_.lines[r]);
  }
  if (empty > 0) {
    Problem(fmt::format("column '{}' (the learner id) is empty in {}: those rows cannot be read",
                        Header(column), RowList(lines)));
  }
  for (std::size_t i = 0; i < meaning_.size(); ++i) {
    const HeaderMeaning& m = meaning_[i];
    if (i == column || m.kind != HeaderMeaning::Kind::kField || m.field != Field::kLearner) {
      continue;
    }
    Ignore(i, fmt::format("another learner id: accredit reads '{}'. If your other files name "
                          "learners by this one, put it first under columns: learner",
                          Header(column)));
  }
}

bool TableProposer::DecideWide() const {
  bool grade = false;
  bool subject_or_type = false;
  bool hours = false;
  std::size_t subject_columns = 0;
  for (std::size_t i = 0; i < meaning_.size(); ++i) {
    const HeaderMeaning& m = meaning_[i];
    if (m.kind == HeaderMeaning::Kind::kField) {
      grade = grade || m.field == Field::kGrade;
      subject_or_type = subject_or_type || m.field == Field::kSubject || m.field == Field::kType;
      hours = hours || m.field == Field::kHours;
    } else if (m.kind == HeaderMeaning::Kind::kNone && vocabulary_.Subject(Header(i))) {
      ++subject_columns;
    }
  }
  if (grade && subject_or_type) return false;
  if (subject_columns > 0) return true;
  (void)hours;
  return false;
}

void TableProposer::ChooseFields() {
  // Per field, the preferred column; the others are not read (a note in the mapping).
  std::array<int, kFieldCount> best{};
  best.fill(-1);
  for (std::size_t i = 0; i < meaning_.size(); ++i) {
    const HeaderMeaning& m = meaning_[i];
    if (m.kind != HeaderMeaning::Kind::kField || m.field == Field::kLearner) continue;
    if (map_.wide && (m.field == Field::kSubject || m.field == Field::kGrade)) continue;
    int& b = best[Index(m.field)];
    if (b < 0 || m.rank < meaning_[static_cast<std::size_t>(b)].rank) b = static_cast<int>(i);
  }
  for (std::size_t f = 0; f < kFieldCount; ++f) {
    if (best[f] < 0) continue;
    const std::size_t column = static_cast<std::size_t>(best[f]);
    const Field field = static_cast<Field>(f);
    column_of_[f] = best[f];
    use_[column] = Use::kField;
    map_.columns[f].push_back(Header(column));
    switch (field) {
      case Field::kType:
      case Field::kSubject:
      case Field::kStrand:
      case Field::kStatus:
      case Field::kKind:
        ReadSpellings(field, column);
        break;
      case Field::kLevel:
        ReadLevel(column);
        break;
      case Field::kHours:
        ReadHours(column);
        break;
      case Field::kDate:
        ReadDates(column);
        break;
      case Field::kLearner:
      case Field::kGrade:  // with the type, in ReadLongGrades()
      case Field::kQan:
      case Field::kTitle:
      case Field::kProvider:
      case Field::kEvidence:
      case Field::kCategory:
        break;
    }
  }
  for (std::size_t i = 0; i < meaning_.size(); ++i) {
    const HeaderMeaning& m = meaning_[i];
    if (m.kind != HeaderMeaning::Kind::kField || use_[i] != Use::kNone ||
        m.field == Field::kLearner) {
      continue;
    }
    if (map_.wide && (m.field == Field::kSubject || m.field == Field::kGrade)) {
      Ignore(i, fmt::format("a {} column in a broadsheet, whose grades are in the subject "
                            "columns: CHECK",
                            FieldName(m.field)));
      Problem(
          fmt::format("column '{}' is not read: this file has a grade column per subject, "
                      "so a single {} column has no place",
                      Header(i), FieldName(m.field)));
      continue;
    }
    const int chosen = column_of_[Index(m.field)];
    Ignore(i, fmt::format("the {} is read from '{}'", FieldName(m.field),
                          chosen >= 0 ? Header(static_cast<std::size_t>(chosen)) : ""));
  }
}

void TableProposer::ChooseAttributes() {
  std::map<std::string, std::vector<std::pair<int, std::size_t>>> by_attribute;
  for (std::size_t i = 0; i < meaning_.size(); ++i) {
    if (meaning_[i].kind != HeaderMeaning::Kind::kAttribute || use_[i] != Use::kNone) continue;
    by_attribute[meaning_[i].attribute].emplace_back(meaning_[i].rank, i);
    use_[i] = Use::kAttribute;
  }
  std::vector<std::string> order(std::begin(kAttributeOrder), std::end(kAttributeOrder));
  for (const auto& [attribute, columns] : by_attribute) {
    if (std::find(order.begin(), order.end(), attribute) == order.end()) order.push_back(attribute);
  }
  for (const std::string& attribute : order) {
    auto it = by_attribute.find(attribute);
    if (it == by_attribute.end()) continue;
    std::vector<std::pair<int, std::size_t>> columns = it->second;
    std::stable_sort(columns.begin(), columns.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::string> names;
    for (const auto& [rank, column] : columns) names.push_back(Header(column));
    map_.attributes.emplace_back(attribute, std::move(names));
  }
}

void TableProposer::ReadSpellings(Field field, std::size_t column) {
  const ColumnValues values = CollectValues(table_, column);
  std::string& comment = map_.column_comments[Index(field)];
  comment = values.distinct.empty() ? "empty in every row" : "seen: " + SeenList(values);
  const bool open_subjects = field == Field::kSubject && rules_.subjects.empty();
  for (const ColumnValues::Value& value : values.distinct) {
    std::string canonical = vocabulary_.Value(field, value.text);
    if (canonical.empty() && open_subjects) canonical = IdForm(value.text);
    if (!canonical.empty()) {
      const bool same = field == Field::kStatus || field == Field::kKind
                            ? LowerAscii(value.text) == canonical
                            : value.text == canonical;
      if (!same) map_.values[Index(field)].push_back({value.text, canonical, false});
      continue;
    }
    const std::string close = vocabulary_.Closest(field, value.text);
    const std::string what = field == Field::kType ? "qualification type" : FieldName(field).data();
    if (!close.empty()) {
      map_.values[Index(field)].push_back({value.text, close, true});
      Problem(
          fmt::format("value '{}' in column '{}' is not a known {}: did you mean '{}'? (the "
                      "mapping has it as a guess, commented out)",
                      value.text, Header(column), what, close));
    } else {
      Problem(
          fmt::format("value '{}' in column '{}' is not a {} the rules know: add its "
                      "spelling under values: {} in the mapping, or ask for it in the rules",
                      value.text, Header(column), what, FieldName(field)));
    }
  }
  if (values.capped) {
    Problem(
        fmt::format("column '{}' has more than {} different values: only the first were "
                    "checked",
                    Header(column), ColumnValues::kMaxDistinct));
  }
}

void TableProposer::ReadLevel(std::size_t column) {
  std::uint64_t filled = 0;
  std::vector<std::uint32_t> bad;
  for (std::size_t r = 0; r < table_.rows.size(); ++r) {
    const std::string_view text = TrimSpace(table_.rows[r][column]);
    if (text.empty()) continue;
    ++filled;
    if (!ParseLevel(text)) bad.push_back(table_.lines[r]);
  }
  if (filled > 0 && bad.size() == filled) {
    // "Level 1/Level 2": the level of the qualification, not of the result.
    map_.columns[Index(Field::kLevel)].clear();
    column_of_[Index(Field::kLevel)] = -1;
    Ignore(column,
           "its values are not one RQF level each (the level comes from the type and "
           "grade)");
    return;
  }
  map_.column_comments[Index(Field::kLevel)] = "RQF level: entry1 to entry3, 1 to 8";
  if (!bad.empty()) {
    Problem(
        fmt::format("column '{}' holds values that are not a level (entry1 to entry3, 1 to "
                    "8) in {}",
                    Header(column), RowList(bad)));
  }
}

void TableProposer::ReadHours(std::size_t column) {
  std::vector<std::uint32_t> bad;
  for (std::size_t r = 0; r < table_.rows.size(); ++r) {
    const std::string_view text = TrimSpace(table_.rows[r][column]);
    if (!text.empty() && !ParseHours(text)) bad.push_back(table_.lines[r]);
  }
  map_.column_comments[Index(Field::kHours)] = "hours: 1.5, 1:30, 90 mins, 10 hrs";
  if (!bad.empty()) {
    Problem(
        fmt::format("column '{}' holds values that are not hours in {}: write them as 1.5, "
                    "1:30, 90 mins or 10 hrs",
                    Header(column), RowList(bad)));
  }
}

void TableProposer::ReadDates(std::size_t column) {
  const DateGuess guess = GuessDates(table_, column);
  if (guess.total == 0) {
    map_.column_comments[Index(Field::kDate)] = "empty in every row";
    return;
  }
  if (guess.fitted == 0) {
    map_.columns[Index(Field::kDate)].clear();
    column_of_[Index(Field::kDate)] = -1;
    Ignore(column, guess.times ? "CHECK: dates with a time of day are not read"
                               : "CHECK: its values are not dates accredit reads");
    Problem(fmt::format(
        "column '{}' is not read: its values are not dates in a form accredit reads{} (ISO "
        "2024-08-22, 22/08/2024, 22 Aug 2024, June 2024)",
        Header(column), guess.times ? " (they hold a time of day too)" : ""));
    return;
  }
  if (guess.format != DateFormat::kIso) map_.dates = guess.format;
  map_.dates_comment =
      fmt::format("{} of the {} dates in '{}' fit", guess.fitted, guess.total, Header(column));
  if (guess.format == DateFormat::kSeries || guess.format == DateFormat::kDayMonName) {
    map_.dates_comment += fmt::format(", such as '{}'", guess.example);
  }
  if (guess.format == DateFormat::kMonthDayYear) {
    map_.dates_comment += ": month first, since a second number is over 12. CHECK";
    Problem(
        fmt::format("column '{}' has dates with the month first (08/22/2024): read as "
                    "mm/dd/yyyy; check",
                    Header(column)));
  }
  map_.column_comments[Index(Field::kDate)] = "how they are written: see dates: below";
  if (guess.fitted < guess.total) {
    Problem(fmt::format("column '{}' holds values that are not dates written {} in {}",
                        Header(column), NameOf(kDateFormatNames, guess.format),
                        RowList(guess.bad_lines)));
  }
}

void TableProposer::AddGradeSpellings(int type, const ColumnValues& values,
                                      std::string_view column) {
  std::vector<std::string> unknown;
  for (const ColumnValues::Value& value : values.distinct) {
    const std::string grade = vocabulary_.Grade(type, value.text);
    if (grade.empty()) {
      unknown.push_back(fmt::format("'{}'", value.text));
    } else if (LowerAscii(grade) == LowerAscii(value.text)) {
      grade_as_is_[value.text].insert(type);
    } else {
      grade_spellings_[value.text][grade].insert(type);
    }
  }
  if (!unknown.empty()) {
    Problem(
        fmt::format("column '{}' holds {} that {} not a grade of {}: those results will be "
                    "rejected until they are corrected or mapped under values: grade",
                    column, fmt::join(unknown, ", "), unknown.size() == 1 ? "is" : "are",
                    TypeTitle(rules_, type)));
  }
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
        map_.values[Index(Field::kGrade)].push_back({spelling, canonical, false});
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
  const int grade_column = column_of_[Index(Field::kGrade)];
  const int type_column = column_of_[Index(Field::kType)];
  if (grade_column < 0) {
    if (column_of_[Index(Field::kHours)] < 0) {
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
    const TypeGuess guess = GuessGradeType(values, vocabulary_, "");
    map_.column_comments[Index(Field::kGrade)] = "seen: " + SeenList(values);
    if (guess.type == kNone) {
      Problem(
          fmt::format("there is no qualification type column, and the grades in '{}' are "
                      "on no one type's scale: add a type column, or set: type",
                      Header(gc)));
      return;
    }
    const std::string& id = rules_.types[static_cast<std::size_t>(guess.type)].id;
    map_.set[Index(Field::kType)] = id;
    map_.set_comments[Index(Field::kType)] =
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
  map_.column_comments[Index(Field::kGrade)] = fmt::format("seen: {}", fmt::join(seen, "; "));
  if (!empty.empty()) {
    Problem(fmt::format("column '{}' is empty in {}: a result without a grade is rejected",
                        Header(gc), RowList(empty)));
  }
}

void TableProposer::ReadWideGrades() {
  std::map<std::string, std::size_t> type_count;
  std::vector<std::size_t> untyped;  // grade columns with no grades yet
  for (std::size_t i = 0; i < table_.header.size(); ++i) {
    if (use_[i] != Use::kNone || meaning_[i].kind != HeaderMeaning::Kind::kNone) continue;
    std::optional<SubjectHeader> subject = vocabulary_.Subject(Header(i));
    const ColumnValues values = CollectValues(table_, i);
    std::string hint = subject ? subject->qualifier : vocabulary_.SplitTypeWords(Header(i)).second;
    if (!vocabulary_.Value(Field::kType, Header(i)).empty()) hint = Header(i);
    TypeGuess guess = GuessGradeType(values, vocabulary_, hint);
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
                      "know: it is read as subject '{}' ({}); check, or map it to a known "
                      "subject under wide: subjects",
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

void TableProposer::PlaceTheRest() {
  for (std::size_t i = 0; i < table_.header.size(); ++i) {
    if (use_[i] != Use::kNone) continue;
    const HeaderMeaning& m = meaning_[i];
    if (m.kind == HeaderMeaning::Kind::kIgnore) {
      Ignore(i, m.why);
      continue;
    }
    if (Header(i).empty()) {
      Ignore(i, "a column with no name");
      Problem(fmt::format("column {} has no name: it is not read", i + 1));
      continue;
    }
    if (std::optional<SubjectHeader> subject = vocabulary_.Subject(Header(i))) {
      Ignore(i, fmt::format("CHECK: named like the subject {}, but not read", subject->subject));
      if (map_.wide) {
        Problem(
            fmt::format("column '{}' looks like the subject {} but its values are not grades "
                        "of any type: it is not read; if it holds results, correct them",
                        Header(i), subject->subject));
      } else {
        Problem(
            fmt::format("column '{}' looks like the subject {}, but this file has one row per "
                        "result: it is not read; if it holds grades, give it its own file "
                        "or sheet and run accredit map on that",
                        Header(i), subject->subject));
      }
      continue;
    }
    Ignore(i, "CHECK: accredit does not know what it holds");
    Problem(
        fmt::format("column '{}' is not read: accredit does not know what it holds; if it "
                    "holds something accredit needs, name its field under columns: in the "
                    "mapping",
                    Header(i)));
  }
}

void TableProposer::ChooseFits() {
  if (map_.wide) return;  // a broadsheet fits by its learner column and a grade column
  const auto named = [&](Field field) -> std::vector<std::string> {
    const int column = column_of_[Index(field)];
    if (column < 0) return {};
    return {Header(static_cast<std::size_t>(column))};
  };
  for (Field field : {Field::kSubject, Field::kGrade, Field::kHours, Field::kStrand}) {
    std::vector<std::string> names = named(field);
    if (!names.empty()) map_.fits.push_back(std::move(names));
  }
}

bool IsPlacedBy(const ColumnMap& map, std::string_view column) {
  std::size_t preference = 0;
  if (map.wide && !map.wide->id.empty()) {
    const auto& ids = map.wide->id;
    if (std::find(ids.begin(), ids.end(), Normalize(column)) != ids.end()) return true;
  }
  return map.FieldFor(column, &preference).has_value() || !map.AttributeFor(column).empty() ||
         map.GradeColumnFor(column).has_value() || map.Ignores(column);
}

}  // namespace

TableProposal ProposeForTable(const ExportTable& table, const ExportVocabulary& vocabulary,
                              std::span<const ColumnMap> shipped) {
  TableProposal out;
  out.input = table.name;
  std::vector<CsvField> header;
  for (const std::string& name : table.header) header.push_back(CsvField{name, 1, 1});
  if (FitColumnMap(header, nullptr).learner) {
    out.canonical = true;
    out.recognised = true;
    out.notes.push_back(
        "its header is accredit's own (a 'learner' column): it is read as it is, with no "
        "mapping");
    return out;
  }
  std::size_t best_placed = 0;
  bool tied = false;
  for (const ColumnMap& map : shipped) {
    const MapFit fit = FitColumnMap(header, &map);
    if (!fit.fits) continue;
    if (out.shipped == nullptr || fit.placed > best_placed) {
      out.shipped = &map;
      best_placed = fit.placed;
      tied = false;
    } else if (fit.placed == best_placed) {
      tied = true;
    }
  }
  if (tied) out.shipped = nullptr;  // accredit validate would refuse it: a mapping is needed
  if (out.shipped != nullptr) {
    for (const std::string& name : table.header) {
      if (!IsPlacedBy(*out.shipped, name)) out.unplaced.push_back(fmt::format("'{}'", name));
    }
  }
  TableProposer(table, vocabulary, out).Propose();
  return out;
}

}  // namespace accredit::internal
