// Opening a file the library did not write: the one way records, rules, column mappings and
// exceptions files are opened.
//
// A path names whatever is there when it is opened, so nothing is checked by path: the file is
// opened first (read-only, without blocking, so a FIFO with no writer cannot hang the run, and
// without becoming the controlling terminal), and then what was opened is checked on the
// descriptor (fstat): a regular file of at most the size allowed. A file swapped for a FIFO, a
// folder or a bigger file between a check and the read cannot be read by mistake, because
// there is no such gap. Standard input (a pipe, a terminal or a file) is read through the same
// bounded reader.
//
// What went wrong is returned as a FileFault with the errno and size, not as a message: each
// caller words it for its own kind of file (a records file, a rule file...).
#pragma once

#include <cstdint>
#include <string>
#include <utility>

namespace accredit::internal {

enum class FileFault : std::uint8_t {
  kNone,
  kCannotOpen,  // open() failed (no such file, no permission): `error` says why
  kFolder,      // a folder
  kNotRegular,  // a FIFO, socket or device
  kTooLarge,    // larger than the limit: `size` says how large
  kReadError,   // read() failed: `error` says why
  kGrew,        // grew past the limit while being read
};

// Closes a file descriptor when it goes out of scope.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() { Close(); }
  Fd(Fd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  Fd& operator=(Fd&& other) noexcept {
    if (this != &other) {
      Close();
      fd_ = std::exchange(other.fd_, -1);
    }
    return *this;
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  // Gives up ownership: the caller closes the descriptor.
  int Release() { return std::exchange(fd_, -1); }

 private:
  void Close();
  int fd_ = -1;
};

// A file opened and checked.
struct OpenedFile {
  Fd fd;                   // open when `fault` is kNone
  std::uint64_t size = 0;  // its size when opened (kNone, kTooLarge)
  FileFault fault = FileFault::kNone;
  int error = 0;  // errno, for kCannotOpen and kReadError
  bool ok() const { return fault == FileFault::kNone; }
};

// Opens `path` and checks the descriptor: a regular file of at most `max_bytes`.
OpenedFile OpenUntrustedFile(const std::string& path, std::uint64_t max_bytes);

// A file's (or standard input's) whole text, or why it could not be had.
struct FileText {
  std::string text;
  std::uint64_t size = 0;  // as OpenedFile::size
  FileFault fault = FileFault::kNone;
  int error = 0;
  bool ok() const { return fault == FileFault::kNone; }
};

// Opens `path` as OpenUntrustedFile() does and reads it to its end, at most `max_bytes`.
FileText ReadUntrustedFile(const std::string& path, std::uint64_t max_bytes);

// Reads standard input to its end, at most `max_bytes` (kTooLarge past them).
FileText ReadStandardInput(std::uint64_t max_bytes);

// strerror(error) with a lower-case first letter, for a message: "no such file or directory".
std::string ErrnoText(int error);

// For tests: called with the path just after it is opened and before it is checked, so a test
// can swap the file at the worst moment. Null (the default): nothing is called.
using OpenedHook = void (*)(const std::string& path);
void SetOpenedHookForTesting(OpenedHook hook);

}  // namespace accredit::internal
