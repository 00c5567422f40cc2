#include "common.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <sstream>

namespace accredit::cli {

void AddGlobalOptions(CLI::App& app, GlobalOptions& options) {
  app.add_option("--color", options.color, "Colour diagnostics: auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  app.add_flag("-q,--quiet", options.quiet, "Print only errors and results, no summaries");
  app.add_option("--max-errors", options.max_errors,
                 "Stop listing diagnostics after this many (0: no limit)")
      ->capture_default_str();
  app.add_flag("--show-names", options.show_names,
               "Show the lines of learner records under diagnostics (they may hold names)");
}

bool UseColor(const GlobalOptions& options, std::FILE* stream) {
  if (options.color == "always") return true;
  if (options.color == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && no_color[0] != '\0') return false;
  return isatty(fileno(stream)) != 0;
}

void PrintDiagnostics(const Diagnostics& diagnostics, const SourceSet& sources,
                      const GlobalOptions& options) {
  HeldDiagnostics held(sources, options);
  held.Add(diagnostics);
  held.Print();
}

HeldDiagnostics::HeldDiagnostics(const SourceSet& sources, const GlobalOptions& options)
    : sources_(sources), options_(options) {}

void HeldDiagnostics::Add(const Diagnostics& diagnostics) {
  RenderOptions render;
  render.color = UseColor(options_, stderr);
  render.personal_lines = options_.show_names;
  for (const Diagnostic& d : diagnostics.items()) {
    if (options_.quiet && d.severity != Severity::kError) continue;
    if (options_.max_errors != 0 && shown_ >= options_.max_errors) {
      ++hidden_;
      continue;
    }
    text_ += Render(d, sources_, render);
    ++shown_;
  }
}

void HeldDiagnostics::Clear() {
  text_.clear();
  shown_ = 0;
  hidden_ = 0;
}

void HeldDiagnostics::Print() {
  std::fputs(text_.c_str(), stderr);
  if (hidden_ > 0) {
    std::fputs(fmt::format("accredit: {} more diagnostics not shown (raise --max-errors to see "
                           "them)\n",
                           hidden_)
                   .c_str(),
               stderr);
  }
  Clear();
}

LoadOptions LoadOptionsFromEnvironment() {
  LoadOptions options;
  if (const char* path = std::getenv("ACCREDIT_RULES_PATH")) {
    std::stringstream stream(path);
    std::string dir;
    while (std::getline(stream, dir, ':')) {
      if (!dir.empty()) options.library_dirs.push_back(dir);
    }
  }
  return options;
}

void Print(const std::string& text) { std::fwrite(text.data(), 1, text.size(), stdout); }

}  // namespace accredit::cli
