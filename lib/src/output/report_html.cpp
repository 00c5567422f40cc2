// The cohort report as one self-contained HTML page, a dashboard: headline figures first, then
// charts that are their own tables (report_html_dashboard.cpp), the learners with a section
// each (report_html_learners.cpp), and last what to know about the data. With a baseline the
// page leads with the rule change instead (report_html_change.cpp). Every string goes through
// HtmlEscape; the page fetches nothing and reads in full without its script.
#include <fmt/format.h>

#include <algorithm>

#include "accredit/report.h"
#include "base/html_page.h"
#include "output/report_html_internal.h"
#include "output/report_internal.h"

namespace accredit {

namespace internal {

std::string_view StatusClass(Status status) {
  switch (status) {
    case Status::kMet:
      return "met";
    case Status::kClose:
      return "close";
    case Status::kNotMet:
      return "not-met";
    case Status::kProvisional:
      return "provisional";
    case Status::kNeutral:
      return "neutral";
  }
  return "neutral";
}

namespace {

// A symbol per status, so that a badge reads without its colour.
std::string_view Symbol(Status status) {
  switch (status) {
    case Status::kMet:
      return "\xe2\x9c\x93";  // check mark
    case Status::kClose:
      return "\xe2\x97\x94";  // circle, upper right quadrant black
    case Status::kNotMet:
      return "\xe2\x9c\x97";  // ballot x
    case Status::kProvisional:
      return "?";
    case Status::kNeutral:
      return "\xe2\x80\xa2";  // bullet
  }
  return "";
}

std::string Fraction(double f) {
  if (f < 0) f = 0;
  if (f > 1) f = 1;
  return fmt::format("{:.1f}%", f * 100);
}

}  // namespace

std::string Badge(Status status, std::string_view text_html) {
  return fmt::format("<span class=\"badge {}\"><span aria-hidden=\"true\">{}</span> {}</span>",
                     StatusClass(status), Symbol(status), text_html);
}

std::string BarTable(std::string_view caption, const std::vector<std::string>& heads,
                     const std::vector<BarRow>& rows, std::string_view css_class) {
  std::string out = fmt::format("<table class=\"bars{}{}\">\n<caption>{}</caption>\n<thead><tr>",
                                css_class.empty() ? "" : " ", css_class, HtmlEscape(caption));
  for (std::size_t i = 0; i < heads.size(); ++i) {
    out += fmt::format("<th scope=\"col\"{}>{}</th>", i == 1 ? " class=\"num\"" : "",
                       HtmlEscape(heads[i]));
  }
  out += "<th scope=\"col\"><span class=\"sr\">chart</span></th></tr></thead>\n<tbody>\n";
  for (const BarRow& r : rows) {
    out += fmt::format("<tr><th scope=\"row\">{}</th><td class=\"num\" data-label=\"{}\">{}</td>",
                       r.label_html, heads.size() > 1 ? HtmlEscape(heads[1]) : "",
                       HtmlEscape(r.value));
    for (std::size_t i = 0; i < r.cells_html.size(); ++i) {
      out += fmt::format("<td data-label=\"{}\">{}</td>",
                         i + 2 < heads.size() ? HtmlEscape(heads[i + 2]) : "", r.cells_html[i]);
    }
    out += fmt::format(
        "<td class=\"bar\"><div class=\"track\"><div class=\"fill {}\" "
        "style=\"--w: {}\"></div></div></td></tr>\n",
        StatusClass(r.status), Fraction(r.fraction));
  }
  return out + "</tbody>\n</table>\n";
}

std::string LearnerAnchor(std::string_view learner) {
  std::string out = "learner-";
  for (char ch : learner) {
    unsigned char c = static_cast<unsigned char>(ch);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-') {
      out += ch;
    } else {
      out += fmt::format("_{:02X}", c);
    }
  }
  return out;
}

std::string LearnerLink(const LearnerLine* line, std::string_view learner) {
  std::string name = line != nullptr && !line->name.empty()
                         ? " <span class=\"name\">" + HtmlEscape(line->name) + "</span>"
                         : "";
  return fmt::format("<a href=\"#{}\">{}</a>{}", HtmlEscape(LearnerAnchor(learner)),
                     HtmlEscape(learner), name);
}

const LearnerLine* FindLine(const Report& report, std::string_view learner) {
  for (const LearnerLine& l : report.learners) {
    if (l.learner == learner) return &l;
  }
  return nullptr;
}

std::string OutcomeText(const LearnerLine& line) {
  if (line.provisional) return "Provisional";
  if (line.tier == nullptr) return "No award yet";
  if (line.grade.empty()) return TitleOf(*line.tier);
  return fmt::format("{}, {}", TitleOf(*line.tier), GradeInWords(line.grade));
}

Status OutcomeStatus(const LearnerLine& line) {
  if (line.provisional) return Status::kProvisional;
  if (line.tier != nullptr) return Status::kMet;
  return IsClose(line) ? Status::kClose : Status::kNotMet;
}

bool IsClose(const LearnerLine& line) {
  return line.next != nullptr && line.next_components > 0 &&
         line.next_met + 1 == line.next_components;
}

std::string_view Plural(std::uint64_t n) { return n == 1 ? "" : "s"; }

std::size_t Listed(const Report& report, std::size_t count) {
  const std::size_t limit = report.options.learners_listed;
  return limit == 0 ? count : std::min(limit, count);
}

std::string NotListed(std::size_t more, std::string_view who_one, std::string_view who_many) {
  if (more == 0) return "";
  return fmt::format(
      "<p class=\"note\">\xe2\x80\xa6"
      "and {} more learner{} {}, not listed here.</p>\n",
      more, Plural(more), more == 1 ? who_one : who_many);
}

std::string GroupHeading(const Report& report) {
  std::string name(report.options.group_by_name());
  if (!name.empty() && name[0] >= 'a' && name[0] <= 'z') name[0] = static_cast<char>(name[0] - 32);
  return name;
}

std::string GroupCell(const Report& report, std::string_view group) {
  return fmt::format("<td data-label=\"{}\">{}</td>", HtmlEscape(GroupHeading(report)),
                     HtmlEscape(group));
}

std::string ForReaders(std::string_view sentence) {
  static constexpr std::pair<std::string_view, std::string_view> kHints[] = {
      {" (use --predicted to count it)", ", not counted in this report"},
      {"the --as-of date", "the date of this report"},
  };
  std::string text(sentence);
  for (const auto& [hint, words] : kHints) {
    for (std::size_t at = text.find(hint); at != std::string::npos; at = text.find(hint, at)) {
      text.replace(at, hint.size(), words);
      at += words.size();
    }
  }
  return HtmlEscape(text);
}

}  // namespace internal

namespace {

using internal::HtmlEscape;

// What a reader should know about the data behind the figures, in plain words.
std::string AboutData(const Report& r) {
  const Accounting& a = r.accounting;
  const CohortSummary& s = r.cohort;
  std::string out = "<section id=\"about\">\n<h2>About this data</h2>\n<dl class=\"about\">\n";
  out += fmt::format("<dt>Rules</dt><dd>{}", HtmlEscape(internal::ProgrammeHeading(*r.programme)));
  if (!r.file.name.empty()) {
    out += fmt::format(", from the file {} (version {})", HtmlEscape(r.file.name),
                       HtmlEscape(r.file.version));
  }
  out += "</dd>\n";
  if (r.baseline) {
    const BaselineComparison& b = *r.baseline;
    out += fmt::format("<dt>Compared with</dt><dd>{}",
                       HtmlEscape(internal::ProgrammeHeading(*b.programme)));
    if (!b.file.name.empty()) {
      out += fmt::format(", from the file {} (version {})", HtmlEscape(b.file.name),
                         HtmlEscape(b.file.version));
    }
    out += ": the same records under the earlier rules.</dd>\n";
  }
  if (r.evaluate_options.as_of) {
    out +=
        fmt::format("<dt>Date</dt><dd>Outcomes as of {}: work dated later does not count.</dd>\n",
                    HtmlEscape(FormatDate(*r.evaluate_options.as_of)));
  }
  out += fmt::format("<dt>Records</dt><dd>{} row{} read for {} learner{}: {} used", a.rows_read,
                     internal::Plural(a.rows_read), a.learners, internal::Plural(a.learners),
                     a.rows_used);
  if (a.rows_rejected == 0) {
    out += ", none left out.</dd>\n";
  } else {
    out += fmt::format(
        ", {} could not be read and {} left out. Every row left out is listed, with the reason, "
        "where the report was run.</dd>\n",
        a.rows_rejected, a.rows_rejected == 1 ? "was" : "were");
  }
  if (s.errors > 0) {
    out += fmt::format(
        "<dt>Provisional</dt><dd>{} learner{} {} rows that could not be read, so {} outcome{} "
        "{} provisional and not counted in the figures above: ",
        s.errors, internal::Plural(s.errors), s.errors == 1 ? "has" : "have",
        s.errors == 1 ? "their" : "their", internal::Plural(s.errors),
        s.errors == 1 ? "is" : "are");
    std::string sep;
    for (const DataErrorLearner& e : s.data_errors) {
      out += sep + internal::LearnerLink(internal::FindLine(r, e.learner), e.learner);
      out += fmt::format(" ({} row{})", e.rejected_rows, internal::Plural(e.rejected_rows));
      sep = ", ";
    }
    out += ". Correct the records and make the report again.</dd>\n";
  }
  if (r.evaluate_options.predicted) {
    out += fmt::format(
        "<dt>Predicted grades</dt><dd>Predicted grades count as if achieved: {} learner{} "
        "{} an award that rests on one.</dd>\n",
        s.predicted, internal::Plural(s.predicted), s.predicted == 1 ? "has" : "have");
  } else {
    out += "<dt>Predicted grades</dt><dd>Not counted: only results achieved count.</dd>\n";
  }
  if (internal::WithExceptions(r)) {
    out += fmt::format(
        "<dt>Exceptions</dt><dd>Assessor exceptions were applied; {} learner{}' outcome{} "
        "rest{} on one.</dd>\n",
        s.exceptions, internal::Plural(s.exceptions), internal::Plural(s.exceptions),
        s.exceptions == 1 ? "s" : "");
  }
  if (r.options.no_names) {
    out += "<dt>Names</dt><dd>Left out: learners are shown by id only.</dd>\n";
  }
  out += "</dl>\n</section>\n";
  return out;
}

std::string Exceptions(const Report& r) {
  const CohortSummary& s = r.cohort;
  std::string out = "<section id=\"exceptions\">\n<h2>Assessor exceptions</h2>\n";
  if (s.excepted.empty()) {
    return out +
           "<p>None of the exceptions given applies to a learner in these records.</p>\n"
           "</section>\n";
  }
  bool grouped = r.options.grouped();
  out += fmt::format(
      "<table class=\"narrow-cards\">\n<caption>Learners with assessor exceptions, and their "
      "outcome with them"
      "</caption>\n<thead><tr><th scope=\"col\">Learner</th>{}<th scope=\"col\">Outcome</th>"
      "<th scope=\"col\">Exceptions</th></tr></thead>\n<tbody>\n",
      grouped ? "<th scope=\"col\">Group</th>" : "");
  for (const ExceptionLearner& e : s.excepted) {
    std::string lines = "<ul class=\"needs\">";
    for (const ExceptionResult& x : e.exceptions) {
      lines += "<li>" + HtmlEscape(internal::ExceptionLine(r, x)) + "</li>";
    }
    out += fmt::format(
        "<tr><th scope=\"row\">{}</th>{}<td data-label=\"Outcome\">{}</td><td "
        "data-label=\"Exceptions\">{}</ul></td></tr>\n",
        internal::LearnerLink(internal::FindLine(r, e.learner), e.learner),
        grouped ? internal::GroupCell(r, e.group) : "",
        HtmlEscape(internal::ExceptedOutcome(*r.programme, e)), lines);
  }
  return out + "</tbody>\n</table>\n</section>\n";
}

}  // namespace

std::string ReportHtml(const Report& report) {
  const CohortSummary& s = report.cohort;
  const Programme& p = *report.programme;
  std::string programme = p.title.empty() ? p.id : p.title;
  std::string title = report.baseline ? "Rule change: " + programme : programme + ": cohort report";
  std::string out = internal::PageStartWithScript(
      title, internal::ReportCss(), internal::ReportScript(), internal::ReportScriptSha256());
  out += fmt::format("<header class=\"top\">\n<h1>{}</h1>\n<p class=\"lede\">{} learner{}",
                     HtmlEscape(title), s.learners, internal::Plural(s.learners));
  if (report.evaluate_options.as_of) {
    out += " \xc2\xb7 as of " + HtmlEscape(FormatDate(*report.evaluate_options.as_of));
  }
  if (report.evaluate_options.predicted) out += " \xc2\xb7 predicted grades count";
  if (report.options.grouped()) {
    out += " \xc2\xb7 by " + HtmlEscape(report.options.group_by_name());
  }
  out += "</p>\n</header>\n<main>\n";
  if (report.baseline) {
    out += internal::RenderRuleChange(report, *report.baseline);
    out += fmt::format(
        "<section id=\"picture\">\n<h2>The cohort under the new rules</h2>\n{}</section>\n",
        internal::RenderDashboard(report, 3));
  } else {
    out += internal::RenderDashboard(report, 2);
  }
  if (internal::WithExceptions(report)) out += Exceptions(report);
  if (report.options.learner_details) {
    out += internal::RenderLearnerTable(report);
    out += internal::RenderLearnerSections(report);
  }
  out += AboutData(report);
  out +=
      "<footer><p class=\"note\">Made by accredit from the records and rules named above. The "
      "page is one file: it fetches nothing and can be printed.</p></footer>\n</main>\n";
  return out + internal::PageEnd();
}

}  // namespace accredit
