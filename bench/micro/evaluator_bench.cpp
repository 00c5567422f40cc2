// Micro-benchmarks of Evaluator::Evaluate on the shipped default programme (Foxwood): one
// typical Advanced learner, with and without EvaluateOptions::trace, and a generated cohort
// (cohort.h) of every route, as `accredit validate` meets them. Reports learners/s (items).
#include <benchmark/benchmark.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "accredit/evaluator.h"
#include "cohort.h"
#include "fixture.h"

namespace accredit::bench {

namespace {

constexpr std::size_t kCohortLearners = 1000;
constexpr std::uint32_t kSeed = 20261122;

// GCSE maths and English, three A levels at ABC (48 + 40 + 32 UCAS points), an EPQ at B (20)
// and six activities: 102 hours, at least 15 in each strand. An Advanced merit (140 points;
// merit is 112 to 143).
std::vector<Row> TypicalRows() {
  auto qualification = [](std::string_view type, std::string_view subject, std::string_view grade,
                          std::string_view date) {
    return MakeRow({{Field::kKind, "qualification"},
                    {Field::kType, type},
                    {Field::kSubject, subject},
                    {Field::kGrade, grade},
                    {Field::kDate, date}});
  };
  auto activity = [](std::string_view strand, std::string_view hours, std::string_view date) {
    return MakeRow({{Field::kKind, "activity"},
                    {Field::kStrand, strand},
                    {Field::kHours, hours},
                    {Field::kDate, date}});
  };
  return {
      qualification("gcse", "mathematics", "6", ""),
      qualification("gcse", "english-language", "5", ""),
      qualification("a-level", "mathematics", "A", "2027-08-12"),
      qualification("a-level", "physics", "B", "2027-08-12"),
      qualification("a-level", "chemistry", "C", "2027-08-12"),
      MakeRow({{Field::kKind, "project"},
               {Field::kType, "epq"},
               {Field::kSubject, "extended-project"},
               {Field::kGrade, "B"},
               {Field::kDate, "2027-05-14"}}),
      activity("leadership-service", "20", "2025-10-04"),
      activity("leadership-service", "15", "2026-03-21"),
      activity("creative-cultural", "20", "2026-01-17"),
      activity("creative-cultural", "10", "2026-11-28"),
      activity("physical-outdoor", "25", "2026-06-13"),
      activity("physical-outdoor", "12", "2027-02-06"),
  };
}

// The default programme compiled, the typical learner and the generated cohort, built once.
struct EvaluatorInput {
  std::unique_ptr<LoadedRules> rules = LoadDefault();
  std::unique_ptr<Evaluator> evaluator;
  Learner typical;
  std::vector<Learner> cohort;
  std::string error;

  EvaluatorInput() {
    if (!rules->error.empty()) {
      error = rules->error;
      return;
    }
    const RuleSet& rs = rules->result.rules;
    evaluator = std::make_unique<Evaluator>(rs, *rules->programme);
    typical = BuildLearner(rs, "TYPICAL", TypicalRows(), error);
    for (const CohortLearner& learner : GenerateCohort(kCohortLearners, kSeed)) {
      cohort.push_back(BuildLearner(rs, learner.id, learner.rows, error));
    }
  }
};

const EvaluatorInput& Input() {
  static const EvaluatorInput input;
  return input;
}

// Argument 0: EvaluateOptions::trace.
void BM_EvaluateTypicalLearner(benchmark::State& state) {
  const EvaluatorInput& input = Input();
  if (!input.error.empty()) {
    state.SkipWithError(input.error.c_str());
    return;
  }
  EvaluateOptions options;
  options.trace = state.range(0) != 0;
  Outcome check = input.evaluator->Evaluate(input.typical, options);
  if (TierId(input.evaluator->programme(), check.tier) != "advanced" || check.grade != "merit" ||
      (options.trace && check.tiers.front().components.front().trace.node == nullptr)) {
    state.SkipWithError("the typical learner is not an Advanced merit (or has no trace)");
    return;
  }
  for (auto _ : state) {
    Outcome outcome = input.evaluator->Evaluate(input.typical, options);
    benchmark::DoNotOptimize(outcome);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_EvaluateCohort(benchmark::State& state) {
  const EvaluatorInput& input = Input();
  if (!input.error.empty()) {
    state.SkipWithError(input.error.c_str());
    return;
  }
  EvaluateOptions options;
  std::int64_t top_tier = 0;
  for (const Learner& learner : input.cohort) {
    Outcome outcome = input.evaluator->Evaluate(learner, options);
    if (outcome.data_error || outcome.search_limit_hit) {
      state.SkipWithError("a generated learner has a data error or hit the search limit");
      return;
    }
    top_tier += outcome.tier == 0 ? 1 : 0;
  }
  if (top_tier == 0) {
    state.SkipWithError("no generated learner achieves the top tier");
    return;
  }
  for (auto _ : state) {
    for (const Learner& learner : input.cohort) {
      Outcome outcome = input.evaluator->Evaluate(learner, options);
      benchmark::DoNotOptimize(outcome);
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(input.cohort.size()));
  state.counters["top_tier"] = static_cast<double>(top_tier);
}

}  // namespace

BENCHMARK(BM_EvaluateTypicalLearner)->ArgName("trace")->Arg(0)->Arg(1);
BENCHMARK(BM_EvaluateCohort)->Unit(benchmark::kMillisecond);

}  // namespace accredit::bench
