// How an activity that is complete or not (rule language 1.1's `completion` types) is named
// where other activities are named by their hours.
#pragma once

#include <string>

#include "accredit/records.h"
#include "accredit/rules.h"

namespace accredit::internal {

// The title of `a`'s type ("industry placement", else its id); "" when it has none.
inline std::string TypeTitle(const RuleSet& rules, const Achievement& a) {
  if (a.type == kNone) return "";
  const QualType& type = rules.types[static_cast<std::size_t>(a.type)];
  return type.title.empty() ? type.id : type.title;
}

// The type's title ("work placement") of an activity of a `completion` type recorded without
// hours; "" for any other achievement, which is named as before ("12 hours of leadership &
// service"): "0 hours" would say it was not done.
inline std::string CompletionName(const RuleSet& rules, const Learner& learner,
                                  const Achievement& a) {
  if (a.kind != Kind::kActivity || a.type == kNone) return "";
  if (!rules.types[static_cast<std::size_t>(a.type)].completion) return "";
  return learner.Text(a, Field::kHours).empty() ? TypeTitle(rules, a) : "";
}

}  // namespace accredit::internal
