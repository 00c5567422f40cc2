// The workflow: one way to evaluate a cohort, whichever way the input is read (streamed,
// started again grouped, regrouped, whole), from files or from bytes in memory, each input with
// its own column mapping.
#include "accredit/workflow.h"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "accredit/outcome_format.h"

namespace accredit {
namespace {

std::string ReadSource(const std::string& relative) {
  std::ifstream in(std::string(ACCREDIT_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// What a run gave: learner ids with their tier and grade, in the order consumed, and every
// diagnostic's code.
struct Collected {
  std::vector<std::string> learners;
  std::vector<std::string> codes;
  int restarts = 0;
  bool streamed = false;  // progress was reported: only a streamed read reports it
  CohortTotals totals;
  bool prepared = false;
  std::string failure;
};

std::string Describe(const Learner& learner, const Outcome& outcome, const Programme& programme) {
  std::string tier =
      outcome.tier == kNone ? "none" : programme.tiers[static_cast<std::size_t>(outcome.tier)].id;
  return learner.id + ":" + tier + ":" + outcome.grade + (outcome.data_error ? ":error" : "");
}

Collected RunCohort(WorkflowOptions options, std::vector<CohortInput> inputs,
                    bool can_restart = true) {
  Collected out;
  Workflow workflow([&](const Diagnostics& diagnostics, const SourceSet&) {
    for (const Diagnostic& d : diagnostics.items()) out.codes.push_back(d.code);
  });
  out.prepared = workflow.Prepare(std::move(options), std::move(inputs));
  out.failure = workflow.failure();
  if (!out.prepared) return out;
  std::vector<std::string> held;
  CohortCallbacks callbacks;
  callbacks.render = [&](CohortBatch& batch) {
    for (std::size_t i = 0; i < batch.learners.size(); ++i) {
      batch.rendered += Describe(batch.learners[i], batch.outcomes[i], workflow.programme()) + "\n";
    }
  };
  callbacks.consume = [&](CohortBatch& batch) {
    std::istringstream lines(batch.rendered);
    for (std::string line; std::getline(lines, line);) out.learners.push_back(line);
  };
  callbacks.provisional = [&](const Diagnostics& diagnostics) {
    for (const Diagnostic& d : diagnostics.items()) held.push_back(d.code);
  };
  callbacks.restart = [&] {
    ++out.restarts;
    out.learners.clear();
    held.clear();
    return can_restart;
  };
  callbacks.progress = [&](std::uint64_t, std::uint64_t, std::uint64_t) { out.streamed = true; };
  out.totals = workflow.Run(callbacks);
  out.codes.insert(out.codes.end(), held.begin(), held.end());
  return out;
}

WorkflowOptions Options(unsigned jobs, std::size_t chunk_bytes) {
  WorkflowOptions options;
  options.jobs = jobs;
  options.chunk_bytes = chunk_bytes;
  options.load.embedded_library = true;
  return options;
}

// The cohort with its learners' rows in a given order: sorted by id, grouped (each learner's
// rows together, learners in reverse), or shuffled (rows of one learner apart).
std::string Reordered(const std::string& csv, const std::string& order) {
  std::istringstream in(csv);
  std::string header;
  std::getline(in, header);
  std::vector<std::string> rows;
  for (std::string line; std::getline(in, line);) rows.push_back(line);
  if (order == "grouped") {
    std::stable_sort(rows.begin(), rows.end(), [](const std::string& a, const std::string& b) {
      return a.substr(0, a.find(',')) > b.substr(0, b.find(','));
    });
  } else if (order == "shuffled") {
    std::vector<std::string> odd;
    std::vector<std::string> even;
    for (std::size_t i = 0; i < rows.size(); ++i) (i % 2 == 0 ? even : odd).push_back(rows[i]);
    rows = even;
    rows.insert(rows.end(), odd.begin(), odd.end());
  }
  std::string out = header + "\n";
  for (const std::string& row : rows) out += row + "\n";
  return out;
}

std::vector<std::string> Sorted(std::vector<std::string> lines) {
  std::sort(lines.begin(), lines.end());
  return lines;
}

TEST_CASE("a cohort in memory gives the same outcomes however it is read and on any threads") {
  const std::string cohort = ReadSource("examples/sixth-form/cohort.csv");
  const Collected whole =
      RunCohort(Options(1, 0), {CohortInput{InputFile::Bytes("cohort.csv", cohort), {}}});
  REQUIRE(whole.prepared);
  REQUIRE(whole.learners.size() == 25);
  CHECK(whole.restarts == 0);
  CHECK_FALSE(whole.streamed);
  CHECK(whole.totals.accounting.learners == 25);
  CHECK(whole.totals.accounting.rows_read ==
        whole.totals.accounting.rows_used + whole.totals.accounting.rows_rejected);
  CHECK(whole.learners.front().rfind("F0001:advanced", 0) == 0);

  for (unsigned jobs : {1u, 2u, 3u}) {
    for (std::size_t chunk : {std::size_t{64}, std::size_t{1000}, kDefaultChunkBytes}) {
      CAPTURE(jobs);
      CAPTURE(chunk);
      const Collected streamed = RunCohort(
          Options(jobs, chunk), {CohortInput{InputFile::Bytes("cohort.csv", cohort), {}}});
      CHECK(streamed.restarts == 0);
      CHECK(streamed.streamed);
      CHECK(streamed.learners == whole.learners);
      CHECK(streamed.totals.accounting.rows_read == whole.totals.accounting.rows_read);
      CHECK(streamed.codes == whole.codes);
    }
  }
}

TEST_CASE("an input that proves unsorted is started again, and every learner comes out once") {
  const std::string cohort = ReadSource("examples/sixth-form/cohort.csv");
  const Collected sorted =
      RunCohort(Options(2, 0), {CohortInput{InputFile::Bytes("cohort.csv", cohort), {}}});
  for (const char* order : {"grouped", "shuffled"}) {
    CAPTURE(order);
    const std::string text = Reordered(cohort, order);
    const Collected whole =
        RunCohort(Options(2, 0), {CohortInput{InputFile::Bytes("c.csv", text), {}}});
    const Collected streamed =
        RunCohort(Options(2, 200), {CohortInput{InputFile::Bytes("c.csv", text), {}}});
    CHECK(streamed.restarts >= 1);
    CHECK(streamed.streamed);
    // In the order of first appearance, as the whole read gives them.
    CHECK(streamed.learners == whole.learners);
    CHECK(Sorted(streamed.learners) == Sorted(sorted.learners));
    CHECK(streamed.totals.accounting.rows_read == sorted.totals.accounting.rows_read);
  }
}

TEST_CASE("a front end that cannot take back what it consumed stops the run") {
  const std::string text = Reordered(ReadSource("examples/sixth-form/cohort.csv"), "shuffled");
  const Collected run =
      RunCohort(Options(1, 200), {CohortInput{InputFile::Bytes("c.csv", text), {}}}, false);
  CHECK(run.restarts == 1);
  CHECK(run.totals.stopped);
}

TEST_CASE("each input is read with its own column mapping and learners are merged by id") {
  WorkflowOptions options = Options(2, kDefaultChunkBytes);
  options.rules = {
      InputFile::Path(std::string(ACCREDIT_SOURCE_DIR) + "/rules/nbt/ashdown-ks4.yaml")};
  const InputFile map =
      InputFile::Path(std::string(ACCREDIT_SOURCE_DIR) + "/rules/mappings/sims-results.map.yaml");
  const InputFile results =
      InputFile::Bytes("results.csv", ReadSource("examples/messy-export/results.csv"));
  const InputFile activities =
      InputFile::Bytes("activities.json", ReadSource("examples/messy-export/activities.json"));
  const Collected own =
      RunCohort(options, {CohortInput{results, map}, CohortInput{activities, {}}});
  REQUIRE(own.prepared);
  // The same mapping for both, as --map gives it: it does no harm to the canonical JSON.
  const Collected shared =
      RunCohort(options, {CohortInput{results, map}, CohortInput{activities, map}});
  CHECK(own.learners.size() == 6);
  CHECK(own.learners == shared.learners);
  CHECK(own.totals.accounting.rows_read == shared.totals.accounting.rows_read);
  // Without a mapping given, the shipped SIMS mapping fits the export's header and is chosen.
  const Collected chosen =
      RunCohort(options, {CohortInput{results, {}}, CohortInput{activities, {}}});
  CHECK(chosen.learners == own.learners);
  CHECK(std::find(chosen.codes.begin(), chosen.codes.end(), "mapping-chosen") !=
        chosen.codes.end());
  // Without the shipped mappings the SIMS export has no learner column: nothing of it is read.
  options.shipped_maps = false;
  const Collected unmapped =
      RunCohort(options, {CohortInput{results, {}}, CohortInput{activities, {}}});
  CHECK(std::find(unmapped.codes.begin(), unmapped.codes.end(), "missing-column") !=
        unmapped.codes.end());
  CHECK(unmapped.totals.read_errors);
}

TEST_CASE("rules, mappings and exceptions can be bytes in memory") {
  WorkflowOptions options = Options(1, 0);
  options.rules = {
      InputFile::Bytes("foxwood.yaml", ReadSource("rules/nbt/foxwood-sixth-form.yaml"))};
  options.exceptions = {InputFile::Bytes(
      "foxwood.exceptions.yaml", ReadSource("examples/exceptions/foxwood.exceptions.yaml"))};
  const Collected run = RunCohort(
      options,
      {CohortInput{InputFile::Bytes("cohort.csv", ReadSource("examples/exceptions/cohort.csv")),
                   {}}});
  REQUIRE(run.prepared);
  CHECK_FALSE(run.learners.empty());

  WorkflowOptions broken = Options(1, 0);
  broken.exceptions = {
      InputFile::Bytes("x.exceptions.yaml", "accredit-exceptions: 1\nexceptions: [")};
  CHECK_FALSE(RunCohort(broken, {}).prepared);

  WorkflowOptions bad_map = Options(1, 0);
  const Collected mapped = RunCohort(
      bad_map, {CohortInput{InputFile::Bytes("c.csv", "learner\n"),
                            InputFile::Bytes("m.map.yaml", "accredit-map: 1\ncolumns: [")}});
  CHECK_FALSE(mapped.prepared);
  CHECK_FALSE(mapped.codes.empty());
}

// `utf8` in Windows-1252 (every character of it must be in Latin-1).
std::string Windows1252(const std::string& utf8) {
  std::string out;
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    const auto c = static_cast<unsigned char>(utf8[i]);
    if (c < 0x80) {
      out += utf8[i];
    } else {
      out += static_cast<char>(((c & 0x1F) << 6) | (static_cast<unsigned char>(utf8[++i]) & 0x3F));
    }
  }
  return out;
}

// `utf8` (Latin-1 characters only) as Excel's "Unicode text": UTF-16LE with a byte order
// mark, tab-separated.
std::string UnicodeText(const std::string& utf8) {
  std::string latin1 = Windows1252(utf8);
  std::string out = "\xff\xfe";
  for (char c : latin1) {
    out += c == ',' ? '\t' : c;
    out += '\0';
  }
  return out;
}

TEST_CASE(
    "the same records saved as CSV UTF-8, plain CSV and Unicode text give the same outcomes") {
  std::string cohort = ReadSource("examples/sixth-form/cohort.csv");
  // Titles and providers with accents, as a school's export has them.
  cohort.replace(0, cohort.find('\n'), cohort.substr(0, cohort.find('\n')) + ",title,provider");
  std::string rows;
  std::istringstream lines(cohort);
  std::string line;
  std::getline(lines, line);
  rows = line + "\n";
  for (int i = 0; std::getline(lines, line); ++i) {
    rows += line + (i % 3 == 0 ? ",Caf\xc3\xa9 club,\xc3\x89"
                                 "cole d'\xc3\xa9t\xc3\xa9\n"
                               : ",,\n");
  }
  const Collected utf8 =
      RunCohort(Options(2, kDefaultChunkBytes), {CohortInput{InputFile::Bytes("c.csv", rows), {}}});
  REQUIRE(utf8.learners.size() == 25);
  CHECK(std::find(utf8.codes.begin(), utf8.codes.end(), "assumed-encoding") == utf8.codes.end());
  for (const auto& [name, bytes] :
       {std::pair{"plain CSV", Windows1252(rows)}, std::pair{"Unicode text", UnicodeText(rows)}}) {
    CAPTURE(name);
    REQUIRE(bytes != rows);
    const Collected other = RunCohort(Options(2, kDefaultChunkBytes),
                                      {CohortInput{InputFile::Bytes("c.txt", bytes), {}}});
    CHECK(other.learners == utf8.learners);
    CHECK(other.totals.accounting.rows_used == utf8.totals.accounting.rows_used);
    CHECK(std::count(other.codes.begin(), other.codes.end(), "assumed-encoding") == 1);
  }
}

TEST_CASE("a workbook gives the same outcomes as the CSV it was made from, a sheet by name") {
  const Collected csv = RunCohort(
      Options(2, kDefaultChunkBytes),
      {CohortInput{InputFile::Bytes("c.csv", ReadSource("examples/sixth-form/cohort.csv")), {}}});
  const std::string path = std::string(ACCREDIT_SOURCE_DIR) + "/examples/sixth-form/cohort.xlsx";
  for (const std::string& name : {path, path + "#Results"}) {
    CAPTURE(name);
    const Collected workbook =
        RunCohort(Options(2, kDefaultChunkBytes), {CohortInput{InputFile::Path(name), {}}});
    CHECK(workbook.learners == csv.learners);
    CHECK(workbook.totals.accounting.rows_read == csv.totals.accounting.rows_read);
    CHECK_FALSE(workbook.totals.read_errors);
  }
  const Collected bytes = RunCohort(
      Options(1, kDefaultChunkBytes),
      {CohortInput{InputFile::Bytes("results.xlsx", ReadSource("examples/sixth-form/cohort.xlsx")),
                   {}}});
  CHECK(bytes.learners == csv.learners);
}

TEST_CASE("what keeps a workflow from starting is said") {
  WorkflowOptions options = Options(1, 0);
  options.award = "no-such-award";
  Collected run = RunCohort(options, {});
  CHECK_FALSE(run.prepared);
  CHECK(run.failure ==
        "no programme 'no-such-award' in the rules given (they define: foxwood-sixth-form)");

  options = Options(1, 0);
  options.as_of = "07/31/2027";
  run = RunCohort(options, {});
  CHECK_FALSE(run.prepared);
  CHECK(run.failure ==
        "--as-of '07/31/2027' puts the month first\n"
        "note: the day comes first: 31/07/2027 (or 31 Jul 2027, 2027-07-31)");

  for (const char* text : {"tomorrow", "45500", "2027-7-31", "31/07/27", "32/07/2027"}) {
    CAPTURE(text);
    options = Options(1, 0);
    options.as_of = text;
    run = RunCohort(options, {});
    CHECK_FALSE(run.prepared);
    CHECK(run.failure == fmt::format("--as-of '{}' is not a date\n"
                                     "note: write a date as 25/08/2026, 25 Aug 2026 or 2026-08-25",
                                     text));
  }
}

TEST_CASE("--as-of is read day first, as written in English schools, or as ISO") {
  auto as_of = [](const char* text) -> std::optional<Date> {
    Workflow workflow([](const Diagnostics&, const SourceSet&) {});
    WorkflowOptions options = Options(1, 0);
    options.as_of = text;
    if (!workflow.Prepare(std::move(options), {})) return std::nullopt;
    return workflow.evaluate_options().as_of;
  };
  const std::optional<Date> iso = as_of("2026-08-25");
  REQUIRE(iso.has_value());
  CHECK(FormatDate(*iso) == "2026-08-25");
  for (const char* text : {"25/08/2026", "25 Aug 2026", "25 August 2026", " 25/8/2026 "}) {
    CAPTURE(text);
    CHECK(as_of(text) == iso);
  }
  // Day first wherever both readings are dates.
  CHECK(FormatDate(*as_of("03/04/2026")) == "2026-04-03");
}

TEST_CASE("a whole read says how far each step has got, on the calling thread") {
  for (unsigned jobs : {1u, 4u}) {
    CAPTURE(jobs);
    Workflow workflow([](const Diagnostics&, const SourceSet&) {});
    std::vector<std::tuple<WorkflowStep, std::uint64_t, std::uint64_t>> told;
    const std::thread::id caller = std::this_thread::get_id();
    bool other_thread = false;
    workflow.SetProgress([&](WorkflowStep step, std::uint64_t done, std::uint64_t total) {
      other_thread = other_thread || std::this_thread::get_id() != caller;
      told.emplace_back(step, done, total);
    });
    // 100 copies of the cohort, each learner under a new id: enough to be split over threads.
    const std::string cohort = ReadSource("examples/sixth-form/cohort.csv");
    std::string many = cohort.substr(0, cohort.find('\n') + 1);
    for (int copy = 0; copy < 100; ++copy) {
      std::istringstream rows(cohort.substr(cohort.find('\n') + 1));
      for (std::string row; std::getline(rows, row);) many += fmt::format("{}-{}\n", copy, row);
    }
    REQUIRE(workflow.Prepare(Options(jobs, 0), {CohortInput{InputFile::Bytes("c.csv", many), {}}}));
    REQUIRE(workflow.ReadAll());
    const std::uint64_t n = workflow.learners().size();
    REQUIRE(n == 2500);
    (void)workflow.EvaluateAll(false);
    workflow.ParallelFor(n, [](std::size_t) {});
    CHECK_FALSE(other_thread);
    REQUIRE(told.size() >= 4);
    CHECK(told.front() == std::make_tuple(WorkflowStep::kReading, 0u, 1u));
    CHECK(told[1] == std::make_tuple(WorkflowStep::kReading, 1u, 1u));
    // Each later step counts up to every learner, never backwards.
    std::uint64_t last = 0;
    WorkflowStep step = WorkflowStep::kReading;
    std::vector<WorkflowStep> finished;
    for (std::size_t i = 2; i < told.size(); ++i) {
      const auto& [s, done, total] = told[i];
      if (s != step) last = 0;
      step = s;
      CHECK(total == n);
      CHECK(done >= last);
      CHECK(done <= total);
      last = done;
      if (done == total) finished.push_back(s);
    }
    CHECK(finished ==
          std::vector<WorkflowStep>{WorkflowStep::kEvaluating, WorkflowStep::kRendering});
  }
}

TEST_CASE("an input that cannot be read at all leaves nothing to consume") {
  const Collected run =
      RunCohort(Options(2, kDefaultChunkBytes),
                {CohortInput{InputFile::Path("/nonexistent/accredit/cohort.csv"), {}}});
  REQUIRE(run.prepared);
  CHECK(run.totals.unreadable);
  CHECK(run.learners.empty());
  CHECK(run.codes == std::vector<std::string>{"io-error"});
}

TEST_CASE("an input refused whole makes every other learner's outcome provisional") {
  const std::string cohort = ReadSource("examples/sixth-form/cohort.csv");
  const Collected clean = RunCohort(Options(2, kDefaultChunkBytes),
                                    {CohortInput{InputFile::Bytes("c.csv", cohort), {}}});
  REQUIRE(clean.learners.size() == 25);
  REQUIRE(clean.totals.refused_inputs.empty());
  // An activities export without a learner column: what it holds of anyone is not known.
  const Collected run = RunCohort(
      Options(2, kDefaultChunkBytes),
      {CohortInput{InputFile::Bytes("c.csv", cohort), {}},
       CohortInput{InputFile::Bytes("acts.csv", "name,kind,hours\nJo,activity,4\n"), {}}});
  CHECK(run.totals.refused_inputs == std::vector<std::string>{"acts.csv"});
  CHECK(run.totals.read_errors);
  CHECK_FALSE(run.totals.unreadable);
  REQUIRE(run.learners.size() == clean.learners.size());
  for (std::size_t i = 0; i < run.learners.size(); ++i) {
    // The same tier and grade, but never a clean outcome.
    CHECK(run.learners[i] == clean.learners[i] + ":error");
  }
}

TEST_CASE("a provisional outcome says why in plain words") {
  Workflow workflow([](const Diagnostics&, const SourceSet&) {});
  REQUIRE(workflow.Prepare(Options(1, 0),
                           {CohortInput{InputFile::Bytes("c.csv",
                                                         "learner,kind,type,subject,grade\n"
                                                         "B1,qualification,gcse,mathematics,5\n"
                                                         "B1,qualification,gcse,mathematics,4*\n"
                                                         "B1,qualification,gcse,history,4*\n"
                                                         "B2,qualification,gcse,mathematics,5\n"),
                                        {}},
                            CohortInput{InputFile::Path("/nonexistent/accredit/acts.csv"), {}}}));
  REQUIRE(workflow.ReadAll());
  CHECK(workflow.refused_inputs() == std::vector<std::string>{"/nonexistent/accredit/acts.csv"});
  const std::vector<Outcome> outcomes = workflow.EvaluateAll(false);
  REQUIRE(outcomes.size() == 2);
  CHECK(outcomes[0].input_refused);
  CHECK(ProvisionalReason(workflow.learners()[0], outcomes[0], workflow.evaluate_options()) ==
        "2 rows and input /nonexistent/accredit/acts.csv could not be read");
  CHECK(ProvisionalReason(workflow.learners()[1], outcomes[1], workflow.evaluate_options()) ==
        "input /nonexistent/accredit/acts.csv could not be read");
  // Without the refused input, only the rows.
  EvaluateOptions rows_only = workflow.evaluate_options();
  const std::vector<std::string> none;
  rows_only.refused_inputs = &none;
  Evaluator evaluator(workflow.rules(), workflow.programme());
  const Outcome outcome = evaluator.Evaluate(workflow.learners()[0], rows_only);
  CHECK(outcome.data_error);
  CHECK_FALSE(outcome.input_refused);
  CHECK(ProvisionalReason(workflow.learners()[0], outcome, rows_only) ==
        "2 rows could not be read");
  const Outcome clean = evaluator.Evaluate(workflow.learners()[1], rows_only);
  CHECK_FALSE(clean.data_error);
  CHECK(ProvisionalReason(workflow.learners()[1], clean, rows_only).empty());
  CHECK(RefusedInputsSummary({"a.csv", "b.xlsx", "<stdin>"}) ==
        "inputs a.csv, b.xlsx and <stdin> could not be read, so every outcome is provisional");
  CHECK(RefusedInputsSummary({"a.csv"}, true) ==
        "input a.csv could not be read, so no learner was checked");
  CHECK(RefusedInputsSummary({}).empty());
}

TEST_CASE("the workflow evaluates learners read whole on every thread, each once") {
  Workflow workflow([](const Diagnostics&, const SourceSet&) {});
  WorkflowOptions options = Options(3, 0);
  REQUIRE(workflow.Prepare(
      options,
      {CohortInput{InputFile::Bytes("c.csv", ReadSource("examples/sixth-form/cohort.csv")), {}}}));
  REQUIRE(workflow.ReadAll());
  std::vector<std::atomic<int>> seen(workflow.learners().size());
  workflow.EvaluateEach(false, [&](std::size_t i, Outcome&&) { ++seen[i]; });
  for (const std::atomic<int>& count : seen) CHECK(count.load() == 1);
  const std::vector<Outcome> outcomes = workflow.EvaluateAll(true);
  REQUIRE(outcomes.size() == 25);
  const std::size_t f0016 = *workflow.FindLearner("F0016");
  CHECK(workflow.Evaluate(f0016, false).tier == outcomes[f0016].tier);
  CHECK_FALSE(workflow.FindLearner("nobody").has_value());

  std::vector<std::atomic<int>> indexes(1000);
  workflow.ParallelFor(indexes.size(), [&](std::size_t i) { ++indexes[i]; });
  CHECK(std::all_of(indexes.begin(), indexes.end(), [](const auto& n) { return n.load() == 1; }));
}

}  // namespace
}  // namespace accredit
