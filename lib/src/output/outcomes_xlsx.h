// The sheets both workbooks have (workbook.h): the Outcomes sheet, a row per learner, and the
// pieces of the About this data sheet. report_xlsx.cpp adds the cohort's sheets around them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "accredit/evaluator.h"
#include "accredit/records.h"
#include "accredit/report.h"
#include "accredit/rules.h"
#include "output/xlsx_writer.h"

namespace accredit::internal {

// What the Outcomes sheet shows besides the rows.
struct OutcomesSheet {
  const Programme* programme = nullptr;
  const EvaluateOptions* options = nullptr;
  std::string group_by;  // the --group-by field or attribute; "" when not grouped
};

// Writes the Outcomes sheet: a row per learner, in the order given.
void WriteOutcomesSheet(XlsxWriter& xlsx, const OutcomesSheet& sheet,
                        const std::vector<OutcomeRow>& rows);

// Starts the About this data sheet (columns Item, Value) and writes its first rows: the
// programme, the date judged as of, the options in words (`options`, "" for none).
void BeginAboutSheet(XlsxWriter& xlsx, const Programme& programme, const EvaluateOptions& options,
                     std::string_view options_sentence);
// One row of it: a label and a number or a text.
void AboutRow(XlsxWriter& xlsx, std::string_view label, double value);
void AboutRow(XlsxWriter& xlsx, std::string_view label, std::string_view value);
// The row accounting in plain words and numbers, the refused inputs, and what the colours of
// the status cells mean.
void EndAboutSheet(XlsxWriter& xlsx, const Accounting& accounting,
                   const std::vector<std::string>& refused_inputs);

}  // namespace accredit::internal
