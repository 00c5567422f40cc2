// Exit status of the accredit command (accredit(1) and each command page, EXIT STATUS).
#pragma once

namespace accredit::cli {

inline constexpr int kExitOk = 0;  // clean: everything read, every learner met the award
inline constexpr int kExitVerdict =
    1;                                // some learner did not meet it / a programme does not conform
inline constexpr int kExitError = 2;  // usage, unreadable file, invalid rules or records
inline constexpr int kExitInternal = 3;  // a bug in accredit

}  // namespace accredit::cli
