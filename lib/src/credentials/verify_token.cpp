// Checking VC-JWT tokens (VerifyTokens in accredit/verify.h): the signature first, then what
// the credential must hold, its claims and its validity window.
#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>

#include "accredit/did_web.h"
#include "accredit/jws.h"
#include "accredit/keys.h"
#include "accredit/vc_jwt.h"
#include "accredit/verify.h"
#include "credentials/credential_json.h"

namespace accredit {

namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

using internal::Has;
using internal::ListHas;
using internal::StringAt;

class TokenCheck {
 public:
  TokenCheck(Location location, const VerifyOptions& options, Diagnostics& diagnostics)
      : options_(options), diagnostics_(diagnostics) {
    result_.location = std::move(location);
  }

  VerifiedToken Run(std::string_view token) {
    if (token.size() > kMaxJwsBytes) {
      Fault("too-large",
            fmt::format("a token of {} bytes, more than the {} MiB a credential may be",
                        token.size(), kMaxJwsBytes >> 20),
            TokenVerdict::kUnreadable);
      return result_;
    }
    std::string error;
    std::optional<CompactJws> jws = ParseCompactJws(token, error);
    object header;
    object payload;
    if (!jws) {
      Fault("bad-token", "not a signed credential: " + error, TokenVerdict::kUnreadable);
      return result_;
    }
    if (header_parser_.parse(simdjson::padded_string(jws->header_json)).get_object().get(header) !=
        simdjson::SUCCESS) {
      Fault("bad-token", "not a signed credential: its header is not a JSON object",
            TokenVerdict::kUnreadable);
      return result_;
    }
    result_.kid = std::string(StringAt(header, "kid"));
    if (!CheckHeader(header)) return result_;
    // The issuer says where the key is: the payload's, or (a payload that is not JSON, as a
    // token changed in transit may be) the DID of the header's kid, so that a changed token is
    // found changed rather than unreadable.
    const bool readable =
        payload_parser_.parse(simdjson::padded_string(jws->payload)).get_object().get(payload) ==
        simdjson::SUCCESS;
    if (readable) {
      Describe(payload);
    } else {
      result_.issuer = result_.kid.substr(0, result_.kid.find('#'));
    }
    std::optional<std::string> key = IssuerKey();
    if (!key) return result_;
    if (!VerifyEd25519(*key, jws->signing_input, jws->signature)) {
      Fault("bad-signature",
            "the signature does not match: the credential was changed after it was signed, or "
            "was signed with another key",
            TokenVerdict::kInvalid);
      return result_;
    }
    if (!readable) {
      Fault("bad-token", "the token is signed, but what it carries is not a JSON object",
            TokenVerdict::kInvalid);
      return result_;
    }
    CheckCredential(payload);
    CheckClaims(payload);
    if (!faulted_) result_.verdict = TokenVerdict::kValid;
    return result_;
  }

 private:
  void Fault(DiagnosticCode code, std::string message, TokenVerdict verdict,
             std::string note = {}) {
    Diagnostic& d = diagnostics_.Error(code, std::move(message), result_.location);
    if (!note.empty()) d.notes.push_back(Note{std::move(note), {}});
    // The first fault ends the check but for the credential's own (all invalid), so the
    // verdict is the one fault's, or invalid.
    result_.verdict = verdict;
    faulted_ = true;
  }

  // What the payload says, before anything is checked: for the report whatever the verdict.
  void Describe(object payload) {
    for (std::string_view type :
         {"ClrCredential", "OpenBadgeCredential", "AchievementCredential"}) {
      if (ListHas(payload, "type", type)) {
        result_.type = std::string(type);
        break;
      }
    }
    result_.id = std::string(StringAt(payload, "id"));
    result_.name = std::string(StringAt(payload, "name"));
    result_.issuer = std::string(internal::IssuerId(payload));
    object issuer;
    if (payload["issuer"].get_object().get(issuer) == simdjson::SUCCESS) {
      result_.issuer_name = std::string(StringAt(issuer, "name"));
    }
    result_.valid_from = std::string(StringAt(payload, "validFrom"));
    result_.valid_until = std::string(StringAt(payload, "validUntil"));
    array list;
    object subject;
    if (payload["credentialSubject"].get_object().get(subject) == simdjson::SUCCESS &&
        subject["verifiableCredential"].get_array().get(list) == simdjson::SUCCESS) {
      result_.credentials = list.size();
    }
  }

  bool CheckHeader(object header) {
    const std::string_view alg = StringAt(header, "alg");
    if (alg != "EdDSA") {
      Fault("bad-alg",
            alg == "none" || alg.empty()
                ? std::string("the token is not signed (alg none): anyone could have written it")
                : fmt::format("the token is signed with {}, not EdDSA (Ed25519), the only "
                              "algorithm accepted",
                              alg),
            TokenVerdict::kInvalid);
      return false;
    }
    if (Has(header, "crit")) {
      Fault("bad-alg", "the token's header has \"crit\" extensions, which are not understood",
            TokenVerdict::kInvalid);
      return false;
    }
    for (std::string_view carried : {"jwk", "jku", "x5u", "x5c"}) {
      if (Has(header, carried)) {
        Fault("wrong-key",
              fmt::format("the token's header carries its own key (\"{}\"): a forger can sign "
                          "with any key, so the key must come from the issuer, never the token",
                          carried),
              TokenVerdict::kInvalid);
        return false;
      }
    }
    return true;
  }

  // The key to check the signature with, or nullopt (and a fault).
  std::optional<std::string> IssuerKey() {
    const std::string& kid = result_.kid;
    const std::string& issuer = result_.issuer;
    if (issuer.empty()) {
      Fault("missing-key", "the credential has no issuer id: nobody is said to have signed it",
            TokenVerdict::kInvalid);
      return std::nullopt;
    }
    if (kid.substr(0, std::min(kid.size(), issuer.size() + 1)) != issuer + "#") {
      Fault(
          "wrong-key",
          fmt::format("the token's key id (kid) '{}' is not a key of its issuer '{}'", kid, issuer),
          TokenVerdict::kInvalid);
      return std::nullopt;
    }
    if (!options_.keys.empty()) {
      for (const VerificationKey& key : options_.keys) {
        if (key.kid.empty() || key.kid == kid) return key.public_key;
      }
      std::string known;
      for (const VerificationKey& key : options_.keys)
        known += (known.empty() ? "" : ", ") + key.kid;
      Fault("wrong-key",
            fmt::format("the token was signed with the key '{}', which is not among the keys "
                        "given ({})",
                        kid, known),
            TokenVerdict::kInvalid,
            "give the issuer's current did.json with --key: a centre that changed its key "
            "lists its earlier keys in it too (accredit keys public --earlier-key)");
      return std::nullopt;
    }
    if (std::optional<std::string> key = DidKeyPublicKey(issuer)) {
      if (kid != DidKeyVerificationMethod(*key)) {
        Fault("wrong-key",
              fmt::format("the token's key id (kid) '{}' is not the key of its issuer '{}'", kid,
                          issuer),
              TokenVerdict::kInvalid);
        return std::nullopt;
      }
      result_.key_from_did = true;
      return key;
    }
    Fault("no-key",
          fmt::format("the issuer {}'s key is not given, and nothing is fetched from the network",
                      issuer),
          TokenVerdict::kUnreadable,
          IsDidWeb(issuer)
              ? fmt::format("save the issuer's key from {} and give it with --key did.json",
                            DidWebUrl(issuer))
              : std::string("give the issuer's public key with --key (a did.json, JWK or PEM)"));
    return std::nullopt;
  }

  void Missing(std::string_view what) {
    Fault("missing-key",
          fmt::format("the credential has no {}, which Open Badges 3.0 requires", what),
          TokenVerdict::kInvalid);
  }

  void CheckAchievement(object subject) {
    object achievement;
    if (subject["achievement"].get_object().get(achievement) != simdjson::SUCCESS) {
      Missing("credentialSubject.achievement");
      return;
    }
    for (std::string_view key : {"id", "type", "name", "description", "criteria"}) {
      if (!Has(achievement, key)) Missing(fmt::format("credentialSubject.achievement.{}", key));
    }
  }

  void CheckCredential(object payload) {
    array context;
    std::string_view first;
    if (payload["@context"].get_array().get(context) != simdjson::SUCCESS ||
        context.at(0).get_string().get(first) != simdjson::SUCCESS) {
      Missing("@context");
    } else if (first != "https://www.w3.org/ns/credentials/v2" &&
               first != "https://www.w3.org/2018/credentials/v1") {
      Fault("bad-value",
            fmt::format("the credential's first @context is '{}', not the W3C credentials "
                        "context",
                        first),
            TokenVerdict::kInvalid);
    }
    if (!ListHas(payload, "type", "VerifiableCredential") || result_.type.empty()) {
      Fault("bad-value",
            "the credential's type is not VerifiableCredential and one of OpenBadgeCredential, "
            "AchievementCredential or ClrCredential",
            TokenVerdict::kInvalid);
    }
    for (std::string_view key : {"id", "name", "validFrom"}) {
      if (StringAt(payload, key).empty()) Missing(key);
    }
    if (!result_.valid_from.empty() && !ParseDateTime(result_.valid_from)) {
      Fault("bad-value", "the credential's validFrom is not a date-time", TokenVerdict::kInvalid);
    }
    object subject;
    if (payload["credentialSubject"].get_object().get(subject) != simdjson::SUCCESS) {
      Missing("credentialSubject");
      return;
    }
    if (result_.type == "ClrCredential") {
      array list;
      if (subject["verifiableCredential"].get_array().get(list) != simdjson::SUCCESS ||
          list.size() == 0) {
        Fault("missing-key",
              "the ClrCredential lists no credentials (credentialSubject.verifiableCredential), "
              "which CLR 2.0 requires",
              TokenVerdict::kInvalid);
      }
    } else if (!result_.type.empty()) {
      CheckAchievement(subject);
    }
  }

  // A claim that must agree with a credential property: a string, or a date-time as seconds.
  void Claim(object payload, std::string_view claim, std::string_view property,
             std::string_view expected, bool date_time, bool required) {
    element value;
    if (payload[claim].get(value) != simdjson::SUCCESS) {
      if (required && !expected.empty()) {
        Fault("claim-mismatch",
              fmt::format("the token has no \"{}\" claim for the credential's {}", claim, property),
              TokenVerdict::kInvalid);
      }
      return;
    }
    bool agrees = false;
    if (date_time) {
      std::int64_t seconds = 0;
      const std::optional<long long> wanted = ParseDateTime(expected);
      agrees = value.get_int64().get(seconds) == simdjson::SUCCESS && wanted && seconds == *wanted;
    } else {
      std::string_view text;
      agrees = value.get_string().get(text) == simdjson::SUCCESS && text == expected;
    }
    if (!agrees) {
      Fault(
          "claim-mismatch",
          fmt::format("the token's \"{}\" claim differs from the credential's {}", claim, property),
          TokenVerdict::kInvalid);
    }
  }

  void CheckClaims(object payload) {
    const std::string_view subject_id = internal::SubjectId(payload);
    Claim(payload, "iss", "issuer id", result_.issuer, false, true);
    Claim(payload, "jti", "id", result_.id, false, true);
    Claim(payload, "nbf", "validFrom", result_.valid_from, true, true);
    Claim(payload, "exp", "validUntil", result_.valid_until, true, true);
    Claim(payload, "sub", "credentialSubject.id", subject_id, false, true);
    // The window: by the claims (the credential's dates agree with them, or a fault is said).
    std::int64_t nbf = 0;
    std::int64_t exp = 0;
    if (payload["nbf"].get_int64().get(nbf) == simdjson::SUCCESS && options_.now < nbf) {
      Fault(
          "not-yet-valid",
          fmt::format("the credential is valid from {}, a date still to come", result_.valid_from),
          TokenVerdict::kInvalid);
    }
    if (payload["exp"].get_int64().get(exp) == simdjson::SUCCESS && options_.now >= exp) {
      Fault("expired", fmt::format("the credential expired at {}", result_.valid_until),
            TokenVerdict::kInvalid);
    }
  }

  const VerifyOptions& options_;
  Diagnostics& diagnostics_;
  VerifiedToken result_;
  bool faulted_ = false;
  simdjson::dom::parser header_parser_;
  simdjson::dom::parser payload_parser_;
};

}  // namespace

std::vector<VerifiedToken> VerifyTokens(SourceId source, std::string_view text,
                                        const VerifyOptions& options, Diagnostics& diagnostics) {
  std::vector<VerifiedToken> tokens;
  std::uint32_t line = 0;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    std::string_view token = text.substr(at, end - at);
    ++line;
    at = end + 1;
    std::size_t lead = 0;
    while (lead < token.size() && (token[lead] == ' ' || token[lead] == '\t')) ++lead;
    token.remove_prefix(lead);
    while (!token.empty() &&
           (token.back() == '\r' || token.back() == ' ' || token.back() == '\t')) {
      token.remove_suffix(1);
    }
    if (token.empty()) continue;
    tokens.push_back(TokenCheck(Location{source, line, static_cast<std::uint32_t>(lead + 1), {}},
                                options, diagnostics)
                         .Run(token));
  }
  if (tokens.empty()) {
    VerifiedToken empty;
    empty.location = Location{source, 0, 0, {}};
    diagnostics.Error("bad-token", "no signed credential here: the file is empty", empty.location);
    tokens.push_back(std::move(empty));
  }
  return tokens;
}

}  // namespace accredit
