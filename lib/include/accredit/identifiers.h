// Identifier check characters (domain.md section 4).
//
// Records carry identifiers whose last or first character is a check character: the UPN
// (unique pupil number) a learner id often is, and the QAN (Ofqual qualification number) of a
// qualification. Readers check them as rows are read and warn on a wrong check character; an
// identifier is never rejected or rewritten, since a school's data is what it is and the user
// must correct it at the source. Identifiers of any other form are not checked.
#pragma once

#include <string_view>

#include "accredit/diagnostic.h"
#include "accredit/source.h"

namespace accredit {

// True if `id` has the form of a UPN: 13 characters, a letter, 11 digits, then a digit or (in
// a temporary UPN) a letter of the check alphabet `ABCDEFGHJKLMNPQRTUVWXYZ`. Letters may be in
// either case.
bool LooksLikeUpn(std::string_view id);
// The check letter a UPN-shaped `id` should start with: the sum of the values of characters
// 2-13 (a digit its value, a letter its index in the check alphabet) weighted by their
// positions 2-13, mod 23, as a letter of the check alphabet. Requires LooksLikeUpn(id).
char UpnCheckLetter(std::string_view id);

// True if `qan` has the form `NNN/NNNN/C` or `NNNNNNNC`, C a digit or X (either case).
bool LooksLikeQan(std::string_view qan);
// The check character a QAN-shaped `qan` should end with: its seven digits weighted 8 down to
// 2, summed, mod 11, with 10 written X. Derived from published numbers, not from an official
// specification. Requires LooksLikeQan(qan).
char QanCheckCharacter(std::string_view qan);

// If `id` looks like a UPN and its check letter is wrong, emits a `bad-check-character`
// warning at `location` and returns false; otherwise returns true.
bool CheckUpn(std::string_view id, const Location& location, Diagnostics& diagnostics);
// The same for a QAN.
bool CheckQan(std::string_view qan, const Location& location, Diagnostics& diagnostics);

}  // namespace accredit
