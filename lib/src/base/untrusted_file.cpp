#include "base/untrusted_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace accredit::internal {

namespace {

OpenedHook opened_hook = nullptr;

// Reads `fd` to its end into `out`: kTooLarge when it holds more than `limit` bytes (`out`
// then holds limit + 1 bytes or a little more), kReadError (with `error`) when a read fails.
FileFault ReadAll(int fd, std::uint64_t limit, std::string& out, int& error) {
  char buffer[1 << 16];
  for (;;) {
    ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got < 0) {
      if (errno == EINTR) continue;
      error = errno;
      return FileFault::kReadError;
    }
    if (got == 0) return FileFault::kNone;
    out.append(buffer, static_cast<std::size_t>(got));
    if (out.size() > limit) return FileFault::kTooLarge;
  }
}

}  // namespace

void Fd::Close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

OpenedFile OpenUntrustedFile(const std::string& path, std::uint64_t max_bytes) {
  OpenedFile out;
  // O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever.
  out.fd = Fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY));
  if (out.fd.get() < 0) {
    out.fault = FileFault::kCannotOpen;
    out.error = errno;
    return out;
  }
  if (opened_hook != nullptr) opened_hook(path);
  struct stat info {};
  if (::fstat(out.fd.get(), &info) != 0) {
    out.fault = FileFault::kCannotOpen;
    out.error = errno;
  } else if (S_ISDIR(info.st_mode)) {
    out.fault = FileFault::kFolder;
  } else if (!S_ISREG(info.st_mode)) {
    out.fault = FileFault::kNotRegular;
  } else {
    out.size = static_cast<std::uint64_t>(info.st_size);
    if (out.size > max_bytes) out.fault = FileFault::kTooLarge;
  }
  if (!out.ok()) out.fd = Fd();
  return out;
}

FileText ReadUntrustedFile(const std::string& path, std::uint64_t max_bytes) {
  FileText out;
  OpenedFile file = OpenUntrustedFile(path, max_bytes);
  out.size = file.size;
  out.fault = file.fault;
  out.error = file.error;
  if (!file.ok()) return out;
  out.text.reserve(static_cast<std::size_t>(file.size));
  out.fault = ReadAll(file.fd.get(), max_bytes, out.text, out.error);
  if (out.fault == FileFault::kTooLarge) out.fault = FileFault::kGrew;
  if (!out.ok()) out.text.clear();
  return out;
}

FileText ReadStandardInput(std::uint64_t max_bytes) {
  FileText out;
  out.fault = ReadAll(STDIN_FILENO, max_bytes, out.text, out.error);
  out.size = out.text.size();
  if (!out.ok()) out.text.clear();
  return out;
}

std::string ErrnoText(int error) {
  std::string text = std::strerror(error);
  if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z') text[0] = static_cast<char>(text[0] + 32);
  return text;
}

void SetOpenedHookForTesting(OpenedHook hook) { opened_hook = hook; }

}  // namespace accredit::internal
