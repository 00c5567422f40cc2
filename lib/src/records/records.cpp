// Learner records: the text store behind Achievement::text, and the learner's attributes.
#include "accredit/records.h"

#include <fmt/format.h>

#include "accredit/rules.h"

namespace accredit {

// One string per learner instead of one per field keeps a large input's allocations to a few
// per learner; the offsets stay valid as the string grows.
TextRef Learner::Store(std::string_view value) {
  TextRef ref{static_cast<std::uint32_t>(text.size()), static_cast<std::uint32_t>(value.size())};
  text.append(value);
  return ref;
}

std::string_view Learner::Attribute(std::string_view name) const {
  for (const auto& [key, value] : attributes) {
    if (key == name) return value;
  }
  return {};
}

std::string Learner::Name() const {
  if (std::string_view name = Attribute("name"); !name.empty()) return std::string(name);
  std::string_view forename = Attribute("forename");
  std::string_view surname = Attribute("surname");
  if (forename.empty() || surname.empty())
    return std::string(forename.empty() ? surname : forename);
  return fmt::format("{} {}", forename, surname);
}

void Learner::SetAttribute(std::string_view name, std::string_view value) {
  if (value.empty() || !Attribute(name).empty()) return;
  for (auto& [key, existing] : attributes) {
    if (key == name) {
      existing = std::string(value);
      return;
    }
  }
  attributes.emplace_back(std::string(name), std::string(value));
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
