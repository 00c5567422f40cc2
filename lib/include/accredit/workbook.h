// Spreadsheet outputs: `report --format xlsx` and `validate --format xlsx` as an Excel
// workbook (.xlsx), the last stage of the pipeline beside the text formats of report.h and
// outcome_format.h. What a head of sixth form opens in Excel: a sheet per view, each a table
// with a bold header row that stays in view, a filter on every column, status cells coloured
// (one colour-blind-safe palette, and always the status in words too), counts as numbers,
// rates as numbers formatted as percentages, dates as dates.
//
//   Outcomes        a row per learner: learner id, name (not under --no-names), the learner's
//                   attributes (form, year, pupil premium... when the records have them), the
//                   --group-by label, status, tier, award grade, predicted / relies on an
//                   exception, why the outcome is provisional, the tier the learner is short of
//                   and what is still needed for it in plain words
//   Components      (report) each component's pass rate at its tier: met, evaluated, rate
//   Still needed    (report) each requirement of the next tier up that learners lack, with how
//                   many lack it
//   Tier changes    (report --baseline) learners per tier before and after, then every learner
//                   whose outcome changes, with the reason
//   About this data the programme, the options, the row accounting in plain words and what the
//                   colours mean
//
// Text from the records is written as text cells, never as formulas; a cell whose text begins
// with `=`, `+`, `-`, `@`, a tab or a carriage return (and is not a plain number) also gets a
// leading apostrophe, as in the CSV outputs (base/csv_cell.h), so that it stays text if a
// person edits it: "=HYPERLINK(...)" comes out as the text "'=HYPERLINK(...)".
//
// The workbook is deterministic: byte-identical run to run (its creation time is fixed to the
// --as-of date, else 2000-01-01). It is made in an anonymous temporary file (libxlsxwriter
// writes files by name), never left behind, and returned as bytes: writing them is the front
// end's (atomically, as any --output).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "accredit/evaluator.h"
#include "accredit/outcome_format.h"
#include "accredit/records.h"
#include "accredit/report.h"
#include "accredit/rules.h"

namespace accredit {

// A workbook's bytes, or why it could not be made (a temporary file could not be written; more
// learners than a sheet has rows). Exactly one of the two is empty.
struct Workbook {
  std::string bytes;
  std::string error;
};

// The cohort report as a workbook: Outcomes (report.learner_rows, see
// ReportOptions::learner_rows), Components, Still needed, Tier changes (with a baseline) and
// About this data.
Workbook ReportWorkbook(const Report& report);

// validate's workbook: Outcomes (`rows`, in input order) and About this data (the programme, the
// options, the counts of `summary`, the accounting and the refused inputs).
Workbook OutcomesWorkbook(const OutcomeRun& run, const std::vector<OutcomeRow>& rows,
                          const ValidateSummary& summary, const Accounting& accounting,
                          const std::vector<std::string>& refused_inputs);

}  // namespace accredit
