// ReadWholeFile reads a large file in parts on several threads; a test through the public API
// would need an unsorted input of over 64 MiB, so this tests the internal piece directly.
#include "base/large_buffer.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <cstddef>
#include <string>

#include "base/temp_file.h"

namespace accredit::internal {
namespace {

// An anonymous file of `size` bytes, each byte depending on its offset so that a part read
// to the wrong place is seen.
int FileOf(std::size_t size, std::string& bytes) {
  bytes.resize(size);
  for (std::size_t i = 0; i < size; ++i) {
    bytes[i] = static_cast<char>('a' + (i * 7 + i / 4099) % 26);
  }
  const int fd = AnonymousTempFile();
  REQUIRE(fd >= 0);
  REQUIRE(::write(fd, bytes.data(), size) == static_cast<ssize_t>(size));
  return fd;
}

TEST_CASE("a large file is read whole, in parts on several threads") {
  std::string bytes;
  const std::size_t size = (std::size_t{100} << 20) + 12345;  // parts of unequal length
  const int fd = FileOf(size, bytes);
  for (unsigned threads : {1u, 2u, 3u, 8u}) {
    INFO("threads: " << threads);
    LargeBuffer buffer;
    REQUIRE(buffer.Read(fd, size, threads));
    CHECK(buffer.view() == bytes);
  }
  // A file that is not the size expected is refused, however it is read.
  for (unsigned threads : {1u, 3u}) {
    LargeBuffer shorter;
    CHECK_FALSE(shorter.Read(fd, size + 1, threads));
    LargeBuffer longer;
    CHECK_FALSE(longer.Read(fd, size - 1, threads));
  }
  ::close(fd);
}

}  // namespace
}  // namespace accredit::internal
