// The browser page's session: the files dropped on the page, the rules chosen or edited, and
// what the library made of them, held between the page's calls.
//
// The page (web/page/app.js and the modules it imports) talks to one Session through the embind
// binding (bindings.cpp), passing files as bytes and getting back JSON or HTML text. Everything
// here calls the library's workflow (accredit/workflow.h) and its renderers as the command line
// does, so the page and `accredit report`, `explain --format html` and `transcript` give the same
// answers: the session only holds state and turns results into JSON for the page. It is plain C++
// (no emscripten in it), and never prints or throws.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "accredit/cohort_report.h"
#include "accredit/fix_list.h"
#include "accredit/input_file.h"
#include "accredit/workflow.h"

namespace accredit::web {

// The options of a run, as the page's form gives them.
struct RunOptions {
  std::string award;  // "": the only programme the rules define
  std::string as_of;  // "": today's rules; else a date as --as-of takes it
  bool predicted = false;
  // Records files larger than this, together, are streamed (StreamedRun()); 0: the default.
  // A workbook counts three times its size (its sheets are compressed).
  std::size_t stream_above = 0;
};

// The learners the dashboard lists in each of its tables of single learners (those one part
// short of the next tier; who changes in a what-if): ReportOptions::learners_listed.
inline constexpr std::size_t kDashboardLearners = 30;

// Above this many bytes of records, a run is streamed: about 25,000 learners of a typical
// export, whose report, explanations and what-if would hold every learner in the page's memory.
inline constexpr std::size_t kStreamAboveBytes = 20u << 20;

class Session {
 public:
  Session();
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Files, each under the name diagnostics show. Records: CSV, TSV, JSON, JSON lines or a
  // workbook (.xlsx), told apart by the name's extension and content as on the command line.
  void AddRecords(std::string name, std::string bytes);
  // A column mapping (accredit-map: 1) to choose from by each input's header (--map).
  void AddMap(std::string name, std::string bytes);
  // An assessor exceptions file (accredit-exceptions: 1), applied as --exceptions applies it.
  void AddExceptions(std::string name, std::string text);
  // Forgets every records, mapping and exceptions file (and what was made of them).
  void ClearInputs();
  // Forgets the mappings only (a proposal confirmed again replaces them).
  void ClearMaps() { maps_.clear(); }
  // The rules: the school's own files, or none for the shipped programme `path` (relative to
  // rules/, "nbt/foxwood-sixth-form.yaml"); empty: the default programme.
  void AddRules(std::string name, std::string text);
  void UseShippedRules(std::string path);
  // Back to the default programme: no rule files of the school's, no shipped path.
  void ClearRules() {
    rules_.clear();
    shipped_.clear();
  }
  // The baseline of a what-if: the rules as they were (files, or a shipped path); the next
  // Run() compares against them, as report --baseline does. ClearBaseline() ends the what-if.
  void AddBaselineRules(std::string name, std::string text);
  void UseShippedBaseline(std::string path);
  void ClearBaseline();

  // Reads every records file and evaluates every learner (the report's dashboard included).
  // Returns JSON: {"ok", "streamed", "failure", "diagnostics": [...], "learners", "tiers":
  // [{"id", "title", "learners"}], "none", "errors", "predicted", "accounting": {...},
  // "refused": [...], "fixes", "changed" (with a baseline), "list": [{"id", "name", "tier",
  // "tierTitle", "grade", "provisional", "close" (one part short of the next tier), "before",
  // "after"}]}. "ok" is false when nothing could be evaluated.
  //
  // Records larger than RunOptions::stream_above are streamed instead (Workflow::Run, as
  // `validate` reads them, in bounded memory): "streamed" is true, the counts and accounting
  // are given but no list, and afterwards only OutcomesCsv() and FixListCsv() have anything
  // to give; a baseline is not compared. The records files are used up (moved, not copied):
  // add them again before the next Run().
  std::string Run(const RunOptions& options);

  // After a Run() that was ok (else ""):
  // The page's dashboard: the cohort report without its learner table and sections (the page
  // lists and explains learners itself); links to a learner are "#learner-ID" (LearnerAnchor).
  std::string DashboardHtml() const;
  // The cohort report as `report --format html` writes it (with --baseline in a what-if), each
  // learner's section and next steps included: built again, for a download.
  std::string ReportHtml() const;
  // The cohort report as a workbook (`report --format xlsx`); empty on failure.
  std::string ReportWorkbook() const;
  // Every learner's outcome as `validate --format csv` writes it.
  std::string OutcomesCsv() const;
  // The fix list (`--fix-list`): every row and input that could not be read.
  std::string FixListCsv() const;
  // One learner, as `explain --learner ID --format html` and `transcript` draw them; "" for
  // an id not read.
  std::string ExplainHtml(const std::string& learner) const;
  std::string TranscriptHtml(const std::string& learner) const;
  // Every learner's transcript in one page to print (transcripts.html).
  std::string TranscriptsHtml() const;

  // Proposes a column mapping for the records files added, as `accredit map` does, against
  // the rules chosen. JSON: {"mappings": [{"yaml", "inputs", "rows", "learners",
  // "rejected"}], "notes": [...], "problems": [{"input", "message"}], "diagnostics": [...]}.
  std::string ProposeMaps() const;

 private:
  std::vector<InputFile> RulesFiles() const;
  WorkflowOptions MakeWorkflowOptions(const RunOptions& options) const;
  std::string StreamedRun(const RunOptions& options);
  bool Evaluated() const { return workflow_ != nullptr && report_.has_value(); }

  std::vector<InputFile> records_;
  std::vector<InputFile> maps_;
  std::vector<InputFile> exceptions_;
  std::vector<InputFile> rules_;     // the school's files; empty: shipped_
  std::string shipped_;              // "": the default programme
  std::vector<InputFile> baseline_;  // a what-if's old rules, when given
  std::string error_json_;
  std::unique_ptr<Workflow> workflow_;
  std::unique_ptr<FixList> fixes_;
  std::optional<Report> report_;
  std::string streamed_csv_;  // a streamed run's outcomes (validate --format csv)
};

// Loads rule files (a name and text each, as the page's editor holds them) and checks them as
// `accredit check` does, for diagnostics shown at the line as the user types, each programme
// held against the framework it names (CheckConformance). JSON: {"ok", "diagnostics": [...],
// "programmes": [{"id", "title", "framework", "conforms", "findings": [...]}]}.
std::string CheckRules(const std::vector<InputFile>& files);

// The shipped rule files the page offers: JSON [{"path", "programmes": [{"id", "title"}]}],
// the default programme's file first; and the text of one of them ("" if none).
std::string ShippedRules();
std::string ShippedRuleText(const std::string& path);

// The library's version.
std::string Version();

}  // namespace accredit::web
