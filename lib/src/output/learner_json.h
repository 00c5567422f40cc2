// One learner's outcome as the JSON object of validate's json and jsonl formats (the object is
// documented in accredit-validate(1) and outcome_format.h).
//
// A million learners write a million of these, each with a member for every component of
// every tier, so the object is written straight onto the end of the batch's text, and the
// parts the programme fixes (the keys, each tier's and component's id and role) are quoted
// once, when the programme is known, rather than for every learner.
#pragma once

#include <iterator>
#include <string>
#include <vector>

#include "accredit/outcome_format.h"

namespace accredit::internal {

class LearnerJson {
 public:
  explicit LearnerJson(const Programme& programme);

  // Appends the learner's object to `out` (no newline).
  void Append(std::string& out, const OutcomeRun& run, const Learner& learner,
              const Outcome& outcome) const;

 private:
  // `{"tier":"ID","met":` for each tier of the programme, and `{"id":"ID","role":"ROLE",` for
  // each of its components.
  struct TierText {
    const Tier* tier = nullptr;
    std::string open;
    std::vector<std::string> components;
  };
  std::vector<TierText> tiers_;
  // `"status":"STATUS","progress":` for each ComponentStatus.
  std::string status_[std::size(kComponentStatusNames)];
};

}  // namespace accredit::internal
