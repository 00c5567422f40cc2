// RecordStream: chunks end where a learner's rows end, read as the whole input reads, and the
// promise of sorted input is checked across chunks.
#include "accredit/record_stream.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "accredit/record_input.h"
#include "accredit/rules_loader.h"

namespace accredit {
namespace {

// A file that is removed at the end of the test.
struct TempFile {
  explicit TempFile(const std::string& text) {
    char name[] = "/tmp/accredit-stream-test-XXXXXX.csv";
    int fd = mkstemps(name, 4);
    REQUIRE(fd >= 0);
    REQUIRE(write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()));
    close(fd);
    path = name;
  }
  ~TempFile() { std::remove(path.c_str()); }
  std::string path;
};

struct Streamed {
  std::vector<std::vector<std::string>> ids;  // learner ids of each chunk
  bool settled = true;
  Accounting accounting;
};

Streamed StreamAll(const std::string& path, const RuleSet& rules, std::size_t chunk_bytes) {
  SourceSet sources;
  Diagnostics diagnostics;
  ReadOptions options;
  auto stream = RecordStream::Open(path, rules, options, sources, diagnostics, chunk_bytes);
  REQUIRE(stream != nullptr);
  Streamed out;
  RecordChunk chunk;
  while (stream->Next(chunk)) {
    ChunkRecords records = stream->Read(chunk, diagnostics);
    out.accounting.Add(records.records.accounting);
    std::vector<std::string> ids;
    for (const Learner& learner : records.records.learners) ids.push_back(learner.id);
    out.ids.push_back(ids);
    if (!stream->Settle(records, diagnostics)) {
      out.settled = false;
      break;
    }
  }
  return out;
}

const char* kHeader = "learner,kind,type,subject,grade,hours,strand,date,title\n";

std::string Rows(const std::string& id, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) {
    out += id + ",activity,,,,10,leadership-service,2026-03-2" + std::to_string(i % 9) +
           ",\"Mentor, \"\"week\"\" " + std::to_string(i) + "\nand more\"\n";
  }
  return out;
}

TEST_CASE("a sorted input streams in chunks that never split a learner") {
  SourceSet rule_sources;
  LoadResult loaded = LoadDefaultRules(rule_sources);
  REQUIRE(loaded.ok());
  std::string text = kHeader;
  for (int i = 10; i < 60; ++i) text += Rows("L" + std::to_string(i), 1 + i % 7);
  TempFile file(text);
  for (std::size_t chunk_bytes :
       {std::size_t{1}, std::size_t{50}, std::size_t{333}, std::size_t{4096}}) {
    CAPTURE(chunk_bytes);
    Streamed streamed = StreamAll(file.path, loaded.rules, chunk_bytes);
    CHECK(streamed.settled);
    std::vector<std::string> all;
    for (const auto& ids : streamed.ids) all.insert(all.end(), ids.begin(), ids.end());
    CHECK(all.size() == 50);  // each learner in exactly one chunk
    CHECK(streamed.accounting.rows_read == streamed.accounting.rows_used);
    if (chunk_bytes == 1) CHECK(streamed.ids.size() == 50);  // one learner per chunk
  }
}

TEST_CASE("a learner that comes back later breaks the promise") {
  SourceSet rule_sources;
  LoadResult loaded = LoadDefaultRules(rule_sources);
  REQUIRE(loaded.ok());
  TempFile file(std::string(kHeader) + Rows("A1", 2) + Rows("B2", 2) + Rows("A1", 1));
  Streamed streamed = StreamAll(file.path, loaded.rules, 1);
  CHECK_FALSE(streamed.settled);
  TempFile descending(std::string(kHeader) + Rows("B2", 2) + Rows("A1", 2));
  CHECK_FALSE(StreamAll(descending.path, loaded.rules, 1).settled);
  // Within one chunk, the same check holds.
  CHECK_FALSE(StreamAll(descending.path, loaded.rules, 1 << 20).settled);
}

TEST_CASE("inputs that cannot be streamed are left to the whole-input reader") {
  SourceSet rule_sources;
  LoadResult loaded = LoadDefaultRules(rule_sources);
  REQUIRE(loaded.ok());
  SourceSet sources;
  Diagnostics diagnostics;
  ReadOptions options;
  TempFile no_learner("kind,type\nactivity,\n");
  CHECK(RecordStream::Open(no_learner.path, loaded.rules, options, sources, diagnostics) ==
        nullptr);
  CHECK(RecordStream::Open("-", loaded.rules, options, sources, diagnostics) == nullptr);
  CHECK(RecordStream::Open("/no/such/file.csv", loaded.rules, options, sources, diagnostics) ==
        nullptr);
  CHECK(diagnostics.empty());  // the whole-input reader reports these
}

}  // namespace
}  // namespace accredit
