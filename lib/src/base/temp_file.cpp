#include "base/temp_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

namespace accredit::internal {

int AnonymousTempFile() {
  const char* dir = std::getenv("TMPDIR");
  if (dir == nullptr || *dir == '\0') dir = "/tmp";
#ifdef O_TMPFILE
  int fd = ::open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd >= 0) return fd;
#endif
  std::string name = std::string(dir) + "/accredit-tmp-XXXXXX";
  fd = mkostemp(name.data(), O_CLOEXEC);
  if (fd >= 0) unlink(name.c_str());
  return fd;
}

std::string PathOfDescriptor(int fd) {
  std::string path = "/proc/self/fd/" + std::to_string(fd);
  // The link exists only where /proc is mounted (Linux); elsewhere there is no such path.
  if (::access(path.c_str(), R_OK | W_OK) != 0) return "";
  return path;
}

}  // namespace accredit::internal
