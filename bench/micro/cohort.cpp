// Generating the benchmarks' synthetic cohort and writing it as CSV and JSON Lines (cohort.h).
#include "cohort.h"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>
#include <random>

namespace accredit::bench {

namespace {

// Grades and weights as bench/gen_cohort.py draws them (rough national distributions).
constexpr std::array<std::string_view, 7> kALevel = {"A*", "A", "B", "C", "D", "E", "U"};
constexpr std::array<unsigned, 7> kALevelWeights = {9, 17, 25, 23, 15, 8, 3};
constexpr std::array<std::string_view, 8> kGcse = {"9", "8", "7", "6", "5", "4", "3", "2"};
constexpr std::array<unsigned, 8> kGcseWeights = {5, 8, 12, 16, 18, 20, 14, 7};
constexpr std::array<std::string_view, 6> kEpq = {"A*", "A", "B", "C", "D", "E"};
constexpr std::array<unsigned, 6> kEpqWeights = {12, 20, 28, 22, 12, 6};
constexpr std::array<std::string_view, 10> kBtec = {"D*D*D*", "D*D*D", "D*DD", "DDD", "DDM",
                                                    "DMM",    "MMM",   "MMP",  "MPP", "PPP"};
constexpr std::array<std::string_view, 4> kTLevel = {"Distinction*", "Distinction", "Merit",
                                                     "Pass"};
constexpr std::array<std::string_view, 16> kSubjects = {"mathematics",    "further-mathematics",
                                                        "physics",        "chemistry",
                                                        "biology",        "history",
                                                        "geography",      "english-literature",
                                                        "psychology",     "sociology",
                                                        "economics",      "computer-science",
                                                        "art-and-design", "french",
                                                        "spanish",        "religious-studies"};
constexpr std::array<std::string_view, 6> kBtecSubjects = {
    "business", "applied-science",        "information-technology",
    "sport",    "health-and-social-care", "engineering"};
constexpr std::array<std::string_view, 3> kStrands = {"leadership-service", "creative-cultural",
                                                      "physical-outdoor"};
constexpr std::array<std::string_view, 8> kHours = {"5", "8", "10", "12", "15", "20", "25", "30"};
constexpr std::array<std::size_t, 7> kActivityCounts = {6, 6, 7, 7, 7, 8, 8};
// Activity days: 23 months of 28 days from September 2025.
constexpr unsigned kActivityDays = 23 * 28;

// The columns CohortCsv() writes, in order.
constexpr std::array<Field, 10> kColumns = {
    Field::kLearner, Field::kKind,  Field::kType,   Field::kSubject, Field::kLevel,
    Field::kGrade,   Field::kHours, Field::kStrand, Field::kStatus,  Field::kDate};

// Draws from std::mt19937, whose output is fixed by the standard for a seed (the standard
// distributions are not), so the cohort is the same with any standard library.
class Draw {
 public:
  explicit Draw(std::uint32_t seed) : engine_(seed) {}

  // Uniform in [0, n) (the modulo bias is immaterial here).
  unsigned Below(unsigned n) { return static_cast<unsigned>(engine_() % n); }
  // True with probability `percent` / 100.
  bool Percent(unsigned percent) { return Below(100) < percent; }

  template <typename T, std::size_t N>
  T Pick(const std::array<T, N>& items) {
    return items[Below(static_cast<unsigned>(N))];
  }

  template <std::size_t N>
  std::string_view Weighted(const std::array<std::string_view, N>& items,
                            const std::array<unsigned, N>& weights) {
    unsigned r = Below(std::accumulate(weights.begin(), weights.end(), 0u));
    for (std::size_t i = 0; i < N; ++i) {
      if (r < weights[i]) return items[i];
      r -= weights[i];
    }
    return items[N - 1];
  }

  // `k` distinct values of [0, n), in draw order (a partial Fisher-Yates shuffle).
  std::vector<unsigned> Sample(unsigned n, std::size_t k) {
    std::vector<unsigned> values(n);
    std::iota(values.begin(), values.end(), 0u);
    for (std::size_t i = 0; i < k; ++i) {
      std::size_t j = i + Below(n - static_cast<unsigned>(i));
      std::swap(values[i], values[j]);
    }
    values.resize(k);
    return values;
  }

 private:
  std::mt19937 engine_;
};

std::string ActivityDate(unsigned day) {
  unsigned month = day / 28;
  return fmt::format("{:04}-{:02}-{:02}", 2025 + (8 + month) / 12, (8 + month) % 12 + 1,
                     day % 28 + 1);
}

CohortLearner GenerateLearner(Draw& draw, std::string id) {
  CohortLearner learner;
  learner.id = std::move(id);
  auto add = [&](std::initializer_list<std::pair<Field, std::string_view>> fields) {
    learner.rows.push_back(MakeRow(fields));
    learner.rows.back()[static_cast<std::size_t>(Field::kLearner)] = learner.id;
  };
  for (std::string_view subject : {"mathematics", "english-language"}) {
    add({{Field::kKind, "qualification"},
         {Field::kType, "gcse"},
         {Field::kSubject, subject},
         {Field::kGrade, draw.Weighted(kGcse, kGcseWeights)}});
  }
  unsigned route = draw.Below(100);
  if (route < 80) {
    for (unsigned s : draw.Sample(static_cast<unsigned>(kSubjects.size()), 3)) {
      add({{Field::kKind, "qualification"},
           {Field::kType, "a-level"},
           {Field::kSubject, kSubjects[s]},
           {Field::kGrade, draw.Weighted(kALevel, kALevelWeights)},
           {Field::kDate, "2027-08-12"}});
    }
  } else if (route < 95) {
    add({{Field::kKind, "qualification"},
         {Field::kType, "btec-national-extended-diploma"},
         {Field::kSubject, draw.Pick(kBtecSubjects)},
         {Field::kGrade, draw.Pick(kBtec)},
         {Field::kDate, "2027-08-12"}});
  } else {
    add({{Field::kKind, "qualification"},
         {Field::kType, "t-level"},
         {Field::kSubject, draw.Pick(kBtecSubjects)},
         {Field::kGrade, draw.Pick(kTLevel)},
         {Field::kDate, "2027-08-12"}});
  }
  if (draw.Percent(70)) {
    add({{Field::kKind, "project"},
         {Field::kType, "epq"},
         {Field::kSubject, "extended-project"},
         {Field::kGrade, draw.Weighted(kEpq, kEpqWeights)},
         {Field::kDate, "2027-05-14"}});
  }
  // Distinct days, so that no two activities are the same row (a `duplicate-row`).
  std::vector<unsigned> days = draw.Sample(kActivityDays, draw.Pick(kActivityCounts));
  std::sort(days.begin(), days.end());
  for (unsigned day : days) {
    std::string date = ActivityDate(day);
    add({{Field::kKind, "activity"},
         {Field::kHours, draw.Pick(kHours)},
         {Field::kStrand, draw.Pick(kStrands)},
         {Field::kDate, date},
         {Field::kStatus, draw.Percent(3) ? "in-progress" : "achieved"}});
  }
  return learner;
}

}  // namespace

Row MakeRow(std::initializer_list<std::pair<Field, std::string_view>> fields) {
  Row row;
  for (const auto& [field, text] : fields) row[static_cast<std::size_t>(field)] = text;
  return row;
}

std::vector<CohortLearner> GenerateCohort(std::size_t learners, std::uint32_t seed) {
  Draw draw(seed);
  std::vector<CohortLearner> cohort;
  cohort.reserve(learners);
  for (std::size_t i = 0; i < learners; ++i) {
    cohort.push_back(GenerateLearner(draw, fmt::format("L{:07}", i)));
  }
  return cohort;
}

std::size_t RowCount(const std::vector<CohortLearner>& cohort) {
  std::size_t rows = 0;
  for (const CohortLearner& learner : cohort) rows += learner.rows.size();
  return rows;
}

std::string CohortCsv(const std::vector<CohortLearner>& cohort) {
  std::string csv;
  for (Field field : kColumns) {
    if (field != kColumns.front()) csv += ',';
    csv += FieldName(field);
  }
  csv += '\n';
  for (const CohortLearner& learner : cohort) {
    for (const Row& row : learner.rows) {
      for (Field field : kColumns) {
        if (field != kColumns.front()) csv += ',';
        csv += row[static_cast<std::size_t>(field)];
      }
      csv += '\n';
    }
  }
  return csv;
}

std::string CohortJsonLines(const std::vector<CohortLearner>& cohort) {
  // The generated texts hold no quote, backslash or control character: none needs escaping.
  std::string jsonl;
  for (const CohortLearner& learner : cohort) {
    jsonl += "{\"id\":\"" + learner.id + "\",\"achievements\":[";
    for (const Row& row : learner.rows) {
      if (&row != &learner.rows.front()) jsonl += ',';
      jsonl += '{';
      bool first = true;
      for (Field field : kColumns) {
        const std::string& text = row[static_cast<std::size_t>(field)];
        if (field == Field::kLearner || text.empty()) continue;
        jsonl += first ? "\"" : ",\"";
        jsonl += FieldName(field);
        jsonl += "\":\"" + text + "\"";
        first = false;
      }
      jsonl += '}';
    }
    jsonl += "]}\n";
  }
  return jsonl;
}

}  // namespace accredit::bench
