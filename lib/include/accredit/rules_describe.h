// The award rules in plain English: the page a school hands to students and parents.
//
// DescribeProgramme() renders a programme's tiers, components and requirements as prose
// ("at least 3 A levels at grade E or above"), using the titles the rule files give for types,
// subjects, strands and tables. DescribeRequirement() renders one node (used by explain output
// and still-needed lines), DescribeShortfall() what a learner lacks to meet one. All are pure
// functions of the RuleSet.
#pragma once

#include <string>

#include "accredit/rules.h"

namespace accredit {

// Plain text, wrapped for an 80-column terminal; headings underlined.
std::string DescribeProgramme(const RuleSet& rules, const Programme& programme);

// One line for a leaf requirement, or a heading ("all of the following") for a group.
std::string DescribeRequirement(const RuleSet& rules, const Requirement& requirement);

// What a learner still needs to meet a leaf requirement whose value is `actual` against
// `required` (NodeTrace::actual and required): "needs 2 more GCSEs in Mathematics at grade 4
// or above", "must have no A levels at grade U: has 1". With `upper_bound`, `required` is an
// `at_most` that `actual` exceeds. Empty for a group, whose children say what they need.
std::string DescribeShortfall(const RuleSet& rules, const Requirement& requirement, double actual,
                              double required, bool upper_bound);

// A noun phrase for the achievements a filter matches: "GCSE in mathematics at grade 4 or
// above".
std::string DescribeFilter(const RuleSet& rules, const Filter& filter);

// The same after "hours of": an activity's type in the singular ("industry placement marked
// completed"), anything else as DescribeFilter() says it ("activities in leadership & service").
std::string DescribeHoursOf(const RuleSet& rules, const Filter& filter);

// "1 GCSE in Mathematics at grade 4 or above", "3 A levels at grade E or above"; with
// `after_number` " more": "1 more GCSE in ...".
std::string DescribeCountOf(const RuleSet& rules, const Filter& filter, double n,
                            std::string_view after_number = "");

// A named value's title, else its id as words ("total-points": "total points").
std::string ValueTitle(const NamedValue& value);
// The same inside a sentence: "the total points" ("Total points"), "the UCAS points".
std::string ValueInSentence(const NamedValue& value);

// What a named value (rule language 1.1) is worked out from: "the UCAS points of the best 3 A
// levels plus the Project bonus".
std::string DescribeValue(const RuleSet& rules, const Programme& programme, const ValueExpr& expr);

// For a component with `different` (rule language 1.1): "each in a subject not already used
// for Main study"; else "".
std::string DescribeDifferent(const Tier& tier, const Component& component);

// For a `sum` with `distinct` (rule language 1.1), ", counting each subject once"; with `per`,
// ", counting only strands with 30 hours or more"; else "".
std::string DistinctSumClause(const Aggregate& aggregate);

// What each value of a `per` sum must reach: "30 hours", "40 points", "a size of 2".
std::string EachAtLeast(const Aggregate& aggregate);

// For a `sum` with `groups` (rule language 1.1) of which only `groups` values reach
// each_at_least: "needs 1 more strand with 30 hours or more (has 1 of 2)"; "" when enough do.
std::string DescribeGroupShortfall(const Requirement& requirement, int groups);

}  // namespace accredit
