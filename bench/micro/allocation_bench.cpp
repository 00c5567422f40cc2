// Micro-benchmark of the allocation search (lib/src/engine/allocation.h), measured through the
// public Evaluator on a programme built so that the search dominates: one graded tier whose three
// exclusive components all want the learner's A levels, so that every A level is contested by
// two or three components. The grading counts the UCAS points of two of them; the third takes
// A levels for no points, so the best score (every A level but the cheapest) is below the
// bound the search could stop at, and it must rule out the other allocations. The argument is
// the number of A levels; the search space grows as 2 to 3 to that power.
#include <benchmark/benchmark.h>

#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "accredit/evaluator.h"
#include "cohort.h"
#include "fixture.h"

namespace accredit::bench {

namespace {

constexpr std::string_view kContestedRules = R"(accredit: 1
uses:
  - england/types.yaml
  - england/subjects.yaml
  - england/ucas-tariff-2017.yaml
programme:
  id: contested
  title: Contested A levels
tiers:
  full:
    title: Full
    components:
      main:
        role: core-learning
        count: {at_least: 3, where: {type: a-level, grade: ">= C"}}
      specialist:
        role: breadth
        count: {at_least: 1, where: {type: a-level, grade: ">= E", subject: [mathematics, further-mathematics, physics, chemistry, biology, computer-science]}}
      enrichment:
        role: breadth
        count: {at_least: 1, where: {type: a-level, grade: ">= E"}}
    grading:
      points: {table: ucas-2017, of: [main, specialist]}
      bands: {high: 200, low: 0}
)";

// A levels in turn: a science (contested by all three components), then another subject (by
// main and enrichment); grades A*, A, B, C in turn, with their UCAS points. C falls on the
// fourth, eighth and twelfth A level, never a science, so the cheapest A level can always go to
// enrichment and the best score is the total less 32.
constexpr std::array<std::string_view, 12> kSubjects = {
    "mathematics",         "history",   "physics",          "geography",
    "chemistry",           "economics", "biology",          "psychology",
    "further-mathematics", "french",    "computer-science", "sociology"};
constexpr std::array<std::string_view, 4> kGrades = {"A*", "A", "B", "C"};
constexpr std::array<double, 4> kPoints = {56, 48, 40, 32};

struct AllocationInput {
  std::unique_ptr<LoadedRules> rules = LoadText(kContestedRules, "contested");
  std::unique_ptr<Evaluator> evaluator;

  AllocationInput() {
    if (rules->error.empty()) {
      evaluator = std::make_unique<Evaluator>(rules->result.rules, *rules->programme);
    }
  }
};

const AllocationInput& Input() {
  static const AllocationInput input;
  return input;
}

// Argument 0: the number of A levels (5 to 12: main, specialist and enrichment need five).
void BM_AllocateContestedALevels(benchmark::State& state) {
  const AllocationInput& input = Input();
  if (!input.rules->error.empty()) {
    state.SkipWithError(input.rules->error.c_str());
    return;
  }
  std::size_t count = static_cast<std::size_t>(state.range(0));
  std::vector<Row> rows;
  double best_score = -kPoints.back();
  for (std::size_t i = 0; i < count; ++i) {
    rows.push_back(MakeRow({{Field::kType, "a-level"},
                            {Field::kSubject, kSubjects[i]},
                            {Field::kGrade, kGrades[i % kGrades.size()]}}));
    best_score += kPoints[i % kPoints.size()];
  }
  std::string error;
  Learner learner = BuildLearner(input.rules->result.rules, "CONTESTED", rows, error);
  if (!error.empty()) {
    state.SkipWithError(error.c_str());
    return;
  }
  EvaluateOptions options;
  Outcome check = input.evaluator->Evaluate(learner, options);
  if (check.tier != 0 || check.search_limit_hit || check.tiers.back().score != best_score) {
    state.SkipWithError("the search did not find the best allocation within its limit");
    return;
  }
  for (auto _ : state) {
    Outcome outcome = input.evaluator->Evaluate(learner, options);
    benchmark::DoNotOptimize(outcome);
  }
}

}  // namespace

BENCHMARK(BM_AllocateContestedALevels)
    ->ArgName("a_levels")
    ->DenseRange(5, 11, 2)
    ->Unit(benchmark::kMicrosecond);

}  // namespace accredit::bench
