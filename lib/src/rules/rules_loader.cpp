#include "accredit/rules_loader.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <set>
#include <sstream>

#include "base/embedded_rules.h"
#include "base/untrusted_file.h"
#include "rules/load_context.h"
#include "rules/rules_parse.h"
#include "rules/yaml_tree.h"

namespace accredit {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kEmbeddedPrefix = "<rules>/";

// Where a rule file came from. Disk paths are canonical; embedded paths are relative to
// rules/; text sources have no place of their own.
struct FileRef {
  enum class Origin { kDisk, kEmbedded, kText } origin = Origin::kDisk;
  std::string path;
  std::string key() const { return (origin == Origin::kEmbedded ? "embedded:" : "disk:") + path; }
};

// Lexically normalises a '/'-separated relative path; returns false if it climbs above its
// start ("../x").
bool NormalizeRelative(std::string_view path, std::string& out) {
  std::vector<std::string> parts;
  std::stringstream stream{std::string(path)};
  std::string part;
  while (std::getline(stream, part, '/')) {
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (parts.empty()) return false;
      parts.pop_back();
      continue;
    }
    parts.push_back(part);
  }
  out.clear();
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? "/" : "") + parts[i];
  return true;
}

const internal::EmbeddedFile* FindEmbedded(std::string_view path) {
  for (const internal::EmbeddedFile& f : internal::EmbeddedRuleFiles()) {
    if (f.path == path) return &f;
  }
  return nullptr;
}

// How a file is named in diagnostics: "<rules>/P" when embedded, else relative to the working
// folder when below it, else its full path.
std::string DisplayName(const FileRef& ref) {
  if (ref.origin == FileRef::Origin::kEmbedded) return std::string(kEmbeddedPrefix) + ref.path;
  std::error_code ec;
  fs::path relative = fs::relative(ref.path, fs::current_path(ec), ec);
  if (ec || relative.empty() || relative.string().rfind("..", 0) == 0) return ref.path;
  return relative.string();
}

constexpr std::string_view kTestSuffix = ".test.yaml";

bool IsTestFile(const fs::path& path) { return path.filename().string().ends_with(kTestSuffix); }

// X.test.yaml for X.yaml, and X.yaml for X.test.yaml: the file beside `path` that pairs with it.
fs::path Partner(const fs::path& path) {
  std::string name = path.filename().string();
  if (name.ends_with(kTestSuffix)) {
    return path.parent_path() / (name.substr(0, name.size() - kTestSuffix.size()) + ".yaml");
  }
  return path.parent_path() / (path.stem().string() + std::string(kTestSuffix));
}

bool IsInside(const fs::path& path, const fs::path& root) {
  auto [root_end, unused] = std::mismatch(root.begin(), root.end(), path.begin(), path.end());
  (void)unused;
  return root_end == root.end();
}

class Loader {
 public:
  Loader(SourceSet& sources, const LoadOptions& options) : sources_(sources), options_(options) {
    for (const std::string& dir : options.library_dirs) AddRoot(dir);
  }

  void AddRoot(const fs::path& dir) {
    std::error_code ec;
    fs::path canonical = fs::canonical(dir, ec);
    if (!ec) roots_.push_back(canonical);
  }

  // A path named by the user: a file, a folder, or "<rules>/P".
  void LoadArgument(const std::string& arg) {
    if (arg.rfind(kEmbeddedPrefix, 0) == 0) {
      std::string rel;
      std::string_view wanted = std::string_view(arg).substr(kEmbeddedPrefix.size());
      if (!NormalizeRelative(wanted, rel) || FindEmbedded(rel) == nullptr) {
        Fail(fmt::format("no embedded rule file '{}'", wanted), "io-error", {});
        return;
      }
      LoadFile(FileRef{FileRef::Origin::kEmbedded, rel}, Location{});
      return;
    }
    std::error_code ec;
    fs::file_status status = fs::status(arg, ec);
    if (ec || !fs::exists(status)) {
      Fail(fmt::format("cannot read '{}': no such file or folder", arg), "io-error", {});
      return;
    }
    fs::path canonical = fs::canonical(arg, ec);
    if (fs::is_directory(status)) {
      roots_.push_back(canonical);
      std::vector<fs::path> files;
      std::vector<fs::path> tests;
      for (auto it = fs::recursive_directory_iterator(canonical, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        const fs::path& p = it->path();
        std::string name = p.filename().string();
        if (!it->is_regular_file() || p.extension() != ".yaml" || name.ends_with(".map.yaml") ||
            name.ends_with(".exceptions.yaml")) {
          continue;
        }
        if (!IsTestFile(p)) {
          files.push_back(p);
        } else if (options_.test_files) {
          tests.push_back(p);
        }
      }
      std::sort(files.begin(), files.end());
      std::sort(tests.begin(), tests.end());
      if (files.empty()) {
        Fail(fmt::format("no rule files (*.yaml) in folder '{}'", arg), "io-error", {});
      }
      for (const fs::path& f : files) LoadFile(FileRef{FileRef::Origin::kDisk, f.string()}, {});
      for (const fs::path& t : tests) AddTestFile(t, "");
      return;
    }
    roots_.push_back(canonical.parent_path());
    if (IsTestFile(canonical)) {
      if (!options_.test_files) {
        Fail(fmt::format("'{}' is a test file (example learners for 'accredit test'), not a rule "
                         "file",
                         arg),
             "not-rules", {});
        return;
      }
      // A test file brings the rule file it sits beside, as if that were named too.
      fs::path rules = Partner(canonical);
      if (fs::is_regular_file(rules, ec))
        LoadFile(FileRef{FileRef::Origin::kDisk, rules.string()}, {});
      AddTestFile(canonical, arg);
      return;
    }
    LoadFile(FileRef{FileRef::Origin::kDisk, canonical.string()}, Location{}, arg);
    if (options_.test_files && fs::is_regular_file(Partner(canonical), ec)) {
      AddTestFile(Partner(canonical), "");
    }
  }

  void LoadText(std::string name, std::string text) {
    SourceId id = sources_.Add(std::move(name), std::move(text));
    ParseSource(id, FileRef{FileRef::Origin::kText, {}});
  }

  LoadResult Finish() {
    internal::CheckRuleSet(result_.rules, result_.diagnostics);
    // Test files name a programme by id, so they are read once every rule file is in.
    for (const auto& [path, display] : test_files_) {
      FileRef ref{FileRef::Origin::kDisk, path.string()};
      std::optional<std::string> text = Read(ref, {}, "test file");
      if (!text) continue;
      SourceId id = sources_.Add(display.empty() ? DisplayName(ref) : display, std::move(*text));
      internal::ParseTestFile(id, sources_.Get(id).text, Limits(), result_.rules,
                              result_.diagnostics);
    }
    result_.diagnostics.SortByLocation();
    return std::move(result_);
  }

 private:
  internal::YamlLimits Limits() const {
    return internal::YamlLimits{options_.max_yaml_depth, options_.max_yaml_nodes};
  }

  // Queues a test file (canonical path) to be read by Finish(), once.
  void AddTestFile(const fs::path& path, std::string display) {
    for (const auto& queued : test_files_) {
      if (queued.first == path) return;
    }
    test_files_.emplace_back(path, std::move(display));
  }

  // Reads a file's text; nullopt (with a diagnostic) when it cannot be read.
  std::optional<std::string> Read(const FileRef& ref, const Location& from,
                                  std::string_view what = "rule file") {
    if (ref.origin == FileRef::Origin::kEmbedded) {
      return std::string(FindEmbedded(ref.path)->text);
    }
    internal::FileText file = internal::ReadUntrustedFile(ref.path, options_.max_file_bytes);
    switch (file.fault) {
      case internal::FileFault::kNone:
        return std::move(file.text);
      case internal::FileFault::kCannotOpen:
      case internal::FileFault::kFolder:
      case internal::FileFault::kNotRegular:
        Fail(fmt::format("cannot read '{}': not a regular file", ref.path), "io-error", from);
        return std::nullopt;
      case internal::FileFault::kTooLarge:
        Fail(fmt::format("{} '{}' is {} bytes, more than the limit of {}", what, ref.path,
                         file.size, options_.max_file_bytes),
             "too-large", from);
        return std::nullopt;
      case internal::FileFault::kGrew:
        Fail(fmt::format("{} '{}' grew past the limit of {} bytes while read", what, ref.path,
                         options_.max_file_bytes),
             "too-large", from);
        return std::nullopt;
      case internal::FileFault::kReadError:
        break;
    }
    Fail(fmt::format("cannot read '{}'", ref.path), "io-error", from);
    return std::nullopt;
  }

  void LoadFile(const FileRef& ref, const Location& from, const std::string& display = {}) {
    std::string key = ref.key();
    if (std::find(stack_.begin(), stack_.end(), key) != stack_.end()) {
      Fail(fmt::format("'{}' uses itself (through a cycle of uses)", DisplayName(ref)),
           "include-cycle", from);
      return;
    }
    if (!loaded_.insert(key).second) return;
    std::optional<std::string> text = Read(ref, from);
    if (!text) return;
    // The same file may reach us from disk and from the embedded library: load it once.
    if (!contents_.insert(std::hash<std::string>{}(*text)).second) return;
    std::string name = display.empty() ? DisplayName(ref) : display;
    SourceId id = sources_.Add(std::move(name), std::move(*text));
    stack_.push_back(key);
    ParseSource(id, ref);
    stack_.pop_back();
  }

  void ParseSource(SourceId id, const FileRef& ref) {
    result_.rules.files.push_back(id);
    internal::LoadContext context(id, result_.diagnostics);
    const std::string& text = sources_.Get(id).text;
    std::optional<internal::YamlNode> root =
        internal::ParseYaml(id, text, Limits(), result_.diagnostics);
    if (!root) return;
    if (root->IsNull()) {
      result_.diagnostics.Error("missing-key", "rule file is empty: it needs 'accredit: 1'",
                                Location{id, 0, 0, {}});
      return;
    }
    if (!context.CheckMap(
            *root, "a rule file",
            {"accredit", "about", "uses", "define", "roles", "strands", "subjects", "scales",
             "tables", "types", "framework", "programme", "values", "tiers", "tests"})) {
      return;
    }
    const internal::YamlNode* version = context.Require(*root, "accredit", "a rule file");
    if (version != nullptr &&
        !(version->IsScalar() && (version->value == "1" || version->value == "1.1"))) {
      context.Error(*version, "bad-version",
                    fmt::format("unsupported rule format version '{}': this accredit reads "
                                "versions 1 and 1.1",
                                version->IsScalar() ? version->value : "?"));
      return;
    }
    if (version != nullptr && version->value == "1.1") context.set_minor_version(1);
    internal::ExpandDefinitions(*root, context, Limits().max_nodes);
    if (const internal::YamlNode* about = root->Find("about")) context.Text(*about, "'about'");
    if (const internal::YamlNode* uses = root->Find("uses")) {
      if (auto paths = context.TextList(*uses, "'uses'", true)) {
        for (std::size_t i = 0; i < paths->size(); ++i) {
          const internal::YamlNode& at = uses->IsSequence() ? uses->items[i] : *uses;
          Use(ref, (*paths)[i], context.Loc(at));
        }
      }
    }
    internal::ParseVocabulary(*root, context, result_.rules);
    if (const internal::YamlNode* framework = root->Find("framework")) {
      internal::ParseFramework(*framework, context, result_.rules);
    }
    internal::ParseProgramme(*root, context, result_.rules);
  }

  // Resolves and loads one `uses` path named by the file `from_ref`.
  void Use(const FileRef& from_ref, const std::string& path, const Location& at) {
    if (path.empty() || path.front() == '/' || path.find('\\') != std::string::npos ||
        path.find(':') != std::string::npos) {
      Fail(fmt::format("'uses' path '{}' must be relative, with '/' between folders", path),
           "include-escape", at);
      return;
    }
    if (from_ref.origin == FileRef::Origin::kDisk) {
      fs::path candidate = fs::path(from_ref.path).parent_path() / path;
      std::error_code ec;
      if (fs::exists(candidate, ec)) {
        fs::path canonical = fs::canonical(candidate, ec);
        bool inside = false;
        for (const fs::path& root : roots_) inside = inside || IsInside(canonical, root);
        if (!inside) {
          Fail(fmt::format("'uses' path '{}' leads outside the allowed rule folders", path),
               "include-escape", at)
              .notes.push_back(Note{"rule files may only use files below the folders given on "
                                    "the command line or in ACCREDIT_RULES_PATH; name shared "
                                    "files by their place in the rules library instead, like "
                                    "'england/types.yaml'",
                                    {}});
          return;
        }
        LoadFile(FileRef{FileRef::Origin::kDisk, canonical.string()}, at);
        return;
      }
      for (const fs::path& root : roots_) {
        fs::path in_root = root / path;
        if (!fs::exists(in_root, ec)) continue;
        fs::path canonical = fs::canonical(in_root, ec);
        if (ec || !IsInside(canonical, root)) continue;
        LoadFile(FileRef{FileRef::Origin::kDisk, canonical.string()}, at);
        return;
      }
    }
    std::string relative;
    if (from_ref.origin == FileRef::Origin::kEmbedded) {
      std::string dir = from_ref.path.substr(0, from_ref.path.rfind('/') + 1);
      if (NormalizeRelative(dir + path, relative) && FindEmbedded(relative) != nullptr) {
        LoadFile(FileRef{FileRef::Origin::kEmbedded, relative}, at);
        return;
      }
    }
    if (!NormalizeRelative(path, relative)) {
      Fail(fmt::format("'uses' path '{}' leads outside the rules library", path), "include-escape",
           at);
      return;
    }
    if (options_.embedded_library && FindEmbedded(relative) != nullptr) {
      LoadFile(FileRef{FileRef::Origin::kEmbedded, relative}, at);
      return;
    }
    Diagnostic& d = Fail(fmt::format("cannot find rule file '{}' named in 'uses'", path),
                         "include-not-found", at);
    d.notes.push_back(
        Note{"looked beside the file that names it, in the rule folders given, "
             "and in the built-in rules library",
             {}});
  }

  Diagnostic& Fail(std::string message, DiagnosticCode code, const Location& location) {
    return result_.diagnostics.Error(code, std::move(message), location);
  }

  SourceSet& sources_;
  const LoadOptions& options_;
  LoadResult result_;
  std::vector<fs::path> roots_;
  std::set<std::string> loaded_;
  std::set<std::size_t> contents_;
  std::vector<std::string> stack_;
  std::vector<std::pair<fs::path, std::string>> test_files_;  // canonical path, display name
};

}  // namespace

LoadResult LoadRules(const std::vector<std::string>& paths, SourceSet& sources,
                     const LoadOptions& options) {
  Loader loader(sources, options);
  for (const std::string& path : paths) loader.LoadArgument(path);
  return loader.Finish();
}

LoadResult LoadRules(const std::vector<InputFile>& files, SourceSet& sources,
                     const LoadOptions& options) {
  Loader loader(sources, options);
  for (const InputFile& file : files) {
    if (file.text) {
      loader.LoadText(file.name, *file.text);
    } else {
      loader.LoadArgument(file.name);
    }
  }
  return loader.Finish();
}

LoadResult LoadRulesOrDefault(const std::vector<InputFile>& files, SourceSet& sources,
                              const LoadOptions& options) {
  if (files.empty()) return LoadDefaultRules(sources, options);
  return LoadRules(files, sources, options);
}

LoadResult LoadRulesFromText(std::string name, std::string text, SourceSet& sources,
                             const LoadOptions& options) {
  Loader loader(sources, options);
  loader.LoadText(std::move(name), std::move(text));
  return loader.Finish();
}

void LoadTestFileFromText(std::string name, std::string text, LoadResult& loaded,
                          SourceSet& sources, const LoadOptions& options) {
  SourceId id = sources.Add(std::move(name), std::move(text));
  internal::ParseTestFile(id, sources.Get(id).text,
                          internal::YamlLimits{options.max_yaml_depth, options.max_yaml_nodes},
                          loaded.rules, loaded.diagnostics);
  loaded.diagnostics.SortByLocation();
}

LoadResult LoadDefaultRules(SourceSet& sources, const LoadOptions& options) {
  return LoadRules({std::string(kEmbeddedPrefix) + std::string(kDefaultRulesFile)}, sources,
                   options);
}

std::vector<std::string> EmbeddedRulePaths() {
  std::vector<std::string> out;
  for (const internal::EmbeddedFile& f : internal::EmbeddedRuleFiles()) {
    // Column mappings ride along in rules/mappings/ but are not rule files.
    if (!std::string_view(f.path).ends_with(".map.yaml")) out.emplace_back(f.path);
  }
  return out;
}

std::optional<std::string_view> EmbeddedRuleText(std::string_view path) {
  for (const internal::EmbeddedFile& f : internal::EmbeddedRuleFiles()) {
    if (f.path == path) return f.text;
  }
  return std::nullopt;
}

}  // namespace accredit
