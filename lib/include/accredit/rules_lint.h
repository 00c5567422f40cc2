// Advice on a programme that loads cleanly: what `accredit check` says beyond errors.
//
// LintProgramme() returns warnings only. `contested-requirement`: a component that is not
// shared needs achievements that every one of which another component that is not shared
// could take as well (its filter asks for no more than the other's). An achievement counts for
// one component only, so when the first only checks that the learner has one ("has GCSE
// mathematics") the check fails whenever the other needs it: the component should be
// `shared: true`. When both do want their own achievements (three A levels here, one more
// there) the allocation search shares them out and the warning can be ignored.
#pragma once

#include "accredit/diagnostic.h"
#include "accredit/rules.h"

namespace accredit {

Diagnostics LintProgramme(const RuleSet& rules, const Programme& programme);

}  // namespace accredit
