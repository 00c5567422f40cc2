// `accredit check`: rule files linted (and the test files beside them), and each programme held
// against the framework it names, as text for a person or JSON for a script.
#pragma once

#include <string>
#include <vector>

#include "accredit/diagnostic.h"
#include "accredit/rules.h"
#include "accredit/rules_loader.h"
#include "accredit/source.h"

namespace accredit {

struct ProgrammeCheck {
  const Programme* programme = nullptr;  // in RulesCheck::loaded
  // Its conformance findings (CheckConformance) and lint findings (LintProgramme).
  Diagnostics findings;
  bool conforms() const { return !findings.has_errors(); }
};

struct RulesCheck {
  LoadResult loaded;                       // the rules and the loader's diagnostics
  std::vector<ProgrammeCheck> programmes;  // empty when the rules are not valid
  std::size_t nonconforming = 0;
  // Every diagnostic: the loader's, then each programme's findings.
  Diagnostics AllDiagnostics() const;
};

// Loads `paths` (test files too: linted, not run) and checks each programme.
RulesCheck CheckRules(const std::vector<std::string>& paths, SourceSet& sources,
                      LoadOptions options = {});

// A line per programme (conforms, does not, names no framework) and a closing sentence, within
// 80 columns; or, for invalid rules, how many errors. The diagnostics are not in it.
std::string RulesCheckText(const RulesCheck& check);

// The JSON document of `accredit check --format json` (format_version 1), with the exit
// status the command gives.
std::string RulesCheckJson(const RulesCheck& check, const SourceSet& sources, int exit_status);

}  // namespace accredit
