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

  // Every chunk's learner ids, in order.
  std::vector<std::string> all() const {
    std::vector<std::string> out;
    for (const auto& chunk : ids) out.insert(out.end(), chunk.begin(), chunk.end());
    return out;
  }
};

// Reads the rest of `stream` a chunk at a time, to its end or until its promise breaks; the
// diagnostics of each chunk settled go to `diagnostics`.
Streamed Drain(RecordStream& stream, Diagnostics& diagnostics) {
  Streamed out;
  RecordChunk chunk;
  while (stream.Next(chunk)) {
    Diagnostics local;
    ChunkRecords records = stream.Read(chunk, local, nullptr);
    out.accounting.Add(records.records.accounting);
    std::vector<std::string> ids;
    for (const Learner& learner : records.records.learners) ids.push_back(learner.id);
    out.ids.push_back(ids);
    if (!stream.Settle(records, local)) {
      out.settled = false;
      break;
    }
    diagnostics.Append(local);
  }
  return out;
}

// Reads `stream`, which must break its promise, until it does.
void BreakPromise(RecordStream& stream) {
  RecordChunk chunk;
  for (;;) {
    Diagnostics ignored;
    REQUIRE(stream.Next(chunk));
    ChunkRecords records = stream.Read(chunk, ignored, nullptr);
    if (!stream.Settle(records, ignored)) return;
  }
}

Streamed StreamAll(const std::string& path, const RuleSet& rules, std::size_t chunk_bytes) {
  SourceSet sources;
  Diagnostics diagnostics;
  ReadOptions options;
  auto stream = RecordStream::Open(path, rules, options, sources, diagnostics, chunk_bytes);
  REQUIRE(stream != nullptr);
  return Drain(*stream, diagnostics);
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
    const std::vector<std::string> all = streamed.all();
    CHECK(all.size() == 50);  // each learner in exactly one chunk
    CHECK(streamed.accounting.rows_read == streamed.accounting.rows_used);
    if (chunk_bytes == 1) CHECK(streamed.ids.size() == 50);  // one learner per chunk
  }
}

TEST_CASE("blank records and records without an id among a learner's rows stay with it") {
  SourceSet rule_sources;
  LoadResult loaded = LoadDefaultRules(rule_sources);
  REQUIRE(loaded.ok());
  // Blank lines (a workbook's blank rows) and a row without an id between L1's rows.
  const std::string first = std::string(kHeader) + Rows("L1", 2);
  const std::string text = first + "\n\n" + ",activity,,,,10,leadership-service,2026-03-20,\n" +
                           Rows("L1", 1) + "\n" + Rows("L2", 2);
  TempFile file(text);
  // Chunks of one record, and a chunk whose last whole record is a blank line.
  const std::size_t data = first.size() - std::string(kHeader).size();
  for (std::size_t chunk_bytes : {std::size_t{1}, data + 1, data + 2}) {
    CAPTURE(chunk_bytes);
    Streamed streamed = StreamAll(file.path, loaded.rules, chunk_bytes);
    CHECK(streamed.settled);
    CHECK(streamed.all() == std::vector<std::string>{"L1", "L2"});
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

// Streams `path` until its promise breaks, then starts it again grouped and streams it to the
// end (or until that promise breaks too).
Streamed StreamGrouped(const std::string& path, const RuleSet& rules, std::size_t chunk_bytes) {
  SourceSet sources;
  Diagnostics diagnostics;
  ReadOptions options;
  auto stream = RecordStream::Open(path, rules, options, sources, diagnostics, chunk_bytes);
  REQUIRE(stream != nullptr);
  BreakPromise(*stream);  // not ascending: the first promise breaks
  REQUIRE(stream->RestartGrouped());
  return Drain(*stream, diagnostics);
}

// Streams `path` until its promise breaks, then regroups it and streams that to the end.
struct Regrouped {
  bool regrouped = false;   // Regroup() gave a stream
  Streamed streamed;        // of the regrouped stream
  Diagnostics diagnostics;  // its chunks' (none: held back) then Finish()'s
};

Regrouped RegroupAll(const std::string& path, const RuleSet& rules, std::size_t chunk_bytes) {
  SourceSet sources;
  Diagnostics opened;
  ReadOptions options;
  auto stream = RecordStream::Open(path, rules, options, sources, opened, chunk_bytes);
  REQUIRE(stream != nullptr);
  BreakPromise(*stream);  // the input is not sorted: the promise breaks
  Regrouped out;
  stream = stream->Regroup(2);
  if (stream == nullptr) return out;
  out.regrouped = true;
  out.streamed = Drain(*stream, out.diagnostics);
  if (out.streamed.settled) stream->Finish(out.streamed.accounting, out.diagnostics);
  return out;
}

// The learner ids, and the diagnostics' codes and lines, of reading `path` whole.
std::vector<std::string> WholeIds(const std::string& path, const RuleSet& rules,
                                  Diagnostics& diagnostics) {
  SourceSet sources;
  ReadOptions options;
  RecordSet records = ReadRecordInputs({path}, rules, options, sources, diagnostics);
  std::vector<std::string> ids;
  for (const Learner& learner : records.learners) ids.push_back(learner.id);
  return ids;
}

std::vector<std::string> Where(const Diagnostics& diagnostics) {
  std::vector<std::string> out;
  for (const Diagnostic& d : diagnostics.items()) {
    out.push_back(d.code + "@" + std::to_string(d.location.line));
  }
  return out;
}

TEST_CASE("learners together but not ascending stream when started again grouped") {
  SourceSet rule_sources;
  LoadResult loaded = LoadDefaultRules(rule_sources);
  REQUIRE(loaded.ok());
  // Descending ids, each learner's rows together (a school export sorted by name, say).
  std::string text = kHeader;
  for (int i = 59; i >= 10; --i) text += Rows("L" + std::to_string(i), 1 + i % 5);
  TempFile file(text);
  Diagnostics whole_diagnostics;
  const std::vector<std::string> whole = WholeIds(file.path, loaded.rules, whole_diagnostics);
  REQUIRE(whole.size() == 50);
  for (std::size_t chunk_bytes : {std::size_t{1}, std::size_t{300}, std::size_t{1} << 20}) {
    CAPTURE(chunk_bytes);
    Streamed streamed = StreamGrouped(file.path, loaded.rules, chunk_bytes);
    CHECK(streamed.settled);
    const std::vector<std::string> all = streamed.all();
    CHECK(all == whole);
    CHECK(streamed.accounting.rows_read == streamed.accounting.rows_used);
  }
  // A learner whose rows come back in a later chunk breaks the grouped promise too.
  TempFile back(std::string(kHeader) + Rows("B2", 2) + Rows("A1", 2) + Rows("B2", 1));
  CHECK_FALSE(StreamGrouped(back.path, loaded.rules, 1).settled);
}

TEST_CASE("an unsorted input is regrouped: learners in order of first appearance") {
  SourceSet rule_sources;
  LoadResult loaded = LoadDefaultRules(rule_sources);
  REQUIRE(loaded.ok());
  // Learners' rows interleaved, quoted records over two lines, a duplicate row, a bad grade,
  // a row without an id and a blank line: each diagnostic must come in input order.
  std::string text = kHeader;
  for (int round = 0; round < 4; ++round) {
    for (int i = 30; i >= 10; i -= 4) text += Rows("L" + std::to_string(i), 1);
    text += "L18,qualification,gcse,mathematics,99,,,,\n";
    text += ",activity,,,,10,leadership-service,2026-03-20,\n\n";
    text += "L30,qualification,gcse,english-language,5,,,,\n";
  }
  TempFile file(text);
  Diagnostics whole_diagnostics;
  const std::vector<std::string> whole = WholeIds(file.path, loaded.rules, whole_diagnostics);
  REQUIRE(whole.size() == 6);
  REQUIRE(whole_diagnostics.items().size() > 6);
  for (std::size_t chunk_bytes : {std::size_t{1}, std::size_t{200}, std::size_t{1} << 20}) {
    CAPTURE(chunk_bytes);
    Regrouped regrouped = RegroupAll(file.path, loaded.rules, chunk_bytes);
    REQUIRE(regrouped.regrouped);
    CHECK(regrouped.streamed.settled);
    const std::vector<std::string> all = regrouped.streamed.all();
    CHECK(all == whole);
    CHECK(Where(regrouped.diagnostics) == Where(whole_diagnostics));
    if (chunk_bytes == 1) CHECK(regrouped.streamed.ids.size() >= 6);  // a learner per chunk
  }
}

TEST_CASE("a regrouped input with a byte order mark, CRLF and the learner column last") {
  SourceSet rule_sources;
  LoadResult loaded = LoadDefaultRules(rule_sources);
  REQUIRE(loaded.ok());
  std::string text = "\xef\xbb\xbfkind,hours,strand,date,learner\r\n";
  for (int round = 0; round < 3; ++round) {
    for (const char* id : {"C3", "A1", "B2"}) {
      text += "activity,1" + std::to_string(round) + ",leadership-service,2026-03-2" +
              std::to_string(round) + "," + id + "\r\n";
    }
  }
  TempFile file(text);
  Diagnostics whole_diagnostics;
  const std::vector<std::string> whole = WholeIds(file.path, loaded.rules, whole_diagnostics);
  REQUIRE(whole == std::vector<std::string>{"C3", "A1", "B2"});
  Regrouped regrouped = RegroupAll(file.path, loaded.rules, 1);
  REQUIRE(regrouped.regrouped);
  CHECK(regrouped.streamed.settled);
  const std::vector<std::string> all = regrouped.streamed.all();
  CHECK(all == whole);  // "C3", not "C3\r", and each learner once
  CHECK(regrouped.streamed.accounting.rows_used == 9);
}

TEST_CASE("a regrouped learner first seen later than the whole input sees it breaks the promise") {
  SourceSet rule_sources;
  LoadResult loaded = LoadDefaultRules(rule_sources);
  REQUIRE(loaded.ok());
  // The learner column is second; A's first row is faulted before it (in `kind`, a byte that
  // is neither UTF-8 nor Windows-1252), so reading the whole input first sees A after B.
  std::string text = "kind,learner,hours,strand,date\n";
  text += "activit\x81,A,10,leadership-service,2026-03-20\n";
  text += "activity,B,10,leadership-service,2026-03-20\n";
  text += "activity,A,12,leadership-service,2026-03-21\n";
  text += "activity,B,12,leadership-service,2026-03-21\n";
  TempFile file(text);
  Diagnostics whole_diagnostics;
  CHECK(WholeIds(file.path, loaded.rules, whole_diagnostics) == std::vector<std::string>{"B", "A"});
  Regrouped regrouped = RegroupAll(file.path, loaded.rules, 1 << 20);
  REQUIRE(regrouped.regrouped);
  CHECK_FALSE(regrouped.streamed.settled);
}

TEST_CASE("an input with a broken quote is not regrouped past it") {
  SourceSet rule_sources;
  LoadResult loaded = LoadDefaultRules(rule_sources);
  REQUIRE(loaded.ok());
  std::string text = std::string(kHeader) + Rows("B2", 1) + Rows("A1", 1) +
                     "A1,activity,,,,10,leadership-service,2026-03-20,\"never closed\n" +
                     Rows("B2", 1);
  TempFile file(text);
  Regrouped regrouped = RegroupAll(file.path, loaded.rules, 1 << 20);
  REQUIRE(regrouped.regrouped);
  CHECK_FALSE(regrouped.streamed.settled);
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

namespace accredit {
namespace {

// Each diagnostic's code, line and message.
std::vector<std::string> Said(const Diagnostics& diagnostics) {
  std::vector<std::string> out;
  for (const Diagnostic& d : diagnostics.items()) {
    out.push_back(d.code + "@" + std::to_string(d.location.line) + " " + d.message);
  }
  return out;
}

}  // namespace

TEST_CASE("a subject outside the vocabulary is warned of once per input, streamed or not") {
  SourceSet rule_sources;
  LoadResult loaded = LoadDefaultRules(rule_sources);
  REQUIRE(loaded.ok());
  // Sorted by learner: the same two unlisted subjects in many chunks, written differently, and
  // a first Klingon row that is rejected (its grade), so the warning is at the next one.
  std::string text = kHeader;
  text += "L10,qualification,gcse,Klingon,11,,,,\n";
  for (int i = 11; i < 40; ++i) {
    const std::string id = "L" + std::to_string(i);
    text += id + ",qualification,gcse," + (i % 2 == 0 ? "Klingon" : "KLINGON ") + ",5,,,,\n";
    if (i % 3 == 0) text += id + ",qualification,gcse,Underwater basketry,4,,,,\n";
  }
  TempFile file(text);
  Diagnostics whole;
  REQUIRE(WholeIds(file.path, loaded.rules, whole).size() == 30);
  const std::vector<std::string> expected = {
      "bad-grade@2 grade '11' is not on the gcse-9-1 scale (U, 1, 2, 3, 4, 5, 6, 7, 8, 9)",
      "unlisted-subject@3 subject 'KLINGON' is not in the rules' vocabulary: counted as its own "
      "subject",
      "unlisted-subject@5 subject 'Underwater basketry' is not in the rules' vocabulary: counted "
      "as its own subject",
  };
  CHECK(Said(whole) == expected);
  for (std::size_t chunk_bytes : {std::size_t{1}, std::size_t{200}, std::size_t{1} << 20}) {
    CAPTURE(chunk_bytes);
    Diagnostics streamed;
    SourceSet sources;
    ReadOptions options;
    auto stream =
        RecordStream::Open(file.path, loaded.rules, options, sources, streamed, chunk_bytes);
    REQUIRE(stream != nullptr);
    CHECK(Drain(*stream, streamed).settled);
    CHECK(Said(streamed) == expected);
  }
}

TEST_CASE("a regrouped input warns of an unlisted subject at its first row, as reading it whole") {
  SourceSet rule_sources;
  LoadResult loaded = LoadDefaultRules(rule_sources);
  REQUIRE(loaded.ok());
  // L30 comes first, but its Klingon row comes after L20's: the warning is at L20's row.
  std::string text = kHeader;
  text += "L30,qualification,gcse,mathematics,5,,,,\n";
  text += "L20,qualification,gcse,Klingon,5,,,,\n";
  text += "L30,qualification,gcse,klingon,4,,,,\n";
  text += "L10,qualification,gcse,KLINGON,4,,,,\n";
  TempFile file(text);
  Diagnostics whole;
  REQUIRE(WholeIds(file.path, loaded.rules, whole).size() == 3);
  REQUIRE(Where(whole) == std::vector<std::string>{"unlisted-subject@3"});
  for (std::size_t chunk_bytes : {std::size_t{1}, std::size_t{1} << 20}) {
    CAPTURE(chunk_bytes);
    Regrouped regrouped = RegroupAll(file.path, loaded.rules, chunk_bytes);
    REQUIRE(regrouped.regrouped);
    CHECK(regrouped.streamed.settled);
    CHECK(Said(regrouped.diagnostics) == Said(whole));
  }
}

}  // namespace accredit
