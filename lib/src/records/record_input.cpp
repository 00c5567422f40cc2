#include "accredit/record_input.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <optional>
#include <unordered_map>

#include "accredit/csv_records.h"
#include "accredit/json_reader.h"
#include "base/text.h"

namespace accredit {

namespace {

std::string ErrnoText(int error) {
  std::string text = std::strerror(error);
  if (!text.empty()) text[0] = internal::LowerAscii(text.substr(0, 1))[0];
  return text;
}

// Closes a file descriptor when it goes out of scope.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

// Reads `fd` to its end into `out`; false when it holds more than `limit` bytes (`out` then
// holds limit + 1 bytes) or on a read error (`error` set).
bool ReadAll(int fd, std::uint64_t limit, std::string& out, int& error) {
  char buffer[1 << 16];
  while (true) {
    ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got < 0) {
      if (errno == EINTR) continue;
      error = errno;
      return false;
    }
    if (got == 0) return true;
    out.append(buffer, static_cast<std::size_t>(got));
    if (out.size() > limit) return false;
  }
}

// An input's text, or the error that kept it from being read.
struct Input {
  std::string text;
  std::optional<DiagnosticCode> code;  // none when read
  std::string message;
  bool ok() const { return !code.has_value(); }
};

Input Fail(DiagnosticCode code, std::string message) {
  Input input;
  input.code = code;
  input.message = std::move(message);
  return input;
}

Input ReadInput(const std::string& path, const ReadOptions& options) {
  Input input;
  int error = 0;
  if (path == "-") {
    if (ReadAll(STDIN_FILENO, options.max_file_bytes, input.text, error)) return input;
    if (error != 0) {
      return Fail("io-error", fmt::format("cannot read standard input: {}", ErrnoText(error)));
    }
    return Fail("too-large",
                fmt::format("standard input holds more than {} bytes", options.max_file_bytes));
  }
  // O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever. The type is
  // checked on the open descriptor, so the file cannot be swapped between check and read.
  Fd fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
  if (fd.get() < 0) {
    return Fail("io-error", fmt::format("cannot read '{}': {}", path, ErrnoText(errno)));
  }
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0) {
    return Fail("io-error", fmt::format("cannot read '{}': {}", path, ErrnoText(errno)));
  }
  if (S_ISDIR(info.st_mode)) {
    return Fail("io-error", fmt::format("'{}' is a folder, not a records file", path));
  }
  if (!S_ISREG(info.st_mode)) {
    return Fail(
        "io-error",
        fmt::format("'{}' is not a regular file (a pipe, socket or device): save it first", path));
  }
  const auto size = static_cast<std::uint64_t>(info.st_size);
  if (size > options.max_file_bytes) {
    return Fail("too-large", fmt::format("'{}' is {} bytes, more than the limit of {}", path, size,
                                         options.max_file_bytes));
  }
  input.text.reserve(static_cast<std::size_t>(size));
  if (!ReadAll(fd.get(), options.max_file_bytes, input.text, error)) {
    return Fail(error != 0 ? DiagnosticCode("io-error") : DiagnosticCode("too-large"),
                error != 0 ? fmt::format("cannot read '{}': {}", path, ErrnoText(error))
                           : fmt::format("'{}' grew past the limit of {} bytes while read", path,
                                         options.max_file_bytes));
  }
  return input;
}

}  // namespace

RecordFormat DetectRecordFormat(std::string_view name, std::string_view text) {
  std::string lowered = internal::LowerAscii(name);
  if (lowered.ends_with(".csv")) return RecordFormat::kCsv;
  if (lowered.ends_with(".json") || lowered.ends_with(".jsonl") || lowered.ends_with(".ndjson")) {
    return RecordFormat::kJson;
  }
  if (text.starts_with("\xef\xbb\xbf")) text.remove_prefix(3);
  std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && (text[first] == '[' || text[first] == '{')) {
    return RecordFormat::kJson;
  }
  return RecordFormat::kCsv;
}

RecordSet ReadRecordText(SourceId source, std::string_view name, std::string_view text,
                         const RuleSet& rules, const ReadOptions& options,
                         Diagnostics& diagnostics) {
  if (DetectRecordFormat(name, text) == RecordFormat::kJson) {
    return ReadJsonRecords(source, text, rules, options, diagnostics);
  }
  return ReadCsvRecords(source, text, rules, options, diagnostics);
}

void MergeRecordSets(RecordSet& into, RecordSet&& more) {
  if (into.learners.empty()) {  // the first (often only) input: nothing to merge with
    std::uint64_t learners = more.learners.size();
    Accounting accounting = into.accounting;
    accounting.Add(more.accounting);
    into = std::move(more);
    into.accounting = accounting;
    into.accounting.learners = learners;
    return;
  }
  std::unordered_map<std::string, std::size_t> index;
  index.reserve(into.learners.size() + more.learners.size());
  for (std::size_t i = 0; i < into.learners.size(); ++i) index.emplace(into.learners[i].id, i);
  for (Learner& learner : more.learners) {
    auto [it, inserted] = index.emplace(learner.id, into.learners.size());
    if (inserted) {
      into.learners.push_back(std::move(learner));
      continue;
    }
    Learner& target = into.learners[it->second];
    for (Achievement& achievement : learner.achievements) {
      for (std::size_t f = 0; f < kFieldCount; ++f) {
        TextRef& ref = achievement.text[f];
        if (ref.length > 0) ref = target.Store(learner.Text(achievement, static_cast<Field>(f)));
      }
      target.achievements.push_back(std::move(achievement));
    }
    target.rejected_rows += learner.rejected_rows;
  }
  into.accounting.Add(more.accounting);
  into.accounting.learners = into.learners.size();
}

RecordSet ReadRecordInputs(const std::vector<std::string>& paths, const RuleSet& rules,
                           const ReadOptions& options, SourceSet& sources,
                           Diagnostics& diagnostics) {
  RecordSet out;
  for (const std::string& path : paths) {
    const std::string name = path == "-" ? "<stdin>" : path;
    Input input = ReadInput(path, options);
    if (!input.ok()) {
      diagnostics.Error(*input.code, input.message, Location{sources.AddName(name), 0, 0, {}});
      continue;
    }
    RecordSet records;
    if (input.text.size() <= kKeepSourceTextBytes) {
      SourceId id = sources.Add(name, std::move(input.text));
      records = ReadRecordText(id, name, sources.Get(id).text, rules, options, diagnostics);
    } else {
      records =
          ReadRecordText(sources.AddName(name), name, input.text, rules, options, diagnostics);
    }
    MergeRecordSets(out, std::move(records));
  }
  out.accounting.learners = out.learners.size();
  return out;
}

}  // namespace accredit
