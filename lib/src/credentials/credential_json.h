// What the credentials stage reads from a JSON object (simdjson's DOM): a credential, a JOSE
// header, a key or a DID document. Each returns an empty value for a member that is missing
// or of another kind, so that a caller tells "absent" and "wrong" apart only where it must.
#pragma once

#include <simdjson.h>

#include <string_view>

namespace accredit::internal {

// The string at `key`, or "" when it is missing or not a string.
std::string_view StringAt(simdjson::dom::object object, std::string_view key);
// Whether `object` has a member `key`, of any kind.
bool Has(simdjson::dom::object object, std::string_view key);
// Whether the array at `key` holds the string `value`.
bool ListHas(simdjson::dom::object object, std::string_view key, std::string_view value);
// A credential's issuer id: `issuer` when it is a string, else `issuer.id`; "" when neither.
std::string_view IssuerId(simdjson::dom::object credential);
// A credential's `credentialSubject.id`, or "".
std::string_view SubjectId(simdjson::dom::object credential);

}  // namespace accredit::internal
