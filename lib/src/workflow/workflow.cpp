// The workflow's set-up and the whole-cohort half: rules, programme, exceptions, mappings;
// reading every input whole and evaluating on every thread; the baseline of a rule change.
// The streamed half, and the choice between the two, is workflow_run.cpp.
#include "accredit/workflow.h"

#include <fmt/format.h>

#include <filesystem>

#include "accredit/column_map.h"
#include "accredit/exceptions.h"
#include "accredit/record_input.h"
#include "workflow/as_of_date.h"
#include "workflow/exception_input.h"
#include "workflow/input_files.h"
#include "workflow/stream_evaluation.h"
#include "workflow/worker_threads.h"
#include "workflow/workflow_state.h"

namespace accredit {

namespace {

// The largest column mapping file read (1 MiB): real ones are a few kilobytes.
constexpr std::uint64_t kMaxMapBytes = std::uint64_t{1} << 20;

}  // namespace

Workflow::Workflow(DiagnosticsHandler handler)
    : handler_(std::move(handler)), state_(std::make_unique<State>()) {}

Workflow::~Workflow() = default;

bool Workflow::Prepare(WorkflowOptions options, std::vector<CohortInput> inputs) {
  options_ = std::move(options);
  inputs_ = std::move(inputs);
  loaded_ = LoadRulesOrDefault(options_.rules, sources_, options_.load);
  handler_(loaded_.diagnostics, sources_);
  if (!loaded_.ok()) return false;
  std::vector<std::string> ids;
  for (const Programme& p : loaded_.rules.programmes) {
    ids.push_back(p.id);
    if (p.id == options_.award) programme_ = &p;
  }
  if (options_.award.empty() && ids.size() == 1) programme_ = &loaded_.rules.programmes.front();
  if (programme_ == nullptr) {
    if (ids.empty()) {
      failure_ = "the rules given define no programme (award) to check against";
    } else if (options_.award.empty()) {
      failure_ = fmt::format("the rules define {} programmes; choose one with --award: {}",
                             ids.size(), fmt::join(ids, ", "));
    } else {
      failure_ = fmt::format("no programme '{}' in the rules given (they define: {})",
                             options_.award, fmt::join(ids, ", "));
    }
    return false;
  }
  evaluate_.predicted = options_.predicted;
  evaluate_.allocations = options_.allocations;
  evaluate_.trace = options_.trace;
  if (!options_.as_of.empty()) {
    evaluate_.as_of = internal::ParseAsOfDate(options_.as_of, failure_);
    if (!evaluate_.as_of) return false;
  }
  if (!options_.exceptions.empty()) {
    Diagnostics diagnostics;
    const bool ok = state_->exceptions.Load(options_.exceptions, loaded_.rules, *programme_,
                                            sources_, diagnostics);
    handler_(diagnostics, sources_);
    if (!ok) return false;
  }
  evaluate_.exceptions = state_->exceptions.bound();
  evaluate_.refused_inputs = &refused_inputs_;
  return LoadMaps();
}

const ColumnMap* Workflow::LoadMap(const InputFile& file) {
  if (!file.in_memory()) {
    for (const std::unique_ptr<ColumnMap>& loaded : state_->maps) {
      if (loaded->name == file.name) return loaded.get();
    }
    // A shipped mapping by its stem, unless a file of that name is there.
    if (file.name.find_first_of("/\\.") == std::string::npos &&
        !std::filesystem::exists(file.name)) {
      for (const ColumnMap* map : ShippedMaps()) {
        if (map->name == file.name) return map;
      }
    }
  }
  Diagnostics diagnostics;
  std::optional<SourceId> id =
      internal::ReadInputFile(file, "column mapping", kMaxMapBytes, sources_, diagnostics);
  std::optional<ColumnMap> read;
  if (id) read = LoadColumnMap(*id, sources_.Get(*id).text, diagnostics);
  // A mapping with only warnings is used as it is, as --map always has been.
  if (!read || diagnostics.has_errors()) {
    handler_(diagnostics, sources_);
    return nullptr;
  }
  read->name = file.name;
  state_->maps.push_back(std::make_unique<ColumnMap>(std::move(*read)));
  return state_->maps.back().get();
}

bool Workflow::LoadMaps() {
  // Inputs that name the same mapping file share one mapping, loaded once.
  for (const CohortInput& input : inputs_) {
    const ColumnMap* map = nullptr;
    if (input.map) {
      map = LoadMap(*input.map);
      if (map == nullptr) return false;
    }
    state_->record_inputs.push_back(RecordInput{input.records, map});
  }
  options_.read.map = nullptr;
  options_.read.maps_to_try.clear();
  for (const InputFile& file : options_.maps) {
    const ColumnMap* map = LoadMap(file);
    if (map == nullptr) return false;
    options_.read.maps_to_try.push_back(map);
  }
  options_.read.preferred_maps = options_.read.maps_to_try.size();
  if (options_.shipped_maps) {
    for (const ColumnMap* map : ShippedMaps()) options_.read.maps_to_try.push_back(map);
  }
  return true;
}

std::vector<const ColumnMap*> Workflow::ShippedMaps() {
  if (state_->shipped.empty()) {
    for (ColumnMap& map : LoadShippedColumnMaps(sources_)) {
      state_->shipped.push_back(std::make_unique<ColumnMap>(std::move(map)));
    }
  }
  std::vector<const ColumnMap*> out;
  for (const std::unique_ptr<ColumnMap>& map : state_->shipped) out.push_back(map.get());
  return out;
}

bool Workflow::ReadAll() {
  Diagnostics diagnostics;
  const std::size_t inputs = state_->record_inputs.size();
  if (progress_) progress_(WorkflowStep::kReading, 0, inputs);
  RecordSet records =
      ReadRecordInputs(state_->record_inputs, loaded_.rules, options_.read, sources_, diagnostics);
  if (progress_) progress_(WorkflowStep::kReading, inputs, inputs);
  learners_ = std::move(records.learners);
  accounting_ = records.accounting;
  refused_inputs_ = std::move(records.refused_inputs);
  record_errors_ = diagnostics.has_errors();
  handler_(diagnostics, sources_);
  Diagnostics checked;
  if (!state_->exceptions.Check(learners_, checked)) record_errors_ = true;
  if (state_->exceptions.bound() != nullptr) handler_(checked, sources_);
  // Go on when something was read: outcomes for clean learners are still worth having.
  return !learners_.empty() || !record_errors_;
}

std::optional<std::size_t> Workflow::FindLearner(std::string_view id) const {
  for (std::size_t i = 0; i < learners_.size(); ++i) {
    if (learners_[i].id == id) return i;
  }
  return std::nullopt;
}

void Workflow::Each(WorkflowStep step, const Programme& programme, const RuleSet& rules,
                    const EvaluateOptions& options,
                    const std::function<void(std::size_t, Outcome&&)>& take) const {
  Evaluator evaluator(rules, programme);
  std::vector<char> limit_hit(learners_.size(), 0);
  internal::ParallelFor(
      options_.jobs, learners_.size(),
      [&](std::size_t i) {
        Outcome outcome = evaluator.Evaluate(learners_[i], options);
        limit_hit[i] = outcome.search_limit_hit ? 1 : 0;
        take(i, std::move(outcome));
      },
      Reporter(step, learners_.size()));
  Diagnostics warnings;
  for (std::size_t i = 0; i < learners_.size(); ++i) {
    if (limit_hit[i] != 0) internal::WarnSearchLimit(learners_[i], options, warnings);
  }
  handler_(warnings, sources_);
}

void Workflow::EvaluateEach(bool trace,
                            const std::function<void(std::size_t, Outcome&&)>& take) const {
  EvaluateOptions options = evaluate_;
  options.trace = trace;
  Each(WorkflowStep::kEvaluating, *programme_, loaded_.rules, options, take);
}

std::vector<Outcome> Workflow::EvaluateAll(bool trace) const {
  std::vector<Outcome> outcomes(learners_.size());
  EvaluateEach(trace, [&](std::size_t i, Outcome&& outcome) { outcomes[i] = std::move(outcome); });
  return outcomes;
}

Outcome Workflow::Evaluate(std::size_t index, bool trace) const {
  Evaluator evaluator(loaded_.rules, *programme_);
  EvaluateOptions options = evaluate_;
  options.trace = trace;
  return evaluator.Evaluate(learners_[index], options);
}

void Workflow::ParallelFor(std::size_t n, const std::function<void(std::size_t)>& body) const {
  internal::ParallelFor(options_.jobs, n, body, Reporter(WorkflowStep::kRendering, n));
}

std::function<void(std::size_t)> Workflow::Reporter(WorkflowStep step, std::size_t total) const {
  if (!progress_) return nullptr;
  return [this, step, total](std::size_t done) { progress_(step, done, total); };
}

bool Workflow::LoadBaseline(const std::vector<InputFile>& rules) {
  baseline_ = LoadRules(rules, baseline_sources_, options_.load);
  handler_(baseline_.diagnostics, baseline_sources_);
  if (!baseline_.ok()) return false;
  // The programme with the new programme's id, else the only one.
  const int index = baseline_.rules.FindProgramme(programme_->id);
  if (index != kNone) {
    baseline_programme_ = &baseline_.rules.programmes[static_cast<std::size_t>(index)];
  } else if (baseline_.rules.programmes.size() == 1) {
    baseline_programme_ = &baseline_.rules.programmes.front();
  } else {
    failure_ = fmt::format(
        "the --baseline rules define no programme '{}' (and not exactly one programme) to "
        "compare with",
        programme_->id);
    return false;
  }
  if (std::string why = CompareVocabulary(loaded_.rules, baseline_.rules); !why.empty()) {
    failure_ = fmt::format(
        "the --baseline rules cannot be compared with these: {}; a baseline must use the same "
        "qualification types, subjects and scales",
        why);
    return false;
  }
  baseline_evaluate_ = evaluate_;
  baseline_evaluate_.exceptions = nullptr;
  // The assessors' decisions stand under the old rules too, where their nodes exist.
  if (state_->exceptions.bound() != nullptr) {
    Diagnostics diagnostics;
    state_->baseline_exceptions =
        state_->exceptions.BindTo(baseline_.rules, *baseline_programme_, *programme_, diagnostics);
    handler_(diagnostics, sources_);
    baseline_evaluate_.exceptions = &*state_->baseline_exceptions;
  }
  return true;
}

void Workflow::EvaluateBaselineEach(bool trace,
                                    const std::function<void(std::size_t, Outcome&&)>& take) const {
  EvaluateOptions options = baseline_evaluate_;
  options.trace = trace;
  Each(WorkflowStep::kBaseline, *baseline_programme_, baseline_.rules, options, take);
}

std::string CompareVocabulary(const RuleSet& rules, const RuleSet& baseline) {
  // Achievements hold indexes into the new rules' types, subjects and scales; the old rules
  // can only read them if those lists are the same.
  auto same_ids = [](const auto& a, const auto& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (a[i].id != b[i].id) return false;
    }
    return true;
  };
  if (!same_ids(rules.types, baseline.types)) return "their qualification types differ";
  if (!same_ids(rules.subjects, baseline.subjects)) return "their subjects differ";
  if (!same_ids(rules.scales, baseline.scales)) return "their grade scales differ";
  for (std::size_t i = 0; i < rules.scales.size(); ++i) {
    if (rules.scales[i].grades != baseline.scales[i].grades) {
      return fmt::format("the grades of scale '{}' differ", rules.scales[i].id);
    }
  }
  for (std::size_t i = 0; i < rules.types.size(); ++i) {
    if (rules.types[i].scale_id != baseline.types[i].scale_id) {
      return fmt::format("qualification type '{}' uses a different scale", rules.types[i].id);
    }
  }
  return "";
}

}  // namespace accredit
