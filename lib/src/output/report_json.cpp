// The cohort report as one JSON document (format_version 1, documented in accredit-report(1)).
#include "accredit/exceptions.h"
#include "accredit/json_writer.h"
#include "accredit/outcome_format.h"
#include "accredit/report.h"
#include "output/report_internal.h"

namespace accredit {

namespace {

void Size(JsonWriter& json, std::string_view key, std::size_t n) {
  json.Key(key).Int(static_cast<long long>(n));
}

void Summary(JsonWriter& json, const Report& r, const CohortSummary& s, bool grouped) {
  json.BeginObject();
  if (grouped) json.Key("group").String(s.group);
  Size(json, "learners", s.learners);
  Size(json, "none", s.none);
  Size(json, "errors", s.errors);
  Size(json, "predicted", s.predicted);
  if (internal::WithExceptions(r)) Size(json, "exceptions", s.exceptions);
  json.Key("tiers").BeginArray();
  for (const TierCount& t : s.tiers) {
    json.BeginObject();
    json.Key("id").String(t.tier->id);
    json.Key("title").String(internal::TitleOf(*t.tier));
    Size(json, "learners", t.learners);
    json.Key("grades").BeginArray();
    for (const GradeCount& g : t.grades) {
      json.BeginObject();
      json.Key("grade").String(g.grade);
      Size(json, "learners", g.learners);
      json.EndObject();
    }
    json.EndArray();
    json.EndObject();
  }
  json.EndArray();
  json.Key("components").BeginArray();
  for (const ComponentRate& c : s.components) {
    json.BeginObject();
    json.Key("tier").String(c.tier->id);
    json.Key("id").String(c.component->id);
    json.Key("title").String(internal::TitleOf(*c.component));
    Size(json, "met", c.met);
    Size(json, "evaluated", c.evaluated);
    json.EndObject();
  }
  json.EndArray();
  json.Key("reasons").BeginArray();
  for (const NeededReason& n : s.reasons) {
    json.BeginObject();
    json.Key("tier").String(n.tier->id);
    json.Key("component").String(n.component->id);
    json.Key("requirement").String(n.requirement->id);
    json.Key("text").String(n.text);
    Size(json, "learners", n.learners);
    json.EndObject();
  }
  json.EndArray();
  json.EndObject();
}

}  // namespace

std::string ReportJson(const Report& r) {
  JsonWriter json;
  bool grouped = r.options.grouped();
  json.BeginObject();
  json.Key("format_version").Int(1);
  json.Key("programme").BeginObject();
  json.Key("id").String(r.programme->id);
  json.Key("title").String(r.programme->title);
  json.EndObject();
  json.Key("options").BeginObject();
  json.Key("predicted").Bool(r.evaluate_options.predicted);
  json.Key("as_of");
  json.StringOrNull(r.evaluate_options.as_of ? FormatDate(*r.evaluate_options.as_of) : "");
  json.Key("group_by");
  json.StringOrNull(grouped ? r.options.group_by_name() : "");
  json.Key("no_names").Bool(r.options.no_names);
  if (internal::WithExceptions(r)) json.Key("exceptions").Bool(true);
  json.EndObject();
  json.Key("accounting");
  WriteAccountingJson(json, r.accounting);
  json.Key("cohort");
  Summary(json, r, r.cohort, false);
  json.Key("close").BeginArray();
  for (const CloseLearner& c : r.cohort.close) {
    json.BeginObject();
    json.Key("learner").String(c.learner);
    if (grouped) json.Key("group").String(c.group);
    json.Key("achieved");
    json.StringOrNull(c.achieved == nullptr ? "" : c.achieved->id);
    json.Key("next").String(c.next->id);
    json.Key("missing").String(c.missing->id);
    json.Key("still_needed").BeginArray();
    for (const std::string& n : c.still_needed) json.String(n);
    json.EndArray();
    json.EndObject();
  }
  json.EndArray();
  json.Key("data_errors").BeginArray();
  for (const DataErrorLearner& e : r.cohort.data_errors) {
    json.BeginObject();
    json.Key("learner").String(e.learner);
    if (grouped) json.Key("group").String(e.group);
    Size(json, "rejected_rows", e.rejected_rows);
    json.EndObject();
  }
  json.EndArray();
  if (internal::WithExceptions(r)) {
    json.Key("exceptions").BeginArray();
    for (const ExceptionLearner& e : r.cohort.excepted) {
      json.BeginObject();
      json.Key("learner").String(e.learner);
      if (grouped) json.Key("group").String(e.group);
      // null for no tier, as "achieved" of a close learner.
      json.Key("tier").StringOrNull(e.tier == "none" ? "" : e.tier);
      json.Key("grade").StringOrNull(e.grade);
      json.Key("relies_on_exception").Bool(e.relies);
      json.Key("without_exceptions").BeginObject();
      json.Key("tier").StringOrNull(e.tier_without == "none" ? "" : e.tier_without);
      json.Key("grade").StringOrNull(e.grade_without);
      json.EndObject();
      json.Key("exceptions").BeginArray();
      for (const ExceptionResult& x : e.exceptions) {
        const Exception& ex = *x.exception->exception;
        json.BeginObject();
        json.Key("node").String(ex.node);
        json.Key("action").String(ExceptionActionName(ex.action));
        json.Key("effect").String(ExceptionEffectName(x.effect));
        json.Key("reason").StringOrNull(r.options.no_names ? "" : ex.reason);
        json.Key("approved_by").StringOrNull(r.options.no_names ? "" : ex.approved_by);
        json.Key("date").String(FormatDate(ex.date));
        json.EndObject();
      }
      json.EndArray();
      json.EndObject();
    }
    json.EndArray();
  }
  json.Key("groups").BeginArray();
  for (const CohortSummary& g : r.groups) Summary(json, r, g, true);
  json.EndArray();
  json.Key("baseline");
  if (!r.baseline) {
    json.Null();
  } else {
    const BaselineComparison& b = *r.baseline;
    json.BeginObject();
    json.Key("programme").BeginObject();
    json.Key("id").String(b.programme->id);
    json.Key("title").String(b.programme->title);
    json.EndObject();
    json.Key("before").BeginArray();
    for (const std::string& s : b.before) json.String(s);
    json.EndArray();
    json.Key("after").BeginArray();
    for (const std::string& s : b.after) json.String(s);
    json.EndArray();
    json.Key("transitions").BeginArray();
    for (const std::vector<std::size_t>& row : b.transitions) {
      json.BeginArray();
      for (std::size_t n : row) json.Int(static_cast<long long>(n));
      json.EndArray();
    }
    json.EndArray();
    Size(json, "unchanged", b.unchanged);
    json.Key("changes").BeginArray();
    for (const LearnerChange& c : b.changes) {
      json.BeginObject();
      json.Key("learner").String(c.learner);
      if (grouped) json.Key("group").String(c.group);
      json.Key("before").BeginObject();
      json.Key("tier").String(c.before_tier);
      json.Key("grade");
      json.StringOrNull(c.before_grade);
      json.EndObject();
      json.Key("after").BeginObject();
      json.Key("tier").String(c.after_tier);
      json.Key("grade");
      json.StringOrNull(c.after_grade);
      json.EndObject();
      json.Key("reasons").BeginArray();
      for (const std::string& s : c.reasons) json.String(s);
      json.EndArray();
      json.EndObject();
    }
    json.EndArray();
    json.EndObject();
  }
  json.EndObject();
  return json.str() + "\n";
}

}  // namespace accredit
