// Explaining one learner's outcome. First a summary a student reads (next_steps.h): the award
// now, the closest award still reachable with a checklist of what to do, what is already done
// and what the tier above would also need. Then, on request, the full condition tree of every tier
// evaluated (actual against required, which achievement went to which component), the achievements
// that did not count and why, and for every unmet part a still-needed sentence a student
// understands
// ("needs 3 more hours of activities in physical & outdoor (has 12 of 15)"), with the
// nearest misses ("has GCSE Mathematics grade 3"). Built from the trace the evaluator records
// (EvaluateOptions::trace), never by evaluating again.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "accredit/enum_table.h"
#include "accredit/evaluator.h"
#include "accredit/json_writer.h"
#include "accredit/records.h"
#include "accredit/rules.h"
#include "accredit/source.h"

namespace accredit {

// Still-needed sentences for the unmet components of `tier` (each prefixed by the component's
// title). `outcome` must have been evaluated with tracing on.
std::vector<std::string> StillNeeded(const RuleSet& rules, const Learner& learner,
                                     const Outcome& outcome, const TierResult& tier);

// One still-needed sentence with what it is about: the unmet component and the unmet leaf
// requirement the sentence describes (so that a cohort report can count learners per
// requirement, whatever each one's shortfall). `sentence` is as StillNeeded() returns it.
struct NeededItem {
  const Component* component = nullptr;
  const Requirement* requirement = nullptr;
  std::string sentence;
};
// The items behind StillNeeded(), in the same order. `outcome` must have been traced.
std::vector<NeededItem> StillNeededItems(const RuleSet& rules, const Learner& learner,
                                         const Outcome& outcome, const TierResult& tier);

// A short description of an achievement: "GCSE Mathematics grade 6", "activity: 12 hours of
// physical & outdoor (2027-03-26)", followed by where it was read.
std::string DescribeAchievement(const RuleSet& rules, const Learner& learner,
                                const Achievement& achievement, const SourceSet& sources);

// The forms an explanation of a learner is given in (explain --format).
enum class ExplainFormat : std::uint8_t { kText, kJson, kHtml };
inline constexpr EnumName<ExplainFormat> kExplainFormatNames[] = {
    {ExplainFormat::kText, "text", "Text"},
    {ExplainFormat::kJson, "json", "JSON"},
    {ExplainFormat::kHtml, "html", "HTML"},
};
static_assert(InDeclarationOrder(kExplainFormatNames));

// What the text explanation shows.
struct ExplainOptions {
  // summary (true): the student's summary first: award now, the checklist for the closest
  // award, what is done, what the next tier up would also need.
  bool summary = true;
  // detail (false): the full condition tree of every tier evaluated, and what did not count.
  // Without it, the summary ends with a line saying how to ask for it.
  bool detail = false;
  // verbose (false): requirement and component ids, and the file and line each achievement
  // and exception was read from, in the condition tree; without it neither appears anywhere.
  bool verbose = false;
  // as_of (none): the date the outcome was judged on (--as-of), shown in the heading; after
  // the programme's end the summary says it has ended instead of giving tasks.
  std::optional<Date> as_of;
  // command (""): how the reader runs this explanation again, for the "--detail" hint
  // ("accredit explain cohort.csv --learner F0024"); empty: no hint.
  std::string command;
  // width (80): the columns the text is wrapped to; a caller that indents it asks for fewer.
  std::size_t width = 80;
};

// The explanation as text for people, wrapped for an 80-column terminal (ExplainOptions::width).
std::string ExplainText(const RuleSet& rules, const Programme& programme, const Learner& learner,
                        const Outcome& outcome, const SourceSet& sources,
                        const ExplainOptions& options = {});

// The summary of ExplainText() as one self-contained page, headed with the learner's name
// when the records have one: the award now, the checklist for the closest award, what is
// done, what the next tier up would also need. No ids, files or lines. `outcome` must have
// been traced; `options.as_of` is the date it was judged on.
std::string ExplainHtml(const RuleSet& rules, const Programme& programme, const Learner& learner,
                        const Outcome& outcome, const ExplainOptions& options = {});

// The explanation as one JSON document (format_version 1).
std::string ExplainJson(const RuleSet& rules, const Programme& programme, const Learner& learner,
                        const Outcome& outcome, const SourceSet& sources);

}  // namespace accredit
