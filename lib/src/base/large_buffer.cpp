#include "base/large_buffer.h"

#include <sys/types.h>
#include <unistd.h>

#include <cerrno>

namespace accredit::internal {

bool ReadWholeFile(int fd, char* data, std::size_t size) {
  std::size_t got = 0;
  while (got < size) {
    ssize_t n = ::pread(fd, data + got, size - got, static_cast<off_t>(got));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    got += static_cast<std::size_t>(n);
  }
  char extra = 0;
  return ::pread(fd, &extra, 1, static_cast<off_t>(got)) == 0;  // it did not grow meanwhile
}

}  // namespace accredit::internal
