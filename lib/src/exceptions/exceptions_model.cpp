// The exceptions model: what actions did, selectors and one-line descriptions for people.
#include <fmt/format.h>

#include <algorithm>

#include "accredit/exceptions.h"

namespace accredit {

std::string_view ExceptionActionDone(ExceptionAction action) {
  switch (action) {
    case ExceptionAction::kWaive:
      return "waived";
    case ExceptionAction::kSubstitute:
      return "met by a substitute";
    case ExceptionAction::kAllow:
      return "allowed to count";
    case ExceptionAction::kForce:
      return "allocation forced";
  }
  return "waived";
}

bool AchievementSelector::empty() const {
  return std::all_of(fields.begin(), fields.end(), [](const std::string& f) { return f.empty(); });
}

std::string DescribeSelector(const AchievementSelector& selector) {
  std::vector<std::string> parts;
  for (std::size_t f = 0; f < kFieldCount; ++f) {
    if (selector.fields[f].empty()) continue;
    parts.push_back(fmt::format("{} '{}'", FieldName(static_cast<Field>(f)), selector.fields[f]));
  }
  return fmt::format("{}", fmt::join(parts, ", "));
}

std::string DescribeException(const Exception& exception, bool no_names) {
  std::string out = fmt::format("'{}' {}", exception.node, ExceptionActionDone(exception.action));
  if (!exception.achievement.empty()) {
    AchievementSelector shown = exception.achievement;
    if (no_names) {
      // The free-text fields --no-names omits everywhere (report.h, IsNameField).
      for (Field f : {Field::kTitle, Field::kProvider, Field::kEvidence}) {
        shown.fields[static_cast<std::size_t>(f)].clear();
      }
    }
    if (!shown.empty()) out += fmt::format(" ({})", DescribeSelector(shown));
  }
  if (no_names) return out + fmt::format(", {}", FormatDate(exception.date));
  return out + fmt::format(": {} (approved by {}, {})", exception.reason, exception.approved_by,
                           FormatDate(exception.date));
}

}  // namespace accredit
