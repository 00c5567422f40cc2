// The cohort report as one self-contained HTML page: inline SVG bar charts, each followed by
// a table of the same numbers; headings in document order; every string through HtmlEscape.
#include <fmt/format.h>

#include "accredit/report.h"
#include "base/html_page.h"
#include "output/report_internal.h"

namespace accredit {

namespace {

using internal::HtmlEscape;
using internal::Percent;
using internal::TitleOf;

class HtmlReport {
 public:
  explicit HtmlReport(const Report& r) : r_(r) {}

  std::string Render() {
    const CohortSummary& s = r_.cohort;
    std::string title = fmt::format("{}: cohort report", internal::ProgrammeHeading(*r_.programme));
    out_ = internal::PageStart(title);
    out_ += fmt::format("<header>\n<h1>{}</h1>\n<p>{} learner{}", HtmlEscape(title), s.learners,
                        s.learners == 1 ? "" : "s");
    if (std::string options = internal::OptionsSentence(r_); !options.empty()) {
      out_ += "; " + HtmlEscape(options);
    }
    out_ += ".</p>\n</header>\n<main>\n";
    Summary(s, 2, "");
    Close(s);
    Errors(s);
    if (internal::WithExceptions(r_)) Exceptions(s);
    for (const CohortSummary& g : r_.groups) {
      std::string heading = fmt::format("{} {}", r_.options.group_by_name(), g.group);
      out_ += fmt::format("<section>\n<h2>{} <span class=\"note\">({} learner{})</span></h2>\n",
                          HtmlEscape(heading), g.learners, g.learners == 1 ? "" : "s");
      Summary(g, 3, heading + ": ");
      out_ += "</section>\n";
    }
    if (r_.baseline) Baseline(*r_.baseline);
    const Accounting& a = r_.accounting;
    out_ += fmt::format(
        "<section>\n<h2>Rows</h2>\n<table>\n<caption>Row accounting: every row read is used "
        "or rejected with a diagnostic</caption>\n<thead><tr><th scope=\"col\" class=\"num\">"
        "read</th><th scope=\"col\" class=\"num\">used</th><th scope=\"col\" class=\"num\">"
        "rejected</th><th scope=\"col\" class=\"num\">learners</th></tr></thead>\n"
        "<tbody><tr><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
        "<td class=\"num\">{}</td></tr></tbody>\n</table>\n</section>\n",
        a.rows_read, a.rows_used, a.rows_rejected, a.learners);
    out_ += "</main>\n" + internal::PageEnd();
    return std::move(out_);
  }

 private:
  std::string NextId() { return fmt::format("chart-{}", ++charts_); }

  void Summary(const CohortSummary& s, int level, const std::string& prefix) {
    std::size_t judged = s.learners - s.errors;
    out_ += fmt::format("<section>\n<h{0}>Outcomes</h{0}>\n", level);
    internal::BarChart tiers{NextId(), prefix + "Learners per tier", "tier", "learners", 0,
                             {},       {"share", "award grades"},    {}};
    for (const TierCount& t : s.tiers) {
      tiers.bars.push_back(
          {TitleOf(*t.tier), static_cast<double>(t.learners), fmt::format("{}", t.learners)});
      tiers.extra_cells.push_back(
          {Percent(t.learners, judged), HtmlEscape(internal::GradesLine(t))});
    }
    tiers.bars.push_back({"No tier", static_cast<double>(s.none), fmt::format("{}", s.none)});
    tiers.extra_cells.push_back({Percent(s.none, judged), ""});
    if (s.errors > 0) {
      tiers.bars.push_back(
          {"Data errors (not judged)", static_cast<double>(s.errors), fmt::format("{}", s.errors)});
      tiers.extra_cells.push_back({"", ""});
    }
    out_ += internal::RenderBarChart(tiers);
    if (s.predicted > 0) {
      out_ += fmt::format("<p class=\"note\">{} of these rely on a predicted grade.</p>\n",
                          s.predicted);
    }
    if (s.exceptions > 0) {
      out_ += fmt::format("<p class=\"note\">{} of these rely on an assessor exception.</p>\n",
                          s.exceptions);
    }
    for (const TierCount& t : s.tiers) {
      if (t.grades.empty() || t.learners == 0) continue;
      internal::BarChart grades{
          NextId(), fmt::format("{}{}: award grades", prefix, TitleOf(*t.tier)),
          "grade",  "learners",
          0,        {},
          {},       {}};
      for (const GradeCount& g : t.grades) {
        grades.bars.push_back(
            {g.grade, static_cast<double>(g.learners), fmt::format("{}", g.learners)});
      }
      out_ += internal::RenderBarChart(grades);
    }
    out_ += fmt::format(
        "</section>\n<section>\n<h{0}>Component pass rates</h{0}>\n<p class=\"note\">Of the "
        "learners evaluated at each tier: everyone for the highest tier, those below it for "
        "the next.</p>\n",
        level);
    const Tier* current = nullptr;
    internal::BarChart rates;
    auto flush = [&] {
      if (current != nullptr) out_ += internal::RenderBarChart(rates);
    };
    for (const ComponentRate& c : s.components) {
      if (c.tier != current) {
        flush();
        current = c.tier;
        out_ += fmt::format("<h{0}>{1}</h{0}>\n", level + 1, HtmlEscape(TitleOf(*current)));
        rates =
            internal::BarChart{NextId(),
                               fmt::format("{}{}: component pass rates", prefix, TitleOf(*current)),
                               "component",
                               "pass rate",
                               100,
                               {},
                               {"met", "evaluated"},
                               {}};
      }
      double percent = internal::Ratio(c.met, c.evaluated);
      rates.bars.push_back({TitleOf(*c.component), percent, Percent(c.met, c.evaluated)});
      rates.extra_cells.push_back({fmt::format("{}", c.met), fmt::format("{}", c.evaluated)});
    }
    flush();
    out_ += fmt::format(
        "</section>\n<section>\n<h{0}>Most common still-needed requirements</h{0}>\n"
        "<p class=\"note\">Learners who still need each requirement of their next tier up.</p>\n",
        level);
    if (s.reasons.empty()) {
      out_ += "<p>None.</p>\n";
    } else {
      internal::BarChart reasons{NextId(),
                                 prefix + "Most common still-needed requirements",
                                 "requirement",
                                 "learners",
                                 0,
                                 {},
                                 {},
                                 {}};
      for (const NeededReason& n : s.reasons) {
        reasons.bars.push_back(
            {n.text, static_cast<double>(n.learners), fmt::format("{}", n.learners)});
      }
      out_ += internal::RenderBarChart(reasons);
    }
    out_ += "</section>\n";
  }

  std::string Needs(const std::vector<std::string>& lines) {
    if (lines.empty()) return "";
    std::string out = "<ul class=\"needs\">";
    for (const std::string& l : lines) out += "<li>" + HtmlEscape(l) + "</li>";
    return out + "</ul>";
  }

  std::string GroupHead() const {
    return r_.options.grouped() ? "<th scope=\"col\">group</th>" : "";
  }
  std::string GroupCell(const std::string& group) const {
    return r_.options.grouped() ? "<td>" + HtmlEscape(group) + "</td>" : "";
  }

  void Close(const CohortSummary& s) {
    out_ += "<section>\n<h2>Close to the next tier</h2>\n";
    if (s.close.empty()) {
      out_ += "<p>No learner is exactly one component short of their next tier.</p>\n";
    } else {
      out_ += fmt::format(
          "<table>\n<caption>Learners one component short of the next tier up</caption>\n"
          "<thead><tr><th scope=\"col\">learner</th>{}<th scope=\"col\">achieved</th>"
          "<th scope=\"col\">short of</th><th scope=\"col\">still needed</th></tr></thead>\n"
          "<tbody>\n",
          GroupHead());
      for (const CloseLearner& c : s.close) {
        out_ += fmt::format(
            "<tr><th scope=\"row\">{}</th>{}<td>{}</td><td>{}: {}</td><td>{}</td></tr>\n",
            HtmlEscape(c.learner), GroupCell(c.group), HtmlEscape(internal::AchievedLabel(c)),
            HtmlEscape(TitleOf(*c.next)), HtmlEscape(TitleOf(*c.missing)), Needs(c.still_needed));
      }
      out_ += "</tbody>\n</table>\n";
    }
    out_ += "</section>\n";
  }

  void Errors(const CohortSummary& s) {
    out_ += "<section>\n<h2>Data errors</h2>\n";
    if (s.data_errors.empty()) {
      out_ += "<p>None: no learner has a rejected row.</p>\n";
    } else {
      out_ += fmt::format(
          "<table>\n<caption>Learners with rejected rows (not judged; see the diagnostics)"
          "</caption>\n<thead><tr><th scope=\"col\">learner</th>{}<th scope=\"col\" "
          "class=\"num\">rejected rows</th></tr></thead>\n<tbody>\n",
          GroupHead());
      for (const DataErrorLearner& e : s.data_errors) {
        out_ += fmt::format("<tr><th scope=\"row\">{}</th>{}<td class=\"num\">{}</td></tr>\n",
                            HtmlEscape(e.learner), GroupCell(e.group), e.rejected_rows);
      }
      out_ += "</tbody>\n</table>\n";
    }
    out_ += "</section>\n";
  }

  void Exceptions(const CohortSummary& s) {
    out_ += "<section>\n<h2>Assessor exceptions</h2>\n";
    if (s.excepted.empty()) {
      out_ += "<p>None of the exceptions given applies to a learner in these records.</p>\n";
    } else {
      out_ += fmt::format(
          "<table>\n<caption>Learners with assessor exceptions, and their outcome with them"
          "</caption>\n<thead><tr><th scope=\"col\">learner</th>{}<th scope=\"col\">outcome"
          "</th><th scope=\"col\">exceptions</th></tr></thead>\n<tbody>\n",
          GroupHead());
      for (const ExceptionLearner& e : s.excepted) {
        std::vector<std::string> lines;
        for (const ExceptionResult& x : e.exceptions) {
          lines.push_back(internal::ExceptionLine(r_, x));
        }
        out_ += fmt::format("<tr><th scope=\"row\">{}</th>{}<td>{}</td><td>{}</td></tr>\n",
                            HtmlEscape(e.learner), GroupCell(e.group),
                            HtmlEscape(internal::ExceptedOutcome(e)), Needs(lines));
      }
      out_ += "</tbody>\n</table>\n";
    }
    out_ += "</section>\n";
  }

  void Baseline(const BaselineComparison& b) {
    out_ += fmt::format(
        "<section>\n<h2>Rule change</h2>\n<p>The same learners under the baseline rules "
        "({}) and these rules.</p>\n",
        HtmlEscape(internal::ProgrammeHeading(*b.programme)));
    out_ +=
        "<table>\n<caption>Tier before (rows) and after (columns) the rule change</caption>\n"
        "<thead><tr><th scope=\"col\">before \\ after</th>";
    for (const std::string& a : b.after) {
      out_ += fmt::format("<th scope=\"col\" class=\"num\">{}</th>", HtmlEscape(a));
    }
    out_ += "</tr></thead>\n<tbody>\n";
    for (std::size_t i = 0; i < b.before.size(); ++i) {
      out_ += fmt::format("<tr><th scope=\"row\">{}</th>", HtmlEscape(b.before[i]));
      for (std::size_t n : b.transitions[i]) out_ += fmt::format("<td class=\"num\">{}</td>", n);
      out_ += "</tr>\n";
    }
    out_ += "</tbody>\n</table>\n";
    out_ +=
        fmt::format("<h3>Learners whose outcome changes</h3>\n<p>{} change, {} unchanged.</p>\n",
                    b.changes.size(), b.unchanged);
    if (!b.changes.empty()) {
      out_ += fmt::format(
          "<table>\n<caption>Learners whose outcome changes, and why</caption>\n"
          "<thead><tr><th scope=\"col\">learner</th>{}<th scope=\"col\">before</th>"
          "<th scope=\"col\">after</th><th scope=\"col\">why</th></tr></thead>\n<tbody>\n",
          GroupHead());
      for (const LearnerChange& c : b.changes) {
        out_ += fmt::format(
            "<tr><th scope=\"row\">{}</th>{}<td>{}</td><td>{}</td><td>{}</td></tr>\n",
            HtmlEscape(c.learner), GroupCell(c.group),
            HtmlEscape(internal::OutcomeLabel(c.before_tier, c.before_grade)),
            HtmlEscape(internal::OutcomeLabel(c.after_tier, c.after_grade)), Needs(c.reasons));
      }
      out_ += "</tbody>\n</table>\n";
    }
    out_ += "</section>\n";
  }

  const Report& r_;
  std::string out_;
  int charts_ = 0;
};

}  // namespace

std::string ReportHtml(const Report& report) { return HtmlReport(report).Render(); }

}  // namespace accredit
