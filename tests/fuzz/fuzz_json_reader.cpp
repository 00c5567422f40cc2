// Fuzz target: a records file in JSON (an array or JSON Lines), as hostile bytes. Reads it
// against the built-in example programme's rules, checks the row accounting (every row read
// is used or rejected, exactly once), renders every diagnostic and evaluates every learner.
// Reads it again with every line walked by simdjson's On Demand API, none read from its own
// scan (records/json_line_scan.h), and aborts unless both read the same.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "accredit/diagnostic.h"
#include "accredit/evaluator.h"
#include "accredit/json_reader.h"
#include "accredit/rules_loader.h"
#include "records/json_records.h"
#include "records_summary.h"

namespace {

struct Rules {
  accredit::SourceSet sources;
  accredit::LoadResult loaded = accredit::LoadDefaultRules(sources);
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace accredit;           // NOLINT: fuzz target
  static Rules* rules = new Rules();  // loaded once, never freed
  if (!rules->loaded.ok()) std::abort();
  SourceSet sources;
  SourceId id = sources.Add("fuzz.json", std::string(reinterpret_cast<const char*>(data), size));
  Diagnostics diagnostics;
  RecordSet records =
      ReadJsonRecords(id, sources.Get(id).text, rules->loaded.rules, ReadOptions{}, diagnostics);
  const Accounting& a = records.accounting;
  if (a.rows_read != a.rows_used + a.rows_rejected) std::abort();
  for (const Diagnostic& d : diagnostics.items()) (void)Render(d, sources);
  internal::SetJsonLineScan(false);
  Diagnostics walked_diagnostics;
  RecordSet walked = ReadJsonRecords(id, sources.Get(id).text, rules->loaded.rules, ReadOptions{},
                                     walked_diagnostics);
  internal::SetJsonLineScan(true);
  if (fuzz::RecordsSummary(records, diagnostics, sources) !=
      fuzz::RecordsSummary(walked, walked_diagnostics, sources)) {
    std::abort();
  }
  const Programme& programme = rules->loaded.rules.programmes.front();
  Evaluator evaluator(rules->loaded.rules, programme);
  EvaluateOptions options;
  options.search_limit = 20000;
  for (const Learner& learner : records.learners) (void)evaluator.Evaluate(learner, options);
  return 0;
}
