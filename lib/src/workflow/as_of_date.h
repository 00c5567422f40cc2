// The date of --as-of, as a person in an English school writes it: ISO 2026-08-25, or day
// first, 25/08/2026, 25 Aug 2026 or 25 August 2026 (read as a column mapping reads the dates
// of an export: ConvertDate in accredit/column_map.h). A date that fits only month first,
// 08/25/2026, is refused with a message saying the day comes first, never read either way.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "accredit/values.h"

namespace accredit::internal {

// The date `text` names, or nullopt with `why` set to what to tell the user: a line, then
// a "note:" line with the forms accepted, naming the option it was given with.
std::optional<Date> ParseAsOfDate(std::string_view text, std::string& why,
                                  std::string_view option = "--as-of");

}  // namespace accredit::internal
