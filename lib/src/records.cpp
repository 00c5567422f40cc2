// Learner records: the text store behind Achievement::text.
// rules.h declares enumerators named kNone that shadow accredit::kNone, which -Wshadow rejects;
// until that is fixed there, it is included first with the warning off.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wshadow"
#include "accredit/rules.h"
#pragma GCC diagnostic pop

#include "accredit/records.h"

namespace accredit {

// One string per learner instead of one per field keeps a large input's allocations to a few
// per learner; the offsets stay valid as the string grows.
TextRef Learner::Store(std::string_view value) {
  TextRef ref{static_cast<std::uint32_t>(text.size()), static_cast<std::uint32_t>(value.size())};
  text.append(value);
  return ref;
}

}  // namespace accredit
