// The workflow: evaluating a cohort, from files (or bytes in memory) to outcomes in input order.
//
// This is the one way a front end evaluates learners. The command line and the browser page
// parse their options into WorkflowOptions, call Prepare(), then either Run() (every learner,
// as validate needs: streamed when the input allows) or ReadAll() and Evaluate...() (explain,
// report and transcript, which need every learner at hand), and render what comes back. The
// workflow owns every decision in between:
//   - the rules (files, folders or bytes; the built-in programme by default), the programme to
//     evaluate, --as-of and --predicted, the assessor exceptions and each input's column
//     mapping;
//   - how the records are read: one input sorted by learner is streamed in chunks in bounded
//     memory; one whose learners' rows are together in any order is streamed again remembering
//     the learners seen; an unsorted CSV is regrouped by learner; anything else, and several
//     inputs (merged by learner), is read whole;
//   - the threads: learners are evaluated on `jobs` threads (worker_threads.h), with outcomes
//     handed back in input order, byte-identical whatever the number of threads;
//   - the accounting (rows read = used + rejected) and the checks of exceptions against the
//     records.
// It never prints and never throws: diagnostics go to the DiagnosticsHandler a group at a time,
// in the order they are found (the rules, then the exceptions, the mappings, the records...),
// and a failure that is not a diagnostic (no such programme, a bad date) is said by failure().
//
//   Workflow workflow(print_diagnostics);
//   if (!workflow.Prepare(options, inputs)) return Fail(workflow.failure());
//   CohortTotals totals = workflow.Run(callbacks);  // validate
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "accredit/diagnostic.h"
#include "accredit/enum_table.h"
#include "accredit/evaluator.h"
#include "accredit/input_file.h"
#include "accredit/read_options.h"
#include "accredit/record_stream.h"
#include "accredit/records.h"
#include "accredit/rules.h"
#include "accredit/rules_loader.h"
#include "accredit/source.h"

namespace accredit {

class ProgrammeExceptions;

struct WorkflowOptions {
  // rules (empty) rule files and folders, or rule files in memory (rules_loader.h); empty: the
  // built-in default programme
  std::vector<InputFile> rules;
  // load (defaults) where `uses` are looked for, and the loader's bounds
  LoadOptions load;
  // award ("") the programme to evaluate, by id; "": the only one the rules define
  std::string award;
  // as_of ("") judge as on this date: later work does not count. Written 2026-08-25, or day
  // first: 25/08/2026, 25 Aug 2026, 25 August 2026 (08/25/2026 is refused: failure() says the
  // day comes first)
  std::string as_of;
  // predicted (false) predicted grades count; outcomes that rely on one say so
  bool predicted = false;
  // exceptions (none) assessor exceptions files (accredit-exceptions: 1), bound to the
  // programme evaluated
  std::vector<InputFile> exceptions;
  // jobs (0) threads to evaluate on; 0: one per core
  unsigned jobs = 0;
  // allocations (true) outcomes list what each component was allocated; an output that
  // shows only statuses turns it off to save work
  bool allocations = true;
  // trace (false) Run()'s outcomes carry their condition trees (EvaluateOptions::trace) into
  // CohortCallbacks::render, for an output that says what each learner still needs
  // (validate's workbook); a whole read drops each learner's trees once rendered
  bool trace = false;
  // stream (true) Run() may stream an input; false: every input is read whole first (for an
  // output whose first byte needs every outcome, such as JUnit's counts)
  bool stream = true;
  // chunk_bytes (kDefaultChunkBytes) the size of a streamed chunk; 0: never stream
  std::size_t chunk_bytes = kDefaultChunkBytes;
  // maps (none) column mappings to choose from for an input with none of its own, by the
  // input's header (column_map.h, "Choosing"): several exports of different layouts in one
  // run. One alone is also the mapping of a JSON input, and of a CSV input nothing fits.
  std::vector<InputFile> maps;
  // shipped_maps (true) an input with no mapping of its own that none of `maps` fits is
  // matched against the mappings shipped in rules/mappings/, so that a standard export needs
  // none
  bool shipped_maps = true;
  // read (defaults) the records readers' bounds (ReadOptions::map and maps_to_try are set by
  // the workflow)
  ReadOptions read;
};

// One records input: a file ("-": standard input) or bytes in memory, with its own column
// mapping (accredit-map: 1) when it is a school system's export rather than canonical records.
// Inputs that name the same mapping file share one loaded mapping. A mapping named by a shipped
// mapping's stem (`sims-results`, `arbor-broadsheet`) with no such file is the shipped one.
struct CohortInput {
  InputFile records;
  std::optional<InputFile> map;
};

// Receives diagnostics, a group at a time, with the sources they point into.
using DiagnosticsHandler = std::function<void(const Diagnostics&, const SourceSet&)>;

// Learners with their outcomes, in input order.
struct CohortBatch {
  std::span<const Learner> learners;
  std::span<const Outcome> outcomes;  // one per learner
  std::uint64_t end_offset = 0;       // streamed: bytes of the input read up to here; else 0
  std::string rendered;               // what `render` made of the batch, for `consume`
};

// What Run() does with the learners it evaluates.
struct CohortCallbacks {
  // render (none) called on any of the threads, for each batch once evaluated, while other
  // batches are being read: turn the learners into output here (into `rendered`), so that it
  // is done in parallel. Must be safe to call from several threads at once.
  std::function<void(CohortBatch&)> render;
  // consume (required) called on the calling thread for each batch, strictly in input order.
  std::function<void(CohortBatch&)> consume;
  // provisional (none) the diagnostics of a streamed read, in order: they stand when Run()
  // returns, unless `restart` is called first. Without it, they go to the DiagnosticsHandler.
  std::function<void(const Diagnostics&)> provisional;
  // restart (none) a streamed input proved unsorted and is read again another way: take back
  // everything consumed and every provisional diagnostic. Return false when that cannot be done;
  // Run() then stops (CohortTotals::stopped). Without it, Run() never streams.
  std::function<bool()> restart;
  // progress (none) after each streamed batch: input bytes read, the input's size (0: not
  // known), learners so far.
  std::function<void(std::uint64_t bytes, std::uint64_t total_bytes, std::uint64_t learners)>
      progress;
};

// The long steps of a run whose progress a front end may show (Workflow::SetProgress). A
// streamed Run() reports its batches through CohortCallbacks::progress instead.
enum class WorkflowStep : std::uint8_t {
  kReading,     // reading the records whole (ReadAll): told as it starts (done 0) and ends;
                // done and total count inputs
  kEvaluating,  // evaluating the learners (EvaluateEach, EvaluateAll; Run() reading whole)
  kBaseline,    // evaluating the learners against the --baseline rules (EvaluateBaselineEach)
  kRendering,   // a front end's work on each learner (ParallelFor)
};
// The name is what a progress line says is under way.
inline constexpr EnumName<WorkflowStep> kWorkflowStepNames[] = {
    {WorkflowStep::kReading, "reading", "reading the records"},
    {WorkflowStep::kEvaluating, "evaluating", "evaluating"},
    {WorkflowStep::kBaseline, "baseline", "evaluating under the baseline rules"},
    {WorkflowStep::kRendering, "rendering", "preparing the output"},
};
static_assert(InDeclarationOrder(kWorkflowStepNames));

// Told how far a step has got: `done` of `total` (inputs when reading, else learners). Called on
// the thread that called the step, as the step goes and once it is over (done == total), often:
// a front end that draws keeps its own pace.
using ProgressHandler =
    std::function<void(WorkflowStep step, std::uint64_t done, std::uint64_t total)>;

// What Run() found.
struct CohortTotals {
  Accounting accounting;
  // read_errors: a record was rejected for an error, or an exception names no achievement of
  // its learner (or several): the run is not clean
  bool read_errors = false;
  // unreadable: no learner was read and something failed (every input was refused, or came
  // out empty), so nothing was consumed
  bool unreadable = false;
  // stopped: `restart` returned false; what was consumed is incomplete
  bool stopped = false;
  // refused_inputs: the inputs refused in whole or in part, by name (RecordSet::refused_inputs):
  // every outcome is then provisional (Outcome::input_refused), and read_errors is set
  std::vector<std::string> refused_inputs;
};

class Workflow {
 public:
  explicit Workflow(DiagnosticsHandler handler);
  ~Workflow();
  Workflow(const Workflow&) = delete;
  Workflow& operator=(const Workflow&) = delete;

  // Progress of the steps that follow (WorkflowStep); none by default.
  void SetProgress(ProgressHandler progress) { progress_ = std::move(progress); }

  // Loads the rules, chooses the programme, checks as_of, loads the exceptions and every
  // input's column mapping, each group of diagnostics going to the handler as it is found.
  // Records are not read yet. Returns false when nothing can be evaluated: invalid rules,
  // exceptions or mappings (said by diagnostics), or what failure() says.
  bool Prepare(WorkflowOptions options, std::vector<CohortInput> inputs);
  // Why Prepare() or LoadBaseline() returned false when no diagnostic says it ("" otherwise):
  // "the rules define 2 programmes; choose one with --award: a, b". It may go on with a line
  // "note: ..." (the forms of date --as-of accepts).
  const std::string& failure() const { return failure_; }

  // After Prepare().
  const RuleSet& rules() const { return loaded_.rules; }
  const Programme& programme() const { return *programme_; }
  const SourceSet& sources() const { return sources_; }
  const EvaluateOptions& evaluate_options() const { return evaluate_; }
  const WorkflowOptions& options() const { return options_; }

  // Evaluates every learner of the inputs, handing batches to `callbacks` in input order. A
  // single input is streamed when `callbacks.restart` is given and WorkflowOptions::stream
  // allows; otherwise every input is read whole (ReadAll) and evaluated on every thread.
  // Diagnostics: the records', then those of the exceptions checked against the records, then
  // `search-limit` warnings (in a streamed read, each batch's warnings follow its records').
  CohortTotals Run(const CohortCallbacks& callbacks);

  // Reads every input whole, merging learners by id (records' diagnostics, then the exception
  // checks, to the handler). False when nothing was read and something failed.
  bool ReadAll();
  // After ReadAll(): every learner, in order of first appearance, and the rows' accounting.
  const std::vector<Learner>& learners() const { return learners_; }
  const Accounting& accounting() const { return accounting_; }
  // After ReadAll(): whether reading produced an error (as CohortTotals::read_errors).
  bool has_record_errors() const { return record_errors_; }
  // After ReadAll() or Run(): the inputs refused in whole or in part (CohortTotals::
  // refused_inputs); evaluate_options().refused_inputs points here, so every outcome evaluated
  // after reading is provisional when it is not empty.
  const std::vector<std::string>& refused_inputs() const { return refused_inputs_; }
  // The index of the learner with id `id`, or nullopt.
  std::optional<std::size_t> FindLearner(std::string_view id) const;

  // Evaluates the learners read by ReadAll() on every thread, calling take(i, outcome) for the
  // i-th learner on the thread that evaluated it (each i once). `trace` records condition trees
  // (explain, report). Then `search-limit` warnings to the handler, in learner order.
  void EvaluateEach(bool trace, const std::function<void(std::size_t, Outcome&&)>& take) const;
  // EvaluateEach() into a vector, in learner order.
  std::vector<Outcome> EvaluateAll(bool trace) const;
  // The i-th learner alone (explain), with no warning.
  Outcome Evaluate(std::size_t index, bool trace) const;

  // A rule change (report --baseline): loads the old rules into their own rule set (their
  // diagnostics to the handler), chooses the programme with the same id (or the only one),
  // checks that the two rule sets share a vocabulary (learners keep their reading against the
  // new rules), and binds the exceptions to it (a node it lacks is a warning). False, with
  // diagnostics or failure(), when the old rules cannot be compared.
  bool LoadBaseline(const std::vector<InputFile>& rules);
  const RuleSet& baseline_rules() const { return baseline_.rules; }
  const Programme& baseline_programme() const { return *baseline_programme_; }
  // The files the baseline rules were read from (their names and text).
  const SourceSet& baseline_sources() const { return baseline_sources_; }
  // EvaluateEach() against the baseline programme, with the exceptions bound to it.
  void EvaluateBaselineEach(bool trace,
                            const std::function<void(std::size_t, Outcome&&)>& take) const;

  // Runs body(i) for every i in [0, n) on the workflow's threads (`jobs`): for a front end that
  // renders learners in parallel. Progress is reported as WorkflowStep::kRendering.
  void ParallelFor(std::size_t n, const std::function<void(std::size_t)>& body) const;

 private:
  struct State;

  bool LoadMaps();
  // The mapping file `file` (or the shipped one of that stem), loaded once; null after an error
  // (said to the handler).
  const ColumnMap* LoadMap(const InputFile& file);
  // The shipped mappings, loaded on first use.
  std::vector<const ColumnMap*> ShippedMaps();
  bool Stream(const CohortCallbacks& callbacks, CohortTotals& totals);
  CohortTotals ReadWhole(const CohortCallbacks& callbacks);
  void Each(WorkflowStep step, const Programme& programme, const RuleSet& rules,
            const EvaluateOptions& options,
            const std::function<void(std::size_t, Outcome&&)>& take) const;
  // progress_ for `step` of `total`, as ParallelFor takes it; null without progress_.
  std::function<void(std::size_t)> Reporter(WorkflowStep step, std::size_t total) const;

  DiagnosticsHandler handler_;
  ProgressHandler progress_;
  WorkflowOptions options_;
  std::vector<CohortInput> inputs_;
  SourceSet sources_;
  LoadResult loaded_;
  const Programme* programme_ = nullptr;
  EvaluateOptions evaluate_;
  std::unique_ptr<State> state_;  // exceptions and mappings
  std::vector<Learner> learners_;
  Accounting accounting_;
  bool record_errors_ = false;
  std::vector<std::string> refused_inputs_;
  SourceSet baseline_sources_;
  LoadResult baseline_;
  const Programme* baseline_programme_ = nullptr;
  EvaluateOptions baseline_evaluate_;
  std::string failure_;
};

// Whether learners resolved against `rules` may be evaluated against `baseline`: both must
// declare the same qualification types, subjects and grade scales, in the same order (records
// are resolved once, to indexes). Returns "" when they may, else what differs.
std::string CompareVocabulary(const RuleSet& rules, const RuleSet& baseline);

}  // namespace accredit
