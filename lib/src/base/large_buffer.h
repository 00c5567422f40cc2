// Reading a whole input file into memory: into a std::string (small inputs, registered as
// sources), or into memory for a large input read at random, mapped afresh and backed by huge
// pages where the system offers them (Linux's transparent huge pages), so that reading records
// scattered across hundreds of megabytes misses the address-translation cache less often.
#pragma once

#include <sys/mman.h>

#include <cstddef>
#include <string_view>
#include <utility>

namespace accredit::internal {

// Reads the first `size` bytes of file `fd` (from its start, whatever its offset) into `data`;
// false on a read error, or when the file is not `size` bytes long. With `threads` > 1, a large
// file is read in that many parts at once, each on a thread of its own: most of the time of
// reading into fresh memory is the kernel clearing its pages and copying into them, which
// runs on the thread that reads.
bool ReadWholeFile(int fd, char* data, std::size_t size, unsigned threads = 1);

class LargeBuffer {
 public:
  LargeBuffer() = default;
  LargeBuffer(const LargeBuffer&) = delete;
  LargeBuffer& operator=(const LargeBuffer&) = delete;
  LargeBuffer(LargeBuffer&& other) noexcept
      : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}
  LargeBuffer& operator=(LargeBuffer&& other) noexcept {
    std::swap(data_, other.data_);
    std::swap(size_, other.size_);
    return *this;
  }
  ~LargeBuffer() {
    if (data_ != nullptr) ::munmap(data_, size_);
  }

  // `size` bytes, not yet touched; false when they cannot be had.
  bool Allocate(std::size_t size) {
    if (size == 0) return true;
    void* p = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return false;
#ifdef MADV_HUGEPAGE
    (void)::madvise(p, size, MADV_HUGEPAGE);  // advice only: without it, ordinary pages
#endif
    data_ = static_cast<char*>(p);
    size_ = size;
    return true;
  }

  // `size` bytes holding the whole of file `fd`, as ReadWholeFile() reads it.
  bool Read(int fd, std::size_t size, unsigned threads = 1) {
    return Allocate(size) && ReadWholeFile(fd, data_, size, threads);
  }

  char* data() { return data_; }
  std::string_view view() const { return std::string_view(data_ == nullptr ? "" : data_, size_); }

 private:
  char* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace accredit::internal
