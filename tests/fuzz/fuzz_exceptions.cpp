// Fuzz target: an assessor exceptions file, as hostile text. Loads it, binds it to the default
// programme, checks it against a fixed cohort and evaluates each learner with it, rendering
// every diagnostic, the validate JSON and the explanation; aborts when an outcome contradicts
// itself (a relies_on_exception that does not match the outcome without exceptions, or a
// result per exception that does not match the learner's exceptions).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "accredit/csv_records.h"
#include "accredit/diagnostic.h"
#include "accredit/evaluator.h"
#include "accredit/exceptions.h"
#include "accredit/explain.h"
#include "accredit/outcome_format.h"
#include "accredit/rules_loader.h"

namespace {

constexpr std::string_view kCohort =
    "learner,kind,type,subject,grade,hours,strand,date,title\n"
    "E0002,qualification,gcse,mathematics,5,,,,\n"
    "E0002,qualification,a-level,history,A,,,2027-08-12,\n"
    "E0002,qualification,a-level,sociology,B,,,2027-08-12,\n"
    "E0002,activity,,,,8,physical-outdoor,2025-10-10,Swimming\n"
    "E0003,qualification,gcse,mathematics,3,,,,\n"
    "E0003,qualification,as-level,mathematics,C,,,2026-08-13,\n"
    "E0003,project,epq,extended-project,C,,,2027-05-14,Staging Shakespeare\n"
    "E0004,activity,,,,20,creative-cultural,2026-03-27,\"Stage manager, school musical\"\n"
    "E0004,activity,,,,10,leadership-service,2025-11-14,Open evening guide\n";

struct Rules {
  accredit::SourceSet sources;
  accredit::LoadResult loaded = accredit::LoadDefaultRules(sources);
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace accredit;             // NOLINT: fuzz target
  static Rules* fixture = new Rules();  // loaded once, never freed
  const RuleSet& rules = fixture->loaded.rules;
  const Programme& programme = rules.programmes.front();
  // One SourceSet for the input and the cohort, so that every location renders.
  SourceSet sources;
  SourceId id =
      sources.Add("fuzz.exceptions.yaml", std::string(reinterpret_cast<const char*>(data), size));
  SourceId csv = sources.Add("cohort.csv", std::string(kCohort));
  Diagnostics diagnostics;
  RecordSet records = ReadCsvRecords(csv, sources.Get(csv).text, rules, {}, diagnostics);
  ExceptionSet set;
  LoadExceptions(id, sources.Get(id).text, set, diagnostics);
  ProgrammeExceptions bound = BindExceptions(set, rules, programme, diagnostics);
  CheckExceptionRecords(bound, records.learners, diagnostics);
  for (const Diagnostic& d : diagnostics.items()) (void)Render(d, sources);
  Evaluator evaluator(rules, programme);
  EvaluateOptions options;
  options.trace = true;
  options.exceptions = &bound;
  OutcomeWriter writer(OutcomeFormat::kJson, OutcomeRun{&rules, &programme, &sources, options});
  for (const Learner& learner : records.learners) {
    Outcome o = evaluator.Evaluate(learner, options);
    const LearnerExceptions* mine = bound.Find(learner.id);
    if (o.exceptions.size() != (mine == nullptr ? 0 : mine->items.size())) std::abort();
    if (!o.exceptions.empty() && o.relies_on_exception != (o.tier != o.tier_without_exceptions ||
                                                           o.grade != o.grade_without_exceptions)) {
      std::abort();
    }
    (void)writer.Learner(learner, o);
    (void)ExplainText(rules, programme, learner, o, sources);
  }
  return 0;
}
