// Transcripts: one learner's digital profile, the portable record of everything they did
// (qualifications, the project, activities with hours and strands, evidence links) and the
// award and tier achieved with its components. A record of evidence, not a grade.
//
//   TranscriptHtml()  one self-contained printable HTML page (inline style, no script, no
//                     network), every string escaped, that prints on one A4 page for a
//                     typical learner.
//   TranscriptIndexHtml(), TranscriptBookHtml()
//                     for a cohort: a page listing every learner with a link to their page,
//                     and every learner's transcript in one file to print, each learner
//                     starting a new page.
//   TranscriptJson()  a 1EdTech Comprehensive Learner Record 2.0-style ClrCredential bundling
//                     Open Badges 3.0 credentials (type OpenBadgeCredential, also called
//                     AchievementCredential): one for the award, whose Achievement carries the
//                     criteria and result descriptions (tier, award grade) and whose result
//                     gives the tier and grade achieved; one per component of that tier; one per
//                     record achievement. The CLR's associations link the award to its
//                     components (isParentOf / isChildOf) and each component to the
//                     achievements it used (isParentOf).
//
// The JSON carries no `proof`, and nothing here handles keys. Without TranscriptOptions::issuer
// the credentials are UNSIGNED and each says so in its `description`; with it, the issuer is
// that DID and SignTranscript() (accredit/vc_jwt.h) secures each credential as a VC-JWT, the
// form a verifier trusts. Output is deterministic: ids are name-based UUIDs
// (RFC 9562 version 8, from an FNV-1a hash of the programme id, the learner id and the part)
// and `validFrom` is TranscriptDate(), never the wall clock.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "accredit/enum_table.h"
#include "accredit/evaluator.h"
#include "accredit/records.h"
#include "accredit/rules.h"

namespace accredit {

struct TranscriptOptions {
  // no_names (false): omit personal free text (IsNameField in report.h: title, provider,
  // evidence) from every achievement.
  bool no_names = false;
  // as_of (none): the date the transcript speaks for (validFrom); see TranscriptDate().
  std::optional<Date> as_of;
  // issuer (empty): the DID of the issuer who signs the credentials (did:web:school.example,
  // or the did:key of its key; see SignTranscript() in vc_jwt.h). It is the credentials'
  // issuer id, the descriptions say they are signed, and the HTML page says by whom and how
  // to check its tokens. Empty: unsigned credentials, issued by a name-based urn:uuid.
  std::string issuer;
};

// The date a transcript is valid from: `as_of` when given, else the latest date among the
// learner's achievements, else the programme's end, else its start, else 1970-01-01.
Date TranscriptDate(const Programme& programme, const Learner& learner,
                    const TranscriptOptions& options);

// A file name stem for a learner's transcript: the id when it is made of letters, digits,
// '.', '_' and '-', does not start with '.', has at most 64 characters and is not the stem of
// a cohort file ("index" or "transcripts" in any case); otherwise the id with '_' for any
// other character (and for a leading '.'), cut to 64, then '-' and 8 hex digits of a hash of
// the id, so that different ids do not share a file.
std::string TranscriptFileStem(std::string_view learner_id);

// "urn:uuid:xxxxxxxx-xxxx-8xxx-xxxx-xxxxxxxxxxxx" derived from `name` alone.
std::string NameBasedUrn(std::string_view name);

// The files a transcript is written as (transcript --format): the printable page, the Open
// Badges 3.0 / CLR 2.0 shaped JSON, or both.
enum class TranscriptFormat : std::uint8_t { kHtml, kJson, kAll };
inline constexpr EnumName<TranscriptFormat> kTranscriptFormatNames[] = {
    {TranscriptFormat::kHtml, "html", "HTML page"},
    {TranscriptFormat::kJson, "json", "Open Badges JSON"},
    {TranscriptFormat::kAll, "all", "HTML page and Open Badges JSON"},
};
static_assert(InDeclarationOrder(kTranscriptFormatNames));

// `outcome` is the learner's outcome against `programme` (tracing not needed).
std::string TranscriptHtml(const RuleSet& rules, const Programme& programme, const Learner& learner,
                           const Outcome& outcome, const TranscriptOptions& options);

// The files of a cohort's transcripts, written beside the learners' pages.
inline constexpr std::string_view kTranscriptIndexFile = "index.html";
inline constexpr std::string_view kTranscriptBookFile = "transcripts.html";

// One learner of a cohort, for the index and the book; both pointers are required.
struct TranscriptEntry {
  const Learner* learner = nullptr;
  const Outcome* outcome = nullptr;  // against the programme given with it
};

// kTranscriptIndexFile: a page listing `entries` in order, each with their name (not with
// no_names), id and award, linking to TranscriptFileStem(id) + ".html", with a count of
// learners by award and a link to kTranscriptBookFile. Self-contained, every string escaped.
std::string TranscriptIndexHtml(const Programme& programme,
                                std::span<const TranscriptEntry> entries,
                                const TranscriptOptions& options);

// kTranscriptBookFile: the transcripts of `entries` in one page, as TranscriptHtml() draws
// each, to print in one go: every learner starts a new printed page.
std::string TranscriptBookHtml(const RuleSet& rules, const Programme& programme,
                               std::span<const TranscriptEntry> entries,
                               const TranscriptOptions& options);

// A learner's credentials, each as compact JSON: the ClrCredential, and the
// OpenBadgeCredentials embedded in it (the award, then its components, then the record
// achievements), each on its own so that each can be signed.
struct TranscriptCredentials {
  std::string clr;
  std::vector<std::string> badges;
};
TranscriptCredentials TranscriptCredentialsOf(const RuleSet& rules, const Programme& programme,
                                              const Learner& learner, const Outcome& outcome,
                                              const TranscriptOptions& options);

// The ClrCredential of TranscriptCredentialsOf() and a newline: the transcript's JSON file.
std::string TranscriptJson(const RuleSet& rules, const Programme& programme, const Learner& learner,
                           const Outcome& outcome, const TranscriptOptions& options);

}  // namespace accredit
