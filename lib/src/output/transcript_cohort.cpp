// A cohort's transcripts: the index page that lists every learner and links to their page,
// and the book that holds every transcript in one file to print.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "accredit/transcript.h"
#include "base/html_page.h"
#include "output/report_internal.h"
#include "output/transcript_internal.h"

namespace accredit {

namespace {

using internal::HtmlEscape;

std::string ProgrammeTitle(const Programme& programme) {
  return programme.title.empty() ? programme.id : programme.title;
}

// "Foxwood Academy Baccalaureate, Foxwood Academy", escaped.
std::string ProgrammeLine(const Programme& programme) {
  std::string line = HtmlEscape(ProgrammeTitle(programme));
  if (!programme.centre.empty()) line += ", " + HtmlEscape(programme.centre);
  return line;
}

std::string Learners(std::size_t n) { return fmt::format("{} learner{}", n, n == 1 ? "" : "s"); }

}  // namespace

std::string TranscriptIndexHtml(const Programme& programme,
                                std::span<const TranscriptEntry> entries,
                                const TranscriptOptions& options) {
  std::string out =
      internal::PageStart("Transcripts: " + ProgrammeTitle(programme), internal::kTranscriptCss);
  out += fmt::format("<header>\n<h1 class=\"learner-name\">Transcripts</h1>\n<p class=\"sub\">{}",
                     ProgrammeLine(programme));
  if (options.as_of) {
    out += fmt::format(", as of <span class=\"date\">{}</span>", LongDate(*options.as_of));
  }
  out += fmt::format(".</p>\n</header>\n<main>\n");

  // How many learners have each award, highest tier first, then those without one.
  std::map<std::size_t, std::size_t> by_tier;  // tier index (kNone last) -> learners
  for (const TranscriptEntry& e : entries) {
    by_tier[e.outcome->tier == kNone ? static_cast<std::size_t>(-1)
                                     : static_cast<std::size_t>(e.outcome->tier)]++;
  }
  std::vector<std::string> counts;
  for (const auto& [tier, n] : by_tier) {
    std::string what = tier < programme.tiers.size() ? internal::TitleOf(programme.tiers[tier])
                                                     : std::string("not yet achieved");
    counts.push_back(fmt::format("{} {}", n, HtmlEscape(what)));
  }
  out += fmt::format("<p>{}: {}.</p>\n", Learners(entries.size()), fmt::join(counts, ", "));
  out += fmt::format(
      "<p>To print every transcript at once, each on its own page, open <a "
      "href=\"{0}\">{0}</a>.</p>\n",
      kTranscriptBookFile);

  // A name column only when some learner has a name to show.
  bool names = false;
  for (const TranscriptEntry& e : entries) {
    names = names || (!options.no_names && !e.learner->Name().empty());
  }
  out +=
      "<div class=\"scroll\">\n<table>\n<caption>Learners and their transcripts</caption>\n"
      "<thead><tr>";
  if (names) out += "<th scope=\"col\">name</th>";
  out +=
      "<th scope=\"col\">learner</th><th scope=\"col\">award</th>"
      "<th scope=\"col\">transcript</th></tr></thead>\n<tbody>\n";
  for (const TranscriptEntry& e : entries) {
    const Learner& learner = *e.learner;
    out += "<tr>";
    // The row is named by the learner's name, or by the id when there is none to show.
    std::string name = names ? learner.Name() : std::string();
    if (names) {
      out +=
          name.empty() ? "<td></td>" : fmt::format("<th scope=\"row\">{}</th>", HtmlEscape(name));
    }
    out += name.empty() ? "<th scope=\"row\">" + HtmlEscape(learner.id) + "</th>"
                        : "<td>" + HtmlEscape(learner.id) + "</td>";
    out += fmt::format("<td>{}</td>", HtmlEscape(internal::AwardResult(programme, *e.outcome)));
    // The stem is letters, digits, '.', '_' and '-' only, so the link needs no more escaping.
    std::string file = TranscriptFileStem(learner.id) + ".html";
    out += fmt::format("<td><a href=\"{0}\">{0}</a></td></tr>\n", HtmlEscape(file));
  }
  out += "</tbody>\n</table>\n</div>\n</main>\n";
  std::string signature =
      "The transcripts are records of evidence; they are not signed and are not verifiable "
      "credentials.";
  if (!options.issuer.empty()) {
    // As transcript --sign does: a learner whose records have errors is not signed for.
    const bool all = std::none_of(entries.begin(), entries.end(),
                                  [](const TranscriptEntry& e) { return e.outcome->data_error; });
    signature = fmt::format(
        "The transcripts are records of evidence. {} also issued as a signed digital "
        "credential by <code class=\"issuer\">{}</code> (the .clr.jwt file of the same name beside "
        "each page), "
        "and "
        "each page's footer says how to check it.",
        all ? "Each is" : "Each, but those of learners whose records have errors, is",
        HtmlEscape(options.issuer));
  }
  out += fmt::format(
      "<footer>\n<p class=\"note\">Made by accredit from the centre's records against the rules "
      "of {}. {}</p>\n</footer>\n",
      HtmlEscape(programme.id), signature);
  out += internal::PageEnd();
  return out;
}

std::string TranscriptBookHtml(const RuleSet& rules, const Programme& programme,
                               std::span<const TranscriptEntry> entries,
                               const TranscriptOptions& options) {
  std::string out = internal::PageStart("Transcripts to print: " + ProgrammeTitle(programme),
                                        internal::kTranscriptCss);
  // The heading is for the screen and for navigation; on paper each learner's page starts
  // with the learner.
  out += fmt::format(
      "<header class=\"book-header\">\n<h1 class=\"learner-name\">Transcripts to print</h1>\n"
      "<p class=\"sub\">{}: {}, each starting a new page.</p>\n</header>\n<main>\n",
      ProgrammeLine(programme), Learners(entries.size()));
  for (const TranscriptEntry& e : entries) {
    out += internal::TranscriptSection(rules, programme, *e.learner, *e.outcome, options, 2);
  }
  out += "</main>\n";
  out += internal::PageEnd();
  return out;
}

}  // namespace accredit
