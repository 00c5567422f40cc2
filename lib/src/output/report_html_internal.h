// What the parts of the HTML cohort report share (report_html*.cpp): the status every figure
// is coloured by, bar rows (a table whose last cell draws the bar, so that the chart is its own
// accessible table and its labels wrap instead of being cut), learner anchors, and the
// stylesheet and script (report_html_style.cpp).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "accredit/report.h"

namespace accredit::internal {

// The status palette (CSS custom properties --met, --close, --not-met, --provisional), shown
// with a symbol and words as well as a colour and a pattern.
enum class Status { kMet, kClose, kNotMet, kProvisional, kNeutral };
// "met", "close", "not-met", "provisional", "neutral": the CSS class.
std::string_view StatusClass(Status status);

// A badge: the status's symbol, then `text` (already escaped).
std::string Badge(Status status, std::string_view text_html);

struct BarRow {
  std::string label_html;  // the row's heading, escaped; may hold markup
  std::string value;       // the figure shown ("14", "96%"), plain text
  double fraction = 0;     // 0..1 of the bar's full length
  Status status = Status::kNeutral;
  std::vector<std::string> cells_html;  // extra cells between the figure and the bar, escaped
};

// A table with a caption whose rows end in a bar. `heads` are the column headings (plain
// text): the label's, the figure's, then one per extra cell; the bar's column is unheaded
// ("chart").
std::string BarTable(std::string_view caption, const std::vector<std::string>& heads,
                     const std::vector<BarRow>& rows, std::string_view css_class = "");

// The id of a learner's section in the page ("learner-F0001"): letters, digits and '-' kept,
// any other byte as _XX, so that distinct ids stay distinct.
std::string LearnerAnchor(std::string_view learner);
// A link to that section, showing the id (and the name, when the line has one).
std::string LearnerLink(const LearnerLine* line, std::string_view learner);
// The report's line for `learner`, or nullptr.
const LearnerLine* FindLine(const Report& report, std::string_view learner);

// "Advanced distinction", "No award", "Provisional".
std::string OutcomeText(const LearnerLine& line);
Status OutcomeStatus(const LearnerLine& line);
// Whether the learner is one part short of the next tier up.
bool IsClose(const LearnerLine& line);

// A still-needed or reason sentence for a reader of the page, escaped: the command-line hints
// that the shared sentences carry for terminal users ("use --predicted to count it") become
// plain words.
std::string ForReaders(std::string_view sentence);

// A cell with the learner's group, labelled for narrow screens.
std::string GroupCell(const Report& report, std::string_view group);

// The --group-by name as a column heading: "Form", "Pupil-premium".
std::string GroupHeading(const Report& report);

// "s" unless n is 1.
std::string_view Plural(std::uint64_t n);

// The parts of the page.
// How many of `count` learners a table of single learners lists (ReportOptions::learners_listed).
std::size_t Listed(const Report& report, std::size_t count);
// "...and N more learners WHO, not listed here." for the `more` a table left out (who_one or
// who_many, as `more` is 1 or not); "" for none.
std::string NotListed(std::size_t more, std::string_view who_one, std::string_view who_many);

std::string RenderLearnerTable(const Report& report);
std::string RenderLearnerSections(const Report& report);
std::string RenderRuleChange(const Report& report, const BaselineComparison& comparison);
// The headline cards, the tier, grade, component and still-needed charts, and the groups.
std::string RenderDashboard(const Report& report, int level);

std::string_view ReportCss();
std::string_view ReportScript();
std::string_view ReportScriptSha256();

}  // namespace accredit::internal
