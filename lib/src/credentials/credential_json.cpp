#include "credentials/credential_json.h"

namespace accredit::internal {

std::string_view StringAt(simdjson::dom::object object, std::string_view key) {
  std::string_view value;
  if (object[key].get_string().get(value) != simdjson::SUCCESS) return {};
  return value;
}

bool Has(simdjson::dom::object object, std::string_view key) {
  return object[key].error() == simdjson::SUCCESS;
}

bool ListHas(simdjson::dom::object object, std::string_view key, std::string_view value) {
  simdjson::dom::array list;
  if (object[key].get_array().get(list) != simdjson::SUCCESS) return false;
  for (simdjson::dom::element element : list) {
    std::string_view text;
    if (element.get_string().get(text) == simdjson::SUCCESS && text == value) return true;
  }
  return false;
}

std::string_view IssuerId(simdjson::dom::object credential) {
  if (std::string_view id = StringAt(credential, "issuer"); !id.empty()) return id;
  simdjson::dom::object issuer;
  if (credential["issuer"].get_object().get(issuer) != simdjson::SUCCESS) return {};
  return StringAt(issuer, "id");
}

std::string_view SubjectId(simdjson::dom::object credential) {
  simdjson::dom::object subject;
  if (credential["credentialSubject"].get_object().get(subject) != simdjson::SUCCESS) return {};
  return StringAt(subject, "id");
}

}  // namespace accredit::internal
