// A small streaming JSON writer for machine-readable output formats: objects and arrays
// with correct string escaping; output is compact with one top-level value per call sequence.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace accredit {

class JsonWriter {
 public:
  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  JsonWriter& Key(std::string_view key);
  JsonWriter& String(std::string_view value);
  // `value`, or null when it is empty.
  JsonWriter& StringOrNull(std::string_view value);
  JsonWriter& Number(double value);
  JsonWriter& Int(long long value);
  JsonWriter& Bool(bool value);
  JsonWriter& Null();
  // A value already written as JSON (by another JsonWriter), as it is.
  JsonWriter& Raw(std::string_view json);

  const std::string& str() const { return out_; }

 private:
  void Separate();
  std::string out_;
  std::vector<bool> first_;  // per open container: no element written yet
  bool after_key_ = false;
};

// `value` as a JSON string literal, quotes included.
std::string JsonQuote(std::string_view value);
// JsonQuote(value), appended to `out`.
void AppendJsonString(std::string& out, std::string_view value);
// `value` as JsonWriter::Number writes it (an integer without a fraction, null when not
// finite), appended to `out`.
void AppendJsonNumber(std::string& out, double value);

}  // namespace accredit
