// Rendering validate outcomes: one result per learner in the formats scripts and people use.
//
//   text   a readable table, one line per learner, then a summary and the row accounting
//   json   one document: format_version, programme, options, accounting, summary, learners
//   jsonl  one JSON object per learner per line (streamable; the same object as in json)
//   csv    one row per learner: learner, status, tier, grade, predicted, then one column per
//          component of the programme's highest tier (its status); with exceptions
//          (EvaluateOptions::exceptions), then relies_on_exception and exceptions (the ones
//          applied); last, provisional_reason (ProvisionalReason(), empty when not provisional)
//   junit  one test case per learner (a failure when no tier is met, an error for a learner
//          with data errors), for CI systems
//
// OutcomeWriter renders each piece separately (Begin, Learner, End) so that learners can be
// rendered on several threads and joined in input order (with Separator() between them), and
// written as a large input is read (validate streams a sorted input): the output is byte-identical
// whatever the number of threads. The JSON formats carry "format_version": 1 and are
// documented in accredit-validate(1). A learner with assessor exceptions gains
// relies_on_exception, without_exceptions and exceptions members (in every format, an outcome
// that relies on an exception says so); those members are absent for other learners. Each
// component's `allocated` achievements are written only when OutcomeRun::options.allocations
// is set (validate --detail); a programme with named values (rule language 1.1) gives each
// learner a `values` object and each CSV row a column per value.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accredit/evaluator.h"
#include "accredit/json_writer.h"
#include "accredit/records.h"
#include "accredit/rules.h"
#include "accredit/source.h"

namespace accredit {

namespace internal {
class LearnerJson;
}  // namespace internal

enum class OutcomeFormat { kText, kJson, kJsonl, kCsv, kJunit, kXlsx };
inline constexpr EnumName<OutcomeFormat> kOutcomeFormatNames[] = {
    {OutcomeFormat::kText, "text", "Text"},
    {OutcomeFormat::kJson, "json", "JSON"},
    {OutcomeFormat::kJsonl, "jsonl", "JSON Lines"},
    {OutcomeFormat::kCsv, "csv", "CSV"},
    {OutcomeFormat::kJunit, "junit", "JUnit XML"},
    {OutcomeFormat::kXlsx, "xlsx", "Excel workbook"},
};
static_assert(InDeclarationOrder(kOutcomeFormatNames));
// "text", "json", "jsonl", "csv", "junit", "xlsx"; nullopt otherwise.
inline std::optional<OutcomeFormat> OutcomeFormatByName(std::string_view name) {
  return ValueOf(kOutcomeFormatNames, name);
}

// A learner's overall status: met (some tier achieved), not-met, or provisional: some of the
// learner's rows could not be read, so the outcome (tier and grade, from the rows that could)
// is not final and never a clean pass.
std::string_view LearnerStatus(const Outcome& outcome);

// Why a provisional outcome (Outcome::data_error) is provisional, in plain words: "1 row could
// not be read", "input bad.csv could not be read", "2 rows and input bad.csv could not be read"
// (the inputs from EvaluateOptions::refused_inputs); "" for an outcome that is not provisional.
std::string ProvisionalReason(const Learner& learner, const Outcome& outcome,
                              const EvaluateOptions& options);

// What the summary of a run says of its refused inputs (CohortTotals::refused_inputs), in plain
// words: "input bad.csv could not be read, so every outcome is provisional" (`unreadable`, no
// learner read at all: "..., so no learner was checked"); "" for none.
std::string RefusedInputsSummary(const std::vector<std::string>& refused_inputs,
                                 bool unreadable = false);

// The "accounting" object every JSON output carries: rows_read, rows_used, rows_rejected,
// learners.
void WriteAccountingJson(JsonWriter& json, const Accounting& accounting);

struct ValidateSummary {
  std::vector<std::size_t> per_tier;  // learners achieving each tier, in programme order
  std::size_t none = 0;               // learners achieving no tier (without data errors)
  std::size_t errors = 0;             // learners with data errors
  std::size_t predicted = 0;          // learners whose tier relies on a predicted grade
  std::size_t exceptions = 0;         // learners whose tier or grade relies on an exception
  std::size_t learners = 0;
  void Add(const Outcome& outcome);
};

struct OutcomeRun {
  const RuleSet* rules = nullptr;
  const Programme* programme = nullptr;
  const SourceSet* sources = nullptr;
  EvaluateOptions options;
};

class OutcomeWriter {
 public:
  OutcomeWriter(OutcomeFormat format, const OutcomeRun& run);

  // The start of the output. Only JUnit's uses `summary` (its suite element carries the
  // counts), so only JUnit needs every learner evaluated before anything is written.
  std::string Begin(const ValidateSummary& summary, const Accounting& accounting) const;
  // The output for one learner; const and safe to call from several threads at once.
  std::string Learner(const accredit::Learner& learner, const Outcome& outcome) const;
  // Learner(), appended to `out` (for json, jsonl and csv, written there directly: a batch of
  // learners' text is one string).
  void AppendLearner(std::string& out, const accredit::Learner& learner,
                     const Outcome& outcome) const;
  // What goes between two learners' outputs ("," in json, else nothing).
  std::string_view Separator() const;
  std::string End(const ValidateSummary& summary, const Accounting& accounting) const;

 private:
  OutcomeFormat format_;
  OutcomeRun run_;
  // The text table's award and grade columns, as wide as the programme's tier titles and
  // grades in words.
  std::size_t award_width_ = 14;
  std::size_t grade_width_ = 12;
  // json and jsonl: the learner's object, with what the programme fixes quoted once.
  std::shared_ptr<const internal::LearnerJson> json_;
};

}  // namespace accredit
