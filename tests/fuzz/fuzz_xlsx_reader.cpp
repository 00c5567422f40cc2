// Fuzz target: a workbook (.xlsx: a zip of XML parts), as hostile bytes. Reads it as records
// through the public input API (bytes in memory, named .xlsx) against the built-in example
// programme's rules, checks the row accounting, renders every diagnostic and evaluates every
// learner read. The bytes inflated are bounded small, so that no input costs long.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "accredit/diagnostic.h"
#include "accredit/evaluator.h"
#include "accredit/record_input.h"
#include "accredit/rules_loader.h"

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
  ReadOptions options;
  options.max_file_bytes = std::uint64_t{4} << 20;
  std::vector<RecordInput> inputs;
  inputs.push_back(RecordInput{
      InputFile::Bytes("fuzz.xlsx", std::string(reinterpret_cast<const char*>(data), size)),
      nullptr});
  Diagnostics diagnostics;
  RecordSet records = ReadRecordInputs(inputs, rules->loaded.rules, options, sources, diagnostics);
  const Accounting& a = records.accounting;
  if (a.rows_read != a.rows_used + a.rows_rejected) std::abort();
  for (const Diagnostic& d : diagnostics.items()) (void)Render(d, sources);
  const Programme& programme = rules->loaded.rules.programmes.front();
  Evaluator evaluator(rules->loaded.rules, programme);
  EvaluateOptions evaluate;
  evaluate.search_limit = 20000;
  for (const Learner& learner : records.learners) (void)evaluator.Evaluate(learner, evaluate);
  return 0;
}
