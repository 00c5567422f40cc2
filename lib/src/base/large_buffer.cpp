#include "base/large_buffer.h"

#include <sys/types.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <thread>
#include <vector>

namespace accredit::internal {

namespace {

// Below this a file is read by one thread: starting another costs more than it saves.
constexpr std::size_t kMinBytesPerThread = std::size_t{32} << 20;

// Reads bytes [begin, end) of file `fd` into `data` + begin; false on a read error or an early
// end of file.
bool ReadPart(int fd, char* data, std::size_t begin, std::size_t end) {
  std::size_t got = begin;
  while (got < end) {
    ssize_t n = ::pread(fd, data + got, end - got, static_cast<off_t>(got));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    got += static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

bool ReadWholeFile(int fd, char* data, std::size_t size, unsigned threads) {
  const std::size_t parts = std::clamp<std::size_t>(size / kMinBytesPerThread, 1, threads);
  if (parts <= 1) {
    if (!ReadPart(fd, data, 0, size)) return false;
  } else {
    // Part 0 on this thread, the others on threads of their own; pread() moves no offset.
    std::atomic<bool> ok{true};
    std::vector<std::thread> started;
    started.reserve(parts - 1);
    for (std::size_t p = 1; p < parts; ++p) {
      started.emplace_back([&, p] {
        if (!ReadPart(fd, data, size * p / parts, size * (p + 1) / parts)) ok = false;
      });
    }
    if (!ReadPart(fd, data, 0, size / parts)) ok = false;
    for (std::thread& thread : started) thread.join();
    if (!ok) return false;
  }
  char extra = 0;
  return ::pread(fd, &extra, 1, static_cast<off_t>(size)) == 0;  // it did not grow meanwhile
}

}  // namespace accredit::internal
