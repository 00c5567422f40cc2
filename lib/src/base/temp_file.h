// Anonymous temporary files: scratch space that is never left behind. The file has no name
// (O_TMPFILE), or its name is removed as soon as it is made, so it disappears when the
// descriptor is closed, whatever stops the process.
#pragma once

#include <string>

namespace accredit::internal {

// A new empty anonymous file in $TMPDIR (else /tmp), open for reading and writing (close-on-
// exec); -1 with errno set when none can be made.
int AnonymousTempFile();

// A path by which a library that opens files by name can reach the file open on `fd`
// ("/proc/self/fd/N"), or "" when the system offers none.
std::string PathOfDescriptor(int fd);

}  // namespace accredit::internal
