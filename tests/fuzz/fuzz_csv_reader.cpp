// Fuzz target: a records file in canonical CSV, as hostile bytes. Reads it against the
// built-in example programme's rules, checks the row accounting (every row read is used or
// rejected, exactly once), renders every diagnostic and evaluates every learner read. Reads it
// again with every line read in full, none by its key (records/csv_line_keys.h), and aborts
// unless both read the same.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "accredit/csv_records.h"
#include "accredit/diagnostic.h"
#include "accredit/evaluator.h"
#include "accredit/rules_loader.h"
#include "records/csv_line_keys.h"
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
  SourceId id = sources.Add("fuzz.csv", std::string(reinterpret_cast<const char*>(data), size));
  Diagnostics diagnostics;
  RecordSet records =
      ReadCsvRecords(id, sources.Get(id).text, rules->loaded.rules, ReadOptions{}, diagnostics);
  const Accounting& a = records.accounting;
  if (a.rows_read != a.rows_used + a.rows_rejected) std::abort();
  for (const Diagnostic& d : diagnostics.items()) (void)Render(d, sources);
  internal::SetCsvLineKeys(false);
  Diagnostics full_diagnostics;
  RecordSet full = ReadCsvRecords(id, sources.Get(id).text, rules->loaded.rules, ReadOptions{},
                                  full_diagnostics);
  internal::SetCsvLineKeys(true);
  if (fuzz::RecordsSummary(records, diagnostics, sources) !=
      fuzz::RecordsSummary(full, full_diagnostics, sources)) {
    std::abort();
  }
  const Programme& programme = rules->loaded.rules.programmes.front();
  Evaluator evaluator(rules->loaded.rules, programme);
  EvaluateOptions options;
  options.search_limit = 20000;
  for (const Learner& learner : records.learners) (void)evaluator.Evaluate(learner, options);
  return 0;
}
