#include "output/learner_json.h"

#include <string_view>

#include "accredit/json_writer.h"
#include "exceptions/exceptions_json.h"

namespace accredit::internal {

namespace {

// Appends `"key":` and `value` as a JSON string, or null when it is empty.
void AppendStringOrNull(std::string& out, std::string_view key, std::string_view value) {
  out += key;
  if (value.empty()) {
    out += "null";
  } else {
    AppendJsonString(out, value);
  }
}

// The members the learner's object rarely holds (exceptions, the allocated achievements of
// --detail) are written with a JsonWriter, by the functions other outputs write them with.

// Appends the object of the members `write` writes.
template <typename Write>
void AppendObject(std::string& out, const Write& write) {
  JsonWriter json;
  json.BeginObject();
  write(json);
  json.EndObject();
  out += json.str();
}

// Appends the members `write` writes, after members already in `out`.
template <typename Write>
void AppendMembers(std::string& out, const Write& write) {
  std::string object;
  AppendObject(object, write);
  if (object.size() <= 2) return;  // "{}": nothing written
  out += ',';
  out.append(object, 1, object.size() - 2);
}

// `{"tier":"ID","met":`
void AppendTierOpen(std::string& out, const Tier& tier) {
  out += "{\"tier\":";
  AppendJsonString(out, tier.id);
  out += ",\"met\":";
}

// `{"id":"ID","role":"ROLE",`
void AppendComponentOpen(std::string& out, const Component& component) {
  out += "{\"id\":";
  AppendJsonString(out, component.id);
  out += ",\"role\":";
  AppendJsonString(out, component.role);
  out += ',';
}

}  // namespace

LearnerJson::LearnerJson(const Programme& programme) {
  for (const EnumName<ComponentStatus>& status : kComponentStatusNames) {
    std::string& piece = status_[static_cast<std::size_t>(status.value)];
    piece = "\"status\":";
    AppendJsonString(piece, status.name);
    piece += ",\"progress\":";
  }
  tiers_.reserve(programme.tiers.size());
  for (const Tier& tier : programme.tiers) {
    TierText& text = tiers_.emplace_back();
    text.tier = &tier;
    AppendTierOpen(text.open, tier);
    for (const Component& component : tier.components) {
      AppendComponentOpen(text.components.emplace_back(), component);
    }
  }
}

void LearnerJson::Append(std::string& out, const OutcomeRun& run, const Learner& learner,
                         const Outcome& o) const {
  const Programme& p = *run.programme;
  out += "{\"learner\":";
  AppendJsonString(out, learner.id);
  out += ",\"status\":";
  AppendJsonString(out, LearnerStatus(o));
  AppendStringOrNull(out, ",\"tier\":",
                     o.tier == kNone
                         ? std::string_view()
                         : std::string_view(p.tiers[static_cast<std::size_t>(o.tier)].id));
  AppendStringOrNull(out, ",\"grade\":", o.grade);
  out += o.used_predicted ? ",\"predicted\":true" : ",\"predicted\":false";
  if (!p.values.empty()) {
    // Rule language 1.1's named values, by id.
    out += ",\"values\":{";
    for (std::size_t i = 0; i < p.values.size() && i < o.values.size(); ++i) {
      if (i > 0) out += ',';
      AppendJsonString(out, p.values[i].id);
      out += ':';
      AppendJsonNumber(out, o.values[i]);
    }
    out += '}';
  }
  out += o.data_error ? ",\"data_error\":true" : ",\"data_error\":false";
  if (o.data_error) {
    out += ",\"provisional_reason\":";
    AppendJsonString(out, ProvisionalReason(learner, o, run.options));
  }
  if (o.search_limit_hit) out += ",\"search_limit_hit\":true";
  if (!o.exceptions.empty()) {
    AppendMembers(out,
                  [&](JsonWriter& json) { WriteExceptionsJson(json, p, run.sources, learner, o); });
  }
  out += ",\"tiers\":[";
  for (std::size_t t = 0; t < o.tiers.size(); ++t) {
    const TierResult& tier = o.tiers[t];
    // The outcome's tiers are the programme's, in its order; another's are quoted here.
    const TierText* text = t < tiers_.size() && tiers_[t].tier == tier.tier ? &tiers_[t] : nullptr;
    if (t > 0) out += ',';
    if (text != nullptr) {
      out += text->open;
    } else {
      AppendTierOpen(out, *tier.tier);
    }
    out += tier.met ? "true" : "false";
    if (!tier.grade.empty()) {
      out += ",\"grade\":";
      AppendJsonString(out, tier.grade);
    }
    if (tier.tier->grading.kind != Grading::Kind::kUngraded && tier.met) {
      out += ",\"score\":";
      AppendJsonNumber(out, tier.score);
    }
    out += ",\"components\":[";
    for (std::size_t i = 0; i < tier.components.size(); ++i) {
      const ComponentResult& c = tier.components[i];
      if (i > 0) out += ',';
      // So are a tier's components.
      if (text != nullptr && i < text->components.size() &&
          &tier.tier->components[i] == c.component) {
        out += text->components[i];
      } else {
        AppendComponentOpen(out, *c.component);
      }
      out += status_[static_cast<std::size_t>(c.status)];
      AppendJsonNumber(out, static_cast<double>(static_cast<long long>(c.progress * 1000)) / 1000);
      // Each component's achievements only when asked for (validate --detail).
      if (run.options.allocations) {
        out += ",\"allocated\":[";
        for (std::size_t k = 0; k < c.allocated.size(); ++k) {
          if (k > 0) out += ',';
          const Achievement& a = learner.achievements[c.allocated[k]];
          AppendObject(out, [&](JsonWriter& json) {
            WriteLocationJson(json, run.sources, a.location);
            for (Field f : {Field::kKind, Field::kType, Field::kSubject, Field::kGrade,
                            Field::kHours, Field::kStrand}) {
              std::string_view value = learner.Text(a, f);
              if (!value.empty()) json.Key(FieldName(f)).String(value);
            }
          });
        }
        out += ']';
      }
      out += '}';
    }
    out += "]}";
  }
  out += "]}";
}

}  // namespace accredit::internal
