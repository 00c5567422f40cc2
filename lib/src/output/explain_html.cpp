// One learner's explanation as a page (explain --format html): the same summary as the text
// (explain_summary.cpp), in the cohort report's look: the award now, the checklist for the
// closest award with what the learner has and the other ways, what is already done, and what
// the next tier up would also need. Self-contained, no script, no ids, files or lines.
#include <fmt/format.h>

#include "accredit/explain.h"
#include "accredit/next_steps.h"
#include "base/html_page.h"
#include "output/explain_summary.h"
#include "output/report_html_internal.h"
#include "output/report_internal.h"
#include "output/step_text.h"

namespace accredit {

namespace {

using internal::HtmlEscape;
using internal::TitleOf;

constexpr std::string_view kExtraCss = R"(
main.explain { max-width: 52rem; margin: 0 auto; padding: 1.5rem 1rem 2rem; }
.explain h2 { margin-top: 1.6rem; }
.explain .or { margin: 0.15rem 0 0.3rem 1.6rem; text-indent: 0; color: var(--muted); }
.explain ul.plain { padding-left: 1.2rem; }
)";

void Steps(std::string& out, const TierSteps& tier, bool brief) {
  out += brief ? "<ul class=\"plain\">\n" : "<ul class=\"checklist\">\n";
  for (const NextStep& step : tier.steps) {
    const std::string sentence =
        brief ? internal::Capitalized(internal::JoinAnd(step.tasks)) + "." : StepSentence(step);
    out += fmt::format("<li><strong>{}</strong>: {}", HtmlEscape(TitleOf(*step.component)),
                       HtmlEscape(sentence));
    if (!brief && !step.alternatives.empty()) {
      out += fmt::format("<p class=\"or\">Or instead: {}.</p>",
                         HtmlEscape(fmt::format("{}", fmt::join(step.alternatives, "; or "))));
    }
    out += "</li>\n";
  }
  out += "</ul>\n";
}

}  // namespace

std::string ExplainHtml(const RuleSet& rules, const Programme& programme, const Learner& learner,
                        const Outcome& outcome, const ExplainOptions& options) {
  const NextSteps steps = PlanNextSteps(rules, programme, learner, outcome, options.as_of);
  const std::string programme_title = programme.title.empty() ? programme.id : programme.title;
  const std::string name = learner.Name();
  const std::string who = name.empty() ? learner.id : name;
  std::string css(internal::ReportCss());
  css += kExtraCss;
  std::string out =
      internal::PageStartWithScript(fmt::format("{}: {}", who, programme_title), css, "", "");
  out += "<main class=\"explain\">\n<header>\n";
  out += fmt::format("<h1>{}</h1>\n<p class=\"lede\">{}{}{}</p>\n</header>\n", HtmlEscape(who),
                     name.empty() ? "" : fmt::format("Learner {} · ", HtmlEscape(learner.id)),
                     HtmlEscape(programme_title),
                     options.as_of ? " · as of " + HtmlEscape(LongDate(*options.as_of)) : "");
  std::string now = steps.achieved == nullptr ? "none yet" : TitleOf(*steps.achieved);
  if (!steps.grade.empty()) now += ", " + internal::GradeInWords(steps.grade);
  out += fmt::format("<p>Award now: <span class=\"badge {}\">{}</span></p>\n",
                     outcome.data_error          ? "provisional"
                     : steps.achieved == nullptr ? "not-met"
                                                 : "met",
                     HtmlEscape(now));
  if (std::vector<internal::ValueLine> values = internal::ValueLines(programme, outcome);
      !values.empty()) {
    out += "<ul class=\"plain\">\n";
    for (const internal::ValueLine& line : values) {
      out += fmt::format("<li>{}", HtmlEscape(line.text));
      if (!line.description.empty()) {
        out += fmt::format("<br><span class=\"note\">{}</span>", HtmlEscape(line.description));
      }
      out += "</li>\n";
    }
    out += "</ul>\n";
  }
  if (outcome.data_error) {
    out +=
        "<p class=\"note\">Some of this learner's records could not be read: the outcome is "
        "provisional until they are corrected.</p>\n";
  }
  if (outcome.used_predicted) out += "<p class=\"note\">It relies on a predicted grade.</p>\n";
  if (outcome.relies_on_exception) {
    out += "<p class=\"note\">It relies on an assessor exception.</p>\n";
  }
  if (steps.ended && steps.ends) {
    out += fmt::format("<p>The programme ended on {}, so nothing more can count towards it.</p>\n",
                       HtmlEscape(LongDate(*steps.ends)));
  } else if (steps.closest) {
    const TierSteps& closest = *steps.closest;
    const std::size_t n = closest.steps.size();
    out += fmt::format(
        "<h2>{} award: {} — {} thing{} to do{}</h2>\n",
        steps.achieved == nullptr ? "Closest" : "Next", HtmlEscape(TitleOf(*closest.tier)), n,
        n == 1 ? "" : "s",
        steps.ends ? HtmlEscape(", before the programme ends on " + LongDate(*steps.ends)) : "");
    Steps(out, closest, false);
    if (!closest.done.empty()) {
      out += fmt::format("<h2>Already done for {}</h2>\n<ul class=\"plain\">\n",
                         HtmlEscape(TitleOf(*closest.tier)));
      for (const DoneStep& d : closest.done) {
        out += fmt::format("<li><strong>{}</strong>{}</li>\n", HtmlEscape(TitleOf(*d.component)),
                           d.using_achievements.empty()
                               ? ""
                               : HtmlEscape(": " + internal::JoinNames(d.using_achievements, 3)));
      }
      out += "</ul>\n";
    }
    if (steps.next_up && steps.next_up->steps.empty()) {
      out += fmt::format("<p>Doing this would also give you {}.</p>\n",
                         HtmlEscape(TitleOf(*steps.next_up->tier)));
    } else if (steps.next_up) {
      out += fmt::format("<h2>For {} you would also need</h2>\n",
                         HtmlEscape(TitleOf(*steps.next_up->tier)));
      Steps(out, *steps.next_up, true);
    }
  } else if (steps.achieved != nullptr && &programme.tiers.front() == steps.achieved) {
    out += "<p>This is the highest award of the programme.</p>\n";
  } else {
    out +=
        "<p>No award can be reached by adding more work: a part of each one is broken by "
        "something already in the record.</p>\n";
  }
  out +=
      "<footer><p class=\"note\">Made by accredit from the centre's records against the "
      "programme's rules. Ask your tutor if something here looks wrong.</p></footer>\n";
  out += "</main>\n";
  return out + internal::PageEnd();
}

}  // namespace accredit
