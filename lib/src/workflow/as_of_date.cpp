#include "workflow/as_of_date.h"

#include <fmt/format.h>

#include "accredit/column_map.h"
#include "base/text.h"

namespace accredit::internal {

namespace {

constexpr std::string_view kForms = "25/08/2026, 25 Aug 2026 or 2026-08-25";

// 2026-08-25 as the day-first forms: "25/08/2026 (or 25 Aug 2026, 2026-08-25)".
std::string DayFirstForms(Date date) {
  static constexpr std::string_view kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const CivilDate civil = ToCivil(date);
  return fmt::format("{:02}/{:02}/{:04} (or {} {} {:04}, {})", civil.day, civil.month, civil.year,
                     civil.day, kMonths[civil.month - 1], civil.year, FormatDate(date));
}

}  // namespace

std::optional<Date> ParseAsOfDate(std::string_view text, std::string& why,
                                  std::string_view option) {
  text = TrimSpace(text);
  if (std::optional<Date> iso = ParseDate(text)) return iso;
  // A column mapping reads a bare number as a spreadsheet's day number; a person typing a
  // date never means one.
  const bool number =
      !text.empty() && text.find_first_not_of("0123456789.") == std::string_view::npos;
  if (!number) {
    for (DateFormat format : {DateFormat::kDayMonthYear, DateFormat::kDayMonName}) {
      if (std::optional<std::string> converted = ConvertDate(text, format)) {
        return ParseDate(*converted);
      }
    }
    if (std::optional<std::string> american = ConvertDate(text, DateFormat::kMonthDayYear)) {
      const Date date = *ParseDate(*american);
      why = fmt::format("{} '{}' puts the month first\nnote: the day comes first: {}", option, text,
                        DayFirstForms(date));
      return std::nullopt;
    }
  }
  why = fmt::format("{} '{}' is not a date\nnote: write a date as {}", option, text, kForms);
  return std::nullopt;
}

}  // namespace accredit::internal
