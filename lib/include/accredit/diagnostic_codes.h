// Diagnostic codes: every code the library gives a Diagnostic, in one table.
//
// A code is the stable name in brackets after a diagnostic's message ("[unknown-scale]"): scripts
// match on it, and the manual pages list each one with its meaning (accredit-rules(5),
// accredit-records(5), accredit-exceptions(5) and accredit(1); tests/diagnostic_codes_test.cpp
// holds this table and the pages to each other). Diagnostics::Add, Error and Warning take a
// DiagnosticCode, which is made at compile time from a string literal and only from a name in
// this table, so that a misspelt or unlisted code does not compile:
//
//   diagnostics.Error("unknown-scale", ...);  // compiles
//   diagnostics.Error("unknown-scael", ...);  // error: call to UnlistedDiagnosticCode()
//
// A code chosen at run time is a choice between DiagnosticCodes, also checked when compiled:
//
//   cx.Error(node, n == 0 ? DiagnosticCode("missing-key") : DiagnosticCode("bad-value"), ...);
//
// (DiagnosticCode::Find looks a name up when the program runs, for a name only known then.)
#pragma once

#include <optional>
#include <string_view>

namespace accredit {

struct DiagnosticCodeInfo {
  std::string_view name;     // kebab-case, stable
  std::string_view meaning;  // one line, for people
};

// In alphabetical order. A code means the same wherever it is used: `bad-date` is a date that is
// not one in a rule file, a records file or an exceptions file alike.
inline constexpr DiagnosticCodeInfo kDiagnosticCodes[] = {
    {"absent-learner", "an exception for a learner who is not in the records"},
    {"ambiguous-achievement", "an exception's achievement matches several of the learner's"},
    {"ambiguous-mapping", "an input whose header fits two column mappings equally well"},
    {"assumed-encoding", "note: an input that is not UTF-8 was read as UTF-16 or Windows-1252"},
    {"bad-action-node", "an exception's action cannot apply to the node it names"},
    {"bad-alg", "a signed credential whose algorithm is not EdDSA (none, HS256, RS256...)"},
    {"bad-check-character", "a UPN-shaped learner id or a QAN whose check character is wrong"},
    {"bad-date", "a date that is not YYYY-MM-DD (or the mapping's format), or not a real date"},
    {"bad-encoding", "a file in UTF-16, with a NUL byte, or with lines ended by CR alone"},
    {"bad-grade",
     "a grade not on its scale, a special code treated as an error, a bad multi-grade"},
    {"bad-id", "an id that is not lower-case letters, digits and hyphens"},
    {"bad-json", "a JSON input that is not JSON, is empty, or is not an accepted shape"},
    {"bad-level", "a level that is not entry1 to entry3 or 1 to 8"},
    {"bad-node", "the wrong kind of YAML value, such as a list where a mapping was expected"},
    {"bad-number", "a value that should be a number and is not one, or is beyond its limit"},
    {"bad-operator", "an operator that is not allowed, or on a field that does not take one"},
    {"bad-quote", "a CSV field whose quote is never closed, or with text after its closing quote"},
    {"bad-row", "a CSV row with more or fewer fields than the header"},
    {"bad-signature", "a signed credential changed since it was signed, or signed by another key"},
    {"bad-test", "a rule test that is not well formed, or expects what the programme lacks"},
    {"bad-token", "a signed credential (JWT) that is not three base64url parts of JSON"},
    {"bad-utf8", "a CSV field or a JSON input that is not valid UTF-8"},
    {"bad-value", "a value that is not one of those allowed"},
    {"bad-version", "a format version (accredit: 1) not read here, or too old for a key used"},
    {"bad-workbook", "a workbook (.xlsx) that is not one, is damaged, or lacks the sheet named"},
    {"band-gap", "the lowest grading band starts above 0: a learner may meet a tier with no grade"},
    {"band-order", "grading bands that are not listed highest first"},
    {"claim-mismatch", "a JWT claim (iss, nbf, exp, jti, sub) that differs from its credential"},
    {"conflicting-exception", "one achievement forced to two components of a tier"},
    {"contested-requirement", "a part not shared needs only what another part not shared can take"},
    {"duplicate-alias", "a name two subjects (or two types) share: an alias, or ids alike"},
    {"duplicate-column", "two columns for one field, or a mapping naming one column for two"},
    {"duplicate-exception", "the same exception twice"},
    {"duplicate-grade", "a grade listed twice on a scale, or both a grade and a special code"},
    {"duplicate-id", "an id defined twice"},
    {"duplicate-key", "the same key twice in one YAML mapping"},
    {"duplicate-row", "a row equal in every field to an earlier row of the same learner"},
    {"empty-value", "a blank value where an exception needs text"},
    {"expired", "a signed credential past its validUntil (exp)"},
    {"field-too-long", "a CSV field longer than its limit"},
    {"framework-duration", "a programme shorter than its framework requires"},
    {"framework-roles", "a tier without a component of a role its framework requires"},
    {"framework-start", "a programme without the start date its framework requires"},
    {"framework-strands", "personal development that does not cover a strand the framework needs"},
    {"framework-title", "a programme title that does not match its framework's pattern"},
    {"ignored-result", "a result code the rules say to ignore"},
    {"impossible-requirement", "a requirement that no learner could ever meet"},
    {"include-cycle", "rule files that use each other in a circle"},
    {"include-escape", "a 'uses' path that is absolute or leads outside the allowed folders"},
    {"include-not-found", "a file named in 'uses' that is not found"},
    {"io-error", "a file that cannot be read"},
    {"line-too-long", "a CSV record longer than its limit"},
    {"mapping-chosen", "note: the column mapping an input was read with, chosen by its header"},
    {"missing-achievement", "an exception whose action needs an achievement and names none"},
    {"missing-column", "records without a header, a learner column or (wide) a grade column"},
    {"missing-field", "a record without a value it needs: learner id, type, grade or hours"},
    {"missing-key", "a required key is missing"},
    {"no-key", "a signed credential whose issuer's key is not given (a did:web needs --key)"},
    {"no-rows", "a CSV input with a header and no data rows"},
    {"no-such-achievement", "an exception's achievement matches none of the learner's"},
    {"not-rules", "a test file named where rule files are expected"},
    {"not-yet-valid", "a signed credential before its validFrom (nbf)"},
    {"overlapping-bands", "two grading bands that cover the same values"},
    {"search-limit", "an allocation search that stopped at its limit, not proven best"},
    {"too-deep", "nesting beyond its limit"},
    {"too-large", "an input beyond a size limit"},
    {"too-many-columns", "a CSV record with more fields than the limit"},
    {"unexpected-achievement", "a waive exception that names an achievement"},
    {"unknown-action", "an exception action that is not waive, substitute, allow or force"},
    {"unknown-award", "an exception for an award the rules do not define"},
    {"unknown-column", "CSV columns that are not fields, ignored"},
    {"unknown-field", "a field name that records do not have"},
    {"unknown-framework", "a programme naming a framework that is not defined"},
    {"unknown-grade", "a grade that is not on the scale it is used with"},
    {"unknown-key", "a key the format does not define"},
    {"unknown-node", "an exception for a node the programme does not have"},
    {"unknown-programme", "a rule test naming a programme that no loaded rule file defines"},
    {"unknown-reference", "a grading that names a component not in its tier"},
    {"unknown-role", "a component role that is neither built in nor declared"},
    {"unknown-scale", "a type naming a scale that is not defined"},
    {"unknown-strand", "a strand that is neither built in nor declared"},
    {"unknown-subject", "a subject that is not declared (in records: close to one that is)"},
    {"unknown-table", "a points table that is not defined"},
    {"unknown-type", "a qualification type that is not defined"},
    {"unlisted-subject", "warning: a subject not in the vocabulary, counted as its own subject"},
    {"unreachable-tier", "a tier that no learner could ever get"},
    {"unread-subject-column",
     "warning: a column named after a subject that the mapping leaves out"},
    {"unused-column", "a second column for a field already read from an earlier one"},
    {"wrong-key", "a JWT header naming a key that is not its issuer's, or not the key given"},
    {"yaml-syntax", "a file that is not valid YAML"},
};

// Whether `name` is a code of kDiagnosticCodes.
constexpr bool IsDiagnosticCode(std::string_view name) {
  for (const DiagnosticCodeInfo& code : kDiagnosticCodes) {
    if (code.name == name) return true;
  }
  return false;
}

// Never defined: DiagnosticCode calls it, at compile time, for a name that is not in
// kDiagnosticCodes, so that the compiler's error names the fault.
void UnlistedDiagnosticCode();

// A code of kDiagnosticCodes, checked when the program is compiled.
class DiagnosticCode {
 public:
  // Implicit, so that a literal is written where a code is expected.
  consteval DiagnosticCode(const char* name) : name_(name) {
    if (!IsDiagnosticCode(name_)) UnlistedDiagnosticCode();
  }
  constexpr std::string_view name() const { return name_; }

  // The code named `name`, checked when it runs: nullopt for a name that is not listed. For a
  // name that is only known at run time; a choice between literals is better written as a
  // choice between DiagnosticCodes, which the compiler checks.
  static constexpr std::optional<DiagnosticCode> Find(std::string_view name) {
    for (const DiagnosticCodeInfo& code : kDiagnosticCodes) {
      if (code.name == name) return DiagnosticCode(code.name);
    }
    return std::nullopt;
  }

 private:
  // A name of kDiagnosticCodes.
  explicit constexpr DiagnosticCode(std::string_view listed) : name_(listed) {}

  std::string_view name_;
};

}  // namespace accredit
