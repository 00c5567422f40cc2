// Cohort reports: the picture of a whole cohort that an assessor or a head of sixth form
// wants, built from outcomes already evaluated (the last stage of the pipeline, beside the
// per-learner formats of outcome_format.h).
//
//   BuildReport()      aggregates: learners per tier and award grade, the pass rate of every
//                      component, the most common still-needed requirements, the learners one
//                      component short of the next tier up, learners with data errors, learners
//                      with assessor exceptions (those whose outcome relies on one are also
//                      counted apart, like predicted grades), the row accounting; optionally the
//                      same per group (--group-by).
//   CompareOutcomes()  a rule change dry run: the same learners under old (baseline) and new
//                      rules, a transition table (tier before -> tier after) and every learner
//                      whose outcome changes, with the reason.
//   RenderReport()     text, markdown, csv, json, html (one self-contained file with inline
//                      SVG charts, each followed by a table of the same numbers) or xlsx (an
//                      Excel workbook, a sheet per view: workbook.h).
//
// Everything here is a pure function of its inputs: output is deterministic and byte-identical
// run to run. Learner-supplied strings are escaped for each format (CSV quoting, JSON
// escaping, HTML entities); Markdown and text show them as they are, except that Markdown
// escapes the characters that would break a table or start markup.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "accredit/evaluator.h"
#include "accredit/explain.h"
#include "accredit/records.h"
#include "accredit/rules.h"
#include "accredit/source.h"

namespace accredit {

enum class ReportFormat { kText, kMarkdown, kCsv, kJson, kHtml, kXlsx };
inline constexpr EnumName<ReportFormat> kReportFormatNames[] = {
    {ReportFormat::kText, "text", "Text"}, {ReportFormat::kMarkdown, "markdown", "Markdown"},
    {ReportFormat::kCsv, "csv", "CSV"},    {ReportFormat::kJson, "json", "JSON"},
    {ReportFormat::kHtml, "html", "HTML"}, {ReportFormat::kXlsx, "xlsx", "Excel workbook"},
};
static_assert(InDeclarationOrder(kReportFormatNames));
// "text", "markdown", "csv", "json", "html", "xlsx"; nullopt otherwise.
inline std::optional<ReportFormat> ReportFormatByName(std::string_view name) {
  return ValueOf(kReportFormatNames, name);
}

// The fields whose free text may name a person, omitted by --no-names: `title` (an
// achievement's display title, e.g. "Reading mentor for Mrs Patel's class"), `provider` and
// `evidence`. Any name field a later column mapping adds belongs here too.
bool IsNameField(Field field);
// Whether a learner attribute is the learner's name (name, forename, surname).
bool IsNameAttribute(std::string_view attribute);

struct ReportOptions {
  // group_by (none): also summarise each group of learners sharing a value of this field. The
  // canonical fields belong to achievements, so a learner's value is the field's text on
  // their first row (in input order) that has it; learners without one form the group
  // "(no FIELD)". Groups are listed in order of first appearance.
  std::optional<Field> group_by;
  // group_by_attribute (""): summarise each group of learners sharing a value of this learner
  // attribute (a column mapping's `attributes:`: form, year, gender, pupil-premium, send...)
  // instead; learners without it form the group "(no ATTRIBUTE)". Not with group_by.
  std::string group_by_attribute;
  bool grouped() const { return group_by.has_value() || !group_by_attribute.empty(); }
  // The field's or the attribute's name, for headings.
  std::string_view group_by_name() const {
    return group_by ? FieldName(*group_by) : std::string_view(group_by_attribute);
  }
  // no_names (false): omit personal free text (IsNameField), and the reason and approver of
  // assessor exceptions. A --group-by on such a field is still allowed but its groups are
  // labelled "group 1", "group 2", ... instead.
  bool no_names = false;
  // top_reasons (10): how many of the most common still-needed requirements to list.
  std::size_t top_reasons = 10;
  // learner_rows (false): also keep a row per learner (Report::learner_rows), as the workbook's
  // Outcomes sheet needs; the other formats show only the cohort's figures.
  bool learner_rows = false;
  // learner_details (true): the HTML page lists every learner in a table and gives each a
  // section with their checklist (planned when the report was built with next steps). A front
  // end that lists the learners itself (the browser page) leaves both out: the page is then the
  // dashboard alone, and its links to a learner ("#learner-ID", LearnerAnchor) are for that
  // front end to follow.
  bool learner_details = true;
  // learners_listed (0: every one): the HTML page's tables of single learners (those one part
  // short of the next tier; who changes under a rule change) list at most this many, in order,
  // and say how many more there are. A front end that lists and filters the learners itself
  // (the browser page) keeps its dashboard short, and quick to draw, this way.
  std::size_t learners_listed = 0;
};

// What a report keeps of one learner's outcome: the outcome without its condition traces
// (which are large) and, for every tier evaluated and not met, the still-needed items of
// explain.h made from those traces. Made on the evaluating thread, so that a cohort's traces
// never all exist at once.
struct ReportedOutcome {
  Outcome outcome;                             // every ComponentResult::trace emptied
  std::vector<std::vector<NeededItem>> needs;  // one per outcome.tiers entry; empty when met
  // The same, as the learner's next steps (next_steps.h: StepSentence, naming what they have),
  // for the per-learner checklists; empty when made without the programme.
  std::vector<std::vector<NeededItem>> steps;
};

// Builds the ReportedOutcome of `learner` from an outcome evaluated with
// EvaluateOptions::trace. Thread-safe.
ReportedOutcome ForReport(const RuleSet& rules, const Learner& learner, Outcome traced);
// The same, with ReportedOutcome::steps planned against `programme` (judged `as_of`).
ReportedOutcome ForReport(const RuleSet& rules, const Programme& programme, const Learner& learner,
                          Outcome traced, std::optional<Date> as_of);

// One learner's outcome as a row of a table (the Outcomes sheet of a workbook, workbook.h).
// Made on the evaluating thread (safe to make on several threads at once), so that no trace
// outlives its learner.
struct OutcomeRow {
  std::string learner;
  std::string name;  // Learner::Name(); empty under no_names
  // The learner's attributes but their name (IsNameAttribute), as read.
  std::vector<std::pair<std::string, std::string>> attributes;
  std::string group;                      // the --group-by label (report), else empty
  std::string status;                     // LearnerStatus(): met, not-met, provisional
  std::string tier;                       // the tier's title, or "none"
  std::string grade;                      // the award grade, or empty
  std::vector<double> values;             // rule language 1.1: per Programme::values
  bool predicted = false;                 // the tier relies on a predicted grade
  bool exception = false;                 // the tier or grade relies on an assessor exception
  std::string provisional;                // ProvisionalReason(), empty when not provisional
  std::string next_tier;                  // the title of the tier the learner is short of, or empty
  std::size_t components_short = 0;       // unmet components of `next_tier` (1: close)
  std::vector<std::string> still_needed;  // StillNeeded() sentences for `next_tier`
};

// The row of `learner`, from its outcome reduced by ForReport(). The tier short of is the one
// just above the tier achieved (the lowest tier when none was), as in the report's "close"
// learners. `no_names` leaves the name out.
OutcomeRow MakeOutcomeRow(const Programme& programme, const Learner& learner,
                          const ReportedOutcome& reported, const EvaluateOptions& options,
                          bool no_names);
// The same from an outcome evaluated with EvaluateOptions::trace (validate's workbook).
OutcomeRow MakeOutcomeRow(const RuleSet& rules, const Programme& programme, const Learner& learner,
                          const Outcome& traced, const EvaluateOptions& options, bool no_names);

struct GradeCount {
  std::string grade;
  std::size_t learners = 0;
};

struct TierCount {
  const Tier* tier = nullptr;
  std::size_t learners = 0;
  std::vector<GradeCount> grades;  // graded tiers: one per band, highest first
};

// A component's pass rate among the learners evaluated at its tier: every learner (without
// data errors) for the highest tier; for a lower tier, those who did not achieve a tier above.
struct ComponentRate {
  const Tier* tier = nullptr;
  const Component* component = nullptr;
  std::size_t evaluated = 0;
  std::size_t met = 0;
};

// A requirement of the next tier up that learners still need: learners are counted once per
// requirement, whatever their shortfall (the still-needed sentences of explain.h, grouped by
// the requirement they are about).
struct NeededReason {
  const Tier* tier = nullptr;
  const Component* component = nullptr;
  const Requirement* requirement = nullptr;
  std::string text;  // "Advanced: Personal development: at least 15 hours of activities in ..."
  std::size_t learners = 0;
};

// A learner exactly one component short of the next tier up.
struct CloseLearner {
  std::string learner;
  std::string group;               // with group_by
  const Tier* achieved = nullptr;  // nullptr: no tier
  const Tier* next = nullptr;      // the tier one component away
  const Component* missing = nullptr;
  std::vector<std::string> still_needed;  // StillNeeded() sentences for that component
};

// A learner with assessor exceptions (exceptions.h), whether or not the outcome relies on them.
struct ExceptionLearner {
  std::string learner;
  std::string group;
  std::string tier;  // tier id achieved, or "none"
  std::string grade;
  std::string tier_without;  // what the rules alone give: tier id or "none"
  std::string grade_without;
  bool relies = false;                      // tier or grade differs without the exceptions
  std::vector<ExceptionResult> exceptions;  // as in the Outcome
};

struct DataErrorLearner {
  std::string learner;
  std::string group;
  std::uint32_t rejected_rows = 0;
};

struct CohortSummary {
  std::string group;  // the group label; empty for the whole cohort
  std::size_t learners = 0;
  std::size_t none = 0;          // no tier (without data errors)
  std::size_t errors = 0;        // learners with data errors: not judged, not counted below
  std::size_t predicted = 0;     // tiers that rely on a predicted grade
  std::size_t exceptions = 0;    // tiers or grades that rely on an assessor exception
  std::vector<TierCount> tiers;  // programme order, highest first
  std::vector<ComponentRate> components;      // each tier's components, in programme order
  std::vector<NeededReason> reasons;          // most learners first (ties: programme order)
  std::vector<CloseLearner> close;            // input order
  std::vector<DataErrorLearner> data_errors;  // input order
  std::vector<ExceptionLearner> excepted;     // learners with exceptions, input order
};

// One learner as the HTML dashboard lists them (every learner, input order): the outcome, the
// next tier up and what is still needed for it.
struct LearnerLine {
  std::string learner;             // the learner id
  std::string name;                // Learner::Name(); "" without one or with no_names
  std::string group;               // with group_by
  const Tier* tier = nullptr;      // the tier achieved; nullptr: none (or provisional)
  std::string grade;               // its award grade, if graded
  bool provisional = false;        // Outcome::data_error: judged on partial data, not counted
  std::string provisional_reason;  // ProvisionalReason(): "1 row could not be read"
  bool predicted = false;          // the tier relies on a predicted grade
  bool excepted = false;           // the tier or grade relies on an assessor exception
  const Tier* next = nullptr;      // the tier just above; nullptr at the top (or provisional)
  std::size_t next_met = 0;        // components of `next` met, of `next_components`
  std::size_t next_components = 0;
  std::vector<NeededItem> still_needed;  // for `next`: StillNeededItems()
};

// A difference between the baseline (old) and the new rules, in plain English: where it is
// ("Advanced: Personal development") and what each says (empty: the old or new rules have no
// such part). One per leaf requirement that changed when the two trees have the same shape,
// else one for the whole component (or tier, or grading).
struct RuleChange {
  std::string where;
  std::string before;
  std::string after;
};

// The rule file a programme comes from, for naming two rule sets apart: its name as given
// ("rules/foxwood.yaml", "<rules>/nbt/foxwood-sixth-form.yaml") and a version: a fingerprint
// of its text (8 hex digits of FNV-1a), so that two edits of one file are told apart.
struct RulesFile {
  std::string name;
  std::string version;
};
// The RulesFile of `programme` (Programme::source) in `sources`; empty when unknown.
RulesFile RulesFileOf(const SourceSet& sources, const Programme& programme);

// One learner whose tier or award grade differs between the baseline and the new rules.
struct LearnerChange {
  std::string learner;
  std::string group;
  std::string before_tier;  // tier id, or "none" / "error"
  std::string before_grade;
  std::string after_tier;
  std::string after_grade;
  std::vector<std::string> reasons;
};

struct BaselineComparison {
  const RuleSet* rules = nullptr;  // the baseline (old) rules
  const Programme* programme = nullptr;
  std::vector<std::string> before;  // row labels: the old tiers' ids, "none", "error"
  std::vector<std::string> after;   // column labels: the new tiers' ids, "none", "error"
  std::vector<std::vector<std::size_t>> transitions;  // [before][after] learner counts
  std::vector<LearnerChange> changes;                 // input order
  std::size_t unchanged = 0;
  std::vector<RuleChange> rule_changes;  // programme order (see RuleChange)
  RulesFile file;                        // the baseline's (set by the caller)
};

struct Report {
  const RuleSet* rules = nullptr;
  const Programme* programme = nullptr;
  EvaluateOptions evaluate_options;
  ReportOptions options;
  Accounting accounting;
  CohortSummary cohort;
  std::vector<CohortSummary> groups;  // with group_by
  std::vector<LearnerLine> learners;  // every learner, input order
  std::optional<BaselineComparison> baseline;
  std::vector<OutcomeRow> learner_rows;  // with ReportOptions::learner_rows, input order
  RulesFile file;                        // the rules' (set by the caller)
};

// Aggregates the outcomes (one per learner, same order). `rules` and `programme` must
// outlive the Report.
Report BuildReport(const RuleSet& rules, const Programme& programme,
                   const std::vector<Learner>& learners,
                   const std::vector<ReportedOutcome>& outcomes, const Accounting& accounting,
                   const EvaluateOptions& evaluate_options, const ReportOptions& options);

// The field named `name` when a report may be grouped by it: any field but `learner`.
std::optional<Field> GroupByField(std::string_view name);
// The names of those fields, in Field order (for messages and choices).
std::vector<std::string> GroupByFieldNames();
// Sets `options` to group by `name`: a field (GroupByField), else a learner attribute id (form,
// gender, pupil-premium...). Returns "" or, for a name that is neither, why (for a message).
std::string SetGroupBy(std::string_view name, ReportOptions& options);

// The learner's --group-by value (see ReportOptions::group_by); empty when no row has one.
std::string GroupValue(const Learner& learner, Field field);

// Compares the outcomes of the same learners under the baseline (old) and the new rules.
// ReportOptions::group_by labels changes as in BuildReport.
BaselineComparison CompareOutcomes(const Programme& programme, const RuleSet& baseline_rules,
                                   const Programme& baseline_programme,
                                   const std::vector<Learner>& learners,
                                   const std::vector<ReportedOutcome>& outcomes,
                                   const std::vector<ReportedOutcome>& baseline_outcomes,
                                   const ReportOptions& options);

// The differences between the baseline (old) and the new programme's rules (RuleChange), in the
// new programme's order, then what only the old one has. Tiers and components are matched by
// id. Empty when the two say the same.
std::vector<RuleChange> CompareRules(const RuleSet& old_rules, const Programme& old_programme,
                                     const RuleSet& new_rules, const Programme& new_programme);

// The report in `format`. The JSON carries "format_version": 1 (documented in accredit-report(1)).
// xlsx: the workbook's bytes (ReportWorkbook(), workbook.h), "" when it could not be made;
// ReportWorkbook() says why.
std::string RenderReport(const Report& report, ReportFormat format);

std::string ReportText(const Report& report);
std::string ReportMarkdown(const Report& report);
std::string ReportCsv(const Report& report);
std::string ReportJson(const Report& report);
std::string ReportHtml(const Report& report);

}  // namespace accredit
