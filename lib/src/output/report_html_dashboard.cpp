// The cohort at a glance: headline figures, then the outcomes, award grades, the parts of the
// award learners meet, what they still need, who is close, and the breakdown by group. Each
// chart is a table whose rows end in a bar (BarTable), so labels wrap and are never cut.
#include <fmt/format.h>

#include "base/html_page.h"
#include "output/report_html_internal.h"
#include "output/report_internal.h"

namespace accredit::internal {

namespace {

std::string Heading(int level, std::string_view text, std::string_view id = "") {
  return fmt::format("<h{0}{1}>{2}</h{0}>\n", level,
                     id.empty() ? "" : fmt::format(" id=\"{}\"", id), HtmlEscape(text));
}

std::string Card(Status status, std::string_view label, std::string_view figure,
                 std::string_view sub_html) {
  return fmt::format(
      "<li class=\"card {}\"><span class=\"label\">{}</span><span class=\"figure\">{}</span>"
      "<span class=\"sub\">{}</span></li>\n",
      StatusClass(status), HtmlEscape(label), HtmlEscape(figure), sub_html);
}

double Share(std::size_t part, std::size_t of) {
  return of == 0 ? 0 : static_cast<double>(part) / static_cast<double>(of);
}

std::string Cards(const Report& r) {
  const CohortSummary& s = r.cohort;
  std::size_t judged = s.learners - s.errors;
  std::string out = "<ul class=\"cards\">\n";
  std::string sub = s.errors > 0 ? fmt::format("{} provisional: see About this data", s.errors)
                                 : std::string("all judged on complete records");
  out += Card(Status::kNeutral, "Learners", fmt::format("{}", s.learners), HtmlEscape(sub));
  std::size_t at_or_above = 0;
  for (std::size_t i = 0; i < s.tiers.size(); ++i) {
    const TierCount& t = s.tiers[i];
    at_or_above += t.learners;
    std::string detail = fmt::format("{} of {}", Percent(t.learners, judged), judged);
    if (!t.grades.empty() && t.learners > 0) {
      std::vector<std::string> parts;
      for (const GradeCount& g : t.grades)
        parts.push_back(fmt::format("{} {}", g.learners, GradeInWords(g.grade)));
      detail += " \xc2\xb7 " + fmt::format("{}", fmt::join(parts, ", "));
    }
    if (i > 0) {
      detail += fmt::format(" \xc2\xb7 {} ({}) at this tier or above", at_or_above,
                            Percent(at_or_above, judged));
    }
    out += Card(Status::kMet, TitleOf(*t.tier), fmt::format("{}", t.learners), HtmlEscape(detail));
  }
  out += Card(Status::kNotMet, "No award yet", fmt::format("{}", s.none),
              HtmlEscape(fmt::format("{} of {}", Percent(s.none, judged), judged)));
  out += Card(Status::kClose, "Close to the next tier", fmt::format("{}", s.close.size()),
              "one part short: <a href=\"#close\">who they are</a>");
  if (r.baseline) {
    const BaselineComparison& b = *r.baseline;
    out += Card(
        b.changes.empty() ? Status::kMet : Status::kClose, "Change with the new rules",
        fmt::format("{}", b.changes.size()),
        HtmlEscape(fmt::format("learner{} change{} outcome; {} unchanged", Plural(b.changes.size()),
                               b.changes.size() == 1 ? "s" : "", b.unchanged)));
  }
  return out + "</ul>\n";
}

std::string Outcomes(const CohortSummary& s, int level, std::string_view prefix) {
  std::size_t judged = s.learners - s.errors;
  std::vector<BarRow> rows;
  std::size_t most = std::max<std::size_t>(1, s.none);
  for (const TierCount& t : s.tiers) most = std::max(most, t.learners);
  most = std::max(most, s.errors);
  for (const TierCount& t : s.tiers) {
    rows.push_back({HtmlEscape(TitleOf(*t.tier)),
                    fmt::format("{}", t.learners),
                    Share(t.learners, most),
                    Status::kMet,
                    {HtmlEscape(Percent(t.learners, judged))}});
  }
  rows.push_back({"No award yet",
                  fmt::format("{}", s.none),
                  Share(s.none, most),
                  Status::kNotMet,
                  {HtmlEscape(Percent(s.none, judged))}});
  if (s.errors > 0) {
    rows.push_back({"Provisional (not counted)",
                    fmt::format("{}", s.errors),
                    Share(s.errors, most),
                    Status::kProvisional,
                    {""}});
  }
  std::string out = "<section>\n" + Heading(level, "Award outcomes");
  out += BarTable(fmt::format("{}Learners at each tier (their highest)", prefix),
                  {"Outcome", "Learners", "Share"}, rows);
  if (s.predicted > 0) {
    out += fmt::format("<p class=\"note\">{} of these awards rest on a predicted grade.</p>\n",
                       s.predicted);
  }
  if (s.exceptions > 0) {
    out +=
        fmt::format("<p class=\"note\">{} of these outcomes rest on an assessor exception.</p>\n",
                    s.exceptions);
  }
  return out + "</section>\n";
}

std::string Components(const CohortSummary& s, int level) {
  std::string out = "<section>\n" + Heading(level, "Parts of the award met");
  out +=
      "<p class=\"note\">Each tier's parts, among the learners it was checked for: everyone "
      "for the highest tier, those without a higher tier for the ones below.</p>\n<div "
      "class=\"grid\">\n";
  const Tier* current = nullptr;
  std::vector<BarRow> rows;
  std::size_t evaluated = 0;
  auto flush = [&] {
    if (current == nullptr) return;
    out += "<div>" +
           BarTable(fmt::format("{}: {} learner{} checked", TitleOf(*current), evaluated,
                                Plural(evaluated)),
                    {"Part", "Met", "Learners"}, rows) +
           "</div>\n";
  };
  for (const ComponentRate& c : s.components) {
    if (c.tier != current) {
      flush();
      current = c.tier;
      rows.clear();
      evaluated = c.evaluated;
    }
    double share = Share(c.met, c.evaluated);
    Status status = share >= 0.9 ? Status::kMet : share >= 0.75 ? Status::kClose : Status::kNotMet;
    rows.push_back({HtmlEscape(TitleOf(*c.component)),
                    Percent(c.met, c.evaluated),
                    share,
                    status,
                    {fmt::format("{} of {}", c.met, c.evaluated)}});
  }
  flush();
  out += "</div>\n<ul class=\"key\"><li>" + Badge(Status::kMet, "90% or more") + "</li><li>" +
         Badge(Status::kClose, "75% to 89%") + "</li><li>" + Badge(Status::kNotMet, "under 75%") +
         "</li></ul>\n";
  return out + "</section>\n";
}

std::string Needs(const CohortSummary& s, int level) {
  std::string out = "<section>\n" + Heading(level, "What learners still need");
  if (s.reasons.empty())
    return out + "<p>Nothing: every learner has the highest tier.</p>\n</section>\n";
  out +=
      "<p class=\"note\">For each learner, the requirements of the next tier up that they do "
      "not meet yet; a learner is counted once per requirement.</p>\n<div class=\"grid\">\n";
  std::size_t most = 1;
  for (const NeededReason& n : s.reasons) most = std::max(most, n.learners);
  for (const TierCount& t : s.tiers) {
    std::vector<BarRow> rows;
    for (const NeededReason& n : s.reasons) {
      if (n.tier != t.tier) continue;
      std::string requirement = n.text;
      // The text repeats the tier and part ("Advanced: Personal development: ..."); the
      // caption names the tier and the row's heading the part.
      std::string lead = fmt::format("{}: {}: ", TitleOf(*n.tier), TitleOf(*n.component));
      if (requirement.rfind(lead, 0) == 0) requirement = requirement.substr(lead.size());
      rows.push_back({fmt::format("{}<br><span class=\"note\">{}</span>",
                                  HtmlEscape(TitleOf(*n.component)), HtmlEscape(requirement)),
                      fmt::format("{}", n.learners),
                      Share(n.learners, most),
                      Status::kNotMet,
                      {}});
    }
    if (rows.empty()) continue;
    out += "<div>" +
           BarTable(fmt::format("For {}", TitleOf(*t.tier)), {"Requirement", "Learners"}, rows) +
           "</div>\n";
  }
  return out + "</div>\n</section>\n";
}

std::string Close(const Report& r, int level) {
  const CohortSummary& s = r.cohort;
  std::string out = "<section>\n" + Heading(level, "Close to the next tier", "close");
  if (s.close.empty()) {
    return out + "<p>No learner is one part short of their next tier.</p>\n</section>\n";
  }
  out += fmt::format(
      "<table class=\"narrow-cards\">\n<caption>{} learner{} one part short of the next tier "
      "up</caption>\n<thead><tr>"
      "<th scope=\"col\">Learner</th>{}<th scope=\"col\">Now</th><th scope=\"col\">Short of"
      "</th><th scope=\"col\">Still needed</th></tr></thead>\n<tbody>\n",
      s.close.size(), Plural(s.close.size()),
      r.options.grouped() ? "<th scope=\"col\">Group</th>" : "");
  const std::size_t listed = Listed(r, s.close.size());
  for (std::size_t k = 0; k < listed; ++k) {
    const CloseLearner& c = s.close[k];
    const LearnerLine* line = FindLine(r, c.learner);
    std::string needs = "<ul class=\"needs\">";
    for (const std::string& n : c.still_needed) needs += "<li>" + ForReaders(n) + "</li>";
    out += fmt::format(
        "<tr><th scope=\"row\">{}</th>{}<td data-label=\"Now\">{}</td><td data-label=\"Short "
        "of\">{}</td><td data-label=\"Still needed\">{}</ul></td></tr>\n",
        LearnerLink(line, c.learner), r.options.grouped() ? GroupCell(r, c.group) : "",
        line != nullptr ? Badge(OutcomeStatus(*line), HtmlEscape(OutcomeText(*line)))
                        : HtmlEscape(AchievedTitle(c)),
        Badge(Status::kClose,
              HtmlEscape(fmt::format("{}: {}", TitleOf(*c.next), TitleOf(*c.missing)))),
        needs);
  }
  return out + "</tbody>\n</table>\n" +
         NotListed(s.close.size() - listed, "one part short", "one part short") + "</section>\n";
}

std::string Groups(const Report& r, int level) {
  std::string name(r.options.group_by_name());
  std::string out = "<section>\n" + Heading(level, "By " + name, "groups");
  out += fmt::format(
      "<p class=\"note\">Each {} with its learners' outcomes (share of those judged) and the "
      "requirement most of them still need.</p>\n<table class=\"groups "
      "narrow-cards\">\n<caption>Outcomes "
      "by {}</caption>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\" class=\"num\">"
      "Learners</th>",
      HtmlEscape(name), HtmlEscape(name), HtmlEscape(GroupHeading(r)));
  for (const TierCount& t : r.cohort.tiers) {
    out += fmt::format("<th scope=\"col\" class=\"num\">{}</th>", HtmlEscape(TitleOf(*t.tier)));
  }
  out +=
      "<th scope=\"col\" class=\"num\">No award yet</th><th scope=\"col\" class=\"num\">Close"
      "</th><th scope=\"col\"><span class=\"sr\">chart</span></th><th scope=\"col\">Most "
      "common need</th></tr></thead>\n<tbody>\n";
  for (const CohortSummary& g : r.groups) {
    std::size_t judged = g.learners - g.errors;
    out += fmt::format(
        "<tr><th scope=\"row\">{}</th><td class=\"num\" data-label=\"Learners\">{}</td>",
        HtmlEscape(g.group), g.learners);
    std::string stack = "<div class=\"stack\">";
    for (std::size_t i = 0; i < g.tiers.size(); ++i) {
      const TierCount& t = g.tiers[i];
      out += fmt::format("<td class=\"num\" data-label=\"{}\">{} ({})</td>",
                         HtmlEscape(TitleOf(*t.tier)), t.learners, Percent(t.learners, judged));
      stack += fmt::format("<div class=\"met t{}\" style=\"--w: {:.1f}%\"></div>", i,
                           100 * Share(t.learners, g.learners));
    }
    stack += fmt::format(
        "<div class=\"not-met\" style=\"--w: {:.1f}%\"></div><div class=\"provisional\" "
        "style=\"--w: {:.1f}%\"></div></div>",
        100 * Share(g.none, g.learners), 100 * Share(g.errors, g.learners));
    out += fmt::format(
        "<td class=\"num\" data-label=\"No award yet\">{} ({})</td><td class=\"num\" "
        "data-label=\"Close\">{}</td><td class=\"bar\">{}</td>"
        "<td data-label=\"Most common need\">{}</td></tr>\n",
        g.none, Percent(g.none, judged), g.close.size(), stack,
        g.reasons.empty() ? std::string("nothing")
                          : HtmlEscape(fmt::format("{} ({} learner{})", g.reasons.front().text,
                                                   g.reasons.front().learners,
                                                   Plural(g.reasons.front().learners))));
  }
  out +=
      "</tbody>\n</table>\n<p class=\"note\">In each chart, the shaded parts are the tiers "
      "from the highest (darkest) down, then no award yet (dotted), then provisional "
      "(striped).</p>\n";
  return out + "</section>\n";
}

}  // namespace

std::string RenderDashboard(const Report& r, int level) {
  const CohortSummary& s = r.cohort;
  std::string out = "<section id=\"glance\">\n" + Heading(level, "At a glance") + Cards(r) +
                    "</section>\n<div class=\"grid\">\n" + Outcomes(s, level, "");
  std::string grades;
  for (const TierCount& t : s.tiers) {
    if (t.grades.empty() || t.learners == 0) continue;
    std::vector<BarRow> rows;
    for (const GradeCount& g : t.grades) {
      rows.push_back({HtmlEscape(GradeInWords(g.grade)),
                      fmt::format("{}", g.learners),
                      Share(g.learners, t.learners),
                      Status::kMet,
                      {HtmlEscape(Percent(g.learners, t.learners))}});
    }
    grades += BarTable(fmt::format("{}: award grades of its {} learner{}", TitleOf(*t.tier),
                                   t.learners, Plural(t.learners)),
                       {"Grade", "Learners", "Share"}, rows);
  }
  if (!grades.empty())
    out += "<section>\n" + Heading(level, "Award grades") + grades + "</section>\n";
  out += "</div>\n" + Close(r, level) + Components(s, level) + Needs(s, level);
  if (r.options.grouped()) out += Groups(r, level);
  return out;
}

}  // namespace accredit::internal
