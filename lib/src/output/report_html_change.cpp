// The rule-change page leads with the change: what the rules now say that they did not (old
// and new side by side), how many learners move and where, a chart of the moves, and each
// learner who changes with the reason. The cohort's picture under the new rules follows.
#include <fmt/format.h>

#include <map>

#include "base/html_page.h"
#include "output/report_html_internal.h"
#include "output/report_internal.h"

namespace accredit::internal {

namespace {

// A tier's place from the top in the new programme's order (lower is higher); none and errors
// below every tier.
std::size_t Rank(const Programme& p, std::string_view label) {
  for (std::size_t i = 0; i < p.tiers.size(); ++i) {
    if (p.tiers[i].id == label) return i;
  }
  return label == "none" ? p.tiers.size() : p.tiers.size() + 1;
}

std::string RulesName(const Programme& p, const RulesFile& f) {
  std::string out = HtmlEscape(ProgrammeHeading(p));
  if (!f.name.empty()) {
    out += fmt::format("<br><span class=\"note\">file {}, version {}</span>", HtmlEscape(f.name),
                       HtmlEscape(f.version));
  }
  return out;
}

struct Move {
  std::string before, after;  // labels
  bool grade_only = false;
  std::size_t learners = 0;
};

}  // namespace

std::string RenderRuleChange(const Report& r, const BaselineComparison& b) {
  const Programme& now = *r.programme;
  const Programme& was = *b.programme;
  std::string out = "<section id=\"rules-changed\">\n<h2>What changed in the rules</h2>\n";
  out += fmt::format(
      "<div class=\"side\"><div class=\"was\"><h3>Before</h3><p>{}</p></div><div class=\"now\">"
      "<h3>After</h3><p>{}</p></div></div>\n",
      RulesName(was, b.file), RulesName(now, r.file));
  if (b.rule_changes.empty()) {
    out +=
        "<p>The two sets of rules say the same in every requirement; outcomes can still "
        "differ through the grade scales or points tables they use.</p>\n";
  } else {
    out += fmt::format(
        "<table class=\"rules narrow-cards\">\n<caption>{} change{} to the "
        "rules</caption>\n<thead><tr>"
        "<th scope=\"col\">Where</th><th scope=\"col\">Before</th><th scope=\"col\">After</th>"
        "</tr></thead>\n<tbody>\n",
        b.rule_changes.size(), Plural(b.rule_changes.size()));
    for (const RuleChange& c : b.rule_changes) {
      out += fmt::format(
          "<tr><th scope=\"row\">{}</th><td data-label=\"Before\">{}</td><td "
          "data-label=\"After\">{}</td></tr>\n",
          HtmlEscape(c.where),
          c.before.empty() ? "<em>not in these rules</em>" : HtmlEscape(c.before),
          c.after.empty() ? "<em>not in these rules</em>" : HtmlEscape(c.after));
    }
    out += "</tbody>\n</table>\n";
  }
  out += "</section>\n";

  // Moves, largest first; ties in the order of the tiers before, then after.
  std::vector<Move> moves;
  for (const LearnerChange& c : b.changes) {
    bool grade_only = c.before_tier == c.after_tier;
    auto it = std::find_if(moves.begin(), moves.end(), [&](const Move& m) {
      return m.before == c.before_tier && m.after == c.after_tier;
    });
    if (it == moves.end()) {
      moves.push_back({c.before_tier, c.after_tier, grade_only, 0});
      it = moves.end() - 1;
    }
    ++it->learners;
  }
  std::stable_sort(moves.begin(), moves.end(), [&](const Move& x, const Move& y) {
    if (x.learners != y.learners) return x.learners > y.learners;
    return std::make_pair(Rank(now, x.before), Rank(now, x.after)) <
           std::make_pair(Rank(now, y.before), Rank(now, y.after));
  });
  std::vector<std::string> sentences;
  std::vector<BarRow> rows;
  std::size_t most = 1;
  for (const Move& m : moves) most = std::max(most, m.learners);
  for (const Move& m : moves) {
    std::string before = TierLabelText(was, m.before);
    std::string after = TierLabelText(now, m.after);
    bool down = Rank(now, m.after) > Rank(now, m.before);
    std::string sentence;
    Status status = Status::kClose;
    if (m.grade_only) {
      sentence = fmt::format("{} learner{} keep{} {} with another award grade", m.learners,
                             Plural(m.learners), m.learners == 1 ? "s" : "", before);
    } else if (m.before == "none" || m.before == "error" || !down) {
      sentence = fmt::format("{} learner{} gain{} {}", m.learners, Plural(m.learners),
                             m.learners == 1 ? "s" : "", after);
      status = Status::kMet;
    } else {
      sentence = fmt::format("{} learner{} lose{} {}", m.learners, Plural(m.learners),
                             m.learners == 1 ? "s" : "", before);
      status = Status::kNotMet;
    }
    sentences.push_back(sentence);
    rows.push_back({HtmlEscape(fmt::format("{} \xe2\x86\x92 {}", before, after)),
                    fmt::format("{}", m.learners),
                    static_cast<double>(m.learners) / static_cast<double>(most),
                    status,
                    {Badge(status, HtmlEscape(sentence))}});
  }
  out += "<section id=\"who-changes\">\n<h2>Who changes</h2>\n";
  if (b.changes.empty()) {
    out += fmt::format(
        "<p class=\"headline\">No learner's outcome changes: all {} stay as they "
        "were.</p>\n",
        b.unchanged);
  } else {
    out += fmt::format("<p class=\"headline\"><strong>{}</strong>; {} learner{} unchanged.</p>\n",
                       HtmlEscape(fmt::format("{}", fmt::join(sentences, ", "))), b.unchanged,
                       Plural(b.unchanged));
    out += BarTable("Moves between outcomes, before \xe2\x86\x92 after",
                    {"Move", "Learners", "What it means"}, rows, "narrow-cards");
    out += fmt::format(
        "<table class=\"learners narrow-cards\">\n<caption>The {} learner{} whose outcome changes, "
        "and why"
        "</caption>\n<thead><tr><th scope=\"col\">Learner</th>{}<th scope=\"col\">Before</th>"
        "<th scope=\"col\">After</th><th scope=\"col\">Why</th></tr></thead>\n<tbody>\n",
        b.changes.size(), Plural(b.changes.size()),
        r.options.grouped() ? fmt::format("<th scope=\"col\">{}</th>", HtmlEscape(GroupHeading(r)))
                            : "");
    const std::size_t listed = Listed(r, b.changes.size());
    for (std::size_t k = 0; k < listed; ++k) {
      const LearnerChange& c = b.changes[k];
      bool down = Rank(now, c.after_tier) > Rank(now, c.before_tier);
      std::string reasons = "<ul class=\"needs\">";
      for (const std::string& why : c.reasons) reasons += "<li>" + ForReaders(why) + "</li>";
      out += fmt::format(
          "<tr><th scope=\"row\">{}</th>{}<td data-label=\"Before\">{}</td><td "
          "data-label=\"After\">{}</td><td data-label=\"Why\">{}</ul></td></tr>\n",
          LearnerLink(FindLine(r, c.learner), c.learner),
          r.options.grouped() ? GroupCell(r, c.group) : "",
          HtmlEscape(OutcomeInWords(was, c.before_tier, c.before_grade)),
          Badge(down                            ? Status::kNotMet
                : c.before_tier == c.after_tier ? Status::kClose
                                                : Status::kMet,
                HtmlEscape(OutcomeInWords(now, c.after_tier, c.after_grade))),
          reasons);
    }
    out +=
        "</tbody>\n</table>\n" + NotListed(b.changes.size() - listed, "who changes", "who change");
  }
  // The full transition table: every combination, including no move.
  out +=
      "<table class=\"matrix\">\n<caption>Every learner: outcome before (rows) and after "
      "(columns)</caption>\n"
      "<thead><tr><th scope=\"col\">Before \\ after</th>";
  std::vector<bool> used_after(b.after.size(), false);
  std::vector<bool> used_before(b.before.size(), false);
  for (std::size_t i = 0; i < b.before.size(); ++i) {
    for (std::size_t j = 0; j < b.after.size(); ++j) {
      if (b.transitions[i][j] > 0) used_before[i] = used_after[j] = true;
    }
  }
  for (std::size_t j = 0; j < b.after.size(); ++j) {
    // Tiers always show; "none" and "error" only when someone is there.
    if (!used_after[j] && j + 2 >= b.after.size()) continue;
    out += fmt::format("<th scope=\"col\" class=\"num\">{}</th>",
                       HtmlEscape(TierLabelText(now, b.after[j])));
  }
  out += "</tr></thead>\n<tbody>\n";
  for (std::size_t i = 0; i < b.before.size(); ++i) {
    if (!used_before[i] && i + 2 >= b.before.size()) continue;
    out +=
        fmt::format("<tr><th scope=\"row\">{}</th>", HtmlEscape(TierLabelText(was, b.before[i])));
    for (std::size_t j = 0; j < b.after.size(); ++j) {
      if (!used_after[j] && j + 2 >= b.after.size()) continue;
      out += fmt::format("<td class=\"num\">{}</td>", b.transitions[i][j]);
    }
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n</section>\n";
  return out;
}

}  // namespace accredit::internal
