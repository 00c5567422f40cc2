// Opening an untrusted file: open first, then check what was opened, so a file swapped for a
// FIFO, a folder or a bigger file between a check and the read is never read by mistake.
#include "base/untrusted_file.h"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace accredit::internal {
namespace {

// A scratch folder, removed at the end of the test.
struct ScratchDir {
  ScratchDir() {
    std::string pattern = std::filesystem::temp_directory_path() / "accredit-open-XXXXXX";
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    path = pattern;
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  std::string File(const std::string& name, const std::string& text) const {
    std::string file = path + "/" + name;
    std::ofstream(file, std::ios::binary) << text;
    return file;
  }
  std::string path;
};

std::string g_swap_from;  // what the hook renames over the path just opened

void SwapAfterOpen(const std::string& path) {
  REQUIRE(std::rename(g_swap_from.c_str(), path.c_str()) == 0);
}

TEST_CASE("a regular file is read whole, within its bound") {
  ScratchDir dir;
  const std::string file = dir.File("a.csv", "learner\nF1\n");
  FileText text = ReadUntrustedFile(file, 1024);
  CHECK(text.ok());
  CHECK(text.text == "learner\nF1\n");
  CHECK(text.size == 11);

  text = ReadUntrustedFile(file, 10);
  CHECK(text.fault == FileFault::kTooLarge);
  CHECK(text.size == 11);
  CHECK(text.text.empty());
}

TEST_CASE("a folder, a FIFO and a missing file are refused without blocking") {
  ScratchDir dir;
  CHECK(ReadUntrustedFile(dir.path, 1024).fault == FileFault::kFolder);
  const std::string fifo = dir.path + "/cohort.fifo";
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  // No writer: a blocking open would wait here forever.
  CHECK(ReadUntrustedFile(fifo, 1024).fault == FileFault::kNotRegular);
  FileText missing = ReadUntrustedFile(dir.path + "/missing.csv", 1024);
  CHECK(missing.fault == FileFault::kCannotOpen);
  CHECK(ErrnoText(missing.error) == "no such file or directory");
}

TEST_CASE("a file swapped for a FIFO after it is opened is still the file that was opened") {
  ScratchDir dir;
  const std::string file = dir.File("rules.yaml", "accredit: 1\n");
  g_swap_from = dir.path + "/swap.fifo";
  REQUIRE(mkfifo(g_swap_from.c_str(), 0600) == 0);
  SetOpenedHookForTesting(&SwapAfterOpen);
  FileText text = ReadUntrustedFile(file, 1024);
  SetOpenedHookForTesting(nullptr);
  // The path now names the FIFO, but what was opened and checked was the file.
  struct stat info {};
  REQUIRE(::stat(file.c_str(), &info) == 0);
  CHECK(S_ISFIFO(info.st_mode));
  CHECK(text.ok());
  CHECK(text.text == "accredit: 1\n");
}

TEST_CASE("a FIFO swapped in for a file before it is opened is refused, not waited on") {
  ScratchDir dir;
  const std::string file = dir.File("map.yaml", "accredit-map: 1\n");
  const std::string fifo = dir.path + "/swap.fifo";
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  REQUIRE(std::rename(fifo.c_str(), file.c_str()) == 0);
  CHECK(ReadUntrustedFile(file, 1024).fault == FileFault::kNotRegular);
  // A folder in its place likewise.
  std::filesystem::remove(file);
  std::filesystem::create_directory(file);
  CHECK(ReadUntrustedFile(file, 1024).fault == FileFault::kFolder);
}

TEST_CASE("an opened file keeps its descriptor and size for a reader that streams it") {
  ScratchDir dir;
  const std::string file = dir.File("big.csv", std::string(5000, 'x'));
  OpenedFile opened = OpenUntrustedFile(file, UINT64_MAX);
  REQUIRE(opened.ok());
  CHECK(opened.size == 5000);
  CHECK(opened.fd.get() >= 0);
  CHECK(OpenUntrustedFile(file, 4999).fault == FileFault::kTooLarge);
}

}  // namespace
}  // namespace accredit::internal
