// What `accredit check` says of rule files: as text and as JSON.
#include "accredit/rules_check_report.h"

#include <fmt/format.h>

#include "accredit/conformance.h"
#include "accredit/json_writer.h"
#include "accredit/rules_lint.h"
#include "base/text_wrap.h"

namespace accredit {

Diagnostics RulesCheck::AllDiagnostics() const {
  Diagnostics all = loaded.diagnostics;
  for (const ProgrammeCheck& p : programmes) all.Append(p.findings);
  return all;
}

RulesCheck CheckRules(const std::vector<std::string>& paths, SourceSet& sources,
                      LoadOptions options) {
  options.test_files = true;
  RulesCheck check;
  check.loaded = LoadRules(paths, sources, options);
  if (!check.loaded.ok()) return check;
  for (const Programme& p : check.loaded.rules.programmes) {
    ProgrammeCheck& result = check.programmes.emplace_back();
    result.programme = &p;
    result.findings = CheckConformance(check.loaded.rules, p);
    result.findings.Append(LintProgramme(check.loaded.rules, p));
    check.nonconforming += result.conforms() ? 0u : 1u;
  }
  return check;
}

std::string RulesCheckText(const RulesCheck& check) {
  const std::size_t files = check.loaded.rules.files.size();
  const std::size_t test_files = check.loaded.rules.test_files.size();
  std::string file_count = fmt::format("{} rule file{}", files, files == 1 ? "" : "s");
  if (test_files > 0) {
    file_count += fmt::format(", {} test file{}", test_files, test_files == 1 ? "" : "s");
  }
  std::string out;
  if (!check.loaded.ok()) {
    const std::size_t errors = check.loaded.diagnostics.error_count();
    return fmt::format("{} error{} in {}: the rules are not valid\n", errors,
                       errors == 1 ? "" : "s", file_count);
  }
  for (const ProgrammeCheck& r : check.programmes) {
    const Programme& p = *r.programme;
    std::string line;
    if (p.framework == kNone) {
      line =
          fmt::format("{}: '{}' names no framework (not checked for accreditation)", p.id, p.title);
    } else if (!r.conforms()) {
      line = fmt::format("{}: '{}' does not conform to {} ({} finding{})", p.id, p.title,
                         p.framework_id, r.findings.error_count(),
                         r.findings.error_count() == 1 ? "" : "s");
    } else {
      line = fmt::format("{}: '{}' conforms to {}", p.id, p.title, p.framework_id);
    }
    internal::Wrap(out, line, 0, 80, 2);
  }
  internal::Wrap(
      out,
      fmt::format("checked {}, {} programme{}: {}", file_count, check.programmes.size(),
                  check.programmes.size() == 1 ? "" : "s",
                  check.nonconforming == 0 ? "all valid and conforming"
                                           : fmt::format("{} not conforming", check.nonconforming)),
      0, 80, 2);
  return out;
}

std::string RulesCheckJson(const RulesCheck& check, const SourceSet& sources, int exit_status) {
  JsonWriter json;
  json.BeginObject();
  json.Key("format_version").Int(1);
  json.Key("files").BeginArray();
  for (SourceId id : check.loaded.rules.files) json.String(sources.Get(id).name);
  json.EndArray();
  json.Key("test_files").BeginArray();
  for (SourceId id : check.loaded.rules.test_files) json.String(sources.Get(id).name);
  json.EndArray();
  json.Key("valid").Bool(check.loaded.ok());
  json.Key("diagnostics").BeginArray();
  for (const Diagnostic& d : check.loaded.diagnostics.items()) {
    WriteDiagnosticJson(json, d, sources);
  }
  json.EndArray();
  json.Key("programmes").BeginArray();
  for (const ProgrammeCheck& r : check.programmes) {
    json.BeginObject();
    json.Key("id").String(r.programme->id);
    json.Key("title").String(r.programme->title);
    json.Key("framework").String(r.programme->framework_id);
    json.Key("conforms").Bool(r.conforms());
    json.Key("findings").BeginArray();
    for (const Diagnostic& d : r.findings.items()) WriteDiagnosticJson(json, d, sources);
    json.EndArray();
    json.EndObject();
  }
  json.EndArray();
  json.Key("exit_status").Int(exit_status);
  json.EndObject();
  return json.str() + "\n";
}

}  // namespace accredit
