// Evaluator::Evaluate into an Outcome that held another learner's outcome gives what a fresh
// evaluation gives: every field is set again, nothing of the learner before is left. The
// stream evaluates a cohort that way, into the outcomes of the chunk before.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "accredit/csv_records.h"
#include "accredit/evaluator.h"
#include "accredit/exceptions.h"
#include "accredit/rules_loader.h"
#include "records_fixture.h"

namespace accredit {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(std::string(ACCREDIT_SOURCE_DIR) + "/" + path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void Describe(const NodeTrace& trace, std::string& out) {
  out += std::string(trace.node != nullptr ? "(node " : "(none ") + std::to_string(trace.met) +
         " " + std::to_string(trace.actual) + " " + std::to_string(trace.required) + " " +
         std::to_string(trace.upper_bound) + " " + std::to_string(trace.groups) + " " +
         std::to_string(trace.groups_required) + " used";
  for (std::uint32_t i : trace.used) out += " " + std::to_string(i);
  for (const NodeTrace& child : trace.children) Describe(child, out);
  out += ")";
}

// Every field of an outcome, as text.
std::string Describe(const Outcome& o) {
  std::string out = "tier " + std::to_string(o.tier) + " grade " + o.grade + " flags " +
                    std::to_string(o.data_error) + std::to_string(o.input_refused) +
                    std::to_string(o.used_predicted) + std::to_string(o.search_limit_hit) +
                    std::to_string(o.relies_on_exception) + " without " +
                    std::to_string(o.tier_without_exceptions) + " " + o.grade_without_exceptions +
                    "\n";
  for (const TierResult& tier : o.tiers) {
    out += " tier " + tier.tier->id + " " + std::to_string(tier.met) + " " + tier.grade + " " +
           std::to_string(tier.score) + "\n";
    for (const ComponentResult& c : tier.components) {
      out += "  " + c.component->id + " " + std::to_string(static_cast<int>(c.status)) + " " +
             std::to_string(c.progress) + " allocated";
      for (std::uint32_t i : c.allocated) out += " " + std::to_string(i);
      out += " ";
      Describe(c.trace, out);
      out += "\n";
    }
  }
  out += " exclusions";
  for (Exclusion x : o.exclusions) out += " " + std::to_string(static_cast<int>(x));
  out += "\n values";
  for (double v : o.values) out += " " + std::to_string(v);
  for (const auto& used : o.value_used) out += " [" + std::to_string(used.size()) + "]";
  out += "\n exceptions";
  for (const ExceptionResult& e : o.exceptions) {
    out += " " + std::to_string(static_cast<int>(e.effect));
  }
  return out + "\n";
}

TEST_CASE("an outcome evaluated into again is the outcome evaluated afresh") {
  SourceSet sources;
  const LoadResult loaded = LoadDefaultRules(sources);
  REQUIRE(loaded.ok());
  const RuleSet& rules = loaded.rules;
  const Programme& programme = rules.programmes.front();
  Diagnostics diagnostics;
  const SourceId exceptions_id = sources.Add(
      "foxwood.exceptions.yaml", ReadFile("examples/exceptions/foxwood.exceptions.yaml"));
  ExceptionSet set;
  REQUIRE(LoadExceptions(exceptions_id, sources.Get(exceptions_id).text, set, diagnostics));
  const ProgrammeExceptions bound = BindExceptions(set, rules, programme, diagnostics);
  std::vector<Learner> learners;
  for (const char* path : {"examples/exceptions/cohort.csv", "examples/sixth-form/cohort.csv"}) {
    const SourceId id = sources.Add(path, ReadFile(path));
    RecordSet records = ReadCsvRecords(id, sources.Get(id).text, rules, {}, diagnostics);
    for (Learner& learner : records.learners) learners.push_back(std::move(learner));
  }
  REQUIRE(learners.size() >= 30);
  // Learners whose grades are all predicted, for an outcome that uses a predicted grade.
  for (std::size_t n = 0; n < 10; ++n) {
    Learner predicted = learners[n];
    predicted.id += "-predicted";
    for (Achievement& a : predicted.achievements) a.status = Status::kPredicted;
    learners.push_back(std::move(predicted));
  }
  Evaluator evaluator(rules, programme);
  // One outcome throughout, so that an outcome with traces is evaluated into without, too.
  Outcome reused;
  for (int variant : {0, 1, 3, 2, 0}) {
    EvaluateOptions options;
    options.trace = variant % 2 == 1;
    options.allocations = variant >= 2;
    options.exceptions = variant >= 2 ? &bound : nullptr;
    options.predicted = variant % 2 == 1;
    INFO("variant " << variant);
    // Forwards and backwards, so that each learner follows others of every kind.
    for (int pass = 0; pass < 2; ++pass) {
      for (std::size_t n = 0; n < learners.size(); ++n) {
        const Learner& learner = learners[pass == 0 ? n : learners.size() - 1 - n];
        INFO(learner.id);
        evaluator.Evaluate(learner, options, reused);
        CHECK(Describe(reused) == Describe(evaluator.Evaluate(learner, options)));
      }
    }
  }
}

}  // namespace
}  // namespace accredit
