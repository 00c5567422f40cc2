// The embind binding of the browser page: exposes web::Session and the free functions of
// session.h to JavaScript. Files come in as bytes (a Uint8Array, or a string for text the
// page holds: embind's std::string takes either); text and JSON go back as strings, a
// workbook as a Uint8Array.
//
//   const accredit = await createAccredit();
//   const session = new accredit.Session();
//   session.addRecords("results.xlsx", new Uint8Array(await file.arrayBuffer()));
//   const run = JSON.parse(session.run({award: "", asOf: "", predicted: false}));
//   (streamAbove: records bytes above which the run is streamed, RunOptions::stream_above)
//   frame.srcdoc = session.dashboardHtml();
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <string>
#include <vector>

#include "session.h"

namespace accredit::web {
namespace {

using emscripten::val;

val BytesToJs(const std::string& bytes) {
  // A copy, so the array outlives the string it was made from.
  return val::global("Uint8Array")
      .new_(emscripten::typed_memory_view(bytes.size(),
                                          reinterpret_cast<const unsigned char*>(bytes.data())))
      .call<val>("slice");
}

std::string Run(Session& session, const val& options) {
  RunOptions run;
  if (!options.isUndefined() && !options.isNull()) {
    if (options["award"].isString()) run.award = options["award"].as<std::string>();
    if (options["asOf"].isString()) run.as_of = options["asOf"].as<std::string>();
    run.predicted = options["predicted"].as<bool>();
    if (options["streamAbove"].isNumber()) {
      run.stream_above = static_cast<std::size_t>(options["streamAbove"].as<double>());
    }
  }
  return session.Run(run);
}

val ReportWorkbook(const Session& session) { return BytesToJs(session.ReportWorkbook()); }

// checkRules([{name, text}, ...])
std::string CheckRulesJs(const val& files) {
  std::vector<InputFile> inputs;
  const unsigned n = files["length"].as<unsigned>();
  for (unsigned i = 0; i < n; ++i) {
    inputs.push_back(
        InputFile::Bytes(files[i]["name"].as<std::string>(), files[i]["text"].as<std::string>()));
  }
  return CheckRules(inputs);
}

}  // namespace

EMSCRIPTEN_BINDINGS(accredit) {
  emscripten::class_<Session>("Session")
      .constructor<>()
      .function("addRecords", &Session::AddRecords)
      .function("addMap", &Session::AddMap)
      .function("addExceptions", &Session::AddExceptions)
      .function("clearInputs", &Session::ClearInputs)
      .function("clearMaps", &Session::ClearMaps)
      .function("clearRules", &Session::ClearRules)
      .function("addRules", &Session::AddRules)
      .function("useShippedRules", &Session::UseShippedRules)
      .function("addBaselineRules", &Session::AddBaselineRules)
      .function("useShippedBaseline", &Session::UseShippedBaseline)
      .function("clearBaseline", &Session::ClearBaseline)
      .function("run", &Run)
      .function("dashboardHtml", &Session::DashboardHtml)
      .function("reportHtml", &Session::ReportHtml)
      .function("reportWorkbook", &ReportWorkbook)
      .function("outcomesCsv", &Session::OutcomesCsv)
      .function("fixListCsv", &Session::FixListCsv)
      .function("explainHtml", &Session::ExplainHtml)
      .function("transcriptHtml", &Session::TranscriptHtml)
      .function("transcriptsHtml", &Session::TranscriptsHtml)
      .function("proposeMaps", &Session::ProposeMaps);
  emscripten::function("checkRules", &CheckRulesJs);
  emscripten::function("shippedRules", &ShippedRules);
  emscripten::function("shippedRuleText", &ShippedRuleText);
  emscripten::function("version", &Version);
}

}  // namespace accredit::web
