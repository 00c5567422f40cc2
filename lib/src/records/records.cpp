// Learner records: the text store behind Achievement::text.
#include "accredit/records.h"

#include "accredit/rules.h"

namespace accredit {

// One string per learner instead of one per field keeps a large input's allocations to a few
// per learner; the offsets stay valid as the string grows.
TextRef Learner::Store(std::string_view value) {
  TextRef ref{static_cast<std::uint32_t>(text.size()), static_cast<std::uint32_t>(value.size())};
  text.append(value);
  return ref;
}

std::string_view SubjectName(const RuleSet& rules, const Learner& learner,
                             const Achievement& achievement) {
  if (achievement.subject >= 0 &&
      static_cast<std::size_t>(achievement.subject) < rules.subjects.size()) {
    const Subject& subject = rules.subjects[static_cast<std::size_t>(achievement.subject)];
    return subject.title.empty() ? subject.id : subject.title;
  }
  return learner.Text(achievement, Field::kSubject);
}

}  // namespace accredit
