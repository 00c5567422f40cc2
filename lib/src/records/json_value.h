// simdjson-facing helpers of the JSON reader: checking a whole value, naming JSON types and
// errors in our words, and a number's text. Only the JSON reader includes this header.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace accredit::internal {

// Our message for a simdjson error: lower case, no trailing period.
std::string DescribeError(simdjson::error_code error);

// True when `token` is a number as JSON writes it (RFC 8259), whatever its magnitude.
bool IsJsonNumber(std::string_view token);

// The JSON text of a number value, without trailing white space.
std::string_view NumberToken(simdjson::ondemand::value& value);

// The text of the JSON string that `rest` starts just inside of (after its opening quote), when
// it holds no escape, as most keys and values do: a view of the input itself, with nothing
// unescaped into the parser's buffer. nullopt when it holds an escape (or `rest` holds no
// closing quote), for the caller to unescape it.
inline std::optional<std::string_view> PlainString(std::string_view rest) {
  for (std::size_t i = 0; i < rest.size(); ++i) {
    if (rest[i] == '"') return rest.substr(0, i);
    if (rest[i] == '\\') return std::nullopt;
  }
  return std::nullopt;
}

// Walks a whole value so that simdjson checks every part of it, even what the reader skips;
// returns the first error.
simdjson::error_code Validate(simdjson::ondemand::value value);

// Validate(), but also DEPTH_ERROR when arrays and objects nest deeper than `max_depth` (the
// value itself counting as depth 1 when it is one).
simdjson::error_code Validate(simdjson::ondemand::value value, std::uint32_t max_depth);

// "an array", "a number", ... for messages.
std::string_view DescribeType(simdjson::ondemand::json_type type);

}  // namespace accredit::internal
