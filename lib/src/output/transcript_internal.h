// What the two transcript renderers (transcript_html.cpp, transcript_ob3.cpp) share: how an
// achievement is named and which component of the tier of record used it.
#pragma once

#include <string>
#include <vector>

#include "accredit/transcript.h"

namespace accredit::internal {

// The tier a transcript speaks for: the tier achieved, or (none achieved) the lowest tier
// evaluated; nullptr for a programme without tiers.
const TierResult* TierOfRecord(const Outcome& outcome);

// "leadership & service" for the built-in strands, else the declared title, else the id.
std::string StrandName(const RuleSet& rules, std::string_view id);

// A short name: "GCSE Mathematics", "Extended Project Qualification (EPQ)", "Activity:
// physical & outdoor". With names allowed and a `title` given, the title follows after ": "
// for projects and activities.
std::string AchievementName(const RuleSet& rules, const Learner& learner, const Achievement& a,
                            bool no_names);

// For each achievement of the learner, the components of the tier of record it counted
// towards (several when a component is shared), in programme order.
std::vector<std::vector<const Component*>> AllocatedComponents(const Learner& learner,
                                                               const Outcome& outcome);

// The exceptions of the learner applied in `tier` (the tier of record), for component
// `component` of it, or for every component when `component` is null.
std::vector<const ExceptionResult*> AppliedExceptions(const Outcome& outcome,
                                                      const TierResult& tier,
                                                      const Component* component);

// Whether `text` is an http(s) URL safe to make a link of (no spaces or control characters).
bool IsWebLink(std::string_view text);

}  // namespace accredit::internal
