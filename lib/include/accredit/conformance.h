// Framework conformance: is a programme accreditable?
//
// A framework (e.g. the NBT's `nbt-2023`) lists accreditation criteria; a centre's programme
// names the framework it wants to be accredited against. CheckConformance() holds the
// programme against each criterion and returns one error per criterion it fails, with codes
// framework-roles, framework-strands, framework-duration, framework-title and
// framework-start, located at the programme and with a note quoting the criterion. An empty
// result means the programme conforms. A programme that names no framework conforms
// trivially.
#pragma once

#include "accredit/diagnostic.h"
#include "accredit/rules.h"

namespace accredit {

Diagnostics CheckConformance(const RuleSet& rules, const Programme& programme);

}  // namespace accredit
