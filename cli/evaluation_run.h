// What validate, explain (for a learner) and later report share: load the rules, pick the
// programme, read the records, and evaluate every learner (on several threads, results kept
// in input order), printing diagnostics as the house format says.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "accredit/column_map.h"
#include "accredit/evaluator.h"
#include "accredit/read_options.h"
#include "accredit/records.h"
#include "accredit/rules_loader.h"
#include "common.h"
#include "exceptions_input.h"

namespace accredit::cli {

// The options every command that evaluates learners takes.
struct EvaluationFlags {
  std::vector<std::string> records;  // files, or "-" for standard input
  std::vector<std::string> rules;    // empty: the built-in default programme
  std::string award;
  std::string as_of;
  std::string map;                      // a column mapping (accredit-map: 1) for the records
  std::vector<std::string> exceptions;  // assessor exception files (accredit-exceptions: 1)
  bool predicted = false;
};

// Adds --rules, --award, --as-of, --predicted, --map and --exceptions (not RECORDS: each
// command words it).
void AddEvaluationOptions(CLI::App& cmd, EvaluationFlags& flags);

class EvaluationRun {
 public:
  // Loads rules and records and prints their diagnostics. Returns false (after printing why)
  // when nothing can be evaluated: invalid rules, no such award, a bad --as-of.
  bool Prepare(const EvaluationFlags& flags, const GlobalOptions& global);
  // Prepare() in two steps: the rules (and programme, --as-of, --map), then the records, read
  // whole. A command that streams its records (validate) takes only the first.
  bool PrepareRules(const EvaluationFlags& flags, const GlobalOptions& global);
  bool ReadRecords(const EvaluationFlags& flags, const GlobalOptions& global);

  // Evaluates every learner; `trace` records condition trees (for explain). Warns
  // (`search-limit`) for a learner whose allocation search hit its limit.
  void EvaluateAll(unsigned jobs, bool trace, const GlobalOptions& global);

  // Whether outcomes list each component's allocated achievements (default true).
  void set_allocations(bool on) { options_.allocations = on; }

  // Evaluates the `index`th learner alone (explain).
  Outcome EvaluateLearner(std::size_t index, bool trace);

  // Runs body(i) for i in [0, learners), split across `jobs` threads (0: one per core).
  void ParallelFor(unsigned jobs, const std::function<void(std::size_t)>& body) const;

  const RuleSet& rules() const { return loaded_.rules; }
  const Programme& programme() const { return *programme_; }
  const SourceSet& sources() const { return sources_; }
  SourceSet& sources() { return sources_; }
  const ReadOptions& read_options() const { return read_options_; }
  const std::vector<Learner>& learners() const { return learners_; }
  const std::vector<Outcome>& outcomes() const { return outcomes_; }
  const Accounting& accounting() const { return accounting_; }
  const EvaluateOptions& evaluate_options() const { return options_; }
  // Whether reading the records produced any error diagnostic (or an exception names no
  // achievement of its learner, or several).
  bool has_errors() const { return record_errors_; }
  const ExceptionInput& exceptions() const { return exceptions_; }

 private:
  SourceSet sources_;
  LoadResult loaded_;
  std::optional<ColumnMap> map_;
  ReadOptions read_options_;
  ExceptionInput exceptions_;
  const Programme* programme_ = nullptr;
  std::vector<Learner> learners_;
  std::vector<Outcome> outcomes_;
  Accounting accounting_;
  EvaluateOptions options_;
  bool record_errors_ = false;
};

}  // namespace accredit::cli
