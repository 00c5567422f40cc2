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

}  // namespace accredit
