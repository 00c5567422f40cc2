// The plain-English explanation holds to what a student can read, on real output: every
// learner of every example cohort (examples/*/), explained against every shipped programme
// (rules/), with the summary and the full detail. It never shows a rule's id, a file or a line
// number (those are for --verbose), a doubled word ("the the"), a unit as the rules spell it
// ("1 more size", "at grade completed"), or a met count read as a shortfall ("has 18 of 15").
#include <doctest/doctest.h>

#include <regex>
#include <set>
#include <string>
#include <vector>

#include "accredit/explain.h"
#include "accredit/rules_loader.h"
#include "accredit/workflow.h"

namespace accredit {

namespace {

struct Cohort {
  const char* name;
  std::vector<CohortInput> inputs;
  std::vector<std::string> maps;
  std::string exceptions;
};

std::string Src(const std::string& path) { return std::string(ACCREDIT_SOURCE_DIR) + "/" + path; }

CohortInput Input(const std::string& path, const std::string& map = "") {
  CohortInput in{InputFile::Path(Src(path)), std::nullopt};
  if (!map.empty()) in.map = InputFile::Path(map.find('/') == std::string::npos ? map : Src(map));
  return in;
}

std::vector<Cohort> Cohorts() {
  return {
      {"sixth-form", {Input("examples/sixth-form/cohort.csv")}, {}, ""},
      {"sixth-form workbook", {Input("examples/sixth-form/cohort.xlsx")}, {}, ""},
      {"exceptions",
       {Input("examples/exceptions/cohort.csv")},
       {},
       "examples/exceptions/foxwood.exceptions.yaml"},
      {"ks4", {Input("examples/ks4/cohort.csv")}, {}, ""},
      {"messy-export",
       {Input("examples/messy-export/results.csv"), Input("examples/messy-export/activities.json")},
       {"sims-results"},
       ""},
      {"school-export",
       {Input("examples/school-export/results.xlsx"),
        Input("examples/school-export/activities.csv",
              "examples/school-export/activities.map.yaml"),
        Input("examples/school-export/pupils.csv")},
       {},
       ""},
      {"school-export canonical", {Input("examples/school-export/canonical.csv")}, {}, ""},
      {"broadsheet", {Input("examples/broadsheet/year11.csv")}, {}, ""},
  };
}

// The ids a reader must not meet: every component's and requirement's full id, and the last
// part of one when it is a hyphenated name ("three-a-levels").
void CollectIds(const Requirement& r, std::set<std::string>& ids) {
  if (!r.id.empty()) {
    ids.insert(r.id);
    std::string last = r.id.substr(r.id.rfind('.') + 1);
    if (last.find('-') != std::string::npos) ids.insert(last);
  }
  for (const Requirement& c : r.children) CollectIds(c, ids);
}

std::set<std::string> IdsOf(const Programme& programme) {
  std::set<std::string> ids;
  for (const Tier& t : programme.tiers) {
    for (const Component& c : t.components) {
      ids.insert(c.id);
      if (c.local_id.find('-') != std::string::npos) ids.insert(c.local_id);
      CollectIds(c.requirement, ids);
    }
  }
  return ids;
}

// What is wrong with `text`, or "".
std::string Faults(const std::string& text, const std::set<std::string>& ids) {
  static const std::regex kDoubled(R"(\b([A-Za-z]{2,}) \1\b)", std::regex::icase);
  static const std::regex kRawUnit(
      R"(\b\d+(\.\d+)? (more )?size\b|\bsize from\b|\bgrade (not-)?completed\b)");
  static const std::regex kPlace(R"(\.(csv|xlsx|json|yaml)\b|:\d+\]|:\d+:)");
  static const std::regex kHasOf(R"(has (\d+(\.\d+)?) of (\d+(\.\d+)?))");
  std::string faults;
  std::smatch m;
  if (std::regex_search(text, m, kDoubled)) faults += "doubled word: '" + m.str(0) + "'\n";
  if (std::regex_search(text, m, kRawUnit)) faults += "raw unit: '" + m.str(0) + "'\n";
  if (std::regex_search(text, m, kPlace)) faults += "file or line: '" + m.str(0) + "'\n";
  for (auto it = std::sregex_iterator(text.begin(), text.end(), kHasOf);
       it != std::sregex_iterator(); ++it) {
    if (std::stod((*it)[1].str()) > std::stod((*it)[3].str())) {
      faults += "more than required read as a part: '" + it->str(0) + "'\n";
      break;
    }
  }
  static const std::regex kWord(R"([A-Za-z0-9][A-Za-z0-9.\-]*[A-Za-z0-9])");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), kWord);
       it != std::sregex_iterator(); ++it) {
    if (ids.count(it->str(0)) != 0) {
      faults += "id: '" + it->str(0) + "'\n";
      break;
    }
  }
  return faults;
}

}  // namespace

TEST_CASE(
    "the plain-English explanation of every example learner under every shipped "
    "programme names no id, file or line, doubles no word and spells no raw unit") {
  std::vector<std::string> programme_ids;
  {
    SourceSet sources;
    LoadResult loaded = LoadRules({Src("rules")}, sources);
    REQUIRE(loaded.ok());
    for (const Programme& p : loaded.rules.programmes) programme_ids.push_back(p.id);
  }
  REQUIRE(programme_ids.size() >= 4);
  std::size_t explained = 0;
  for (const std::string& award : programme_ids) {
    for (const Cohort& cohort : Cohorts()) {
      CAPTURE(award);
      CAPTURE(cohort.name);
      Workflow workflow([](const Diagnostics&, const SourceSet&) {});
      WorkflowOptions options;
      options.rules = {InputFile::Path(Src("rules"))};
      options.award = award;
      options.jobs = 1;
      for (const std::string& map : cohort.maps) options.maps.push_back(InputFile::Path(map));
      if (!cohort.exceptions.empty()) {
        options.exceptions = {InputFile::Path(Src(cohort.exceptions))};
      }
      REQUIRE(workflow.Prepare(options, cohort.inputs));
      REQUIRE(workflow.ReadAll());
      REQUIRE_FALSE(workflow.learners().empty());
      std::set<std::string> ids = IdsOf(workflow.programme());
      for (std::size_t i = 0; i < workflow.learners().size(); ++i) {
        const Learner& learner = workflow.learners()[i];
        CAPTURE(learner.id);
        Outcome outcome = workflow.Evaluate(i, true);
        ExplainOptions text;
        text.detail = true;
        text.command = "accredit explain ... --learner " + learner.id;
        std::string out = ExplainText(workflow.rules(), workflow.programme(), learner, outcome,
                                      workflow.sources(), text);
        CHECK_MESSAGE(Faults(out, ids) == "", out);
        ++explained;
      }
    }
  }
  CHECK(explained > 400);
}

TEST_CASE("the checks of the plain-English explanation can fail") {
  std::set<std::string> ids = {"advanced.core-maths", "three-a-levels"};
  CHECK(Faults("needs 1 more size from qualifications", ids) != "");
  CHECK(Faults("a project at grade completed", ids) != "");
  CHECK(Faults("from the the programme", ids) != "");
  CHECK(Faults("20 points points", ids) != "");
  CHECK(Faults("GCSE Maths [cohort.csv:12]", ids) != "");
  CHECK(Faults("Maths (advanced.core-maths): met", ids) != "");
  CHECK(Faults("the three-a-levels way", ids) != "");
  CHECK(Faults("[has 18 of 15]", ids) != "");
  CHECK(Faults("log 3 more hours (you have 12 of 15)", ids) == "");
}

}  // namespace accredit
