#include "session.h"

#include <string_view>
#include <utility>

#include "accredit/conformance.h"
#include "accredit/diagnostic.h"
#include "accredit/explain.h"
#include "accredit/json_writer.h"
#include "accredit/map_proposal.h"
#include "accredit/outcome_format.h"
#include "accredit/rules_loader.h"
#include "accredit/transcript.h"
#include "accredit/workbook.h"

namespace accredit::web {

namespace {

// A diagnostic for the page: the JSON of `check --format json`, and the text the command
// line prints (without the lines of learner records, which may carry names).
void WriteDiagnostic(JsonWriter& json, const Diagnostic& diagnostic, const SourceSet& sources) {
  WriteDiagnosticJson(json, diagnostic, sources, Render(diagnostic, sources));
}

void WriteProgrammes(JsonWriter& json, const RuleSet& rules) {
  json.Key("programmes").BeginArray();
  for (const Programme& programme : rules.programmes) {
    json.BeginObject();
    json.Key("id").String(programme.id);
    json.Key("title").String(programme.title);
    json.EndObject();
  }
  json.EndArray();
}

std::string TierId(const Tier* tier) { return tier == nullptr ? "none" : tier->id; }

// How large a records file counts for kStreamAboveBytes: its size, or for a workbook (a zip
// archive, whose sheets are compressed: about a third of the CSV they hold) three times it.
std::size_t RecordsWeight(const InputFile& file) {
  if (!file.text) return 0;
  const bool workbook = file.text->starts_with(std::string_view("PK\x03\x04", 4));
  return workbook ? 3 * file.text->size() : file.text->size();
}

}  // namespace

Session::Session() = default;
Session::~Session() = default;

void Session::AddRecords(std::string name, std::string bytes) {
  records_.push_back(InputFile::Bytes(std::move(name), std::move(bytes)));
}

void Session::AddMap(std::string name, std::string bytes) {
  maps_.push_back(InputFile::Bytes(std::move(name), std::move(bytes)));
}

void Session::AddExceptions(std::string name, std::string text) {
  exceptions_.push_back(InputFile::Bytes(std::move(name), std::move(text)));
}

void Session::ClearInputs() {
  records_.clear();
  maps_.clear();
  exceptions_.clear();
  workflow_.reset();
  streamed_csv_.clear();
  fixes_.reset();
  report_.reset();
}

void Session::AddRules(std::string name, std::string text) {
  rules_.push_back(InputFile::Bytes(std::move(name), std::move(text)));
}

void Session::UseShippedRules(std::string path) {
  rules_.clear();
  shipped_ = std::move(path);
}

void Session::AddBaselineRules(std::string name, std::string text) {
  baseline_.push_back(InputFile::Bytes(std::move(name), std::move(text)));
}

void Session::UseShippedBaseline(std::string path) {
  baseline_.clear();
  baseline_.push_back(InputFile::Path(
      "<rules>/" + (path.empty() ? std::string(kDefaultRulesFile) : std::move(path))));
}

void Session::ClearBaseline() { baseline_.clear(); }

std::vector<InputFile> Session::RulesFiles() const {
  if (!rules_.empty()) return rules_;
  if (shipped_.empty()) return {};  // the default programme
  return {InputFile::Path("<rules>/" + shipped_)};
}

WorkflowOptions Session::MakeWorkflowOptions(const RunOptions& options) const {
  WorkflowOptions workflow_options;
  workflow_options.rules = RulesFiles();
  workflow_options.award = options.award;
  workflow_options.as_of = options.as_of;
  workflow_options.predicted = options.predicted;
  workflow_options.jobs = 1;  // WebAssembly here is built single-threaded
  workflow_options.maps = maps_;
  workflow_options.exceptions = exceptions_;
  return workflow_options;
}

std::string Session::Run(const RunOptions& options) {
  std::size_t bytes = 0;
  for (const InputFile& file : records_) bytes += RecordsWeight(file);
  const std::size_t stream_above =
      options.stream_above > 0 ? options.stream_above : kStreamAboveBytes;
  if (bytes > stream_above) return StreamedRun(options);

  report_.reset();
  streamed_csv_.clear();
  fixes_ = std::make_unique<FixList>();
  JsonWriter diagnostics;
  diagnostics.BeginArray();
  FixList* fixes = fixes_.get();
  workflow_ = std::make_unique<Workflow>(
      [&diagnostics, fixes](const Diagnostics& found, const SourceSet& sources) {
        for (const Diagnostic& d : found.items()) WriteDiagnostic(diagnostics, d, sources);
        fixes->Add(found, sources);
      });

  WorkflowOptions workflow_options = MakeWorkflowOptions(options);
  std::vector<CohortInput> inputs;
  for (const InputFile& file : records_) inputs.push_back(CohortInput{file, std::nullopt});

  bool ok =
      workflow_->Prepare(std::move(workflow_options), std::move(inputs)) && workflow_->ReadAll();
  if (ok) {
    // The page's dashboard: the page lists the learners and explains each itself, so the
    // report leaves out their table and sections, and their next steps are not planned; its
    // tables of single learners list the first few (a thousand rows took the browser half a
    // second to draw), the list beside it finds the rest.
    CohortReportRequest request;
    request.options.learner_details = false;
    request.options.learners_listed = kDashboardLearners;
    request.baseline = baseline_;
    report_ = BuildCohortReport(*workflow_, request);
    ok = report_.has_value();
  }
  diagnostics.EndArray();

  JsonWriter json;
  json.BeginObject();
  json.Key("ok").Bool(ok);
  json.Key("streamed").Bool(false);
  json.Key("failure").String(workflow_->failure());
  json.Key("diagnostics").Raw(diagnostics.str());
  if (ok) {
    const Report& report = *report_;
    json.Key("programme").String(report.programme->title);
    json.Key("learners").Int(static_cast<long long>(report.cohort.learners));
    json.Key("tiers").BeginArray();
    for (const TierCount& count : report.cohort.tiers) {
      json.BeginObject();
      json.Key("id").String(count.tier->id);
      json.Key("title").String(count.tier->title);
      json.Key("learners").Int(static_cast<long long>(count.learners));
      json.EndObject();
    }
    json.EndArray();
    json.Key("none").Int(static_cast<long long>(report.cohort.none));
    json.Key("errors").Int(static_cast<long long>(report.cohort.errors));
    json.Key("predicted").Int(static_cast<long long>(report.cohort.predicted));
    json.Key("accounting");
    WriteAccountingJson(json, report.accounting);
    json.Key("refused").BeginArray();
    for (const std::string& name : workflow_->refused_inputs()) json.String(name);
    json.EndArray();
    json.Key("fixes").Int(static_cast<long long>(fixes_->size()));
    std::vector<const LearnerChange*> changes(report.learners.size(), nullptr);
    if (report.baseline) {
      json.Key("changed").Int(static_cast<long long>(report.baseline->changes.size()));
      std::size_t next = 0;  // both lists are in input order
      for (std::size_t i = 0; i < report.learners.size(); ++i) {
        const auto& all = report.baseline->changes;
        if (next < all.size() && all[next].learner == report.learners[i].learner) {
          changes[i] = &all[next++];
        }
      }
    }
    json.Key("list").BeginArray();
    for (std::size_t i = 0; i < report.learners.size(); ++i) {
      const LearnerLine& line = report.learners[i];
      json.BeginObject();
      json.Key("id").String(line.learner);
      json.Key("name").String(line.name);
      json.Key("tier").String(TierId(line.tier));
      json.Key("tierTitle").String(line.tier == nullptr ? "No award" : line.tier->title);
      json.Key("grade").String(line.grade);
      json.Key("provisional").Bool(line.provisional);
      // One part short of the next tier up (the dashboard's "Close to the next tier").
      json.Key("close").Bool(!line.provisional && line.next != nullptr &&
                             line.next_components > 0 && line.next_met + 1 == line.next_components);
      if (changes[i] != nullptr) {
        json.Key("before").String(changes[i]->before_tier);
        json.Key("after").String(changes[i]->after_tier);
      }
      json.EndObject();
    }
    json.EndArray();
  }
  json.EndObject();
  return json.str();
}

std::string Session::DashboardHtml() const {
  return Evaluated() ? RenderReport(*report_, ReportFormat::kHtml) : std::string();
}

std::string Session::ReportHtml() const {
  if (!Evaluated()) return {};
  // The whole report, every learner's section and next steps included, as `report` writes it.
  CohortReportRequest request;
  request.next_steps = true;
  request.baseline = baseline_;
  std::optional<Report> report = BuildCohortReport(*workflow_, request);
  return report ? RenderReport(*report, ReportFormat::kHtml) : std::string();
}

std::string Session::ReportWorkbook() const {
  if (!Evaluated()) return {};
  // The workbook has a row per learner (its Outcomes sheet): the report is built again with
  // them, as `report --format xlsx` builds it.
  CohortReportRequest request;
  request.options.learner_rows = true;
  request.baseline = baseline_;
  std::optional<Report> report = BuildCohortReport(*workflow_, request);
  if (!report) return {};
  Workbook workbook = accredit::ReportWorkbook(*report);
  return workbook.error.empty() ? std::move(workbook.bytes) : std::string();
}

std::string Session::OutcomesCsv() const {
  if (!streamed_csv_.empty()) return streamed_csv_;
  if (!Evaluated()) return {};
  OutcomeRun run{&workflow_->rules(), &workflow_->programme(), &workflow_->sources(),
                 workflow_->evaluate_options()};
  OutcomeWriter writer(OutcomeFormat::kCsv, run);
  const std::vector<Outcome> outcomes = workflow_->EvaluateAll(false);
  ValidateSummary summary;
  for (const Outcome& outcome : outcomes) summary.Add(outcome);
  std::string out = writer.Begin(summary, workflow_->accounting());
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    if (i > 0) out += writer.Separator();
    out += writer.Learner(workflow_->learners()[i], outcomes[i]);
  }
  return out + writer.End(summary, workflow_->accounting());
}

std::string Session::FixListCsv() const { return fixes_ ? fixes_->Csv() : std::string(); }

std::string Session::ExplainHtml(const std::string& learner) const {
  if (!Evaluated()) return {};
  const std::optional<std::size_t> index = workflow_->FindLearner(learner);
  if (!index) return {};
  const Outcome outcome = workflow_->Evaluate(*index, true);
  ExplainOptions page;
  page.as_of = workflow_->evaluate_options().as_of;
  return accredit::ExplainHtml(workflow_->rules(), workflow_->programme(),
                               workflow_->learners()[*index], outcome, page);
}

std::string Session::TranscriptHtml(const std::string& learner) const {
  if (!Evaluated()) return {};
  const std::optional<std::size_t> index = workflow_->FindLearner(learner);
  if (!index) return {};
  const Outcome outcome = workflow_->Evaluate(*index, false);
  TranscriptOptions options;
  options.as_of = workflow_->evaluate_options().as_of;
  return accredit::TranscriptHtml(workflow_->rules(), workflow_->programme(),
                                  workflow_->learners()[*index], outcome, options);
}

std::string Session::TranscriptsHtml() const {
  if (!Evaluated()) return {};
  const std::vector<Outcome> outcomes = workflow_->EvaluateAll(false);
  std::vector<TranscriptEntry> entries;
  entries.reserve(outcomes.size());
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    entries.push_back({&workflow_->learners()[i], &outcomes[i]});
  }
  TranscriptOptions options;
  options.as_of = workflow_->evaluate_options().as_of;
  return TranscriptBookHtml(workflow_->rules(), workflow_->programme(), entries, options);
}

std::string Session::ProposeMaps() const {
  SourceSet sources;
  LoadResult loaded = LoadRulesOrDefault(RulesFiles(), sources);
  JsonWriter json;
  json.BeginObject();
  Diagnostics diagnostics;
  MapProposal proposal;
  if (loaded.ok()) {
    proposal = ProposeColumnMaps(records_, loaded.rules, sources, diagnostics);
  }
  json.Key("mappings").BeginArray();
  for (const ProposedMapping& mapping : proposal.mappings) {
    json.BeginObject();
    json.Key("yaml").String(mapping.yaml);
    json.Key("inputs").BeginArray();
    for (const std::string& input : mapping.inputs) json.String(input);
    json.EndArray();
    json.Key("rows").Int(static_cast<long long>(mapping.rows_read));
    json.Key("rejected").Int(static_cast<long long>(mapping.rows_rejected));
    json.Key("learners").Int(static_cast<long long>(mapping.learners));
    json.EndObject();
  }
  json.EndArray();
  json.Key("notes").BeginArray();
  for (const std::string& note : proposal.notes) json.String(note);
  json.EndArray();
  json.Key("problems").BeginArray();
  for (const MapProblem& problem : proposal.problems) {
    json.BeginObject();
    json.Key("input").String(problem.input);
    json.Key("message").String(problem.message);
    json.EndObject();
  }
  json.EndArray();
  json.Key("diagnostics").BeginArray();
  for (const Diagnostic& d : loaded.diagnostics.items()) WriteDiagnostic(json, d, sources);
  for (const Diagnostic& d : diagnostics.items()) WriteDiagnostic(json, d, sources);
  json.EndArray();
  json.EndObject();
  return json.str();
}

std::string CheckRules(const std::vector<InputFile>& files) {
  SourceSet sources;
  // As `accredit check` loads them: test files are linted too, not run.
  LoadOptions load;
  load.test_files = true;
  LoadResult loaded = LoadRules(files, sources, load);
  JsonWriter json;
  json.BeginObject();
  json.Key("ok").Bool(loaded.ok());
  json.Key("diagnostics").BeginArray();
  for (const Diagnostic& d : loaded.diagnostics.items()) WriteDiagnostic(json, d, sources);
  json.EndArray();
  json.Key("programmes").BeginArray();
  for (const Programme& programme : loaded.rules.programmes) {
    json.BeginObject();
    json.Key("id").String(programme.id);
    json.Key("title").String(programme.title);
    json.Key("framework").String(programme.framework_id);
    // Each programme held against the framework it names, as `check` holds it.
    const Diagnostics findings =
        loaded.ok() ? CheckConformance(loaded.rules, programme) : Diagnostics();
    json.Key("conforms").Bool(loaded.ok() && !findings.has_errors());
    json.Key("findings").BeginArray();
    for (const Diagnostic& d : findings.items()) WriteDiagnostic(json, d, sources);
    json.EndArray();
    json.EndObject();
  }
  json.EndArray();
  json.EndObject();
  return json.str();
}

std::string ShippedRules() {
  std::vector<std::string> paths = EmbeddedRulePaths();
  JsonWriter json;
  json.BeginArray();
  auto write = [&](const std::string& path) {
    SourceSet sources;
    LoadResult loaded = LoadRules(std::vector<std::string>{"<rules>/" + path}, sources);
    if (loaded.rules.programmes.empty()) return;  // scales, vocabularies, frameworks
    json.BeginObject();
    json.Key("path").String(path);
    WriteProgrammes(json, loaded.rules);
    json.EndObject();
  };
  write(std::string(kDefaultRulesFile));
  for (const std::string& path : paths) {
    if (path != kDefaultRulesFile) write(path);
  }
  json.EndArray();
  return json.str();
}

std::string ShippedRuleText(const std::string& path) {
  std::optional<std::string_view> text = EmbeddedRuleText(path);
  return text ? std::string(*text) : std::string();
}

std::string Version() { return ACCREDIT_VERSION; }

}  // namespace accredit::web
