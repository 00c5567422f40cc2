#include "accredit/cohort_report.h"

#include <utility>

namespace accredit {

std::optional<Report> BuildCohortReport(Workflow& workflow, const CohortReportRequest& request) {
  const std::vector<Learner>& learners = workflow.learners();
  std::vector<ReportedOutcome> outcomes(learners.size());
  workflow.EvaluateEach(true, [&](std::size_t i, Outcome&& outcome) {
    outcomes[i] = request.next_steps
                      ? ForReport(workflow.rules(), workflow.programme(), learners[i],
                                  std::move(outcome), workflow.evaluate_options().as_of)
                      : ForReport(workflow.rules(), learners[i], std::move(outcome));
  });

  std::optional<BaselineComparison> comparison;
  if (!request.baseline.empty()) {
    if (!workflow.LoadBaseline(request.baseline)) return std::nullopt;
    std::vector<ReportedOutcome> before(learners.size());
    workflow.EvaluateBaselineEach(true, [&](std::size_t i, Outcome&& outcome) {
      before[i] = ForReport(workflow.baseline_rules(), learners[i], std::move(outcome));
    });
    comparison =
        CompareOutcomes(workflow.programme(), workflow.baseline_rules(),
                        workflow.baseline_programme(), learners, outcomes, before, request.options);
    comparison->rule_changes =
        CompareRules(workflow.baseline_rules(), workflow.baseline_programme(), workflow.rules(),
                     workflow.programme());
    comparison->file = RulesFileOf(workflow.baseline_sources(), workflow.baseline_programme());
  }
  Report report = BuildReport(workflow.rules(), workflow.programme(), learners, outcomes,
                              workflow.accounting(), workflow.evaluate_options(), request.options);
  report.baseline = std::move(comparison);
  report.file = RulesFileOf(workflow.sources(), workflow.programme());
  return report;
}

}  // namespace accredit
