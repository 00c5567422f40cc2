#include "output/explain_summary.h"

#include <fmt/format.h>

#include "accredit/rules_describe.h"
#include "base/text_wrap.h"
#include "output/report_internal.h"
#include "output/step_text.h"

namespace accredit::internal {

namespace {

std::string Things(std::size_t n) { return n == 1 ? "1 thing" : fmt::format("{} things", n); }

}  // namespace

void RenderSteps(std::string& out, const TierSteps& tier, std::size_t indent, std::size_t width,
                 bool checkbox, bool brief) {
  for (const NextStep& step : tier.steps) {
    std::string line = fmt::format("{} {}: {}", checkbox ? "[ ]" : "-", TitleOf(*step.component),
                                   Capitalized(JoinAnd(step.tasks)));
    if (brief) {
      Wrap(out, line + ".", indent, width, checkbox ? 4 : 2);
      continue;
    }
    line = fmt::format("{} {}: {}", checkbox ? "[ ]" : "-", TitleOf(*step.component),
                       StepSentence(step));
    Wrap(out, line, indent, width, checkbox ? 4 : 2);
    if (!step.alternatives.empty()) {
      Wrap(out, fmt::format("Or instead: {}.", fmt::join(step.alternatives, "; or ")),
           indent + (checkbox ? 4 : 2), width, 2);
    }
  }
}

std::vector<ValueLine> ValueLines(const Programme& programme, const Outcome& outcome) {
  std::vector<ValueLine> lines;
  for (std::size_t i = 0; i < programme.values.size() && i < outcome.values.size(); ++i) {
    lines.push_back(ValueLine{
        fmt::format("{}: {}", ValueTitle(programme.values[i]), FormatNumber(outcome.values[i])),
        programme.values[i].description});
  }
  return lines;
}

std::string ExplainSummary(const Programme& programme, const Learner& learner,
                           const Outcome& outcome, const NextSteps& steps,
                           const ExplainOptions& options) {
  std::string out;
  std::string title = programme.title.empty() ? programme.id : programme.title;
  const std::string name = learner.Name();
  std::string heading = name.empty() ? fmt::format("{} — {}", learner.id, title)
                                     : fmt::format("{} ({}) — {}", name, learner.id, title);
  if (options.as_of) heading += ", as of " + LongDate(*options.as_of);
  Wrap(out, heading, 0, options.width, 2);
  out += "\n";
  std::string now = steps.achieved == nullptr ? "none" : TitleOf(*steps.achieved);
  if (!steps.grade.empty()) now += ", " + GradeInWords(steps.grade);
  if (outcome.used_predicted) now += " (relies on a predicted grade)";
  if (outcome.relies_on_exception) now += " (relies on an assessor exception)";
  Wrap(out, fmt::format("Award now: {}.", now), 0, options.width, 2);
  for (const ValueLine& line : ValueLines(programme, outcome)) {
    Wrap(out, line.text + ".", 0, options.width, 2);
    if (!line.description.empty()) Wrap(out, line.description, 2, options.width);
  }
  if (outcome.data_error) {
    Wrap(out,
         "Some of this learner's records could not be read (see the messages above), so this is "
         "not final.",
         0, options.width);
  }
  if (steps.ended) {
    Wrap(out,
         fmt::format("The programme ended on {}, so nothing more can count towards it.",
                     LongDate(*steps.ends)),
         0, options.width);
  } else if (steps.closest) {
    const TierSteps& closest = *steps.closest;
    std::string when =
        steps.ends ? fmt::format(", before the programme ends on {}", LongDate(*steps.ends)) : "";
    Wrap(out,
         fmt::format("{} award: {} — {} to do{}:", steps.achieved == nullptr ? "Closest" : "Next",
                     TitleOf(*closest.tier), Things(closest.steps.size()), when),
         0, options.width, 2);
    RenderSteps(out, closest, 2, options.width, true);
    if (!closest.done.empty()) {
      std::vector<std::string> done;
      for (const DoneStep& d : closest.done) {
        std::string item = TitleOf(*d.component);
        if (!d.using_achievements.empty() && d.using_achievements.size() <= 2) {
          item += fmt::format(" ({})", JoinNames(d.using_achievements, 2));
        }
        done.push_back(item);
      }
      out += "\n";
      Wrap(out, fmt::format("Already done for {}: {}.", TitleOf(*closest.tier), JoinAnd(done)), 0,
           options.width, 2);
    }
    if (steps.next_up && steps.next_up->steps.empty()) {
      out += "\n";
      Wrap(out, fmt::format("Doing this would also give you {}.", TitleOf(*steps.next_up->tier)), 0,
           options.width, 2);
    } else if (steps.next_up) {
      out += "\n";
      Wrap(out, fmt::format("For {} you would also need:", TitleOf(*steps.next_up->tier)), 0,
           options.width, 2);
      RenderSteps(out, *steps.next_up, 2, options.width, false, true);
    }
  } else if (steps.achieved != nullptr && &programme.tiers.front() == steps.achieved) {
    Wrap(out, "This is the highest award of the programme.", 0, options.width);
  } else {
    Wrap(out,
         "No award can be reached by adding more work: a part of each one is broken by "
         "something already in the record (see the detail).",
         0, options.width);
  }
  if (!options.detail && !options.command.empty()) {
    out += "\n";
    Wrap(out, fmt::format("Every condition in full: {} --detail", options.command), 0,
         options.width, 2);
  }
  return out;
}

}  // namespace accredit::internal
