// Helpers shared by the report aggregation, comparison and renderers (report_*.cpp,
// baseline.cpp): labels, titles and number formatting, so every format says the same thing.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "accredit/report.h"

namespace accredit::internal {

// The --group-by label of each learner (ReportOptions::group_by); empty labels without it.
std::vector<std::string> GroupLabels(const std::vector<Learner>& learners,
                                     const ReportOptions& options);

// Learner text for a terminal or a Markdown file: line breaks and tabs become spaces, other
// control characters (which could drive a terminal) become U+FFFD.
std::string PlainText(std::string_view text);

std::string TitleOf(const Tier& tier);
std::string TitleOf(const Component& component);
// An award grade as a person reads it: its id in words ("distinction-star" is "Distinction
// star"), since a grade band has no title of its own. Machine-read outputs keep the id.
std::string GradeInWords(std::string_view grade);

// "56%" for 14 of 25 (rounded to a whole percent); "-" when `of` is 0.
std::string Percent(std::size_t part, std::size_t of);
// 14 of 25 as a number 0..100 with one decimal, for JSON and CSV.
double Ratio(std::size_t part, std::size_t of);

// A whole number without a decimal point, else one decimal.
std::string FormatScore(double value);

// "advanced merit", "intermediate", "none", "error": for machine-read outputs.
std::string OutcomeLabel(std::string_view tier, std::string_view grade);
// A tier label of a report ("advanced", "none", "error") as a person reads it, with the
// programme's tier titles: "Advanced", "No award", "Provisional".
std::string TierLabelText(const Programme& programme, std::string_view label);
// An outcome as a person reads it: "Advanced, Merit", "Intermediate", "No award".
std::string OutcomeInWords(const Programme& programme, std::string_view tier,
                           std::string_view grade);

// What the report's title says: "The Foxwood Academy Baccalaureate (foxwood-sixth-form)".
std::string ProgrammeHeading(const Programme& programme);

// A tier's award grades and how many have each, as a person reads them: "Distinction 6, Merit
// 6, Pass 2" (empty for an ungraded tier).
std::string GradesInWords(const TierCount& tier);

// The id of the tier a close learner achieved, or "none".
std::string AchievedLabel(const CloseLearner& close);
// The title of the tier a close learner achieved, or "No award".
std::string AchievedTitle(const CloseLearner& close);

// The options the outcomes were evaluated with, as a sentence ("" when the defaults).
std::string OptionsSentence(const Report& report);

// Whether the outcomes were evaluated with assessor exceptions (--exceptions): only then do the
// formats carry their exceptions sections.
bool WithExceptions(const Report& report);

// One line about an exception of a learner: DescribeException() (without reason and approver
// under --no-names), then what became of it when it was not applied.
std::string ExceptionLine(const Report& report, const ExceptionResult& result);

// "Advanced, Merit (without exceptions: Intermediate)", or without the part in parentheses
// when the outcome does not rely on the exceptions.
std::string ExceptedOutcome(const Programme& programme, const ExceptionLearner& learner);

}  // namespace accredit::internal
