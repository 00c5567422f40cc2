// The cohort report as plain text for a terminal.
#include <fmt/format.h>

#include <algorithm>

#include "accredit/outcome_format.h"
#include "accredit/report.h"
#include "base/text_wrap.h"
#include "output/report_internal.h"

namespace accredit {

namespace {

using internal::AchievedTitle;
using internal::GradesInWords;
using internal::Percent;
using internal::PlainText;
using internal::TitleOf;

void SummaryText(const Report& r, const CohortSummary& s, std::string& out) {
  std::size_t judged = s.learners - s.errors;
  out += "Outcomes\n";
  // As wide as the longest tier title (T Level's "Partial achievement"), at least 16 columns
  // (fmt pads by columns too).
  std::size_t width = 16;
  for (const TierCount& t : s.tiers) width = std::max(width, internal::Columns(TitleOf(*t.tier)));
  for (const TierCount& t : s.tiers) {
    std::string line = fmt::format("  {:<{}} {:>5}  {:>4}   ", TitleOf(*t.tier), width, t.learners,
                                   Percent(t.learners, judged));
    if (t.grades.empty()) {
      while (line.back() == ' ') line.pop_back();
      out += line + "\n";
    } else {
      internal::Wrap(out, line + GradesInWords(t), 0, 80, internal::Columns(line));
    }
  }
  out += fmt::format("  {:<{}} {:>5}  {:>4}\n", "No award", width, s.none, Percent(s.none, judged));
  if (s.errors > 0) out += fmt::format("  {:<{}} {:>5}\n", "Data errors", width, s.errors);
  if (s.predicted > 0) {
    out += fmt::format("  ({} relying on a predicted grade)\n", s.predicted);
  }
  if (s.exceptions > 0) {
    out += fmt::format("  ({} relying on an assessor exception)\n", s.exceptions);
  }
  out += "\nComponent pass rates (of the learners evaluated at each tier)\n";
  const Tier* current = nullptr;
  for (const ComponentRate& c : s.components) {
    if (c.tier != current) {
      current = c.tier;
      out += fmt::format("  {}\n", current != nullptr ? TitleOf(*current) : "");
    }
    out += fmt::format("    {:<32} {:>5} of {:<5} {:>4}\n", TitleOf(*c.component), c.met,
                       c.evaluated, Percent(c.met, c.evaluated));
  }
  out += "\nMost common still-needed requirements (learners, for their next tier up)\n";
  if (s.reasons.empty()) out += "  none\n";
  for (const NeededReason& n : s.reasons)
    internal::Wrap(out, fmt::format("{:>5}  {}", n.learners, PlainText(n.text)), 2, 80, 7);
  (void)r;
}

}  // namespace

std::string ReportText(const Report& r) {
  const CohortSummary& s = r.cohort;
  std::string out = fmt::format("{}: cohort report\n", internal::ProgrammeHeading(*r.programme));
  out += fmt::format("{} learner{}", s.learners, s.learners == 1 ? "" : "s");
  if (std::string options = internal::OptionsSentence(r); !options.empty()) {
    out += "; " + options;
  }
  out += "\n\n";
  SummaryText(r, s, out);
  out += "\nClose to the next tier (one component short)\n";
  if (s.close.empty()) out += "  none\n";
  for (const CloseLearner& c : s.close) {
    internal::Wrap(out,
                   fmt::format("{} ({}{}): {} needs {}", PlainText(c.learner), AchievedTitle(c),
                               c.group.empty() ? "" : ", " + PlainText(c.group), TitleOf(*c.next),
                               TitleOf(*c.missing)),
                   2, 80, 2);
    for (const std::string& n : c.still_needed) internal::Wrap(out, "- " + PlainText(n), 4, 80, 2);
  }
  out += "\nData errors\n";
  if (s.data_errors.empty()) out += "  none\n";
  for (const DataErrorLearner& e : s.data_errors) {
    // A learner with no rejected row is here because an input was refused (said at the end).
    const std::string why = e.rejected_rows > 0 ? fmt::format("{} rejected row{}", e.rejected_rows,
                                                              e.rejected_rows == 1 ? "" : "s")
                                                : "an input could not be read";
    out += fmt::format("  {}{}: {} (see the diagnostics)\n", PlainText(e.learner),
                       e.group.empty() ? "" : " (" + PlainText(e.group) + ")", why);
  }
  if (internal::WithExceptions(r)) {
    out += "\nAssessor exceptions (learners they apply to; outcome with them)\n";
    if (s.excepted.empty()) out += "  none\n";
    for (const ExceptionLearner& e : s.excepted) {
      out += fmt::format("  {}{}: {}\n", PlainText(e.learner),
                         e.group.empty() ? "" : " (" + PlainText(e.group) + ")",
                         internal::ExceptedOutcome(*r.programme, e));
      for (const ExceptionResult& x : e.exceptions) {
        internal::Wrap(out, "- " + PlainText(internal::ExceptionLine(r, x)), 4, 80, 2);
      }
    }
  }
  for (const CohortSummary& g : r.groups) {
    out += fmt::format("\n== {} {}: {} learner{}\n\n", r.options.group_by_name(),
                       PlainText(g.group), g.learners, g.learners == 1 ? "" : "s");
    SummaryText(r, g, out);
  }
  if (r.baseline) {
    const BaselineComparison& b = *r.baseline;
    out += "\n";
    internal::Wrap(out,
                   fmt::format("Rule change: baseline {} -> these rules",
                               internal::ProgrammeHeading(*b.programme)),
                   0, 80, 2);
    std::size_t row_width = 16;
    for (const std::string& label : b.before) {
      row_width =
          std::max(row_width, internal::Columns(internal::TierLabelText(*b.programme, label)));
    }
    std::size_t column_width = 11;
    for (const std::string& label : b.after) {
      column_width =
          std::max(column_width, internal::Columns(internal::TierLabelText(*r.programme, label)));
    }
    out += fmt::format("  {:<{}}", "before \\ after", row_width);
    for (const std::string& a : b.after) {
      out += fmt::format(" {:>{}}", internal::TierLabelText(*r.programme, a), column_width + 2);
    }
    out += "\n";
    for (std::size_t i = 0; i < b.before.size(); ++i) {
      out += fmt::format("  {:<{}}", internal::TierLabelText(*b.programme, b.before[i]), row_width);
      for (std::size_t n : b.transitions[i]) out += fmt::format(" {:>{}}", n, column_width + 2);
      out += "\n";
    }
    out += fmt::format("\n{} learner{} change outcome, {} unchanged\n", b.changes.size(),
                       b.changes.size() == 1 ? "" : "s", b.unchanged);
    for (const LearnerChange& c : b.changes) {
      out += fmt::format("  {}{}: {} -> {}\n", PlainText(c.learner),
                         c.group.empty() ? "" : " (" + PlainText(c.group) + ")",
                         internal::OutcomeInWords(*b.programme, c.before_tier, c.before_grade),
                         internal::OutcomeInWords(*r.programme, c.after_tier, c.after_grade));
      for (const std::string& reason : c.reasons)
        internal::Wrap(out, "- " + PlainText(reason), 4, 80, 2);
    }
  }
  const Accounting& a = r.accounting;
  out += fmt::format("\nrows: {} read, {} used, {} rejected\n", a.rows_read, a.rows_used,
                     a.rows_rejected);
  if (r.evaluate_options.refused_inputs != nullptr) {
    const std::string refused = RefusedInputsSummary(*r.evaluate_options.refused_inputs);
    if (!refused.empty()) out += refused + "\n";
  }
  return out;
}

}  // namespace accredit
