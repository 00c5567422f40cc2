// Match memo: which of a plan's filters an achievement matches, remembered across learners.
//
// As far as a programme's filters can tell, a cohort holds few distinct achievements: every
// GCSE in mathematics at grade 5 matches the same filters, whoever holds it. The memo keys an
// achievement by the values of the fields the plan's filters read (Plan::filter_fields) and
// keeps, per key, one byte per aggregate filter (Plan::aggregates), so a learner's filter
// matches cost a hash lookup per achievement instead of every filter against every
// achievement. Each thread has its own (LearnerView); it holds a few plans at once (a rule
// change dry run evaluates every learner under two) and forgets everything past a bound, so
// free-text values that filters read (titles, say) cannot make it grow without end.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "accredit/records.h"
#include "base/text_hash.h"
#include "engine/plan.h"

namespace accredit::internal {

class MatchMemo {
 public:
  // One byte per entry of plan.aggregates: 1 when `a` (of `learner`) matches its `where`.
  // Valid until the next call.
  const std::uint8_t* Find(const Plan& plan, const Learner& learner, const Achievement& a);

 private:
  struct KeyHash {
    std::size_t operator()(const std::string& key) const {
      return static_cast<std::size_t>(HashText(key));  // all of it, or its low half on wasm32
    }
  };
  struct Table {
    std::uint64_t serial = 0;                                     // Plan::serial
    std::unordered_map<std::string, std::size_t, KeyHash> index;  // key -> offset into rows
    std::vector<std::uint8_t> rows;
  };
  Table& TableFor(const Plan& plan);

  std::vector<Table> tables_;  // most recently used last
  std::string key_;
};

}  // namespace accredit::internal
