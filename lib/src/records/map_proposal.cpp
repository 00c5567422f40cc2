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
#include "records/table_proposer.h"

namespace accredit::internal {

namespace {

// The attributes reports and transcripts know, in the order a mapping lists them.
constexpr std::string_view kAttributeOrder[] = {
    "name", "forename", "surname", "form", "year", "gender", "pupil-premium", "send", "eal"};

}  // namespace

std::string TypeTitle(const RuleSet& rules, int type) {
  const QualType& t = rules.types[static_cast<std::size_t>(type)];
  return t.title.empty() ? t.id : t.title;
}

void TableProposer::Propose() {
  column_of_.fill(-1);
  map_.inputs.push_back(table_.name);
  for (const std::string& name : table_.header) meaning_.push_back(vocabulary_.Header(name));
  by_values_.assign(table_.header.size(), false);
  for (std::size_t i = 0; i < table_.header.size(); ++i) {
    // A mapping names columns, so of two with one name only the first can be read, and not
    // even that one when the second is listed under ignore:.
    for (std::size_t k = 0; k < i; ++k) {
      if (Normalize(table_.header[k]) != Normalize(table_.header[i]) || Header(i).empty()) continue;
      use_[i] = Use::kIgnore;
      Problem(
          fmt::format("column {} is named '{}' like column {}: only the first is read; "
                      "rename one of them in the export",
                      i + 1, Header(i), k + 1));
      break;
    }
  }
  ChooseLearner();
  ReadMeaningsFromValues();
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
  out_.recognised = column_of_[FieldIndex(Field::kLearner)] >= 0 || !map_.grade_columns.empty() ||
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
      map_.column_comments[FieldIndex(Field::kLearner)] =
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
    map_.columns[FieldIndex(Field::kLearner)].push_back("UPN");
    map_.column_comments[FieldIndex(Field::kLearner)] =
        "CHECK: no learner column was found; write the name of yours here";
    return;
  }
  const std::size_t column = static_cast<std::size_t>(best);
  column_of_[FieldIndex(Field::kLearner)] = best;
  use_[column] = Use::kField;
  map_.columns[FieldIndex(Field::kLearner)].push_back(Header(column));
  if (map_.column_comments[FieldIndex(Field::kLearner)].empty()) {
    map_.column_comments[FieldIndex(Field::kLearner)] = "the learner id";
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
  // Where a learner has several rows, a column with its own value in every row numbers the
  // rows, not the learners: an online form's response ID.
  const ColumnValues learners = CollectValues(table_, column);
  const bool repeats = learners.distinct.size() < learners.filled && !learners.capped;
  for (std::size_t i = 0; i < meaning_.size(); ++i) {
    const HeaderMeaning& m = meaning_[i];
    if (i == column || m.kind != HeaderMeaning::Kind::kField || m.field != Field::kLearner) {
      continue;
    }
    const ColumnValues values = CollectValues(table_, i);
    if (repeats && values.filled == table_.rows.size() && !values.capped &&
        values.distinct.size() == values.filled) {
      Ignore(i, "numbers the rows, not the learners");
      continue;
    }
    Ignore(i, fmt::format("another learner id: accredit reads '{}'. If your other files name "
                          "learners by this one, put it first under columns: learner",
                          Header(column)));
  }
}

void TableProposer::ReadMeaningsFromValues() {
  // Fields whose values the vocabulary knows: a column whose header says nothing (or says
  // another of these fields) is read as the one its values are, when nearly all of them are.
  static constexpr Field kByValue[] = {Field::kType, Field::kSubject, Field::kStrand,
                                       Field::kStatus, Field::kKind};
  const auto known = [](Field f) {
    return std::find(std::begin(kByValue), std::end(kByValue), f) != std::end(kByValue);
  };
  std::array<bool, kFieldCount> named{};
  for (const HeaderMeaning& m : meaning_) {
    if (m.kind == HeaderMeaning::Kind::kField) named[FieldIndex(m.field)] = true;
  }
  for (std::size_t i = 0; i < meaning_.size(); ++i) {
    HeaderMeaning& m = meaning_[i];
    const bool open = m.kind == HeaderMeaning::Kind::kNone;
    if (use_[i] != Use::kNone ||
        !(open || (m.kind == HeaderMeaning::Kind::kField && known(m.field)))) {
      continue;
    }
    if (open && vocabulary_.Subject(Header(i))) continue;  // a broadsheet's grade column
    const ColumnValues values = CollectValues(table_, i);
    if (values.distinct.empty()) continue;
    const auto share = [&](Field f) {
      std::size_t n = 0;
      for (const ColumnValues::Value& v : values.distinct) {
        if (!vocabulary_.Value(f, v.text).empty()) ++n;
      }
      return static_cast<double>(n) / static_cast<double>(values.distinct.size());
    };
    if (!open && share(m.field) >= 0.5) continue;
    std::optional<Field> best;
    double best_share = 0.8;  // nearly all: a few misspellings are listed as values
    for (Field f : kByValue) {
      if (named[FieldIndex(f)]) continue;
      const double s = share(f);
      if (s >= best_share) {
        best = f;
        best_share = s;
      }
    }
    std::string what;
    if (best) {
      what = fmt::format("{} (its values are {}s)", FieldName(*best),
                         *best == Field::kType ? "qualification type" : FieldName(*best).data());
    } else if (!named[FieldIndex(Field::kDate)]) {
      // A date column: every value a date, and not every one a bare number (an id).
      const DateGuess dates = GuessDates(table_, i);
      const bool numbers =
          std::all_of(values.distinct.begin(), values.distinct.end(), [](const auto& v) {
            return v.text.find_first_not_of("0123456789") == std::string::npos;
          });
      if (dates.total > 0 && dates.fitted == dates.total && !numbers) {
        best = Field::kDate;
        what = "date (its values are dates)";
      }
    }
    if (!best) continue;
    if (!open) named[FieldIndex(m.field)] = false;
    named[FieldIndex(*best)] = true;
    m = HeaderMeaning{};
    m.kind = HeaderMeaning::Kind::kField;
    m.field = *best;
    m.rank = 50;
    by_values_[i] = true;
    Problem(fmt::format("column '{}' is read as the {}, though its name does not say so: check",
                        Header(i), what));
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
    int& b = best[FieldIndex(m.field)];
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
  for (std::size_t f = 0; f < kFieldCount; ++f) {
    if (best[f] >= 0 && by_values_[static_cast<std::size_t>(best[f])]) {
      std::string& comment = map_.column_comments[f];
      comment = "CHECK: taken from its values" + (comment.empty() ? "" : "; " + comment);
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
    const int chosen = column_of_[FieldIndex(m.field)];
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
  std::string& comment = map_.column_comments[FieldIndex(field)];
  comment = values.distinct.empty() ? "empty in every row" : "seen: " + SeenList(values);
  const bool open_subjects = field == Field::kSubject && rules_.subjects.empty();
  for (const ColumnValues::Value& value : values.distinct) {
    std::string canonical = vocabulary_.Value(field, value.text);
    if (canonical.empty() && open_subjects) canonical = IdForm(value.text);
    if (canonical.empty() && field == Field::kStatus) {
      // "Finished?" answered Yes or No: only in a column its header says is the status.
      const std::string key = WordKey(value.text);
      if (key == "yes" || key == "y") canonical = "achieved";
      if (key == "no" || key == "n") canonical = "in-progress";
    }
    if (!canonical.empty()) {
      const bool same = value.text == canonical || vocabulary_.ReadAsIs(field, value.text);
      if (!same) map_.values[FieldIndex(field)].push_back({value.text, canonical, false});
      continue;
    }
    const std::string close = vocabulary_.Closest(field, value.text);
    const std::string what = field == Field::kType ? "qualification type" : FieldName(field).data();
    if (!close.empty()) {
      map_.values[FieldIndex(field)].push_back({value.text, close, true});
      Problem(
          fmt::format("value '{}' in column '{}' is not a known {}: did you mean '{}'? (the "
                      "mapping has it as a guess, commented out)",
                      value.text, Header(column), what, close));
    } else if (field == Field::kSubject) {
      Problem(
          fmt::format("value '{}' in column '{}' is not a subject the rules know: it is read "
                      "as a subject of its own (accredit validate warns of it); if it is one "
                      "the rules know by another name, map it under values: subject",
                      value.text, Header(column)));
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
    map_.columns[FieldIndex(Field::kLevel)].clear();
    column_of_[FieldIndex(Field::kLevel)] = -1;
    Ignore(column,
           "its values are not one RQF level each (the level comes from the type and "
           "grade)");
    return;
  }
  map_.column_comments[FieldIndex(Field::kLevel)] = "RQF level: entry1 to entry3, 1 to 8";
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
  map_.column_comments[FieldIndex(Field::kHours)] = "hours: 1.5, 1:30, 90 mins, 10 hrs";
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
    map_.column_comments[FieldIndex(Field::kDate)] = "empty in every row";
    return;
  }
  if (guess.fitted == 0) {
    map_.columns[FieldIndex(Field::kDate)].clear();
    column_of_[FieldIndex(Field::kDate)] = -1;
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
  map_.column_comments[FieldIndex(Field::kDate)] = "how they are written: see dates: below";
  if (guess.fitted < guess.total) {
    Problem(fmt::format("column '{}' holds values that are not dates written {} in {}",
                        Header(column), NameOf(kDateFormatNames, guess.format),
                        RowList(guess.bad_lines)));
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
    const int column = column_of_[FieldIndex(field)];
    if (column < 0) return {};
    return {Header(static_cast<std::size_t>(column))};
  };
  for (Field field : {Field::kSubject, Field::kGrade, Field::kHours, Field::kStrand}) {
    std::vector<std::string> names = named(field);
    if (!names.empty()) map_.fits.push_back(std::move(names));
  }
}

namespace {

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
    for (const std::string& name : table.header) {
      if (FieldByName(Normalize(name))) continue;
      out.problems.push_back(fmt::format(
          "column '{}' is not one of accredit's fields (accredit-records(5), FIELDS): it is not "
          "read; rename it after the field it holds, or remove it",
          name));
    }
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
  if (table.header.size() == 1 && table.rows.empty() && table.bad_rows > 0) {
    // Nothing else is worth saying until the header is the first row.
    out.problems.push_back(
        "the first row has one cell and the rows below it more: it looks like a title above "
        "the header row; delete the rows above the header in the spreadsheet, save it and run "
        "accredit map again");
    return out;
  }
  TableProposer(table, vocabulary, out).Propose();
  return out;
}

}  // namespace accredit::internal
