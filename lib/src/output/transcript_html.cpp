// A learner's transcript as one printable, self-contained HTML page.
#include <fmt/format.h>

#include <map>

#include "accredit/exceptions.h"
#include "accredit/transcript.h"
#include "base/html_page.h"
#include "output/report_internal.h"
#include "output/transcript_internal.h"

namespace accredit {

namespace {

using internal::HtmlEscape;

constexpr std::string_view kPageCss = R"(
@media print { body { font-size: 9.5pt; } h2 { margin-top: 1rem; } }
footer { margin-top: 2rem; border-top: 1px solid #999; padding-top: 0.5rem; }
)";

std::string StatusCell(ComponentStatus status) {
  std::string_view name = ComponentStatusName(status);
  return fmt::format("<td class=\"{}\">{}</td>",
                     status == ComponentStatus::kMet ? "met" : "not-met", name);
}

std::string Cell(std::string_view text) { return "<td>" + HtmlEscape(text) + "</td>"; }

std::string EvidenceCell(std::string_view text) {
  if (text.empty()) return "<td></td>";
  if (internal::IsWebLink(text)) {
    return fmt::format("<td><a href=\"{0}\">{0}</a></td>", HtmlEscape(text));
  }
  return Cell(text);
}

class Page {
 public:
  Page(const RuleSet& rules, const Programme& programme, const Learner& learner,
       const Outcome& outcome, const TranscriptOptions& options)
      : rules_(rules),
        programme_(programme),
        learner_(learner),
        outcome_(outcome),
        options_(options),
        allocated_(internal::AllocatedComponents(learner, outcome)) {}

  std::string Render() {
    // The learner's name when the records give one (not with --no-names), and always the id.
    const std::string name = options_.no_names ? std::string() : learner_.Name();
    std::string title = name.empty() ? fmt::format("Transcript: {}", learner_.id)
                                     : fmt::format("Transcript: {} ({})", name, learner_.id);
    out_ = internal::PageStart(title + " (" + programme_.title + ")", kPageCss);
    out_ += fmt::format("<header>\n<h1>{}</h1>\n<p>{}", HtmlEscape(title),
                        HtmlEscape(programme_.title.empty() ? programme_.id : programme_.title));
    if (!programme_.centre.empty()) out_ += ", " + HtmlEscape(programme_.centre);
    out_ += fmt::format(". Record as of {}.</p>\n</header>\n<main>\n",
                        FormatDate(TranscriptDate(programme_, learner_, options_)));
    Award();
    Achievements(Kind::kQualification, "Qualifications");
    Achievements(Kind::kProject, "Project");
    Achievements(Kind::kActivity, "Personal development activities");
    out_ += fmt::format(
        "</main>\n<footer>\n<p class=\"note\">Made by accredit from the centre's records against "
        "the rules of {}. This page is a record of evidence; it is not signed and is not a "
        "verifiable credential.{}</p>\n</footer>\n",
        HtmlEscape(programme_.id),
        !options_.no_names            ? ""
        : outcome_.exceptions.empty() ? " Titles, providers and evidence are omitted."
                                      : " Titles, providers, evidence and the reasons and "
                                        "approvers of assessor exceptions are omitted.");
    out_ += internal::PageEnd();
    return std::move(out_);
  }

 private:
  void Award() {
    out_ += "<section>\n<h2>Award</h2>\n";
    std::string result = "not yet achieved";
    if (outcome_.tier != kNone) {
      const Tier& tier = programme_.tiers[static_cast<std::size_t>(outcome_.tier)];
      result = internal::TitleOf(tier);
      if (!outcome_.grade.empty()) result += ", " + outcome_.grade;
    }
    out_ += fmt::format("<p><strong>{}</strong>: {}</p>\n",
                        HtmlEscape(programme_.title.empty() ? programme_.id : programme_.title),
                        HtmlEscape(result));
    if (outcome_.used_predicted) {
      out_ += "<p class=\"note\">This outcome relies on a predicted grade.</p>\n";
    }
    if (outcome_.relies_on_exception) {
      std::string alone = "no award";
      if (outcome_.tier_without_exceptions != kNone) {
        alone = internal::TitleOf(
            programme_.tiers[static_cast<std::size_t>(outcome_.tier_without_exceptions)]);
        if (!outcome_.grade_without_exceptions.empty()) {
          alone += ", " + outcome_.grade_without_exceptions;
        }
      }
      out_ += fmt::format(
          "<p class=\"note\">This outcome relies on an assessor exception: the rules alone give "
          "{}.</p>\n",
          HtmlEscape(alone));
    }
    if (outcome_.data_error && learner_.rejected_rows > 0) {
      out_ += fmt::format(
          "<p class=\"note\">{} of this learner's rows were rejected as data errors, so this "
          "outcome is not final.</p>\n",
          learner_.rejected_rows);
    }
    if (outcome_.input_refused) {
      out_ +=
          "<p class=\"note\">An input of this run could not be read, so this outcome is not "
          "final.</p>\n";
    }
    const TierResult* tier = internal::TierOfRecord(outcome_);
    if (tier == nullptr) {
      out_ += "</section>\n";
      return;
    }
    out_ += fmt::format(
        "<table>\n<caption>Components of the {} award</caption>\n<thead><tr>"
        "<th scope=\"col\">component</th><th scope=\"col\">status</th>"
        "<th scope=\"col\">what counted</th></tr></thead>\n<tbody>\n",
        HtmlEscape(internal::TitleOf(*tier->tier)));
    for (const ComponentResult& c : tier->components) {
      std::vector<std::string> used;
      for (std::uint32_t i : c.allocated) {
        used.push_back(HtmlEscape(internal::AchievementName(
            rules_, learner_, learner_.achievements[i], options_.no_names)));
      }
      for (const ExceptionResult* r : internal::AppliedExceptions(outcome_, *tier, c.component)) {
        const Exception& e = *r->exception->exception;
        used.push_back(HtmlEscape(
            fmt::format("assessor exception: {} {}", e.node, ExceptionActionDone(e.action))));
      }
      out_ += fmt::format("<tr><th scope=\"row\">{}</th>{}<td>{}</td></tr>\n",
                          HtmlEscape(internal::TitleOf(*c.component)), StatusCell(c.status),
                          fmt::join(used, "; "));
    }
    out_ += "</tbody>\n</table>\n";
    Exceptions();
    if (outcome_.tier != kNone && outcome_.tier > 0) {
      // The tier above: what is missing, by component (explain gives the detail).
      const TierResult& next = outcome_.tiers[static_cast<std::size_t>(outcome_.tier) - 1];
      std::vector<std::string> missing;
      for (const ComponentResult& c : next.components) {
        if (c.status != ComponentStatus::kMet) {
          missing.push_back(HtmlEscape(internal::TitleOf(*c.component)));
        }
      }
      out_ += fmt::format("<p>Not yet {}: {}.</p>\n", HtmlEscape(internal::TitleOf(*next.tier)),
                          fmt::join(missing, ", "));
    }
    if (tier->met && tier->tier->grading.kind != Grading::Kind::kUngraded) {
      out_ += fmt::format("<p>Award grade {} (score {}).</p>\n", HtmlEscape(tier->grade),
                          internal::FormatScore(tier->score));
    }
    out_ += "</section>\n";
  }

  // Every exception given for the learner: the decision, who made it and what became of it.
  void Exceptions() {
    if (outcome_.exceptions.empty()) return;
    bool names = !options_.no_names;
    out_ +=
        "<table>\n<caption>Assessor exceptions: decisions made for this learner</caption>\n"
        "<thead><tr><th scope=\"col\">requirement</th><th scope=\"col\">decision</th>";
    if (names) out_ += "<th scope=\"col\">reason</th><th scope=\"col\">approved by</th>";
    out_ += "<th scope=\"col\">date</th><th scope=\"col\">effect</th></tr></thead>\n<tbody>\n";
    for (const ExceptionResult& r : outcome_.exceptions) {
      const Exception& e = *r.exception->exception;
      std::string decision(ExceptionActionDone(e.action));
      if (r.achievement != kNone) {
        decision += ": " + internal::AchievementName(
                               rules_, learner_,
                               learner_.achievements[static_cast<std::size_t>(r.achievement)],
                               options_.no_names);
      }
      out_ += fmt::format("<tr><th scope=\"row\">{}</th>{}", HtmlEscape(e.node), Cell(decision));
      if (names) out_ += Cell(e.reason) + Cell(e.approved_by);
      out_ += Cell(FormatDate(e.date)) + Cell(ExceptionEffectReason(r.effect)) + "</tr>\n";
    }
    out_ += "</tbody>\n</table>\n";
  }

  std::string CountsCell(std::size_t i) {
    if (outcome_.exclusions.size() > i && outcome_.exclusions[i] != Exclusion::kCounts) {
      return Cell(fmt::format("not counted: {}", ExclusionReason(outcome_.exclusions[i])));
    }
    std::vector<std::string> titles;
    for (const Component* c : allocated_[i]) titles.push_back(internal::TitleOf(*c));
    return Cell(fmt::format("{}", fmt::join(titles, ", ")));
  }

  void Achievements(Kind kind, std::string_view heading) {
    std::vector<std::size_t> rows;
    for (std::size_t i = 0; i < learner_.achievements.size(); ++i) {
      if (learner_.achievements[i].kind == kind) rows.push_back(i);
    }
    out_ += fmt::format("<section>\n<h2>{}</h2>\n", heading);
    if (rows.empty()) {
      out_ += "<p>None recorded.</p>\n</section>\n";
      return;
    }
    bool names = !options_.no_names;
    bool activity = kind == Kind::kActivity;
    out_ += fmt::format("<table>\n<caption>{}</caption>\n<thead><tr>", heading);
    out_ += activity ? "<th scope=\"col\">strand</th><th scope=\"col\" class=\"num\">hours</th>"
                     : "<th scope=\"col\">qualification</th><th scope=\"col\">level</th>"
                       "<th scope=\"col\">grade</th>";
    out_ += "<th scope=\"col\">date</th><th scope=\"col\">status</th>";
    if (names) {
      out_ +=
          "<th scope=\"col\">title</th><th scope=\"col\">provider</th>"
          "<th scope=\"col\">evidence</th>";
    }
    out_ += "<th scope=\"col\">counted towards</th></tr></thead>\n<tbody>\n";
    std::map<std::string, double> hours;  // by strand, for the totals row
    double total = 0;
    for (std::size_t i : rows) {
      const Achievement& a = learner_.achievements[i];
      out_ += "<tr>";
      if (activity) {
        std::string strand = internal::StrandName(rules_, learner_.Text(a, Field::kStrand));
        out_ += Cell(strand);
        out_ += fmt::format("<td class=\"num\">{}</td>", internal::FormatScore(a.hours));
        if (outcome_.exclusions.size() > i && outcome_.exclusions[i] == Exclusion::kCounts) {
          hours[strand] += a.hours;
          total += a.hours;
        }
      } else {
        out_ += Cell(internal::AchievementName(rules_, learner_, a, true));
        out_ += Cell(a.level ? DescribeLevel(*a.level) : "");
        out_ += Cell(learner_.Text(a, Field::kGrade));
      }
      out_ += Cell(a.date ? FormatDate(*a.date) : "");
      out_ += Cell(StatusName(a.status));
      if (names) {
        out_ += Cell(learner_.Text(a, Field::kTitle));
        out_ += Cell(learner_.Text(a, Field::kProvider));
        out_ += EvidenceCell(learner_.Text(a, Field::kEvidence));
      }
      out_ += CountsCell(i) + "</tr>\n";
    }
    out_ += "</tbody>\n</table>\n";
    if (activity) {
      std::vector<std::string> parts;
      for (const auto& [strand, h] : hours) {
        parts.push_back(fmt::format("{} {}", HtmlEscape(strand), internal::FormatScore(h)));
      }
      out_ += fmt::format("<p>Hours that count: {} in all ({}).</p>\n",
                          internal::FormatScore(total), fmt::join(parts, ", "));
    }
    out_ += "</section>\n";
  }

  const RuleSet& rules_;
  const Programme& programme_;
  const Learner& learner_;
  const Outcome& outcome_;
  const TranscriptOptions& options_;
  std::vector<std::vector<const Component*>> allocated_;
  std::string out_;
};

}  // namespace

std::string TranscriptHtml(const RuleSet& rules, const Programme& programme, const Learner& learner,
                           const Outcome& outcome, const TranscriptOptions& options) {
  return Page(rules, programme, learner, outcome, options).Render();
}

}  // namespace accredit
