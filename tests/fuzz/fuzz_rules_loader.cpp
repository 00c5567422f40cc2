// Fuzz target: a rule file, as hostile text. Loads it (the embedded library serves its
// `uses`), renders every diagnostic, and when it yields a programme, describes it, runs its
// own tests, checks it against its framework and evaluates a small fixed cohort with it, so
// that a rule file that loads cleanly but breaks a later stage is found too.
#include <cstddef>
#include <cstdint>
#include <string>

#include "accredit/conformance.h"
#include "accredit/csv_records.h"
#include "accredit/diagnostic.h"
#include "accredit/evaluator.h"
#include "accredit/explain.h"
#include "accredit/rule_tests.h"
#include "accredit/rules_describe.h"
#include "accredit/rules_loader.h"

namespace {

constexpr std::string_view kCohort =
    "learner,kind,type,subject,level,grade,hours,strand,status,date\n"
    "F1,qualification,gcse,mathematics,,6,,,,\n"
    "F1,qualification,gcse,english-language,,4,,,,\n"
    "F1,qualification,a-level,history,,B,,,,2027-08-15\n"
    "F1,qualification,a-level,physics,,A*,,,predicted,2027-08-15\n"
    "F1,qualification,epq,,,A,,,,2027-06-01\n"
    "F1,activity,,,,,40,leadership-service,,2026-03-01\n"
    "F1,activity,,,,,25,creative-cultural,,2026-05-01\n"
    "F1,activity,,,,,30,physical-outdoor,,2026-07-01\n"
    "F2,qualification,gcse,mathematics,,3,,,,\n"
    "F2,qualification,btec-national-diploma,,,DD,,,,2027-08-15\n"
    "F2,project,,,,,,,,2026-01-01\n";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace accredit;  // NOLINT: fuzz target
  SourceSet sources;
  LoadResult loaded = LoadRulesFromText(
      "fuzz.yaml", std::string(reinterpret_cast<const char*>(data), size), sources);
  for (const Diagnostic& d : loaded.diagnostics.items()) (void)Render(d, sources);
  if (!loaded.ok()) return 0;
  SourceId cohort = sources.Add("cohort.csv", std::string(kCohort));
  Diagnostics diagnostics;
  RecordSet records =
      ReadCsvRecords(cohort, sources.Get(cohort).text, loaded.rules, ReadOptions{}, diagnostics);
  for (const Programme& programme : loaded.rules.programmes) {
    (void)DescribeProgramme(loaded.rules, programme);
    (void)CheckConformance(loaded.rules, programme);
    EvaluateOptions options;
    options.trace = true;
    options.search_limit = 20000;
    Diagnostics test_diagnostics;
    (void)RunRuleTests(loaded.rules, programme, options, test_diagnostics);
    Evaluator evaluator(loaded.rules, programme);
    for (const Learner& learner : records.learners) {
      Outcome outcome = evaluator.Evaluate(learner, options);
      (void)ExplainText(loaded.rules, programme, learner, outcome, sources);
      (void)ExplainJson(loaded.rules, programme, learner, outcome, sources);
    }
  }
  return 0;
}
