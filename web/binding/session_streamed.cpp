// Session::StreamedRun: a large export (above RunOptions::stream_above) checked as `validate`
// checks it, streamed a chunk at a time (Workflow::Run), so that the page's memory holds the
// export and the outcomes' CSV but never every learner at once. What it gives is what a
// streamed run can: the counts, the accounting, the outcomes and the fix list.
#include <utility>

#include "accredit/diagnostic.h"
#include "accredit/json_writer.h"
#include "accredit/outcome_format.h"
#include "session.h"

namespace accredit::web {

std::string Session::StreamedRun(const RunOptions& options) {
  report_.reset();
  streamed_csv_.clear();
  fixes_ = std::make_unique<FixList>();
  FixList* fixes = fixes_.get();
  JsonWriter diagnostics;
  diagnostics.BeginArray();
  auto write = [&diagnostics](const Diagnostics& found, const SourceSet& sources) {
    for (const Diagnostic& d : found.items()) {
      WriteDiagnosticJson(diagnostics, d, sources, Render(d, sources));
    }
  };
  // The workflow lives for this call only: nothing is asked of it afterwards.
  Workflow workflow([&write, fixes](const Diagnostics& found, const SourceSet& sources) {
    write(found, sources);
    fixes->Add(found, sources);
  });
  workflow_.reset();

  // The records move into the workflow rather than being copied (a large export is the most
  // of the page's memory): the session has none afterwards, and the page gives them again.
  std::vector<CohortInput> inputs;
  for (InputFile& file : records_) inputs.push_back(CohortInput{std::move(file), std::nullopt});
  records_.clear();
  JsonWriter json;
  json.BeginObject();
  if (!workflow.Prepare(MakeWorkflowOptions(options), std::move(inputs))) {
    diagnostics.EndArray();
    json.Key("ok").Bool(false);
    json.Key("streamed").Bool(true);
    json.Key("failure").String(workflow.failure());
    json.Key("diagnostics").Raw(diagnostics.str());
    json.EndObject();
    return json.str();
  }

  OutcomeRun run{&workflow.rules(), &workflow.programme(), &workflow.sources(),
                 workflow.evaluate_options()};
  OutcomeWriter writer(OutcomeFormat::kCsv, run);
  ValidateSummary summary;
  std::string csv;
  bool begun = false;
  // A streamed read's diagnostics stand only once it is known not to start again.
  std::vector<Diagnostics> held;
  CohortCallbacks callbacks;
  callbacks.render = [&writer](CohortBatch& batch) {
    for (std::size_t i = 0; i < batch.learners.size(); ++i) {
      if (i > 0) batch.rendered += writer.Separator();
      batch.rendered += writer.Learner(batch.learners[i], batch.outcomes[i]);
    }
  };
  callbacks.consume = [&](CohortBatch& batch) {
    for (const Outcome& outcome : batch.outcomes) summary.Add(outcome);
    if (batch.rendered.empty()) return;
    if (!begun) csv += writer.Begin(summary, {});
    if (begun) csv += writer.Separator();
    csv += batch.rendered;
    begun = true;
  };
  callbacks.provisional = [&](const Diagnostics& found) {
    held.push_back(found);
    fixes->Add(found, workflow.sources());
  };
  callbacks.restart = [&] {
    held.clear();
    fixes->Clear();
    summary = ValidateSummary{};
    csv.clear();
    begun = false;
    return true;
  };
  const CohortTotals totals = workflow.Run(callbacks);
  for (const Diagnostics& found : held) write(found, workflow.sources());
  diagnostics.EndArray();

  const bool ok = !totals.unreadable && !totals.stopped;
  if (ok) {
    if (!begun) csv += writer.Begin(summary, totals.accounting);
    csv += writer.End(summary, totals.accounting);
    streamed_csv_ = std::move(csv);
  }
  json.Key("ok").Bool(ok);
  json.Key("streamed").Bool(true);
  std::string failure = workflow.failure();
  if (!ok && failure.empty()) failure = "none of the records could be read: see the messages";
  json.Key("failure").String(failure);
  json.Key("diagnostics").Raw(diagnostics.str());
  if (ok) {
    const Programme& programme = workflow.programme();
    json.Key("programme").String(programme.title);
    json.Key("learners").Int(static_cast<long long>(summary.learners));
    json.Key("tiers").BeginArray();
    for (std::size_t i = 0; i < programme.tiers.size(); ++i) {
      json.BeginObject();
      json.Key("id").String(programme.tiers[i].id);
      json.Key("title").String(programme.tiers[i].title);
      json.Key("learners")
          .Int(static_cast<long long>(i < summary.per_tier.size() ? summary.per_tier[i] : 0));
      json.EndObject();
    }
    json.EndArray();
    json.Key("none").Int(static_cast<long long>(summary.none));
    json.Key("errors").Int(static_cast<long long>(summary.errors));
    json.Key("predicted").Int(static_cast<long long>(summary.predicted));
    json.Key("accounting");
    WriteAccountingJson(json, totals.accounting);
    json.Key("refused").BeginArray();
    for (const std::string& name : totals.refused_inputs) json.String(name);
    json.EndArray();
    json.Key("fixes").Int(static_cast<long long>(fixes_->size()));
    json.Key("list").BeginArray().EndArray();
  }
  json.EndObject();
  return json.str();
}

}  // namespace accredit::web
