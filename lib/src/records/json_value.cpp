#include "records/json_value.h"

#include <limits>

#include "base/text.h"

namespace accredit::internal {

namespace od = simdjson::ondemand;

// Our words for simdjson's errors, where we have better ones.
std::string DescribeError(simdjson::error_code error) {
  switch (error) {
    case simdjson::TAPE_ERROR:
      return "a comma, colon, key or value is missing or out of place";
    case simdjson::T_ATOM_ERROR:
    case simdjson::F_ATOM_ERROR:
    case simdjson::N_ATOM_ERROR:
    case simdjson::INCORRECT_TYPE:
      return "expected a value (a string, number, object, array, true, false or null)";
    case simdjson::NUMBER_ERROR:
      return "invalid number";
    case simdjson::STRING_ERROR:
      return "invalid escape in a string";
    case simdjson::UNESCAPED_CHARS:
      return "a control character inside a string must be escaped";
    case simdjson::INCOMPLETE_ARRAY_OR_OBJECT:
      return "an array or object is not complete";
    default: {
      std::string message = simdjson::error_message(error);
      if (!message.empty()) message[0] = LowerAscii(message.substr(0, 1))[0];
      while (!message.empty() && message.back() == '.') message.pop_back();
      return message;
    }
  }
}

// True when `token` is a number as JSON writes it: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
bool IsJsonNumber(std::string_view token) {
  std::size_t i = 0;
  auto digits = [&] {
    std::size_t start = i;
    while (i < token.size() && token[i] >= '0' && token[i] <= '9') ++i;
    return i - start;
  };
  if (i < token.size() && token[i] == '-') ++i;
  if (i < token.size() && token[i] == '0') {
    ++i;
  } else if (digits() == 0) {
    return false;
  }
  if (i < token.size() && token[i] == '.') {
    ++i;
    if (digits() == 0) return false;
  }
  if (i < token.size() && (token[i] == 'e' || token[i] == 'E')) {
    ++i;
    if (i < token.size() && (token[i] == '+' || token[i] == '-')) ++i;
    if (digits() == 0) return false;
  }
  return i == token.size();
}

std::string_view NumberToken(od::value& value) {
  std::string_view token = value.raw_json_token();
  while (!token.empty() && (token.back() == ' ' || token.back() == '\t' || token.back() == '\n' ||
                            token.back() == '\r')) {
    token.remove_suffix(1);
  }
  return token;
}

namespace {

// Validate() of a value `depth` arrays and objects deep (its own included when it is one).
simdjson::error_code ValidateAt(od::value value, std::uint32_t depth, std::uint32_t max_depth) {
  od::json_type type;
  if (auto error = value.type().get(type)) return error;
  switch (type) {
    case od::json_type::array: {
      if (depth > max_depth) return simdjson::DEPTH_ERROR;
      od::array array;
      if (auto error = value.get_array().get(array)) return error;
      for (auto item : array) {
        od::value element;
        if (auto error = item.get(element)) return error;
        if (auto error = ValidateAt(element, depth + 1, max_depth)) return error;
      }
      return simdjson::SUCCESS;
    }
    case od::json_type::object: {
      if (depth > max_depth) return simdjson::DEPTH_ERROR;
      od::object object;
      if (auto error = value.get_object().get(object)) return error;
      for (auto field : object) {
        std::string_view key;
        if (auto error = field.unescaped_key().get(key)) return error;
        od::value member;
        if (auto error = field.value().get(member)) return error;
        if (auto error = ValidateAt(member, depth + 1, max_depth)) return error;
      }
      return simdjson::SUCCESS;
    }
    case od::json_type::number:
      return IsJsonNumber(NumberToken(value)) ? simdjson::SUCCESS : simdjson::NUMBER_ERROR;
    case od::json_type::string: {
      std::string_view text;
      return value.get_string().get(text);
    }
    case od::json_type::boolean: {
      bool flag;
      return value.get_bool().get(flag);
    }
    case od::json_type::null: {
      bool null = false;
      if (auto error = value.is_null().get(null)) return error;
      return null ? simdjson::SUCCESS : simdjson::N_ATOM_ERROR;
    }
  }
  return simdjson::SUCCESS;
}

}  // namespace

// Walks a whole value so that simdjson checks every part of it, even what the reader skips.
simdjson::error_code Validate(od::value value) {
  return ValidateAt(value, 1, std::numeric_limits<std::uint32_t>::max());
}

simdjson::error_code Validate(od::value value, std::uint32_t max_depth) {
  return ValidateAt(value, 1, max_depth);
}

std::string_view DescribeType(od::json_type type) {
  switch (type) {
    case od::json_type::array:
      return "an array";
    case od::json_type::object:
      return "an object";
    case od::json_type::number:
      return "a number";
    case od::json_type::string:
      return "a string";
    case od::json_type::boolean:
      return "true or false";
    case od::json_type::null:
      return "null";
  }
  return "a value";
}

}  // namespace accredit::internal
