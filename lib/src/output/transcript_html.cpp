// A learner's transcript as HTML: the section one learner's page and the cohort's book share,
// and the page of one learner.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "accredit/did_web.h"
#include "accredit/exceptions.h"
#include "accredit/transcript.h"
#include "base/html_page.h"
#include "output/completion_name.h"
#include "output/report_internal.h"
#include "output/transcript_internal.h"

namespace accredit {

namespace internal {

// Screen: the shared style, tightened. Print: A4 with narrow margins, so that a typical
// learner fits one page; tables may break between rows (never inside one), a heading stays
// with what follows it, and each learner of a book starts a new page.
const std::string_view kTranscriptCss = R"(
.learner-name { font-size: 1.6rem; margin: 0 0 0.2rem; border: none; padding: 0; }
.part { font-size: 1.15rem; margin: 1.2rem 0 0.4rem; }
.sub { margin: 0; color: #333; }
.result { font-size: 1.1rem; margin: 0.4rem 0; }
.date, .num, .nowrap { white-space: nowrap; }
.evidence { overflow-wrap: anywhere; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.scroll { overflow-x: auto; }
.scroll > table { min-width: 50%; }
table { margin: 0.3rem 0 0.6rem; }
article footer { margin-top: 1rem; border-top: 1px solid #999; padding-top: 0.3rem; }
article + article { margin-top: 3rem; border-top: 3px solid #1a1a1a; padding-top: 1rem; }
@page { size: A4; margin: 11mm 13mm; }
@media print {
  body { font-size: 9pt; line-height: 1.3; }
  .learner-name { font-size: 15pt; }
  .part { font-size: 11pt; margin: 0.7rem 0 0.2rem; border-bottom: 1px solid #999; }
  .result { font-size: 10.5pt; }
  .note { font-size: 8pt; }
  p { margin: 0.25rem 0; }
  table { margin: 0.15rem 0 0.35rem; }
  th, td { padding: 0.1rem 0.35rem; }
  table, figure { break-inside: auto; }
  tr, .result, .sub { break-inside: avoid; }
  thead { display: table-header-group; }
  .part, header { break-after: avoid; }
  .scroll { overflow: visible; }
  article footer { margin-top: 0.5rem; padding-top: 0.2rem; break-inside: avoid; }
  article + article { break-before: page; margin-top: 0; border-top: none; padding-top: 0; }
  .book-header { display: none; }
}
)";

}  // namespace internal

namespace {

using internal::HtmlEscape;

// A table column whose cells are already HTML; left out when every cell is empty.
struct Column {
  std::string head;
  std::string cell_class;  // "num", "date", "nowrap", "evidence" or ""
  std::vector<std::string> cells;
  bool row_header = false;  // cells are <th scope="row">

  bool Empty() const {
    for (const std::string& c : cells) {
      if (!c.empty()) return false;
    }
    return true;
  }
};

// A table of the columns that hold something, in a box that scrolls sideways on a narrow
// screen. The caption repeats the section's heading, so it is there for screen readers only.
std::string RenderTable(std::string_view caption, bool caption_shown,
                        const std::vector<Column>& columns, std::size_t rows) {
  std::vector<const Column*> shown;
  for (const Column& c : columns) {
    if (!c.Empty()) shown.push_back(&c);
  }
  std::string out =
      fmt::format("<div class=\"scroll\">\n<table>\n<caption{}>{}</caption>\n<thead><tr>",
                  caption_shown ? "" : " class=\"visually-hidden\"", HtmlEscape(caption));
  for (const Column* c : shown) {
    out += fmt::format("<th scope=\"col\"{}>{}</th>",
                       c->cell_class == "num" ? " class=\"num\"" : "", HtmlEscape(c->head));
  }
  out += "</tr></thead>\n<tbody>\n";
  for (std::size_t r = 0; r < rows; ++r) {
    out += "<tr>";
    for (const Column* c : shown) {
      std::string_view tag = c->row_header ? "th" : "td";
      out += fmt::format("<{}{}{}>{}</{}>", tag, c->row_header ? " scope=\"row\"" : "",
                         c->cell_class.empty() ? "" : " class=\"" + c->cell_class + "\"",
                         c->cells[r], tag);
    }
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n</div>\n";
  return out;
}

std::string EvidenceHtml(std::string_view text) {
  if (internal::IsWebLink(text)) return fmt::format("<a href=\"{0}\">{0}</a>", HtmlEscape(text));
  return HtmlEscape(text);
}

class Section {
 public:
  Section(const RuleSet& rules, const Programme& programme, const Learner& learner,
          const Outcome& outcome, const TranscriptOptions& options, int level)
      : rules_(rules),
        programme_(programme),
        learner_(learner),
        outcome_(outcome),
        options_(options),
        allocated_(internal::AllocatedComponents(learner, outcome)),
        level_(level) {}

  std::string Render() {
    const std::string name = options_.no_names ? std::string() : learner_.Name();
    out_ = "<article>\n<header>\n";
    out_ += fmt::format("<h{0} class=\"learner-name\">{1}</h{0}>\n", level_,
                        HtmlEscape(name.empty() ? "Learner " + learner_.id : name));
    std::string programme = HtmlEscape(ProgrammeTitle());
    if (!programme_.centre.empty()) programme += ", " + HtmlEscape(programme_.centre);
    // With no date anywhere (no --as-of, no dated record, an undated programme), the page
    // says no date rather than 1 January 1970.
    const Date as_of = TranscriptDate(programme_, learner_, options_);
    out_ += fmt::format(
        "<p class=\"sub\">Transcript of learner <strong>{}</strong>, {}.{}</p>\n</header>\n",
        HtmlEscape(learner_.id), programme,
        as_of == Date{}
            ? std::string()
            : fmt::format(" Record as of <span class=\"date\">{}</span>.", LongDate(as_of)));
    Award();
    Achievements(Kind::kQualification, "Qualifications");
    // A section with nothing in it is shown only when the programme asks for what it holds: a
    // T Level's transcript says nothing of a project.
    if (Holds(Kind::kProject) || HasRole("personal-project")) {
      Achievements(Kind::kProject, "Project");
    }
    if (Holds(Kind::kActivity) || HasRole("personal-development")) {
      // Activities none of which has a strand (an industry placement) are not personal
      // development as the baccalaureates mean it.
      Achievements(Kind::kActivity, Holds(Kind::kActivity) && !AnyStrand()
                                        ? "Activities"
                                        : "Personal development activities");
    }
    out_ += fmt::format(
        "<footer>\n<p class=\"note\">Made by accredit from the centre's records against the "
        "rules of {}. {}{}</p>\n</footer>\n</article>\n",
        HtmlEscape(programme_.id), SignatureNote(),
        !options_.no_names            ? ""
        : outcome_.exceptions.empty() ? " Names, titles, providers and evidence are omitted."
                                      : " Names, titles, providers, evidence and the reasons "
                                        "and approvers of assessor exceptions are omitted.");
    return std::move(out_);
  }

 private:
  // What the footer says of signatures: none on this page; with an issuer, where the signed
  // copy is and how anyone checks it.
  std::string SignatureNote() const {
    if (options_.issuer.empty()) {
      return "This page is a record of evidence; it is not signed and is not a verifiable "
             "credential.";
    }
    const std::string stem = HtmlEscape(TranscriptFileStem(learner_.id));
    std::string check =
        IsDidWeb(options_.issuer)
            ? fmt::format(
                  "save the centre's key from {} as did.json and run <code>accredit "
                  "verify {}.clr.jwt --key did.json</code>",
                  HtmlEscape(DidWebUrl(options_.issuer)), stem)
            : fmt::format(
                  "run <code>accredit verify {}.clr.jwt</code> (the issuer's id is its "
                  "public key)",
                  stem);
    return fmt::format(
        "This page is a record of evidence. The centre also issued it as a signed digital "
        "credential (Open Badges 3.0): {}.clr.jwt, with each part in {}.jwt, signed by <code "
        "class=\"issuer\">{}</code>. Anyone can check that it came from the centre unchanged: "
        "{}, or use any Open Badges 3.0 verifier.",
        stem, stem, HtmlEscape(options_.issuer), check);
  }

  std::string ProgrammeTitle() const {
    return programme_.title.empty() ? programme_.id : programme_.title;
  }

  void Heading(std::string_view text) {
    out_ += fmt::format("<h{0} class=\"part\">{1}</h{0}>\n", level_ + 1, HtmlEscape(text));
  }

  void Award() {
    out_ += "<section>\n";
    Heading("Award");
    out_ += fmt::format("<p class=\"result\">{}: <strong>{}</strong></p>\n",
                        HtmlEscape(ProgrammeTitle()),
                        HtmlEscape(internal::AwardResult(programme_, outcome_)));
    if (outcome_.used_predicted) {
      out_ += "<p class=\"note\">This outcome relies on a predicted grade.</p>\n";
    }
    if (outcome_.relies_on_exception) {
      std::string alone = "no award";
      if (outcome_.tier_without_exceptions != kNone) {
        alone = internal::TitleOf(
            programme_.tiers[static_cast<std::size_t>(outcome_.tier_without_exceptions)]);
        if (!outcome_.grade_without_exceptions.empty()) {
          alone += ", " + internal::GradeInWords(outcome_.grade_without_exceptions);
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
    // What counted towards each component is said once, beside each achievement below; here
    // only what the records cannot show: an assessor exception.
    std::vector<Column> columns = {{"component", "", {}, true},
                                   {"status", "", {}, false},
                                   {"assessor exception", "", {}, false}};
    for (const ComponentResult& c : tier->components) {
      std::vector<std::string> exceptions;
      for (const ExceptionResult* r : internal::AppliedExceptions(outcome_, *tier, c.component)) {
        const Exception& e = *r->exception->exception;
        exceptions.push_back(fmt::format("{} {}", e.node, ExceptionActionDone(e.action)));
      }
      columns[0].cells.push_back(HtmlEscape(internal::TitleOf(*c.component)));
      columns[1].cells.push_back(fmt::format("<span class=\"{}\">{}</span>",
                                             c.status == ComponentStatus::kMet ? "met" : "not-met",
                                             ComponentStatusName(c.status)));
      columns[2].cells.push_back(HtmlEscape(fmt::format("{}", fmt::join(exceptions, "; "))));
    }
    out_ += RenderTable(fmt::format("Components of the {} award", internal::TitleOf(*tier->tier)),
                        true, columns, tier->components.size());
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
      out_ += fmt::format("<p>Award grade {} (score {}).</p>\n",
                          HtmlEscape(internal::GradeInWords(tier->grade)),
                          internal::FormatScore(tier->score));
    }
    out_ += "</section>\n";
  }

  // Every exception given for the learner: the decision, who made it and what became of it.
  void Exceptions() {
    if (outcome_.exceptions.empty()) return;
    bool names = !options_.no_names;
    std::vector<Column> columns = {{"requirement", "", {}, true}, {"decision", "", {}, false},
                                   {"reason", "", {}, false},     {"approved by", "", {}, false},
                                   {"date", "date", {}, false},   {"effect", "", {}, false}};
    for (const ExceptionResult& r : outcome_.exceptions) {
      const Exception& e = *r.exception->exception;
      std::string decision(ExceptionActionDone(e.action));
      if (r.achievement != kNone) {
        decision += ": " + internal::AchievementName(
                               rules_, learner_,
                               learner_.achievements[static_cast<std::size_t>(r.achievement)],
                               options_.no_names);
      }
      columns[0].cells.push_back(HtmlEscape(e.node));
      columns[1].cells.push_back(HtmlEscape(decision));
      columns[2].cells.push_back(names ? HtmlEscape(e.reason) : "");
      columns[3].cells.push_back(names ? HtmlEscape(e.approved_by) : "");
      columns[4].cells.push_back(LongDate(e.date));
      columns[5].cells.push_back(HtmlEscape(ExceptionEffectReason(r.effect)));
    }
    out_ += RenderTable("Assessor exceptions: decisions made for this learner", true, columns,
                        outcome_.exceptions.size());
  }

  std::string CountsText(std::size_t i) const {
    if (outcome_.exclusions.size() > i && outcome_.exclusions[i] != Exclusion::kCounts) {
      return fmt::format("not counted: {}", ExclusionReason(outcome_.exclusions[i]));
    }
    std::vector<std::string> titles;
    for (const Component* c : allocated_[i]) titles.push_back(internal::TitleOf(*c));
    return fmt::format("{}", fmt::join(titles, ", "));
  }

  bool Holds(Kind kind) const {
    return std::any_of(learner_.achievements.begin(), learner_.achievements.end(),
                       [kind](const Achievement& a) { return a.kind == kind; });
  }
  bool AnyStrand() const {
    return std::any_of(
        learner_.achievements.begin(), learner_.achievements.end(), [this](const Achievement& a) {
          return a.kind == Kind::kActivity && !learner_.Text(a, Field::kStrand).empty();
        });
  }
  bool HasRole(std::string_view role) const {
    for (const Tier& tier : programme_.tiers) {
      for (const Component& component : tier.components) {
        if (component.role == role) return true;
      }
    }
    return false;
  }

  void Achievements(Kind kind, std::string_view heading) {
    std::vector<std::size_t> rows;
    bool all_achieved = true;  // then the status column says nothing and is left out
    for (std::size_t i = 0; i < learner_.achievements.size(); ++i) {
      if (learner_.achievements[i].kind != kind) continue;
      rows.push_back(i);
      all_achieved = all_achieved && learner_.achievements[i].status == Status::kAchieved;
    }
    out_ += "<section>\n";
    Heading(heading);
    if (rows.empty()) {
      out_ += "<p>None recorded.</p>\n</section>\n";
      return;
    }
    bool names = !options_.no_names;
    bool activity = kind == Kind::kActivity;
    // Activities are named by their title (what was done) when there is one.
    std::vector<Column> columns;
    if (activity) {
      columns = {
          {"activity", "", {}, false}, {"strand", "", {}, false}, {"hours", "num", {}, false}};
    } else {
      columns = {{kind == Kind::kProject ? "project" : "qualification", "", {}, false},
                 {"title", "", {}, false},
                 {"level", "nowrap", {}, false},
                 {"grade", "nowrap", {}, false}};
    }
    const std::size_t first_common = columns.size();
    for (const char* head : {"date", "status", "provider", "evidence", "counted towards"}) {
      std::string_view h = head;
      columns.push_back({std::string(h),
                         h == "date"       ? "date"
                         : h == "evidence" ? "evidence"
                                           : "",
                         {},
                         false});
    }
    std::map<std::string, double> hours;  // by strand, for the totals line
    double total = 0;
    for (std::size_t i : rows) {
      const Achievement& a = learner_.achievements[i];
      std::string_view title = names ? learner_.Text(a, Field::kTitle) : std::string_view();
      if (activity) {
        std::string strand = internal::StrandName(rules_, learner_.Text(a, Field::kStrand));
        // An activity that is done or not (rule language 1.1) is named by its type, no hours;
        // one of a type but no strand (an industry placement) by its type, with its hours.
        const std::string completion = internal::CompletionName(rules_, learner_, a);
        if (strand.empty() && a.type != kNone) {
          strand = internal::TypeTitle(rules_, a);  // a completion's name is its type's title
          columns[1].head = "strand or type";
        }
        columns[0].cells.push_back(HtmlEscape(title));
        columns[1].cells.push_back(HtmlEscape(strand));
        columns[2].cells.push_back(completion.empty() ? internal::FormatScore(a.hours) : "");
        if (completion.empty() && outcome_.exclusions.size() > i &&
            outcome_.exclusions[i] == Exclusion::kCounts) {
          hours[strand] += a.hours;
          total += a.hours;
        }
      } else {
        columns[0].cells.push_back(
            HtmlEscape(internal::AchievementName(rules_, learner_, a, true)));
        columns[1].cells.push_back(HtmlEscape(title));
        columns[2].cells.push_back(a.level ? DescribeLevel(*a.level) : "");
        columns[3].cells.push_back(HtmlEscape(learner_.Text(a, Field::kGrade)));
      }
      std::size_t c = first_common;
      columns[c++].cells.push_back(a.date ? LongDate(*a.date) : "");
      columns[c++].cells.push_back(all_achieved ? "" : std::string(StatusName(a.status)));
      columns[c++].cells.push_back(names ? HtmlEscape(learner_.Text(a, Field::kProvider)) : "");
      columns[c++].cells.push_back(names ? EvidenceHtml(learner_.Text(a, Field::kEvidence)) : "");
      columns[c++].cells.push_back(HtmlEscape(CountsText(i)));
    }
    if (activity && columns[0].Empty()) columns[1].row_header = true;
    if (!activity || !columns[0].Empty()) columns[0].row_header = true;
    out_ += RenderTable(heading, false, columns, rows.size());
    if (activity) {
      std::vector<std::string> parts;
      for (const auto& [strand, h] : hours) {
        parts.push_back(fmt::format("{} {}", HtmlEscape(strand), internal::FormatScore(h)));
      }
      if (hours.size() == 1 && !hours.begin()->first.empty()) {  // "320 (industry placement)"
        out_ += fmt::format("<p>Hours that count: {} ({}).</p>\n", internal::FormatScore(total),
                            HtmlEscape(hours.begin()->first));
      } else if (!parts.empty()) {
        out_ += fmt::format("<p>Hours that count: {} in all ({}).</p>\n",
                            internal::FormatScore(total), fmt::join(parts, ", "));
      }
    }
    out_ += "</section>\n";
  }

  const RuleSet& rules_;
  const Programme& programme_;
  const Learner& learner_;
  const Outcome& outcome_;
  const TranscriptOptions& options_;
  std::vector<std::vector<const Component*>> allocated_;
  int level_;
  std::string out_;
};

}  // namespace

namespace internal {

std::string AwardResult(const Programme& programme, const Outcome& outcome) {
  if (outcome.tier == kNone) return "not yet achieved";
  std::string result = TitleOf(programme.tiers[static_cast<std::size_t>(outcome.tier)]);
  if (!outcome.grade.empty()) result += ", " + GradeInWords(outcome.grade);
  return result;
}

std::string TranscriptSection(const RuleSet& rules, const Programme& programme,
                              const Learner& learner, const Outcome& outcome,
                              const TranscriptOptions& options, int level) {
  return Section(rules, programme, learner, outcome, options, level).Render();
}

}  // namespace internal

std::string TranscriptHtml(const RuleSet& rules, const Programme& programme, const Learner& learner,
                           const Outcome& outcome, const TranscriptOptions& options) {
  const std::string name = options.no_names ? std::string() : learner.Name();
  std::string title = name.empty() ? fmt::format("Transcript: {}", learner.id)
                                   : fmt::format("Transcript: {} ({})", name, learner.id);
  std::string out = internal::PageStart(
      title + " (" + (programme.title.empty() ? programme.id : programme.title) + ")",
      internal::kTranscriptCss);
  out += "<main>\n";
  out += internal::TranscriptSection(rules, programme, learner, outcome, options, 1);
  out += "</main>\n";
  out += internal::PageEnd();
  return out;
}

}  // namespace accredit
