// How an activity that is complete or not (rule language 1.1's `completion` types) is named
// where other activities are named by their hours.
#pragma once

#include <string>

#include "accredit/records.h"
#include "accredit/rules.h"

namespace accredit::internal {

// The type's title ("work placement", else its id) of an activity of a `completion` type
// recorded without hours; "" for any other achievement, which is named as before ("12 hours
// of leadership & service"): "0 hours" would say it was not done.
inline std::string CompletionName(const RuleSet& rules, const Learner& learner,
                                  const Achievement& a) {
  if (a.kind != Kind::kActivity || a.type == kNone) return "";
  const QualType& type = rules.types[static_cast<std::size_t>(a.type)];
  if (!type.completion || !learner.Text(a, Field::kHours).empty()) return "";
  return type.title.empty() ? type.id : type.title;
}

}  // namespace accredit::internal
