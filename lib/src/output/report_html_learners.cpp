// Every learner: a table (sortable and filterable by the page's script, complete without it)
// whose ids link to a section of their own further down the same page, with their outcome and
// a checklist of what they still need for the next tier up.
#include <fmt/format.h>

#include "base/html_page.h"
#include "output/report_html_internal.h"
#include "output/report_internal.h"

namespace accredit::internal {

namespace {

// Sorts outcomes highest first: the tier's place from the top, then the grade band's.
std::size_t OutcomeRank(const Report& r, const LearnerLine& l) {
  if (l.provisional) return 9999;
  if (l.tier == nullptr) return 9000 - l.next_met;
  std::size_t tier = static_cast<std::size_t>(l.tier - r.programme->tiers.data());
  std::size_t band = 0;
  for (const Band& b : l.tier->grading.bands) {
    if (b.name == l.grade) break;
    ++band;
  }
  return tier * 100 + band;
}

std::string NextText(const LearnerLine& l) {
  if (l.provisional || l.next == nullptr) return "";
  return fmt::format("{}: {} of {} part{} met", TitleOf(*l.next), l.next_met, l.next_components,
                     Plural(l.next_components));
}

}  // namespace

std::string RenderLearnerTable(const Report& r) {
  bool grouped = r.options.grouped();
  std::string out = fmt::format(
      "<section id=\"learners\">\n<h2>Learners</h2>\n<p class=\"note\">Each learner's outcome "
      "and how far they are from the next tier up. Select a learner for what they still need."
      "</p>\n<table class=\"learners narrow-cards\" id=\"learner-table\">\n<caption>{} "
      "learner{}</caption>\n"
      "<thead><tr><th scope=\"col\">Learner</th>{}<th scope=\"col\">Outcome</th>"
      "<th scope=\"col\">Next tier</th><th scope=\"col\">Still needed</th></tr></thead>\n"
      "<tbody>\n",
      r.learners.size(), Plural(r.learners.size()),
      grouped ? fmt::format("<th scope=\"col\">{}</th>", HtmlEscape(GroupHeading(r))) : "");
  for (const LearnerLine& l : r.learners) {
    std::string next = NextText(l);
    Status next_status = IsClose(l) ? Status::kClose : Status::kNotMet;
    std::string needs;
    if (l.provisional) {
      needs = HtmlEscape(l.provisional_reason);
    } else if (!l.still_needed.empty()) {
      needs = HtmlEscape(TitleOf(*l.still_needed.front().component));
      std::vector<std::string> parts;
      for (const NeededItem& n : l.still_needed) {
        std::string part = TitleOf(*n.component);
        if (std::find(parts.begin(), parts.end(), part) == parts.end()) parts.push_back(part);
      }
      needs = HtmlEscape(fmt::format("{}", fmt::join(parts, ", ")));
    } else if (l.next == nullptr) {
      needs = "nothing: highest tier";
    }
    out += fmt::format(
        "<tr><th scope=\"row\" data-sort=\"{}\">{}</th>{}<td data-label=\"Outcome\" "
        "data-sort=\"{}\">{}</td><td data-label=\"Next tier\" data-sort=\"{}\">{}</td>"
        "<td data-label=\"Still needed\">{}</td></tr>\n",
        HtmlEscape(l.learner), LearnerLink(&l, l.learner), grouped ? GroupCell(r, l.group) : "",
        OutcomeRank(r, l), Badge(OutcomeStatus(l), HtmlEscape(OutcomeText(l))),
        l.next_components == 0 ? 0 : l.next_components - l.next_met,
        next.empty() ? "" : Badge(next_status, HtmlEscape(next)), needs);
  }
  return out + "</tbody>\n</table>\n</section>\n";
}

std::string RenderLearnerSections(const Report& r) {
  std::string out =
      "<section id=\"learner-details\">\n<h2>Each learner</h2>\n<div class=\"learner-list\">\n";
  for (const LearnerLine& l : r.learners) {
    out += fmt::format(
        "<article class=\"learner\" id=\"{}\">\n<h3>{}{}</h3>\n",
        HtmlEscape(LearnerAnchor(l.learner)), HtmlEscape(l.learner),
        l.name.empty() ? "" : " <span class=\"name\">" + HtmlEscape(l.name) + "</span>");
    out += fmt::format("<p>{}", Badge(OutcomeStatus(l), HtmlEscape(OutcomeText(l))));
    if (r.options.grouped()) {
      out += fmt::format(" <span class=\"note\">{} {}</span>",
                         HtmlEscape(r.options.group_by_name()), HtmlEscape(l.group));
    }
    out += "</p>\n";
    if (l.predicted) out += "<p class=\"note\">This award rests on a predicted grade.</p>\n";
    if (l.excepted) out += "<p class=\"note\">This outcome rests on an assessor exception.</p>\n";
    if (l.provisional) {
      out += fmt::format(
          "<p>Not judged: {}. The outcome will be known once the records are corrected.</p>\n",
          HtmlEscape(l.provisional_reason));
    } else if (l.next == nullptr) {
      out += "<p>Has the highest tier: nothing more is needed.</p>\n";
    } else {
      out += fmt::format(
          "<p>For {} ({} of {} part{} met), still needed:</p>\n<ul "
          "class=\"checklist\">\n",
          HtmlEscape(TitleOf(*l.next)), l.next_met, l.next_components, Plural(l.next_components));
      for (const NeededItem& n : l.still_needed) {
        out += fmt::format("<li><strong>{}</strong>: {}</li>\n", HtmlEscape(TitleOf(*n.component)),
                           ForReaders(n.sentence));
      }
      out += "</ul>\n";
    }
    out += "<p class=\"note\"><a href=\"#learners\">Back to the list</a></p>\n</article>\n";
  }
  return out + "</div>\n</section>\n";
}

}  // namespace accredit::internal
