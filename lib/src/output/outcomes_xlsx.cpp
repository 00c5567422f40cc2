#include "output/outcomes_xlsx.h"

#include <fmt/format.h>

#include <algorithm>

#include "accredit/outcome_format.h"
#include "accredit/rules_describe.h"
#include "accredit/workbook.h"
#include "output/report_internal.h"

namespace accredit {
namespace internal {

namespace {

// An attribute id as a column heading: "pupil-premium" -> "Pupil premium", "send" -> "SEND".
std::string Heading(std::string_view id) {
  static constexpr std::string_view kAcronyms[] = {"send", "eal", "upn", "uln", "fsm", "sen"};
  std::string out(id);
  if (std::find(std::begin(kAcronyms), std::end(kAcronyms), id) != std::end(kAcronyms)) {
    for (char& c : out) c = static_cast<char>(c - 'a' + 'A');
    return out;
  }
  std::replace(out.begin(), out.end(), '-', ' ');
  if (!out.empty() && out.front() >= 'a' && out.front() <= 'z') {
    out.front() = static_cast<char>(out.front() - 'a' + 'A');
  }
  return out;
}

// A whole number written without a leading zero ("12", not "012" or "12.0"): shown as a number
// so that it sorts and filters as one. Anything else (an id with leading zeros, "Y") is text.
bool WholeNumber(std::string_view text) {
  if (text.empty() || text.size() > 15 || (text.size() > 1 && text.front() == '0')) return false;
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string_view StatusWords(const OutcomeRow& row) {
  if (row.status == "not-met") return "not met";
  return row.status;
}

CellStyle StatusStyle(const OutcomeRow& row) {
  if (row.status == "met") return CellStyle::kMet;
  if (row.status == "not-met") {
    return row.components_short == 1 ? CellStyle::kClose : CellStyle::kNotMet;
  }
  return CellStyle::kText;  // provisional: not judged, so no status colour
}

}  // namespace

void WriteOutcomesSheet(XlsxWriter& xlsx, const OutcomesSheet& sheet,
                        const std::vector<OutcomeRow>& rows) {
  // Attribute columns: every attribute any learner has, in order of first appearance; a
  // --group-by attribute is one of them, so it needs no Group column of its own.
  std::vector<std::string> attributes;
  bool names = false;
  bool graded = false;
  for (const OutcomeRow& row : rows) {
    names = names || !row.name.empty();
    graded = graded || !row.grade.empty();
    for (const auto& [key, value] : row.attributes) {
      if (std::find(attributes.begin(), attributes.end(), key) == attributes.end()) {
        attributes.push_back(key);
      }
    }
  }
  const bool group_column =
      !sheet.group_by.empty() &&
      std::find(attributes.begin(), attributes.end(), sheet.group_by) == attributes.end();
  const bool predicted = sheet.options->predicted;
  const bool exceptions = sheet.options->exceptions != nullptr;

  std::vector<XlsxColumn> columns = {{"Learner", 24}};
  if (names) columns.push_back({"Name", 32});
  for (const std::string& a : attributes) columns.push_back({Heading(a), 24});
  if (group_column) columns.push_back({Heading(sheet.group_by), 24});
  columns.push_back({"Status", 14});
  columns.push_back({"Tier", 24});
  if (graded) columns.push_back({"Grade", 16});
  // Rule language 1.1's named values, a column each, headed by their titles.
  const std::vector<NamedValue>& values = sheet.programme->values;
  for (const NamedValue& value : values) columns.push_back({ValueTitle(value), 16});
  if (predicted) columns.push_back({"Relies on a predicted grade", 12});
  if (exceptions) columns.push_back({"Relies on an exception", 12});
  columns.push_back({"Short of", 24});
  columns.push_back({"Components short", 12});
  columns.push_back({"Still needed", 90});
  columns.push_back({"Provisional because", 50});
  xlsx.AddSheet("Outcomes", std::move(columns));

  for (const OutcomeRow& row : rows) {
    xlsx.NextRow();
    xlsx.Text(row.learner);
    if (names) xlsx.Text(row.name);
    for (const std::string& a : attributes) {
      auto it = std::find_if(row.attributes.begin(), row.attributes.end(),
                             [&](const auto& kv) { return kv.first == a; });
      if (it == row.attributes.end()) {
        xlsx.Blank();
      } else if (WholeNumber(it->second)) {
        xlsx.Number(static_cast<double>(std::stoll(it->second)));
      } else {
        xlsx.Text(it->second);
      }
    }
    if (group_column) xlsx.Text(row.group);
    xlsx.Text(StatusWords(row), StatusStyle(row));
    xlsx.Text(row.tier);
    if (graded) xlsx.Text(row.grade);
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i < row.values.size()) {
        xlsx.Number(row.values[i]);
      } else {
        xlsx.Blank();
      }
    }
    if (predicted) xlsx.Text(row.predicted ? "yes" : "");
    if (exceptions) xlsx.Text(row.exception ? "yes" : "");
    xlsx.Text(row.next_tier, row.components_short == 1 ? CellStyle::kClose : CellStyle::kText);
    if (row.next_tier.empty()) {
      xlsx.Blank();
    } else {
      xlsx.Number(static_cast<double>(row.components_short));
    }
    xlsx.Text(fmt::format("{}", fmt::join(row.still_needed, "\n")), CellStyle::kWrapped);
    xlsx.Text(row.provisional, CellStyle::kWrapped);
  }
}

void BeginAboutSheet(XlsxWriter& xlsx, const Programme& programme, const EvaluateOptions& options,
                     std::string_view options_sentence) {
  xlsx.AddSheet("About this data", {{"Item", 40}, {"Value", 100}});
  AboutRow(xlsx, "Programme", ProgrammeHeading(programme));
  if (options.as_of) {
    xlsx.NextRow();
    xlsx.Text("Judged as of (later work does not count)");
    xlsx.Day(*options.as_of);
  }
  if (!options_sentence.empty()) AboutRow(xlsx, "Options", options_sentence);
}

void AboutRow(XlsxWriter& xlsx, std::string_view label, double value) {
  xlsx.NextRow();
  xlsx.Text(label);
  xlsx.Number(value);
}

void AboutRow(XlsxWriter& xlsx, std::string_view label, std::string_view value) {
  xlsx.NextRow();
  xlsx.Text(label);
  xlsx.Text(value, CellStyle::kWrapped);
}

void EndAboutSheet(XlsxWriter& xlsx, const Accounting& a,
                   const std::vector<std::string>& refused_inputs) {
  AboutRow(xlsx, "Learners", static_cast<double>(a.learners));
  AboutRow(xlsx, "Rows read", static_cast<double>(a.rows_read));
  AboutRow(xlsx, "Rows used", static_cast<double>(a.rows_used));
  AboutRow(xlsx, "Rows rejected", static_cast<double>(a.rows_rejected));
  AboutRow(xlsx, "Every row is accounted for",
           fmt::format("{} rows were read: {} were used and {} could not be read. A learner "
                       "with a row that could not be read is provisional: their outcome is not "
                       "final until the row is fixed (accredit lists each one, and --fix-list "
                       "writes them to a file).",
                       a.rows_read, a.rows_used, a.rows_rejected));
  if (!refused_inputs.empty()) {
    AboutRow(xlsx, "Inputs not read", RefusedInputsSummary(refused_inputs));
  }
  const struct {
    std::string_view status;
    CellStyle style;
    std::string_view meaning;
  } kLegend[] = {
      {"met", CellStyle::kMet, "the learner achieved a tier (Tier says which)"},
      {"close", CellStyle::kClose,
       "not met, or short of a higher tier, by one component: Still needed says what"},
      {"not met", CellStyle::kNotMet, "no tier achieved, and more than one component short"},
      {"provisional", CellStyle::kText,
       "some of the learner's records could not be read, so the outcome is not final"},
  };
  for (const auto& legend : kLegend) {
    xlsx.NextRow();
    xlsx.Text(fmt::format("Colour: {}", legend.status), legend.style);
    xlsx.Text(legend.meaning, CellStyle::kWrapped);
  }
}

}  // namespace internal

Workbook OutcomesWorkbook(const OutcomeRun& run, const std::vector<OutcomeRow>& rows,
                          const ValidateSummary& summary, const Accounting& accounting,
                          const std::vector<std::string>& refused_inputs) {
  internal::XlsxWriter xlsx(run.options.as_of);
  internal::WriteOutcomesSheet(xlsx, {run.programme, &run.options, ""}, rows);
  std::vector<std::string> options;
  if (run.options.predicted) options.push_back("predicted grades count");
  if (run.options.exceptions != nullptr) options.push_back("with assessor exceptions");
  internal::BeginAboutSheet(xlsx, *run.programme, run.options,
                            fmt::format("{}", fmt::join(options, "; ")));
  for (std::size_t t = 0; t < run.programme->tiers.size(); ++t) {
    internal::AboutRow(
        xlsx, fmt::format("Learners achieving {}", internal::TitleOf(run.programme->tiers[t])),
        static_cast<double>(t < summary.per_tier.size() ? summary.per_tier[t] : 0));
  }
  internal::AboutRow(xlsx, "Learners achieving no tier", static_cast<double>(summary.none));
  internal::AboutRow(xlsx, "Learners provisional (records not read)",
                     static_cast<double>(summary.errors));
  if (run.options.predicted) {
    internal::AboutRow(xlsx, "Tiers relying on a predicted grade",
                       static_cast<double>(summary.predicted));
  }
  if (run.options.exceptions != nullptr) {
    internal::AboutRow(xlsx, "Outcomes relying on an assessor exception",
                       static_cast<double>(summary.exceptions));
  }
  internal::EndAboutSheet(xlsx, accounting, refused_inputs);
  return xlsx.Finish();
}

}  // namespace accredit
