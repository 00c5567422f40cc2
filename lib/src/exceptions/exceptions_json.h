// The JSON members that say how a learner's assessor exceptions were applied, written the same
// way by validate (outcome_format.cpp), explain and report.
#pragma once

#include "accredit/evaluator.h"
#include "accredit/json_writer.h"
#include "accredit/records.h"
#include "accredit/source.h"

namespace accredit::internal {

// "file", "line" and "pointer" members for `at` (those known); `sources` may be null.
void WriteLocationJson(JsonWriter& json, const SourceSet* sources, const Location& at);

// For a learner with exceptions (outcome.exceptions not empty): "relies_on_exception",
// "without_exceptions" {tier, grade} and "exceptions", a list of {node, component, action,
// effect, achievement ({index, file, line} or null), reason, approved_by, date, source
// ({file, line} of the entry)}. With `no_names`, reason and approved_by are null.
void WriteExceptionsJson(JsonWriter& json, const Programme& programme, const SourceSet* sources,
                         const Learner& learner, const Outcome& outcome, bool no_names = false);

}  // namespace accredit::internal
