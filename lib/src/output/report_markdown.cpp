// The cohort report as Markdown: the sections of the text report as headings and pipe tables.
#include <fmt/format.h>

#include "accredit/report.h"
#include "output/report_internal.h"

namespace accredit {

namespace {

using internal::AchievedTitle;
using internal::GradesInWords;
using internal::Percent;
using internal::TitleOf;

// Learner text in a Markdown table cell: escape what would end the cell or start markup.
std::string Md(std::string_view raw) {
  std::string text = internal::PlainText(raw);
  std::string out;
  for (char c : text) {
    switch (c) {
      case '|':
      case '\\':
      case '*':
      case '_':
      case '`':
      case '[':
      case ']':
      case '#':
      case '<':
      case '>':
      case '&':
        out += '\\';
        out += c;
        break;
      default:
        out += c;
    }
  }
  return out;
}

void SummaryMarkdown(const CohortSummary& s, const std::string& level, std::string& out) {
  std::size_t judged = s.learners - s.errors;
  out += level + " Outcomes\n\n| tier | learners | share | award grades |\n|---|--:|--:|---|\n";
  for (const TierCount& t : s.tiers) {
    out += fmt::format("| {} | {} | {} | {} |\n", Md(TitleOf(*t.tier)), t.learners,
                       Percent(t.learners, judged), Md(GradesInWords(t)));
  }
  out += fmt::format("| No award | {} | {} | |\n", s.none, Percent(s.none, judged));
  if (s.errors > 0) out += fmt::format("| Data errors | {} | | |\n", s.errors);
  if (s.predicted > 0) {
    out += fmt::format("\n{} of these rely on a predicted grade.\n", s.predicted);
  }
  if (s.exceptions > 0) {
    out += fmt::format("\n{} of these rely on an assessor exception.\n", s.exceptions);
  }
  out += "\n" + level +
         " Component pass rates\n\nOf the learners evaluated at each tier: everyone for the "
         "highest tier, those below it for the next.\n\n"
         "| tier | component | met | evaluated | pass rate |\n|---|---|--:|--:|--:|\n";
  for (const ComponentRate& c : s.components) {
    out += fmt::format("| {} | {} | {} | {} | {} |\n", Md(TitleOf(*c.tier)),
                       Md(TitleOf(*c.component)), c.met, c.evaluated, Percent(c.met, c.evaluated));
  }
  out += "\n" + level +
         " Most common still-needed requirements\n\nLearners who still need each requirement "
         "of their next tier up.\n\n";
  if (s.reasons.empty()) {
    out += "None.\n";
  } else {
    out += "| learners | requirement |\n|--:|---|\n";
    for (const NeededReason& n : s.reasons) {
      out += fmt::format("| {} | {} |\n", n.learners, Md(n.text));
    }
  }
}

}  // namespace

std::string ReportMarkdown(const Report& r) {
  const CohortSummary& s = r.cohort;
  std::string out =
      fmt::format("# {}: cohort report\n\n", Md(internal::ProgrammeHeading(*r.programme)));
  out += fmt::format("{} learner{}", s.learners, s.learners == 1 ? "" : "s");
  if (std::string options = internal::OptionsSentence(r); !options.empty()) {
    out += "; " + Md(options);
  }
  out += ".\n\n";
  SummaryMarkdown(s, "##", out);
  out += "\n## Close to the next tier\n\nOne component short of the next tier up.\n\n";
  if (s.close.empty()) {
    out += "None.\n";
  } else {
    out += fmt::format("| learner |{} achieved | short of | still needed |\n|---|{}---|---|---|\n",
                       r.options.grouped() ? " group |" : "", r.options.grouped() ? "---|" : "");
    for (const CloseLearner& c : s.close) {
      std::vector<std::string> needed;
      for (const std::string& n : c.still_needed) needed.push_back(Md(n));
      out += fmt::format("| {} |{} {} | {}: {} | {} |\n", Md(c.learner),
                         r.options.grouped() ? " " + Md(c.group) + " |" : "", Md(AchievedTitle(c)),
                         Md(TitleOf(*c.next)), Md(TitleOf(*c.missing)), fmt::join(needed, "<br>"));
    }
  }
  out += "\n## Data errors\n\n";
  if (s.data_errors.empty()) {
    out += "None.\n";
  } else {
    out += "| learner | rejected rows |\n|---|--:|\n";
    for (const DataErrorLearner& e : s.data_errors) {
      out += fmt::format("| {} | {} |\n", Md(e.learner), e.rejected_rows);
    }
  }
  if (internal::WithExceptions(r)) {
    out += "\n## Assessor exceptions\n\nLearners with exceptions, and their outcome with them.\n\n";
    if (s.excepted.empty()) {
      out += "None.\n";
    } else {
      out += fmt::format("| learner |{} outcome | exceptions |\n|---|{}---|---|\n",
                         r.options.grouped() ? " group |" : "", r.options.grouped() ? "---|" : "");
      for (const ExceptionLearner& e : s.excepted) {
        std::vector<std::string> lines;
        for (const ExceptionResult& x : e.exceptions)
          lines.push_back(Md(internal::ExceptionLine(r, x)));
        out +=
            fmt::format("| {} |{} {} | {} |\n", Md(e.learner),
                        r.options.grouped() ? " " + Md(e.group) + " |" : "",
                        Md(internal::ExceptedOutcome(*r.programme, e)), fmt::join(lines, "<br>"));
      }
    }
  }
  for (const CohortSummary& g : r.groups) {
    out += fmt::format("\n## {} {} ({} learner{})\n\n", r.options.group_by_name(), Md(g.group),
                       g.learners, g.learners == 1 ? "" : "s");
    SummaryMarkdown(g, "###", out);
  }
  if (r.baseline) {
    const BaselineComparison& b = *r.baseline;
    out +=
        fmt::format("\n## Rule change\n\nBaseline: {}. Rows: tier before; columns: tier after.\n\n",
                    Md(internal::ProgrammeHeading(*b.programme)));
    out += "| before \\\\ after |";
    std::string rule = "|---|";
    for (const std::string& a : b.after) {
      out += fmt::format(" {} |", Md(internal::TierLabelText(*r.programme, a)));
      rule += "--:|";
    }
    out += "\n" + rule + "\n";
    for (std::size_t i = 0; i < b.before.size(); ++i) {
      out += fmt::format("| {} |", Md(internal::TierLabelText(*b.programme, b.before[i])));
      for (std::size_t n : b.transitions[i]) out += fmt::format(" {} |", n);
      out += "\n";
    }
    out += fmt::format("\n{} learner{} change outcome, {} unchanged.\n\n", b.changes.size(),
                       b.changes.size() == 1 ? "" : "s", b.unchanged);
    if (!b.changes.empty()) {
      out += "| learner | before | after | why |\n|---|---|---|---|\n";
      for (const LearnerChange& c : b.changes) {
        std::vector<std::string> reasons;
        for (const std::string& reason : c.reasons) reasons.push_back(Md(reason));
        out +=
            fmt::format("| {} | {} | {} | {} |\n", Md(c.learner),
                        Md(internal::OutcomeInWords(*b.programme, c.before_tier, c.before_grade)),
                        Md(internal::OutcomeInWords(*r.programme, c.after_tier, c.after_grade)),
                        fmt::join(reasons, "<br>"));
      }
    }
  }
  const Accounting& a = r.accounting;
  out += fmt::format("\n## Rows\n\n| read | used | rejected |\n|--:|--:|--:|\n| {} | {} | {} |\n",
                     a.rows_read, a.rows_used, a.rows_rejected);
  return out;
}

}  // namespace accredit
