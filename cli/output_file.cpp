#include "output_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace accredit::cli {

namespace {

// The temporary file being written, removed if a signal stops the run half way.
char g_temp_path[4096] = {0};

extern "C" void RemoveTempAndExit(int signal_number) {
  if (g_temp_path[0] != '\0') unlink(g_temp_path);
  std::signal(signal_number, SIG_DFL);
  std::raise(signal_number);
}

}  // namespace

std::string WriteOutput(const std::string& path, const std::string& content) {
  if (path.empty() || path == "-") {
    if (std::fwrite(content.data(), 1, content.size(), stdout) != content.size() ||
        std::fflush(stdout) != 0) {
      return fmt::format("cannot write to standard output: {}", std::strerror(errno));
    }
    return "";
  }
  std::filesystem::path target(path);
  std::filesystem::path dir = target.parent_path().empty() ? "." : target.parent_path();
  std::string temp = (dir / ("." + target.filename().string() + ".accredit-XXXXXX")).string();
  if (temp.size() >= sizeof g_temp_path) return fmt::format("output path '{}' is too long", path);
  std::snprintf(g_temp_path, sizeof g_temp_path, "%s", temp.c_str());
  std::signal(SIGINT, RemoveTempAndExit);
  std::signal(SIGTERM, RemoveTempAndExit);
  int fd = mkstemp(g_temp_path);
  if (fd < 0) {
    g_temp_path[0] = '\0';
    return fmt::format("cannot create '{}': {}", path, std::strerror(errno));
  }
  std::string error;
  std::size_t written = 0;
  while (written < content.size()) {
    ssize_t n = write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      error = fmt::format("cannot write '{}': {}", path, std::strerror(errno));
      break;
    }
    written += static_cast<std::size_t>(n);
  }
  fchmod(fd, 0644);
  if (error.empty() && fsync(fd) != 0) {
    error = fmt::format("cannot write '{}': {}", path, std::strerror(errno));
  }
  close(fd);
  if (error.empty() && std::rename(g_temp_path, path.c_str()) != 0) {
    error = fmt::format("cannot write '{}': {}", path, std::strerror(errno));
  }
  if (!error.empty()) unlink(g_temp_path);
  g_temp_path[0] = '\0';
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  return error;
}

}  // namespace accredit::cli
