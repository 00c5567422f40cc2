// Micro-benchmarks of what every run pays before its first learner: loading the default
// programme (LoadDefaultRules: the embedded YAML parsed, `uses` followed, every check run) and
// compiling it (Evaluator construction: the plan of plan.h). Issue #6 asks for both together
// in at most 5 ms.
#include <benchmark/benchmark.h>

#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "accredit/evaluator.h"
#include "accredit/rules_loader.h"
#include "fixture.h"

namespace accredit::bench {

namespace {

// The default rules, loaded once (for the compile benchmark and to check they load cleanly).
const LoadedRules& Default() {
  static const std::unique_ptr<LoadedRules> loaded = LoadDefault();
  return *loaded;
}

// Skips `state` unless the default rules load with no diagnostic; true when they do.
bool DefaultRulesLoad(benchmark::State& state) {
  if (!Default().error.empty()) state.SkipWithError(Default().error.c_str());
  return Default().error.empty();
}

void BM_LoadDefaultRules(benchmark::State& state) {
  if (!DefaultRulesLoad(state)) return;
  for (auto _ : state) {
    SourceSet sources;
    LoadResult result = LoadDefaultRules(sources);
    benchmark::DoNotOptimize(result);
  }
}

void BM_CompileDefaultProgramme(benchmark::State& state) {
  if (!DefaultRulesLoad(state)) return;
  for (auto _ : state) {
    Evaluator evaluator(Default().result.rules, *Default().programme);
    benchmark::DoNotOptimize(evaluator);
  }
}

void BM_LoadAndCompileDefaultRules(benchmark::State& state) {
  if (!DefaultRulesLoad(state)) return;
  for (auto _ : state) {
    SourceSet sources;
    LoadResult result = LoadDefaultRules(sources);
    int index = result.rules.FindProgramme(kDefaultProgramme);
    Evaluator evaluator(result.rules, result.rules.programmes[static_cast<std::size_t>(index)]);
    benchmark::DoNotOptimize(evaluator);
  }
}

// Each shipped programme, from the rules embedded in the binary, loaded and compiled: issue
// #20 holds rule language 1.1 (`define` and `use` in the HTRT awards) to the same 5 ms.
constexpr const char* kShippedProgrammes[] = {
    "<rules>/nbt/foxwood-sixth-form.yaml",
    "<rules>/nbt/ashdown-ks4.yaml",
    "<rules>/htrt/bacc.yaml",
    "<rules>/htrt/tech-bacc.yaml",
    "<rules>/dfe/t-level.yaml",
    "<rules>/wjec/welsh-bacc.yaml",
};

void BM_LoadAndCompileShippedProgramme(benchmark::State& state) {
  const std::string path = kShippedProgrammes[state.range(0)];
  state.SetLabel(path);
  for (auto _ : state) {
    SourceSet sources;
    LoadResult result = LoadRules(std::vector<std::string>{path}, sources);
    if (!result.ok() || result.rules.programmes.empty()) {
      state.SkipWithError("the programme does not load cleanly");
      return;
    }
    Evaluator evaluator(result.rules, result.rules.programmes.front());
    benchmark::DoNotOptimize(evaluator);
  }
}

}  // namespace

BENCHMARK(BM_LoadAndCompileShippedProgramme)
    ->DenseRange(0, static_cast<int>(std::size(kShippedProgrammes)) - 1)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadDefaultRules)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CompileDefaultProgramme)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_LoadAndCompileDefaultRules)->Unit(benchmark::kMillisecond);

}  // namespace accredit::bench
