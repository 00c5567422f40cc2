// Micro-benchmarks of the record readers: ReadCsvRecords() over canonical long-form CSV and
// ReadJsonRecords() over JSON Lines, each reading a generated cohort (cohort.h) held in memory
// against the default programme's rules. Reports bytes/s and learners/s (items).
#include <benchmark/benchmark.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "accredit/csv_records.h"
#include "accredit/json_reader.h"
#include "cohort.h"
#include "fixture.h"

namespace accredit::bench {

namespace {

constexpr std::size_t kLearners = 1000;
constexpr std::uint32_t kSeed = 20261122;

// The rules and the cohort, generated once and registered as one source per format.
struct ReaderInput {
  std::unique_ptr<LoadedRules> rules = LoadDefault();
  std::vector<CohortLearner> cohort = GenerateCohort(kLearners, kSeed);
  std::size_t rows = RowCount(cohort);
  SourceSet sources;
  SourceId csv = sources.Add("cohort.csv", CohortCsv(cohort));
  SourceId jsonl = sources.Add("cohort.jsonl", CohortJsonLines(cohort));
};

const ReaderInput& Input() {
  static const ReaderInput input;
  return input;
}

using ReadFunction = RecordSet (*)(SourceId, std::string_view, const RuleSet&, const ReadOptions&,
                                   Diagnostics&);

// Source `source` read with `read`: checked once, then timed.
void ReadBenchmark(benchmark::State& state, ReadFunction read, SourceId source) {
  const ReaderInput& input = Input();
  if (!input.rules->error.empty()) {
    state.SkipWithError(input.rules->error.c_str());
    return;
  }
  const RuleSet& rules = input.rules->result.rules;
  std::string_view text = input.sources.Get(source).text;
  ReadOptions options;
  {
    // A reader that dropped or rejected rows would be measured doing less work.
    Diagnostics diagnostics;
    RecordSet records = read(source, text, rules, options, diagnostics);
    if (!diagnostics.empty() || records.learners.size() != input.cohort.size() ||
        records.accounting.rows_read != input.rows || records.accounting.rows_used != input.rows) {
      state.SkipWithError("the reader did not read every generated row cleanly");
      return;
    }
  }
  for (auto _ : state) {
    Diagnostics diagnostics;
    RecordSet records = read(source, text, rules, options, diagnostics);
    benchmark::DoNotOptimize(records);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(text.size()));
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(input.cohort.size()));
  state.counters["rows"] = static_cast<double>(input.rows);
}

void BM_ReadCsvRecords(benchmark::State& state) {
  ReadBenchmark(state, &ReadCsvRecords, Input().csv);
}

void BM_ReadJsonLinesRecords(benchmark::State& state) {
  ReadBenchmark(state, &ReadJsonRecords, Input().jsonl);
}

}  // namespace

BENCHMARK(BM_ReadCsvRecords)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReadJsonLinesRecords)->Unit(benchmark::kMillisecond);

}  // namespace accredit::bench
