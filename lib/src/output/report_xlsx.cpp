// The cohort report as a workbook (workbook.h): the same Report model the other formats render,
// a sheet per view. Every figure is a number cell and every rate a number formatted as a
// percentage, so that a head of sixth form can sort, filter and chart them.
#include <fmt/format.h>

#include <unordered_map>

#include "accredit/exceptions.h"
#include "accredit/workbook.h"
#include "output/outcomes_xlsx.h"
#include "output/report_internal.h"

namespace accredit {

namespace {

using internal::CellStyle;
using internal::XlsxWriter;

constexpr std::string_view kWholeCohort = "All learners";

// The Group column's label for a summary: the group, or "All learners" for the whole cohort.
std::string_view GroupOf(const CohortSummary& s) {
  return s.group.empty() ? kWholeCohort : std::string_view(s.group);
}

double Rate(std::size_t part, std::size_t of) {
  return of == 0 ? 0 : static_cast<double>(part) / static_cast<double>(of);
}

// Each summary of the report: the whole cohort, then each group (with --group-by).
std::vector<const CohortSummary*> Summaries(const Report& r) {
  std::vector<const CohortSummary*> out = {&r.cohort};
  for (const CohortSummary& g : r.groups) out.push_back(&g);
  return out;
}

void TiersSheet(XlsxWriter& xlsx, const Report& r) {
  const bool grouped = r.options.grouped();
  std::vector<internal::XlsxColumn> columns;
  if (grouped) columns.push_back({"Group", 24});
  columns.insert(columns.end(),
                 {{"Tier", 28}, {"Grade", 16}, {"Learners", 10}, {"Share of learners judged", 12}});
  xlsx.AddSheet("Tiers", std::move(columns));
  for (const CohortSummary* s : Summaries(r)) {
    const std::size_t judged = s->learners - s->errors;
    auto row = [&](std::string_view tier, std::string_view grade, std::size_t n, CellStyle style) {
      xlsx.NextRow();
      if (grouped) xlsx.Text(GroupOf(*s));
      xlsx.Text(tier, style);
      xlsx.Text(grade);
      xlsx.Number(static_cast<double>(n));
      xlsx.Number(Rate(n, judged), CellStyle::kPercent);
    };
    for (const TierCount& t : s->tiers) {
      // A graded tier's total, then each grade: "all grades" keeps a filter on Grade from
      // counting its learners twice.
      row(internal::TitleOf(*t.tier), t.grades.empty() ? "" : "all grades", t.learners,
          CellStyle::kMet);
      for (const GradeCount& g : t.grades) {
        row(internal::TitleOf(*t.tier), internal::GradeInWords(g.grade), g.learners,
            CellStyle::kMet);
      }
    }
    row("No award", "", s->none, CellStyle::kNotMet);
    // Provisional learners are not judged: their share is of every learner.
    xlsx.NextRow();
    if (grouped) xlsx.Text(GroupOf(*s));
    xlsx.Text("provisional (records not read)");
    xlsx.Blank();
    xlsx.Number(static_cast<double>(s->errors));
    xlsx.Number(Rate(s->errors, s->learners), CellStyle::kPercent);
  }
}

void ComponentsSheet(XlsxWriter& xlsx, const Report& r) {
  const bool grouped = r.options.grouped();
  std::vector<internal::XlsxColumn> columns;
  if (grouped) columns.push_back({"Group", 24});
  columns.insert(columns.end(), {{"Tier", 28},
                                 {"Component", 36},
                                 {"Met", 8},
                                 {"Evaluated", 10},
                                 {"Not met", 8},
                                 {"Pass rate", 10}});
  xlsx.AddSheet("Components", std::move(columns));
  for (const CohortSummary* s : Summaries(r)) {
    for (const ComponentRate& c : s->components) {
      xlsx.NextRow();
      if (grouped) xlsx.Text(GroupOf(*s));
      xlsx.Text(c.tier != nullptr ? internal::TitleOf(*c.tier) : "");
      xlsx.Text(internal::TitleOf(*c.component));
      xlsx.Number(static_cast<double>(c.met));
      xlsx.Number(static_cast<double>(c.evaluated));
      xlsx.Number(static_cast<double>(c.evaluated - c.met));
      if (c.evaluated == 0) {
        xlsx.Blank();
      } else {
        xlsx.Number(Rate(c.met, c.evaluated), CellStyle::kPercent);
      }
    }
  }
}

void StillNeededSheet(XlsxWriter& xlsx, const Report& r) {
  const bool grouped = r.options.grouped();
  std::vector<internal::XlsxColumn> columns;
  if (grouped) columns.push_back({"Group", 24});
  columns.insert(columns.end(), {{"Tier", 28},
                                 {"Component", 36},
                                 {"Requirement", 90},
                                 {"Learners who lack it", 12},
                                 {"Share of learners judged", 12}});
  xlsx.AddSheet("Still needed", std::move(columns));
  for (const CohortSummary* s : Summaries(r)) {
    for (const NeededReason& n : s->reasons) {
      xlsx.NextRow();
      if (grouped) xlsx.Text(GroupOf(*s));
      xlsx.Text(internal::TitleOf(*n.tier));
      xlsx.Text(internal::TitleOf(*n.component));
      xlsx.Text(n.text, CellStyle::kWrapped);
      xlsx.Number(static_cast<double>(n.learners));
      xlsx.Number(Rate(n.learners, s->learners - s->errors), CellStyle::kPercent);
    }
  }
}

// Where a tier stands among the programme's (0 the highest); "none" and "error" below them all.
std::size_t TierRank(const Programme& p, std::string_view id) {
  for (std::size_t i = 0; i < p.tiers.size(); ++i) {
    if (p.tiers[i].id == id) return i;
  }
  return p.tiers.size() + (id == "error" ? 1 : 0);
}

void BaselineSheets(XlsxWriter& xlsx, const Report& r) {
  const BaselineComparison& b = *r.baseline;
  std::unordered_map<std::string_view, const OutcomeRow*> by_id;
  bool names = false;
  for (const OutcomeRow& row : r.learner_rows) {
    by_id.emplace(row.learner, &row);
    names = names || !row.name.empty();
  }
  std::vector<internal::XlsxColumn> columns = {{"Learner", 24}};
  if (names) columns.push_back({"Name", 32});
  if (r.options.grouped()) columns.push_back({"Group", 24});
  columns.insert(
      columns.end(),
      {{"Before (baseline rules)", 24}, {"After (new rules)", 24}, {"Change", 10}, {"Why", 90}});
  xlsx.AddSheet("Tier changes", std::move(columns));
  for (const LearnerChange& c : b.changes) {
    xlsx.NextRow();
    xlsx.Text(c.learner);
    if (names) {
      auto it = by_id.find(c.learner);
      xlsx.Text(it == by_id.end() ? "" : it->second->name);
    }
    if (r.options.grouped()) xlsx.Text(c.group);
    xlsx.Text(internal::OutcomeInWords(*b.programme, c.before_tier, c.before_grade));
    xlsx.Text(internal::OutcomeInWords(*r.programme, c.after_tier, c.after_grade));
    // A tier higher up the new programme is up; the same tier with another grade is "grade".
    const std::size_t before = TierRank(*b.programme, c.before_tier);
    const std::size_t after = TierRank(*r.programme, c.after_tier);
    if (c.before_tier == c.after_tier) {
      xlsx.Text("grade");
    } else if (after < before) {
      xlsx.Text("up", CellStyle::kMet);
    } else {
      xlsx.Text("down", CellStyle::kNotMet);
    }
    xlsx.Text(fmt::format("{}", fmt::join(c.reasons, "\n")), CellStyle::kWrapped);
  }

  xlsx.AddSheet("Transitions",
                {{"Before (baseline rules)", 24}, {"After (new rules)", 24}, {"Learners", 10}});
  for (std::size_t i = 0; i < b.before.size(); ++i) {
    for (std::size_t j = 0; j < b.after.size(); ++j) {
      xlsx.NextRow();
      xlsx.Text(internal::TierLabelText(*b.programme, b.before[i]));
      xlsx.Text(internal::TierLabelText(*r.programme, b.after[j]));
      xlsx.Number(static_cast<double>(b.transitions[i][j]));
    }
  }
}

void ExceptionsSheet(XlsxWriter& xlsx, const Report& r) {
  xlsx.AddSheet("Exceptions", {{"Learner", 24},
                               {"Outcome", 24},
                               {"Without exceptions", 24},
                               {"Relies on them", 10},
                               {"Exception", 90}});
  for (const ExceptionLearner& e : r.cohort.excepted) {
    for (const ExceptionResult& x : e.exceptions) {
      xlsx.NextRow();
      xlsx.Text(e.learner);
      xlsx.Text(internal::OutcomeInWords(*r.programme, e.tier, e.grade));
      xlsx.Text(internal::OutcomeInWords(*r.programme, e.tier_without, e.grade_without));
      xlsx.Text(e.relies ? "yes" : "no");
      xlsx.Text(internal::ExceptionLine(r, x), CellStyle::kWrapped);
    }
  }
}

}  // namespace

Workbook ReportWorkbook(const Report& r) {
  XlsxWriter xlsx(r.evaluate_options.as_of);
  if (r.options.learner_rows) {
    std::string group_by = r.options.grouped() ? std::string(r.options.group_by_name()) : "";
    internal::WriteOutcomesSheet(xlsx, {r.programme, &r.evaluate_options, group_by},
                                 r.learner_rows);
  }
  TiersSheet(xlsx, r);
  ComponentsSheet(xlsx, r);
  StillNeededSheet(xlsx, r);
  if (r.baseline) BaselineSheets(xlsx, r);
  if (internal::WithExceptions(r)) ExceptionsSheet(xlsx, r);
  internal::BeginAboutSheet(xlsx, *r.programme, r.evaluate_options, internal::OptionsSentence(r));
  if (r.baseline) {
    internal::AboutRow(xlsx, "Compared with (baseline)",
                       internal::ProgrammeHeading(*r.baseline->programme));
    internal::AboutRow(xlsx, "Learners whose outcome changes",
                       static_cast<double>(r.baseline->changes.size()));
  }
  internal::EndAboutSheet(xlsx, r.accounting,
                          r.evaluate_options.refused_inputs != nullptr
                              ? *r.evaluate_options.refused_inputs
                              : std::vector<std::string>{});
  return xlsx.Finish();
}

}  // namespace accredit
