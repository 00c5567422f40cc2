// Signing credentials as VC-JWT (accredit/vc_jwt.h).
#include "accredit/vc_jwt.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <array>

#include "accredit/json_writer.h"
#include "accredit/jws.h"
#include "accredit/values.h"
#include "credentials/credential_json.h"

namespace accredit {

namespace {

// The JWT claims a credential must not already carry as properties.
constexpr std::array<std::string_view, 5> kClaims = {"iss", "nbf", "exp", "jti", "sub"};

bool Digits(std::string_view text, std::size_t at, std::size_t count, int& value) {
  if (at + count > text.size()) return false;
  value = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    value = value * 10 + (text[i] - '0');
  }
  return true;
}

}  // namespace

std::optional<long long> ParseDateTime(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)
  int hour = 0;
  int minute = 0;
  int second = 0;
  if (text.size() < 20 || (text[10] != 'T' && text[10] != 't') || text[13] != ':' ||
      text[16] != ':' || !Digits(text, 11, 2, hour) || !Digits(text, 14, 2, minute) ||
      !Digits(text, 17, 2, second) || hour > 23 || minute > 59 || second > 60) {
    return std::nullopt;
  }
  const std::optional<Date> date = ParseDate(text.substr(0, 10));
  if (!date) return std::nullopt;
  std::size_t at = 19;
  if (text[at] == '.') {
    ++at;
    const std::size_t digits = at;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at;
    if (at == digits) return std::nullopt;
  }
  long long offset = 0;
  std::string_view zone = text.substr(at);
  if (zone == "Z" || zone == "z") {
    offset = 0;
  } else {
    int zone_hour = 0;
    int zone_minute = 0;
    if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || zone[3] != ':' ||
        !Digits(zone, 1, 2, zone_hour) || !Digits(zone, 4, 2, zone_minute) || zone_hour > 23 ||
        zone_minute > 59) {
      return std::nullopt;
    }
    offset = (zone_hour * 60LL + zone_minute) * 60 * (zone[0] == '+' ? 1 : -1);
  }
  return date->days * 86400LL + hour * 3600LL + minute * 60LL + second - offset;
}

std::optional<CredentialSigner> MakeSigner(const SigningKey& key, std::string_view issuer,
                                           std::string& error) {
  const std::string did_key = DidKey(key.public_key());
  if (issuer.empty() || issuer == did_key) {
    return CredentialSigner{&key, did_key, DidKeyVerificationMethod(key.public_key())};
  }
  if (IsDidWeb(issuer)) {
    return CredentialSigner{&key, std::string(issuer),
                            DidWebVerificationMethod(issuer, key.public_key())};
  }
  if (issuer.substr(0, 8) == "did:key:") {
    error = fmt::format(
        "the issuer '{}' is the did:key of another key: a did:key is its key, so give the key "
        "it was made from, or leave --issuer out to use {}",
        issuer, did_key);
  } else {
    error = fmt::format(
        "the issuer '{}' is not a did:web (did:web:school.example) or a did:key: give the DID "
        "the centre publishes its key under (see accredit keys public --did-web)",
        issuer);
  }
  return std::nullopt;
}

std::optional<std::string> SecureCredential(std::string_view credential_json,
                                            const CredentialSigner& signer, std::string& error) {
  simdjson::dom::parser parser;
  simdjson::dom::object credential;
  if (parser.parse(simdjson::padded_string(credential_json)).get_object().get(credential) !=
      simdjson::SUCCESS) {
    error = "the credential is not a JSON object";
    return std::nullopt;
  }
  for (std::string_view claim : kClaims) {
    if (internal::Has(credential, claim)) {
      error = fmt::format("the credential already has a property '{}', a JWT claim", claim);
      return std::nullopt;
    }
  }
  const std::string_view issuer_id = internal::IssuerId(credential);
  if (issuer_id != signer.issuer) {
    error = fmt::format("the credential's issuer is '{}', not the signer's '{}'", issuer_id,
                        signer.issuer);
    return std::nullopt;
  }
  const std::string_view id = internal::StringAt(credential, "id");
  const std::optional<long long> valid_from =
      ParseDateTime(internal::StringAt(credential, "validFrom"));
  if (id.empty() || !valid_from) {
    error = "the credential needs an id and a validFrom date-time to be signed";
    return std::nullopt;
  }
  std::optional<long long> valid_until;
  if (internal::Has(credential, "validUntil")) {
    valid_until = ParseDateTime(internal::StringAt(credential, "validUntil"));
    if (!valid_until) {
      error = "the credential's validUntil is not a date-time";
      return std::nullopt;
    }
  }
  const std::string_view subject_id = internal::SubjectId(credential);
  // The claims go in beside the credential's own properties, before its closing brace.
  JsonWriter claims;
  claims.BeginObject();
  claims.Key("iss").String(signer.issuer);
  claims.Key("nbf").Int(*valid_from);
  if (valid_until) claims.Key("exp").Int(*valid_until);
  claims.Key("jti").String(id);
  if (!subject_id.empty()) claims.Key("sub").String(subject_id);
  claims.EndObject();
  std::string_view body = credential_json;
  while (!body.empty() && (body.back() == '\n' || body.back() == ' ' || body.back() == '\r' ||
                           body.back() == '\t')) {
    body.remove_suffix(1);
  }
  body.remove_suffix(1);  // '}': the parse above proved it an object
  std::string payload = std::string(body) + "," + claims.str().substr(1);

  JsonWriter header;
  header.BeginObject();
  header.Key("alg").String("EdDSA");
  header.Key("typ").String("JWT");
  header.Key("kid").String(signer.kid);
  header.EndObject();
  std::string token = SignCompactJws(header.str(), payload, *signer.key);
  if (token.empty()) {
    error = "OpenSSL could not sign the credential";
    return std::nullopt;
  }
  return token;
}

std::optional<SignedTranscript> SignTranscript(const TranscriptCredentials& credentials,
                                               const CredentialSigner& signer, std::string& error) {
  SignedTranscript signed_transcript;
  std::optional<std::string> clr = SecureCredential(credentials.clr, signer, error);
  if (!clr) return std::nullopt;
  signed_transcript.clr = std::move(*clr) + "\n";
  for (const std::string& badge : credentials.badges) {
    std::optional<std::string> token = SecureCredential(badge, signer, error);
    if (!token) return std::nullopt;
    signed_transcript.badges += *token + "\n";
  }
  return signed_transcript;
}

}  // namespace accredit
