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
  RenderOptions render;
  render.color = UseColor(options, stderr);
  std::size_t shown = 0;
  std::size_t hidden = 0;
  for (const Diagnostic& d : diagnostics.items()) {
    if (options.quiet && d.severity != Severity::kError) continue;
    if (options.max_errors != 0 && shown >= options.max_errors) {
      ++hidden;
      continue;
    }
    std::string text = Render(d, sources, render);
    std::fputs(text.c_str(), stderr);
    ++shown;
  }
  if (hidden > 0) {
    std::fputs(fmt::format("accredit: {} more diagnostics not shown (raise --max-errors to see "
                           "them)\n",
                           hidden)
                   .c_str(),
               stderr);
  }
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

LoadResult LoadRulesOrDefault(const std::vector<std::string>& paths, SourceSet& sources) {
  LoadOptions options = LoadOptionsFromEnvironment();
  if (paths.empty()) return LoadDefaultRules(sources, options);
  return LoadRules(paths, sources, options);
}

void Print(const std::string& text) { std::fwrite(text.data(), 1, text.size(), stdout); }

}  // namespace accredit::cli
