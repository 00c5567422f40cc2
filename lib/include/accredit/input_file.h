// A file the library reads: named by its path, or given as bytes already in memory.
//
// Every input of a run (rule files, records, column mappings, exceptions files) can come either
// way: the command line names files; the browser page, which has no file system, hands over
// the bytes of the files dropped on it. A file named by path is opened by the library, safely
// (open, then check what was opened: base/untrusted_file.h), and its size bounded; bytes in
// memory are read as they are, under the same name in diagnostics.
#pragma once

#include <optional>
#include <string>
#include <utility>

namespace accredit {

struct InputFile {
  // name: a path ("-": standard input, where the input allows it), or, with `text`, the name
  // diagnostics show ("results.csv")
  std::string name;
  // text (none): the file's bytes, when already in memory; then nothing is opened
  std::optional<std::string> text;

  static InputFile Path(std::string path) { return InputFile{std::move(path), std::nullopt}; }
  static InputFile Bytes(std::string name, std::string text) {
    return InputFile{std::move(name), std::move(text)};
  }
  bool in_memory() const { return text.has_value(); }
};

}  // namespace accredit
