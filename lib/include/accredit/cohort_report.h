// A cohort report from a workflow: what `accredit report` and the browser page's dashboard
// both show, built one way.
//
//   Workflow workflow(handler);
//   if (!workflow.Prepare(options, inputs) || !workflow.ReadAll()) return ...;
//   CohortReportRequest request;
//   request.baseline = old_rules;          // a rule change dry run (report --baseline)
//   std::optional<Report> report = BuildCohortReport(workflow, request);
//   if (!report) return Fail(workflow.failure());  // or the baseline's diagnostics
#pragma once

#include <optional>
#include <vector>

#include "accredit/input_file.h"
#include "accredit/report.h"
#include "accredit/workflow.h"

namespace accredit {

struct CohortReportRequest {
  // options (defaults) what the report holds (groups, names, a row per learner)
  ReportOptions options;
  // next_steps (false) plan each learner's next steps (ReportedOutcome::steps): only the HTML
  // page shows them, and planning costs time
  bool next_steps = false;
  // baseline (none) the old rules of a rule change: the same learners are evaluated against
  // them too, and the report says who changes and what changed in the rules
  std::vector<InputFile> baseline;
};

// Evaluates the learners that workflow.ReadAll() read (on the workflow's threads, each
// learner's traces reduced at once to what the report needs, so a cohort's traces never exist
// together) and builds the report, its RulesFile named. With a baseline, loads it
// (Workflow::LoadBaseline) and compares; nullopt when it cannot be compared, said by the
// workflow's diagnostics or failure().
std::optional<Report> BuildCohortReport(Workflow& workflow, const CohortReportRequest& request);

}  // namespace accredit
