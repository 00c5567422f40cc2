// The cohort report as one long CSV table (RFC 4180): a row per figure, with a `section`
// column saying what it is, so that a spreadsheet can filter and pivot it. Columns:
//   section,group,learner,tier,component,item,count,total,text
// With assessor exceptions: a `learners` row for tier `exception` (outcomes relying on one), an
// `exception-learner` row per learner with exceptions (tier: the outcome; item: the outcome
// without them; count: 1 when it relies on them) and an `exception` row per exception (tier,
// component, item: the action, text: the decision).
#include <fmt/format.h>

#include "accredit/exceptions.h"
#include "accredit/report.h"
#include "base/csv_cell.h"
#include "output/report_internal.h"

namespace accredit {

namespace {

struct Row {
  std::string_view section;
  std::string_view group;
  std::string_view learner;
  std::string_view tier;
  std::string_view component;
  std::string_view item;
  std::string count;
  std::string total;
  std::string_view text;
};

void Emit(const Row& r, std::string& out) {
  out += fmt::format("{},{},{},{},{},{},{},{},{}\n", r.section, internal::CsvCell(r.group),
                     internal::CsvCell(r.learner), internal::CsvCell(r.tier),
                     internal::CsvCell(r.component), internal::CsvCell(r.item), r.count, r.total,
                     internal::CsvCell(r.text));
}

std::string N(std::uint64_t n) { return fmt::format("{}", n); }

std::string Joined(const std::vector<std::string>& lines) {
  return fmt::format("{}", fmt::join(lines, "\n"));
}

void Summary(const Report& r, const CohortSummary& s, std::string& out) {
  std::string judged = N(s.learners - s.errors);
  for (const TierCount& t : s.tiers) {
    Emit({"learners", s.group, "", t.tier->id, "", "", N(t.learners), judged, ""}, out);
    for (const GradeCount& g : t.grades) {
      Emit({"grade", s.group, "", t.tier->id, "", g.grade, N(g.learners), N(t.learners), ""}, out);
    }
  }
  Emit({"learners", s.group, "", "none", "", "", N(s.none), judged, ""}, out);
  Emit({"learners", s.group, "", "error", "", "", N(s.errors), N(s.learners), ""}, out);
  Emit({"learners", s.group, "", "predicted", "", "", N(s.predicted), judged, ""}, out);
  if (internal::WithExceptions(r)) {
    Emit({"learners", s.group, "", "exception", "", "", N(s.exceptions), judged, ""}, out);
  }
  for (const ComponentRate& c : s.components) {
    Emit({"component", s.group, "", c.tier->id, c.component->id, "", N(c.met), N(c.evaluated),
          internal::TitleOf(*c.component)},
         out);
  }
  for (const NeededReason& n : s.reasons) {
    Emit({"reason", s.group, "", n.tier->id, n.component->id, n.requirement->id, N(n.learners), "",
          n.text},
         out);
  }
}

}  // namespace

std::string ReportCsv(const Report& r) {
  std::string out = "section,group,learner,tier,component,item,count,total,text\n";
  Summary(r, r.cohort, out);
  for (const CloseLearner& c : r.cohort.close) {
    Emit({"close", c.group, c.learner, c.next->id, c.missing->id, internal::AchievedLabel(c), "",
          "", Joined(c.still_needed)},
         out);
  }
  for (const DataErrorLearner& e : r.cohort.data_errors) {
    Emit({"data-error", e.group, e.learner, "", "", "", N(e.rejected_rows), "", ""}, out);
  }
  for (const ExceptionLearner& e : r.cohort.excepted) {
    Emit({"exception-learner", e.group, e.learner, internal::OutcomeLabel(e.tier, e.grade), "",
          internal::OutcomeLabel(e.tier_without, e.grade_without), e.relies ? "1" : "0", "", ""},
         out);
    const Programme& p = *r.programme;
    for (const ExceptionResult& x : e.exceptions) {
      const BoundException& b = *x.exception;
      const Tier& tier = p.tiers[static_cast<std::size_t>(b.tier)];
      Emit({"exception", e.group, e.learner, tier.id,
            tier.components[static_cast<std::size_t>(b.component)].id,
            ExceptionActionName(b.exception->action), "", "", internal::ExceptionLine(r, x)},
           out);
    }
  }
  for (const CohortSummary& g : r.groups) Summary(r, g, out);
  if (r.baseline) {
    const BaselineComparison& b = *r.baseline;
    for (std::size_t i = 0; i < b.before.size(); ++i) {
      for (std::size_t j = 0; j < b.after.size(); ++j) {
        Emit({"transition", "", "", b.before[i], "", b.after[j], N(b.transitions[i][j]), "", ""},
             out);
      }
    }
    for (const LearnerChange& c : b.changes) {
      Emit({"change", c.group, c.learner, internal::OutcomeLabel(c.before_tier, c.before_grade), "",
            internal::OutcomeLabel(c.after_tier, c.after_grade), "", "", Joined(c.reasons)},
           out);
    }
  }
  const Accounting& a = r.accounting;
  Emit({"rows", "", "", "", "", "read", N(a.rows_read), "", ""}, out);
  Emit({"rows", "", "", "", "", "used", N(a.rows_used), "", ""}, out);
  Emit({"rows", "", "", "", "", "rejected", N(a.rows_rejected), "", ""}, out);
  Emit({"rows", "", "", "", "", "learners", N(a.learners), "", ""}, out);
  return out;
}

}  // namespace accredit
