#include "accredit/output_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <utility>

#include "base/temp_file.h"
#include "base/text.h"

namespace accredit {

namespace {

// The temporary file being written, removed if a signal stops the run half way.
char g_temp_path[4096] = {0};

extern "C" void RemoveTempAndExit(int signal_number) {
  if (g_temp_path[0] != '\0') unlink(g_temp_path);
  std::signal(signal_number, SIG_DFL);
  std::raise(signal_number);
}

void ForgetTemp() {
  g_temp_path[0] = '\0';
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
}

// Writes all of `text` to `fd`; false (errno set) on an error.
bool WriteAll(int fd, std::string_view text) {
  while (!text.empty()) {
    ssize_t n = ::write(fd, text.data(), text.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    text.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

constexpr std::size_t kBufferBytes = std::size_t{1} << 20;

}  // namespace

OutputSink::~OutputSink() {
  if (to_file_ && fd_ >= 0) {
    ::close(fd_);
    unlink(g_temp_path);
    ForgetTemp();
  } else if (spooled_ && fd_ >= 0) {
    ::close(fd_);
  }
}

std::string OutputSink::Failed(const char* what) {
  const int error = errno;
  if (path_.empty()) {
    error_ = fmt::format("cannot write to standard output: {}", std::strerror(error));
  } else {
    error_ = fmt::format("cannot {} '{}': {}", what, path_, std::strerror(error));
  }
  return error_;
}

std::string OutputSink::Open(const std::string& path, bool rewindable) {
  path_ = path == "-" ? "" : path;
  buffer_.reserve(kBufferBytes);
  if (path_.empty()) {
    std::fflush(stdout);
    off_t at = ::lseek(STDOUT_FILENO, 0, SEEK_CUR);
    if (!rewindable || at >= 0) {
      fd_ = STDOUT_FILENO;
      start_ = at >= 0 ? static_cast<std::uint64_t>(at) : 0;
      return "";
    }
    fd_ = internal::AnonymousTempFile();
    if (fd_ < 0) return Failed("spool");
    spooled_ = true;
    return "";
  }
  std::filesystem::path target(path_);
  std::filesystem::path dir = target.parent_path().empty() ? "." : target.parent_path();
  std::string temp = (dir / ("." + target.filename().string() + ".accredit-XXXXXX")).string();
  if (temp.size() >= sizeof g_temp_path) return fmt::format("output path '{}' is too long", path);
  std::snprintf(g_temp_path, sizeof g_temp_path, "%s", temp.c_str());
  std::signal(SIGINT, RemoveTempAndExit);
  std::signal(SIGTERM, RemoveTempAndExit);
  fd_ = mkstemp(g_temp_path);
  if (fd_ < 0) {
    ForgetTemp();
    return error_ = fmt::format("cannot create '{}': {}", path, std::strerror(errno));
  }
  to_file_ = true;
  return "";
}

std::string OutputSink::Flush() {
  if (!error_.empty()) return error_;
  if (!WriteAll(fd_, buffer_)) return Failed("write");
  buffer_.clear();
  return "";
}

std::string OutputSink::Write(std::string_view text) {
  if (!error_.empty()) return error_;
  buffer_ += text;
  return buffer_.size() >= kBufferBytes ? Flush() : "";
}

std::string OutputSink::Rewind() {
  buffer_.clear();
  if (!error_.empty()) return error_;
  const auto start = static_cast<off_t>(to_file_ || spooled_ ? 0 : start_);
  // A device such as /dev/null cannot be truncated, and needs not be.
  if (::ftruncate(fd_, start) != 0 && errno != EINVAL) return Failed("rewind");
  if (::lseek(fd_, start, SEEK_SET) < 0) return Failed("rewind");
  return "";
}

std::string OutputSink::Commit() {
  if (std::string error = Flush(); !error.empty()) return error;
  if (spooled_) {
    if (::lseek(fd_, 0, SEEK_SET) < 0) return Failed("write");
    char block[1 << 16];
    for (;;) {
      ssize_t n = ::read(fd_, block, sizeof block);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return Failed("write");
      if (n == 0) break;
      if (!WriteAll(STDOUT_FILENO, std::string_view(block, static_cast<std::size_t>(n)))) {
        path_.clear();
        return Failed("write");
      }
    }
    ::close(fd_);
    fd_ = -1;
    return "";
  }
  if (!to_file_) return "";
  std::string error;
  fchmod(fd_, 0644);
  if (fsync(fd_) != 0) error = Failed("write");
  ::close(fd_);
  fd_ = -1;
  if (error.empty() && std::rename(g_temp_path, path_.c_str()) != 0) error = Failed("write");
  if (!error.empty()) unlink(g_temp_path);
  to_file_ = false;
  ForgetTemp();
  return error;
}

std::string WriteOutput(const std::string& path, const std::string& content) {
  OutputSink sink;
  if (std::string error = sink.Open(path, false); !error.empty()) return error;
  if (std::string error = sink.Write(content); !error.empty()) return error;
  return sink.Commit();
}

std::string_view FormatNameOfPath(std::string_view path) {
  const std::size_t slash = path.find_last_of('/');
  const std::size_t dot = path.rfind('.');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return "";
  const std::string extension = internal::LowerAscii(path.substr(dot + 1));
  static constexpr std::pair<std::string_view, std::string_view> kFormats[] = {
      {"html", "html"}, {"htm", "html"},  {"md", "markdown"}, {"markdown", "markdown"},
      {"csv", "csv"},   {"json", "json"}, {"jsonl", "jsonl"}, {"ndjson", "jsonl"},
      {"xml", "junit"}, {"xlsx", "xlsx"}, {"txt", "text"},
  };
  for (const auto& [ext, format] : kFormats) {
    if (extension == ext) return format;
  }
  return "";
}

}  // namespace accredit
