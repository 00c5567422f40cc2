// The summary that opens a learner's explanation (explain.h): the award now, the checklist for
// the closest award still reachable, what is done, what the next tier up would also need.
// It renders a NextSteps plan (next_steps.h) and decides nothing itself.
#pragma once

#include <string>
#include <vector>

#include "accredit/explain.h"
#include "accredit/next_steps.h"

namespace accredit::internal {

// The summary as text wrapped at options.width columns, ending with a blank line.
std::string ExplainSummary(const Programme& programme, const Learner& learner,
                           const Outcome& outcome, const NextSteps& steps,
                           const ExplainOptions& options);

// Rule language 1.1's named values as the learner reads them: "Total points: 34", one per
// value of the programme (none for a programme without values), each with the value's
// description ("4 is a Distinction*, ..."), which says what the number means, when the rules
// give one.
struct ValueLine {
  std::string text;
  std::string_view description;  // "" when the rules give none
};
std::vector<ValueLine> ValueLines(const Programme& programme, const Outcome& outcome);

// The steps of `tier`, one item each ("[ ] Project: Complete ..." with `checkbox`, else
// "- Project: ..."), wrapped at `width` columns from `indent`, each with its alternatives.
// With `brief`, the tasks alone, without what the learner has or the alternatives.
void RenderSteps(std::string& out, const TierSteps& tier, std::size_t indent, std::size_t width,
                 bool checkbox, bool brief = false);

}  // namespace accredit::internal
