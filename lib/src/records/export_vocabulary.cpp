#include "records/export_vocabulary.h"

#include <algorithm>
#include <utility>

#include "accredit/diagnostic.h"
#include "base/text.h"

namespace accredit::internal {

namespace {

// Column names school systems use (SIMS, Arbor, Bromcom, iSAMS, Ofqual's templates, online
// forms), by what they hold; within one field or attribute, earlier is preferred. A school's
// own ids come before exam candidate numbers: activity logs and pupil lists name learners by
// the UPN or the admission number, rarely by an exam entry's number.
struct HeaderWords {
  std::string_view what;  // a field name, "@attribute", or "-" (known, not read)
  std::string_view why;   // for "-": why it is not read
  std::vector<std::string_view> names;
};

const std::vector<HeaderWords>& KnownHeaders() {
  static const std::vector<HeaderWords> kHeaders = {
      {"learner",
       "",
       {"upn",
        "learner",
        "learner id",
        "adno",
        "admission number",
        "admission no",
        "adm no",
        "pupil id",
        "student id",
        "pupil number",
        "student number",
        "learner number",
        "mis id",
        "uci",
        "unique candidate identifier",
        "candidate number",
        "candidatenumber",
        "candidate no",
        "cand no",
        "cand number",
        "candno",
        "exam number",
        "exam no",
        "id",
        "uln"}},
      {"qan",
       "",
       {"qan", "qn", "qualification number", "qualificationnumber", "qual number", "qan code",
        "qualification code", "qual code"}},
      {"type",
       "",
       {"type", "qualification", "qualification type", "qualificationtype", "qual", "qual type",
        "course type", "award type", "qualification title"}},
      {"subject",
       "",
       {"subject", "subject title", "specificationtitle", "specification title", "subject name",
        "course", "course name", "course title"}},
      {"grade",
       "",
       {"grade", "result", "final grade", "grade achieved", "result grade", "outcome"}},
      {"level",
       "",
       {"level", "qualification level", "qualificationlevel", "rqf level", "qual level"}},
      {"hours",
       "",
       {"hours", "hrs", "number of hours", "hours completed", "hours spent", "duration", "time",
        "time spent"}},
      {"strand", "", {"strand", "pdp strand", "pdp area", "area", "bacc strand", "element"}},
      {"status",
       "",
       {"status", "result status", "grade status", "entry status", "finished", "completed",
        "complete", "done", "is it finished"}},
      {"date",
       "",
       {"date", "series", "exam series", "examseries", "date achieved", "activity date",
        "date of activity", "award date", "completion date", "date completed", "results date",
        "timestamp"}},
      {"title", "", {"title", "activity", "activity name", "activity title", "what did you do"}},
      {"provider",
       "",
       {"provider", "provider name", "organisation", "organization", "organised by", "club",
        "awarding body", "awarding organisation", "awardingorganisation", "exam board", "board"}},
      {"evidence", "", {"evidence", "evidence link", "link", "url", "evidence url"}},
      {"category", "", {"category", "ssa", "sector subject area"}},
      {"kind", "", {"kind", "record type", "achievement type"}},
      {"@name",
       "",
       {"name", "full name", "pupil name", "student name", "learner name", "candidate name",
        "your name"}},
      {"@forename",
       "",
       {"preferred forename", "forename", "legal forename", "first name", "firstname", "given name",
        "forenames"}},
      {"@surname",
       "",
       {"surname", "legal surname", "preferred surname", "last name", "lastname", "family name"}},
      {"@form",
       "",
       {"reg group", "registration group", "form", "form group", "tutor group", "reg", "tutor",
        "class"}},
      {"@year", "", {"year group", "year", "nc year", "yr", "yeargroup", "yr group"}},
      {"@gender", "", {"gender", "sex"}},
      {"@pupil-premium",
       "",
       {"pupil premium", "pp", "pupil premium indicator", "disadvantaged", "pp indicator"}},
      {"@send", "", {"sen status", "send", "sen", "sen need", "send status", "sen provision"}},
      {"@eal", "", {"eal", "english as an additional language"}},
      {"-",
       "a date of birth is not needed to judge results",
       {"date of birth", "dob", "birth date", "d o b"}},
      {"-",
       "contact details are not needed",
       {"email", "email address", "e mail", "address", "postcode", "phone", "telephone"}},
      {"-", "the centre is the same for every row", {"centreno", "centre number", "centre no"}},
      {"-",
       "when the form was filled in, not when the activity was done",
       {"start time", "completion time", "last modified time", "submitted at", "submission time"}},
  };
  return kHeaders;
}

// Subject spellings of exports and timetables beyond the rules' own ids and titles.
constexpr std::pair<std::string_view, std::string_view> kSubjectSpellings[] = {
    {"maths", "mathematics"},
    {"math", "mathematics"},
    {"mathematics", "mathematics"},
    {"further maths", "further-mathematics"},
    {"further mathematics", "further-mathematics"},
    {"eng lang", "english-language"},
    {"english lang", "english-language"},
    {"english language", "english-language"},
    {"eng language", "english-language"},
    {"eng lit", "english-literature"},
    {"english lit", "english-literature"},
    {"english literature", "english-literature"},
    {"eng literature", "english-literature"},
    {"comb sci", "combined-science"},
    {"combined sci", "combined-science"},
    {"combined science", "combined-science"},
    {"science combined", "combined-science"},
    {"combined science trilogy", "combined-science"},
    {"combined science synergy", "combined-science"},
    {"double science", "combined-science"},
    {"trilogy", "combined-science"},
    {"bio", "biology"},
    {"chem", "chemistry"},
    {"phys", "physics"},
    {"art", "art-and-design"},
    {"art and design", "art-and-design"},
    {"fine art", "art-and-design"},
    {"comp sci", "computer-science"},
    {"computer sci", "computer-science"},
    {"computing", "computer-science"},
    {"cs", "computer-science"},
    {"ict", "information-technology"},
    {"it", "information-technology"},
    {"re", "religious-studies"},
    {"rs", "religious-studies"},
    {"religious education", "religious-studies"},
    {"rps", "religious-studies"},
    {"pe", "physical-education"},
    {"physical education", "physical-education"},
    {"gcse pe", "physical-education"},
    {"d and t", "design-and-technology"},
    {"dt", "design-and-technology"},
    {"design technology", "design-and-technology"},
    {"design and technology", "design-and-technology"},
    {"food tech", "food-preparation-and-nutrition"},
    {"food prep", "food-preparation-and-nutrition"},
    {"food", "food-preparation-and-nutrition"},
    {"food preparation and nutrition", "food-preparation-and-nutrition"},
    {"hospitality and catering", "hospitality"},
    {"geog", "geography"},
    {"hist", "history"},
    {"fr", "french"},
    {"span", "spanish"},
    {"ger", "german"},
    {"stats", "statistics"},
    {"psych", "psychology"},
    {"socio", "sociology"},
    {"econ", "economics"},
    {"media", "media-studies"},
    {"film", "film-studies"},
    {"drama and theatre", "drama"},
    {"health and social care", "health-and-social-care"},
    {"h and sc", "health-and-social-care"},
    {"hsc", "health-and-social-care"},
    {"sport", "sport"},
    {"sports", "sport"},
    {"sport studies", "sport"},
    {"sports studies", "sport"},
    {"travel and tourism", "travel-and-tourism"},
    {"classics", "classical-civilisation"},
    {"citizenship", "citizenship"},
    {"epq", "extended-project"},
    {"hpq", "extended-project"},
    {"fpq", "extended-project"},
    {"extended project", "extended-project"},
    {"higher project", "extended-project"},
    {"foundation project", "extended-project"},
};

// Qualification type spellings of exports ("GCSE (9-1)", "BTEC Nat Ext Dip").
constexpr std::pair<std::string_view, std::string_view> kTypeSpellings[] = {
    {"gcse", "gcse"},
    {"gcse 9 1", "gcse"},
    {"gcse 9 1 full course", "gcse"},
    {"gcse full course", "gcse"},
    {"gcse short course", "gcse-short-course"},
    {"gcse combined science", "gcse-combined-science"},
    {"gcse 9 1 combined science", "gcse-combined-science"},
    {"gcse double award", "gcse-combined-science"},
    {"combined science", "gcse-combined-science"},
    {"a level", "a-level"},
    {"alevel", "a-level"},
    {"a2", "a-level"},
    {"gce a level", "a-level"},
    {"gce a2 level", "a-level"},
    {"gce", "a-level"},
    {"as level", "as-level"},
    {"as", "as-level"},
    {"gce as level", "as-level"},
    {"core maths", "core-maths"},
    {"level 3 certificate in mathematical studies", "core-maths"},
    {"mathematical studies", "core-maths"},
    {"epq", "epq"},
    {"extended project", "epq"},
    {"extended project qualification", "epq"},
    {"hpq", "higher-project"},
    {"higher project", "higher-project"},
    {"fpq", "foundation-project"},
    {"foundation project", "foundation-project"},
    {"btec tech award", "btec-tech-award"},
    {"btec level 1 2 tech award", "btec-tech-award"},
    {"tech award", "btec-tech-award"},
    {"btec first award", "btec-tech-award"},
    {"btec nat ext dip", "btec-national-extended-diploma"},
    {"btec ext dip", "btec-national-extended-diploma"},
    {"btec national extended diploma", "btec-national-extended-diploma"},
    {"btec nat dip", "btec-national-diploma"},
    {"btec national diploma", "btec-national-diploma"},
    {"btec nat ext cert", "btec-national-extended-certificate"},
    {"btec ext cert", "btec-national-extended-certificate"},
    {"btec national extended certificate", "btec-national-extended-certificate"},
    {"functional skills", "functional-skills"},
    {"fs", "functional-skills"},
    {"functional skills qualification", "functional-skills"},
    {"t level", "t-level"},
    {"tlevel", "t-level"},
    {"hl", "ib-higher-level"},
    {"sl", "ib-standard-level"},
    {"centre project", "centre-project"},
};

// Strands as activity logs and online forms spell them.
constexpr std::pair<std::string_view, std::string_view> kStrandSpellings[] = {
    {"leadership and service", "leadership-service"},
    {"leadership service", "leadership-service"},
    {"leadership", "leadership-service"},
    {"service", "leadership-service"},
    {"community service", "leadership-service"},
    {"volunteering", "leadership-service"},
    {"creative and cultural", "creative-cultural"},
    {"creative cultural", "creative-cultural"},
    {"creative", "creative-cultural"},
    {"cultural", "creative-cultural"},
    {"physical and outdoor", "physical-outdoor"},
    {"physical outdoor", "physical-outdoor"},
    {"physical", "physical-outdoor"},
    {"outdoor", "physical-outdoor"},
    {"sport", "physical-outdoor"},
    {"sports", "physical-outdoor"},
    {"physical activity", "physical-outdoor"},
    {"outdoor education", "physical-outdoor"},
    {"the arts", "creative-cultural"},
    {"arts", "creative-cultural"},
};

constexpr std::pair<std::string_view, std::string_view> kStatusSpellings[] = {
    {"achieved", "achieved"},    {"actual", "achieved"},         {"final", "achieved"},
    {"awarded", "achieved"},     {"completed", "achieved"},      {"complete", "achieved"},
    {"predicted", "predicted"},  {"forecast", "predicted"},      {"estimate", "predicted"},
    {"estimated", "predicted"},  {"in progress", "in-progress"}, {"ongoing", "in-progress"},
    {"studying", "in-progress"}, {"withdrawn", "withdrawn"},     {"dropped", "withdrawn"},
};

constexpr std::pair<std::string_view, std::string_view> kKindSpellings[] = {
    {"qualification", "qualification"}, {"exam", "qualification"},
    {"course", "qualification"},        {"project", "project"},
    {"activity", "activity"},
};

// Special result codes as exports write them: the code a scale may have for each.
constexpr std::pair<std::string_view, std::string_view> kSpecialSpellings[] = {
    {"absent", "X"}, {"abs", "X"},          {"pending", "Q"},  {"not submitted", "N"},
    {"ns", "N"},     {"unclassified", "U"}, {"ungraded", "U"},
};

// Grade spellings compared with words spelled out: "Level 2 Distinction*" and "L2D*" are both
// "l2d*", "Dist" and "D" both "d".
std::string GradeKey(std::string_view text) {
  std::string lowered = LowerAscii(TrimSpace(text));
  struct Word {
    std::string_view from;
    std::string_view to;
  };
  static constexpr Word kWords[] = {{"distinction", "d"}, {"dist", "d"},  {"merit", "m"},
                                    {"pass", "p"},        {"level", "l"}, {"star", "*"}};
  std::string out;
  for (std::size_t i = 0; i < lowered.size();) {
    bool replaced = false;
    for (const Word& word : kWords) {
      if (std::string_view(lowered).substr(i).starts_with(word.from)) {
        out += word.to;
        i += word.from.size();
        replaced = true;
        break;
      }
    }
    if (replaced) continue;
    const char c = lowered[i++];
    if (c != ' ' && c != '_' && c != '.') out += c;
  }
  return out;
}

// How likely a type is for a grade column, before the rules' order. First the types most
// school exports hold: a column whose header names no type is taken to be one of these when
// one of them reads its grades (IsCommonType).
constexpr std::string_view kCommonTypes[] = {"gcse", "gcse-combined-science", "btec-tech-award",
                                             "a-level", "as-level"};
// Then these, which a column's header usually names ("Core Maths", "EPQ").
constexpr std::string_view kNextTypes[] = {"core-maths", "epq", "higher-project",
                                           "foundation-project"};

}  // namespace

std::string WordKey(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  auto space = [&] {
    if (!out.empty() && out.back() != ' ') out += ' ';
  };
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || u >= 0x80) {
      out += c;
    } else if (c == '&' || c == '+') {
      space();
      out += "and ";
    } else {
      space();
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

ExportVocabulary::ExportVocabulary(const RuleSet& rules, std::span<const ColumnMap> shipped)
    : rules_(rules) {
  for (const HeaderWords& words : KnownHeaders()) {
    for (std::size_t i = 0; i < words.names.size(); ++i) {
      HeaderMeaning meaning;
      meaning.rank = static_cast<int>(i);
      if (words.what == "-") {
        meaning.kind = HeaderMeaning::Kind::kIgnore;
        meaning.why = std::string(words.why);
      } else if (words.what.starts_with('@')) {
        meaning.kind = HeaderMeaning::Kind::kAttribute;
        meaning.attribute = std::string(words.what.substr(1));
      } else {
        meaning.kind = HeaderMeaning::Kind::kField;
        meaning.field = *FieldByName(words.what);
      }
      headers_.emplace(WordKey(words.names[i]), std::move(meaning));
    }
  }
  // The shipped mappings' column names, after the table's own (which ranks them).
  for (const ColumnMap& map : shipped) {
    for (std::size_t f = 0; f < kFieldCount; ++f) {
      for (const std::string& name : map.columns[f]) {
        HeaderMeaning meaning;
        meaning.kind = HeaderMeaning::Kind::kField;
        meaning.field = static_cast<Field>(f);
        meaning.rank = 100;
        headers_.emplace(WordKey(name), std::move(meaning));
      }
    }
    for (const auto& [attribute, names] : map.attributes) {
      for (const std::string& name : names) {
        HeaderMeaning meaning;
        meaning.kind = HeaderMeaning::Kind::kAttribute;
        meaning.attribute = attribute;
        meaning.rank = 100;
        headers_.emplace(WordKey(name), std::move(meaning));
      }
    }
  }

  // Values: the rules' ids and titles first, then the tables, then the shipped mappings.
  for (const accredit::Subject& subject : rules.subjects) {
    AddValue(Field::kSubject, subject.id, subject.id);
    AddValue(Field::kSubject, subject.title, subject.id);
    canonical_[static_cast<std::size_t>(Field::kSubject)].push_back(subject.id);
  }
  for (const QualType& type : rules.types) {
    AddValue(Field::kType, type.id, type.id);
    AddValue(Field::kType, type.title, type.id);
    canonical_[static_cast<std::size_t>(Field::kType)].push_back(type.id);
  }
  std::vector<std::string> strands(kBuiltinStrands.begin(), kBuiltinStrands.end());
  for (const NamedItem& strand : rules.strands) strands.push_back(strand.id);
  for (const std::string& strand : strands) {
    AddValue(Field::kStrand, strand, strand);
    canonical_[static_cast<std::size_t>(Field::kStrand)].push_back(strand);
  }
  for (const NamedItem& strand : rules.strands) AddValue(Field::kStrand, strand.title, strand.id);
  const auto add_table = [&](Field field,
                             std::span<const std::pair<std::string_view, std::string_view>> table,
                             bool check_subject, bool check_type) {
    for (const auto& [spelling, canonical] : table) {
      if (check_subject && rules.FindSubject(canonical) == kNone) continue;
      if (check_type && rules.FindType(canonical) == kNone) continue;
      AddValue(field, spelling, canonical);
    }
  };
  add_table(Field::kSubject, kSubjectSpellings, !rules.subjects.empty(), false);
  add_table(Field::kType, kTypeSpellings, false, true);
  add_table(Field::kStrand, kStrandSpellings, false, false);
  add_table(Field::kStatus, kStatusSpellings, false, false);
  add_table(Field::kKind, kKindSpellings, false, false);
  for (const auto& entry : kStatusNames) {
    canonical_[static_cast<std::size_t>(Field::kStatus)].emplace_back(entry.name);
  }
  for (const auto& entry : kKindNames) {
    canonical_[static_cast<std::size_t>(Field::kKind)].emplace_back(entry.name);
  }
  for (const ColumnMap& map : shipped) {
    for (Field field : {Field::kSubject, Field::kType}) {
      for (const auto& [spelling, canonical] : map.values[static_cast<std::size_t>(field)]) {
        if (field == Field::kSubject && !rules.subjects.empty() &&
            rules.FindSubject(canonical) == kNone) {
          continue;
        }
        if (field == Field::kType && rules.FindType(canonical) == kNone) continue;
        AddValue(field, spelling, canonical);
      }
    }
    if (map.wide) {
      for (const auto& [column, grade] : map.wide->subjects) {
        if (rules.subjects.empty() || rules.FindSubject(grade.subject) != kNone) {
          AddValue(Field::kSubject, column, grade.subject);
        }
      }
    }
  }

  const auto add_graded = [&](std::string_view id) {
    const int t = rules.FindType(id);
    if (t != kNone && rules.types[static_cast<std::size_t>(t)].scale != kNone) {
      graded_types_.push_back(t);
    }
  };
  for (std::string_view id : kCommonTypes) add_graded(id);
  common_types_ = graded_types_.size();
  for (std::string_view id : kNextTypes) add_graded(id);
  for (std::size_t t = 0; t < rules.types.size(); ++t) {
    const int index = static_cast<int>(t);
    if (rules.types[t].scale != kNone &&
        std::find(graded_types_.begin(), graded_types_.end(), index) == graded_types_.end()) {
      graded_types_.push_back(index);
    }
  }
}

void ExportVocabulary::AddValue(Field field, std::string_view spelling,
                                std::string_view canonical) {
  auto& table = values_[static_cast<std::size_t>(field)];
  table.emplace(WordKey(spelling), std::string(canonical));
  // "Leadership/Service" and "Leadership & Service" alike: without the word "and" too.
  std::string key = WordKey(spelling);
  std::string without;
  std::size_t start = 0;
  while (start <= key.size()) {
    std::size_t end = std::min(key.find(' ', start), key.size());
    std::string_view word = std::string_view(key).substr(start, end - start);
    if (word != "and" && !word.empty()) {
      if (!without.empty()) without += ' ';
      without += word;
    }
    start = end + 1;
  }
  table.emplace(std::move(without), std::string(canonical));
}

HeaderMeaning ExportVocabulary::Header(std::string_view name) const {
  const std::string key = WordKey(name);
  auto it = headers_.find(key);
  if (it != headers_.end()) return it->second;
  // A question of an online form ("How many hours?", "Which strand?"): by a word in it.
  static constexpr std::pair<std::string_view, Field> kWords[] = {
      {"hours", Field::kHours}, {"hrs", Field::kHours}, {"strand", Field::kStrand}};
  for (const auto& [word, field] : kWords) {
    std::size_t at = 0;
    while ((at = key.find(word, at)) != std::string::npos) {
      const std::size_t end = at + word.size();
      if ((at == 0 || key[at - 1] == ' ') && (end == key.size() || key[end] == ' ')) {
        HeaderMeaning meaning;
        meaning.kind = HeaderMeaning::Kind::kField;
        meaning.field = field;
        meaning.rank = 60;
        return meaning;
      }
      at = end;
    }
  }
  if (std::optional<Field> field = FieldByName(Normalize(name))) {
    HeaderMeaning meaning;
    meaning.kind = HeaderMeaning::Kind::kField;
    meaning.field = *field;
    return meaning;
  }
  return {};
}

std::pair<std::string, std::string> ExportVocabulary::SplitTypeWords(std::string_view name) const {
  const std::string key = WordKey(name);
  // "History (GCSE)", "GCSE History", "BTEC Sport", "Maths A Level", "Maths Grade".
  static constexpr std::string_view kQualifiers[] = {
      "gcse 9 1", "gcse", "btec",       "a level", "alevel", "as level", "as",
      "gce",      "epq",  "hpq",        "fpq",     "ib hl",  "ib sl",    "hl",
      "sl",       "ib",   "tech award", "t level", "fs",     "grade",    "result"};
  for (std::string_view qualifier : kQualifiers) {
    const std::string word(qualifier);
    if (key.starts_with(word + " ")) return {key.substr(word.size() + 1), word};
    if (key.ends_with(" " + word)) return {key.substr(0, key.size() - word.size() - 1), word};
  }
  return {key, ""};
}

std::optional<SubjectHeader> ExportVocabulary::Subject(std::string_view name) const {
  if (std::string subject = Value(Field::kSubject, name); !subject.empty()) {
    return SubjectHeader{subject, ""};
  }
  auto [rest, qualifier] = SplitTypeWords(name);
  if (qualifier.empty()) return std::nullopt;
  if (std::string subject = Value(Field::kSubject, rest); !subject.empty()) {
    if (qualifier == "grade" || qualifier == "result") qualifier.clear();
    return SubjectHeader{subject, qualifier};
  }
  return std::nullopt;
}

bool ExportVocabulary::ReadAsIs(Field field, std::string_view spelling) const {
  if (field == Field::kSubject) return rules_.MatchSubject(spelling) != kNone;
  if (field == Field::kType) return rules_.MatchType(spelling) != kNone;
  if (field == Field::kStatus || field == Field::kKind) {
    const std::string lowered = LowerAscii(TrimSpace(spelling));
    return field == Field::kStatus ? StatusByName(lowered).has_value()
                                   : KindByName(lowered).has_value();
  }
  return false;
}

std::string ExportVocabulary::Value(Field field, std::string_view spelling) const {
  // The rules' own ids and aliases first: what the records resolver itself matches.
  if (field == Field::kSubject) {
    if (const int s = rules_.MatchSubject(spelling); s != kNone) {
      return rules_.subjects[static_cast<std::size_t>(s)].id;
    }
  } else if (field == Field::kType) {
    if (const int t = rules_.MatchType(spelling); t != kNone) {
      return rules_.types[static_cast<std::size_t>(t)].id;
    }
  }
  const auto& table = values_[static_cast<std::size_t>(field)];
  auto it = table.find(WordKey(spelling));
  return it == table.end() ? std::string() : it->second;
}

std::string ExportVocabulary::Closest(Field field, std::string_view spelling) const {
  if (field == Field::kSubject) {
    if (std::string close = rules_.SuggestSubject(spelling); !close.empty()) return close;
  } else if (field == Field::kType) {
    if (std::string close = rules_.SuggestType(spelling); !close.empty()) return close;
  }
  const auto& candidates = canonical_[static_cast<std::size_t>(field)];
  std::string close = ClosestMatch(IdForm(spelling), candidates);
  if (!close.empty()) return close;
  // Against the spellings too ("Sprts" is close to "sports"), answering with the canonical.
  std::vector<std::string> spellings;
  for (const auto& [key, canonical] : values_[static_cast<std::size_t>(field)]) {
    spellings.push_back(key);
  }
  std::sort(spellings.begin(), spellings.end());
  close = ClosestMatch(WordKey(spelling), spellings);
  return close.empty() ? close : values_[static_cast<std::size_t>(field)].at(close);
}

std::string ExportVocabulary::Grade(int type, std::string_view spelling) const {
  if (type == kNone) return {};
  const QualType& qual = rules_.types[static_cast<std::size_t>(type)];
  if (qual.scale == kNone) return {};
  const Scale& scale = rules_.scales[static_cast<std::size_t>(qual.scale)];
  const std::string_view text = TrimSpace(spelling);
  const std::string lowered = LowerAscii(text);
  for (const std::string& grade : scale.grades) {
    if (grade == text || LowerAscii(grade) == lowered) return grade;
  }
  for (const SpecialCode& special : scale.special) {
    if (special.code == text || LowerAscii(special.code) == lowered) return special.code;
  }
  const std::string key = GradeKey(text);
  if (key.empty()) return {};
  for (const std::string& grade : scale.grades) {
    if (GradeKey(grade) == key) return grade;
  }
  for (const auto& [word, code] : kSpecialSpellings) {
    if (WordKey(text) != word) continue;
    if (scale.Special(code) != nullptr || scale.Rank(code) != kNone) return std::string(code);
  }
  return {};
}

}  // namespace accredit::internal
