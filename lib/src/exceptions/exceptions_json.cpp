#include "exceptions/exceptions_json.h"

#include "accredit/exceptions.h"

namespace accredit::internal {

void WriteLocationJson(JsonWriter& json, const SourceSet* sources, const Location& at) {
  if (at.source != kNoSource && sources != nullptr) {
    json.Key("file").String(sources->Get(at.source).name);
  }
  if (at.line != 0) json.Key("line").Int(at.line);
  if (!at.pointer.empty()) json.Key("pointer").String(at.pointer);
}

void WriteExceptionsJson(JsonWriter& json, const Programme& programme, const SourceSet* sources,
                         const Learner& learner, const Outcome& outcome, bool no_names) {
  json.Key("relies_on_exception").Bool(outcome.relies_on_exception);
  json.Key("without_exceptions").BeginObject();
  json.Key("tier").StringOrNull(
      outcome.tier_without_exceptions == kNone
          ? ""
          : programme.tiers[static_cast<std::size_t>(outcome.tier_without_exceptions)].id);
  json.Key("grade").StringOrNull(outcome.grade_without_exceptions);
  json.EndObject();
  json.Key("exceptions").BeginArray();
  for (const ExceptionResult& r : outcome.exceptions) {
    const Exception& e = *r.exception->exception;
    json.BeginObject();
    json.Key("node").String(e.node);
    json.Key("component")
        .String(programme.tiers[static_cast<std::size_t>(r.exception->tier)]
                    .components[static_cast<std::size_t>(r.exception->component)]
                    .id);
    json.Key("action").String(ExceptionActionName(e.action));
    json.Key("effect").String(ExceptionEffectName(r.effect));
    json.Key("achievement");
    if (r.achievement == kNone) {
      json.Null();
    } else {
      json.BeginObject();
      json.Key("index").Int(r.achievement);
      WriteLocationJson(json, sources,
                        learner.achievements[static_cast<std::size_t>(r.achievement)].location);
      json.EndObject();
    }
    json.Key("reason").StringOrNull(no_names ? "" : e.reason);
    json.Key("approved_by").StringOrNull(no_names ? "" : e.approved_by);
    json.Key("date").String(FormatDate(e.date));
    json.Key("source").BeginObject();
    WriteLocationJson(json, sources, e.location);
    json.EndObject();
    json.EndObject();
  }
  json.EndArray();
}

}  // namespace accredit::internal
