// Writing a run's output: to standard output, or to a file atomically (a temporary file in
// the same folder, renamed over the file only once everything is written), so a failed or
// interrupted run never leaves half a report (design.md section 6). For front ends that write
// files (the command line's --output); the library itself writes nothing.
//
// While a temporary file is open, SIGINT and SIGTERM remove it before the process ends (the
// handlers are installed by Open() and restored by Commit() or the destructor), so only one
// OutputSink writing a file may be open at a time.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace accredit {

// Output written a piece at a time. With `rewindable`, everything written can be taken back
// (Rewind) until Commit: validate streams a sorted input and, if the input proves unsorted,
// starts again. To a file, that is the temporary file; to standard output, standard output
// itself when it can seek (a file, /dev/null), else a spool file copied out at Commit.
class OutputSink {
 public:
  OutputSink() = default;
  OutputSink(const OutputSink&) = delete;
  OutputSink& operator=(const OutputSink&) = delete;
  ~OutputSink();  // without Commit: a temporary file is removed

  // `path` "" or "-": standard output. Each returns an error message, or "" on success.
  std::string Open(const std::string& path, bool rewindable);
  std::string Write(std::string_view text);
  std::string Rewind();
  std::string Commit();

 private:
  std::string Flush();
  std::string Failed(const char* what);

  std::string path_;         // as given ("" for standard output)
  int fd_ = -1;              // where writes go
  bool to_file_ = false;     // --output FILE: fd_ is the temporary file
  bool spooled_ = false;     // standard output through a spool file
  std::uint64_t start_ = 0;  // standard output's offset when opened
  std::string buffer_;
  std::string error_;
};

// Writes `content` to `path` ("" or "-": stdout). Returns an error message, or "" on success.
std::string WriteOutput(const std::string& path, const std::string& content);

// The output format a file name asks for by its extension, ignoring case: "html" (.html,
// .htm), "markdown" (.md, .markdown), "csv", "json", "jsonl" (.jsonl, .ndjson), "junit"
// (.xml), "xlsx", "text" (.txt); "" for any other name. Front ends use it when no format is
// given: `report -o report.html` writes HTML.
std::string_view FormatNameOfPath(std::string_view path);

}  // namespace accredit
