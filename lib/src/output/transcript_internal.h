// What the transcript renderers (transcript_html.cpp, transcript_cohort.cpp,
// transcript_ob3.cpp) share: how an achievement is named, which component of the tier of
// record used it, and the HTML section of one learner.
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

// The award in a few words: "Advanced, merit", "Intermediate", "not yet achieved".
std::string AwardResult(const Programme& programme, const Outcome& outcome);

// The style of transcript pages (screen and A4 print), after the shared one of PageStart().
extern const std::string_view kTranscriptCss;

// One learner's transcript as an <article>: the name (or the id) as a heading of `level`
// (1 on the learner's own page, 2 in the cohort's book), then the award, qualifications,
// project and activities under headings one level down, and a footer. Every string escaped;
// a table column that is empty for every row is left out.
std::string TranscriptSection(const RuleSet& rules, const Programme& programme,
                              const Learner& learner, const Outcome& outcome,
                              const TranscriptOptions& options, int level);

// Whether `text` is an http(s) URL safe to make a link of (no spaces or control characters).
bool IsWebLink(std::string_view text);

}  // namespace accredit::internal
