// A learner's transcript as a CLR 2.0-style ClrCredential bundling Open Badges 3.0
// credentials (see transcript.h for the shape and why it is unsigned).
#include <fmt/format.h>

#include <algorithm>

#include "accredit/exceptions.h"
#include "accredit/json_writer.h"
#include "accredit/rules_describe.h"
#include "accredit/transcript.h"
#include "output/report_internal.h"
#include "output/transcript_internal.h"

namespace accredit {

namespace {

constexpr std::string_view kVcContext = "https://www.w3.org/ns/credentials/v2";
constexpr std::string_view kObContext =
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
constexpr std::string_view kClrContext =
    "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json";
constexpr std::string_view kUnsigned =
    "Unsigned: made by accredit from a centre's records. It carries no proof and is not "
    "verifiable until the issuer signs it.";
constexpr std::string_view kSigned =
    "Made by accredit from a centre's records and signed by its issuer as a VC-JWT (Open "
    "Badges 3.0, section 8.2). The signed token (.jwt) is the credential to trust: check it "
    "with `accredit verify` or any Open Badges 3.0 verifier.";

// OB3 Result.status for an achievement's record status.
std::string_view ResultStatus(Status status) {
  switch (status) {
    case Status::kAchieved:
      return "Completed";
    case Status::kPredicted:
      return "Provisional";
    case Status::kInProgress:
      return "InProgress";
    case Status::kWithdrawn:
      return "Withdrew";
  }
  return "Completed";
}

std::string_view AchievementType(Kind kind, std::string_view strand) {
  switch (kind) {
    case Kind::kQualification:
      return "Certificate";
    case Kind::kProject:
      return "Assignment";
    case Kind::kActivity:
      return strand == "leadership-service" ? "CommunityService" : "CoCurricular";
  }
  return "Achievement";
}

// A requirement tree as an indented list, one DescribeRequirement line per node.
void Narrative(const RuleSet& rules, const Requirement& r, std::size_t depth, std::string& out) {
  out += fmt::format("{}- {}\n", std::string(depth * 2, ' '), DescribeRequirement(rules, r));
  for (const Requirement& child : r.children) Narrative(rules, child, depth + 1, out);
}

std::string Narrative(const RuleSet& rules, const Requirement& r) {
  std::string out;
  Narrative(rules, r, 0, out);
  return out;
}

class Writer {
 public:
  Writer(const RuleSet& rules, const Programme& programme, const Learner& learner,
         const Outcome& outcome, const TranscriptOptions& options)
      : rules_(rules),
        programme_(programme),
        learner_(learner),
        outcome_(outcome),
        options_(options),
        tier_(internal::TierOfRecord(outcome)) {
    valid_from_ = FormatDate(TranscriptDate(programme, learner, options)) + "T00:00:00Z";
    issuer_id_ =
        options.issuer.empty() ? NameBasedUrn("accredit:issuer:" + programme.id) : options.issuer;
    description_ = options.issuer.empty() ? kUnsigned : kSigned;
    award_id_ = NameBasedUrn("accredit:achievement:" + programme.id);
    tier_rd_ = award_id_ + "#tier";
    grade_rd_ = award_id_ + "#grade";
  }

  TranscriptCredentials Render() {
    json_.BeginObject();
    Context(true);
    json_.Key("type").BeginArray().String("VerifiableCredential").String("ClrCredential");
    json_.EndArray();
    json_.Key("id").String(Id("clr"));
    const std::string name = options_.no_names ? std::string() : learner_.Name();
    json_.Key("name").String(
        fmt::format("{}: transcript of {}", ProgrammeName(), name.empty() ? learner_.id : name));
    json_.Key("description").String(description_);
    Issuer();
    json_.Key("validFrom").String(valid_from_);
    json_.Key("credentialSubject").BeginObject();
    json_.Key("type").BeginArray().String("ClrSubject").EndArray();
    Identifier();
    json_.Key("achievement").BeginArray();
    AwardAchievement();
    if (tier_ != nullptr) {
      for (const ComponentResult& c : tier_->components) ComponentAchievement(c);
    }
    for (std::size_t i = 0; i < learner_.achievements.size(); ++i) RecordAchievement(i);
    json_.EndArray();
    json_.Key("verifiableCredential").BeginArray();
    AwardCredential();
    if (tier_ != nullptr) {
      for (const ComponentResult& c : tier_->components) ComponentCredential(c);
    }
    for (std::size_t i = 0; i < learner_.achievements.size(); ++i) RecordCredential(i);
    json_.EndArray();
    Associations();
    json_.EndObject();
    json_.EndObject();
    return {json_.str(), std::move(badges_)};
  }

 private:
  std::string ProgrammeName() const {
    return programme_.title.empty() ? programme_.id : programme_.title;
  }
  // "The Foxwood Academy Baccalaureate, Advanced: Mathematics".
  std::string ComponentName(const Component& c) const {
    return fmt::format("{}, {}: {}", ProgrammeName(), internal::TitleOf(*tier_->tier),
                       internal::TitleOf(c));
  }
  std::string Id(std::string_view part) const {
    return NameBasedUrn(fmt::format("accredit:{}:{}:{}", part, programme_.id, learner_.id));
  }
  std::string ComponentAchievementId(const Component& c) const {
    return NameBasedUrn(fmt::format("accredit:achievement:{}:{}", programme_.id, c.id));
  }
  std::string RecordAchievementId(std::size_t i) const {
    return NameBasedUrn(fmt::format("accredit:record:{}:{}:{}", programme_.id, learner_.id, i));
  }

  void Context(bool clr) {
    json_.Key("@context").BeginArray().String(kVcContext);
    if (clr) json_.String(kClrContext);
    json_.String(kObContext).EndArray();
  }

  void Issuer() {
    json_.Key("issuer").BeginObject();
    json_.Key("id").String(issuer_id_);
    json_.Key("type").BeginArray().String("Profile").EndArray();
    json_.Key("name").String(programme_.centre.empty() ? ProgrammeName() : programme_.centre);
    json_.EndObject();
  }

  void Identifier() {
    json_.Key("identifier").BeginArray().BeginObject();
    json_.Key("type").String("IdentityObject");
    json_.Key("hashed").Bool(false);
    json_.Key("identityHash").String(learner_.id);
    json_.Key("identityType").String("identifier");
    json_.EndObject();
    if (const std::string name = options_.no_names ? std::string() : learner_.Name();
        !name.empty()) {
      json_.BeginObject();
      json_.Key("type").String("IdentityObject");
      json_.Key("hashed").Bool(false);
      json_.Key("identityHash").String(name);
      json_.Key("identityType").String("name");
      json_.EndObject();
    }
    json_.EndArray();
  }

  void Criteria(std::string_view narrative) {
    json_.Key("criteria").BeginObject().Key("narrative").String(narrative).EndObject();
  }

  void ResultDescription(const std::string& id, std::string_view name, std::string_view type,
                         const std::vector<std::string>& allowed) {
    json_.BeginObject();
    json_.Key("id").String(id);
    json_.Key("type").BeginArray().String("ResultDescription").EndArray();
    json_.Key("name").String(name);
    json_.Key("resultType").String(type);
    if (!allowed.empty()) {
      json_.Key("allowedValue").BeginArray();
      for (const std::string& v : allowed) json_.String(v);
      json_.EndArray();
    }
    json_.EndObject();
  }

  void Result(const std::string& description, std::string_view value, std::string_view status) {
    json_.BeginObject();
    json_.Key("type").BeginArray().String("Result").EndArray();
    json_.Key("resultDescription").String(description);
    json_.Key("value").String(value);
    if (!status.empty()) json_.Key("status").String(status);
    json_.EndObject();
  }

  std::string TierValue() const {
    if (outcome_.tier == kNone) return "none";
    return internal::TitleOf(programme_.tiers[static_cast<std::size_t>(outcome_.tier)]);
  }

  void AwardAchievement() {
    json_.BeginObject();
    json_.Key("id").String(award_id_);
    json_.Key("type").BeginArray().String("Achievement").EndArray();
    json_.Key("achievementType").String("Diploma");
    json_.Key("name").String(ProgrammeName());
    json_.Key("description")
        .String(programme_.description.empty() ? ProgrammeName() : programme_.description);
    Criteria(DescribeProgramme(rules_, programme_));
    json_.Key("humanCode").String(programme_.id);
    json_.Key("resultDescription").BeginArray();
    std::vector<std::string> tiers;
    std::vector<std::string> grades;
    for (const Tier& t : programme_.tiers) {
      tiers.push_back(internal::TitleOf(t));
      for (const Band& b : t.grading.bands) {
        if (std::find(grades.begin(), grades.end(), b.name) == grades.end()) {
          grades.push_back(b.name);
        }
      }
    }
    tiers.push_back("none");
    ResultDescription(tier_rd_, "Tier", "PerformanceLevel", tiers);
    if (!grades.empty()) ResultDescription(grade_rd_, "Award grade", "LetterGrade", grades);
    json_.EndArray();
    json_.EndObject();
  }

  void ComponentAchievement(const ComponentResult& c) {
    const Component& component = *c.component;
    json_.BeginObject();
    json_.Key("id").String(ComponentAchievementId(component));
    json_.Key("type").BeginArray().String("Achievement").EndArray();
    json_.Key("achievementType").String("Achievement");
    json_.Key("name").String(ComponentName(component));
    std::string requirement = Narrative(rules_, component.requirement);
    json_.Key("description")
        .String(component.description.empty() ? requirement : component.description);
    Criteria(requirement);
    json_.Key("humanCode").String(component.id);
    json_.Key("resultDescription").BeginArray();
    ResultDescription(ComponentAchievementId(component) + "#status", "Status", "Status",
                      NamesOf(kComponentStatusNames));
    json_.EndArray();
    json_.EndObject();
  }

  void RecordAchievement(std::size_t i) {
    const Achievement& a = learner_.achievements[i];
    std::string name = internal::AchievementName(rules_, learner_, a, options_.no_names);
    json_.BeginObject();
    json_.Key("id").String(RecordAchievementId(i));
    json_.Key("type").BeginArray().String("Achievement").EndArray();
    std::string_view strand = learner_.Text(a, Field::kStrand);
    json_.Key("achievementType").String(AchievementType(a.kind, strand));
    json_.Key("name").String(name);
    json_.Key("description").String(Describe(a, name));
    Criteria(fmt::format("As recorded by the centre: {}.", Describe(a, name)));
    if (std::string_view qan = learner_.Text(a, Field::kQan); !qan.empty()) {
      json_.Key("humanCode").String(qan);
    }
    if (std::string_view subject = SubjectName(rules_, learner_, a); !subject.empty()) {
      json_.Key("fieldOfStudy").String(subject);
    }
    if (!strand.empty()) json_.Key("tag").BeginArray().String(strand).EndArray();
    json_.Key("resultDescription").BeginArray();
    if (a.kind == Kind::kActivity) {
      ResultDescription(RecordAchievementId(i) + "#hours", "Hours", "RawScore", {});
    } else {
      std::vector<std::string> grades;
      if (a.type != kNone) {
        const QualType& type = rules_.types[static_cast<std::size_t>(a.type)];
        if (type.scale != kNone)
          grades = rules_.scales[static_cast<std::size_t>(type.scale)].grades;
      }
      ResultDescription(RecordAchievementId(i) + "#grade", "Grade", "LetterGrade", grades);
    }
    json_.EndArray();
    json_.EndObject();
  }

  std::string Describe(const Achievement& a, const std::string& name) const {
    std::string text = name;
    if (a.kind == Kind::kActivity) {
      text += fmt::format(", {} hours", internal::FormatScore(a.hours));
    } else {
      if (a.level) text += ", " + DescribeLevel(*a.level);
      if (std::string_view grade = learner_.Text(a, Field::kGrade); !grade.empty()) {
        text += fmt::format(", grade {}", grade);
      }
    }
    if (a.date) text += ", " + FormatDate(*a.date);
    return text;
  }

  // The common head of an OpenBadgeCredential, up to and including credentialSubject's
  // identifier; the caller writes the achievement and results and closes two objects.
  void CredentialHead(std::string_view id, std::string_view name) {
    json_.BeginObject();
    Context(false);
    json_.Key("type").BeginArray().String("VerifiableCredential").String("OpenBadgeCredential");
    json_.EndArray();
    json_.Key("id").String(id);
    json_.Key("name").String(name);
    json_.Key("description").String(description_);
    Issuer();
    json_.Key("validFrom").String(valid_from_);
    json_.Key("credentialSubject").BeginObject();
    json_.Key("type").BeginArray().String("AchievementSubject").EndArray();
    Identifier();
  }

  // The achievement inside a credential: a reference-shaped copy with the required fields.
  void AchievementRef(const std::string& id, std::string_view name, std::string_view description,
                      std::string_view narrative) {
    json_.Key("achievement").BeginObject();
    json_.Key("id").String(id);
    json_.Key("type").BeginArray().String("Achievement").EndArray();
    json_.Key("name").String(name);
    json_.Key("description").String(description);
    Criteria(narrative);
    json_.EndObject();
  }

  // Assessor exceptions applied at `component` (every component when null) of the tier of
  // record, as Evidence: what the assessor decided, so that the credential never claims more
  // than the rules alone give without saying so.
  void ExceptionEvidence(const Component* component) {
    if (tier_ == nullptr || outcome_.exceptions.empty()) return;
    std::vector<const ExceptionResult*> applied =
        internal::AppliedExceptions(outcome_, *tier_, component);
    if (applied.empty()) return;
    json_.Key("evidence").BeginArray();
    for (const ExceptionResult* r : applied) {
      const Exception& e = *r->exception->exception;
      json_.BeginObject();
      json_.Key("type").BeginArray().String("Evidence").EndArray();
      json_.Key("name").String(
          fmt::format("Assessor exception: {} {}", e.node, ExceptionActionDone(e.action)));
      json_.Key("narrative").String(DescribeException(e, options_.no_names));
      json_.Key("genre").String("Assessor exception");
      json_.EndObject();
    }
    json_.EndArray();
  }

  // Writes one OpenBadgeCredential with `write` on a writer of its own, keeps it in badges_
  // (to be signed on its own) and embeds it where json_ stands.
  template <typename Write>
  void Embedded(Write write) {
    JsonWriter outer = std::move(json_);
    json_ = JsonWriter();
    write();
    badges_.push_back(json_.str());
    json_ = std::move(outer);
    json_.Raw(badges_.back());
  }

  void AwardCredential() {
    Embedded([&] { AwardCredentialBody(); });
  }
  void ComponentCredential(const ComponentResult& c) {
    Embedded([&] { ComponentCredentialBody(c); });
  }
  void RecordCredential(std::size_t i) {
    Embedded([&] { RecordCredentialBody(i); });
  }

  void AwardCredentialBody() {
    CredentialHead(Id("award"), fmt::format("{}: {}", ProgrammeName(), TierValue()));
    AchievementRef(award_id_, ProgrammeName(),
                   programme_.description.empty() ? ProgrammeName() : programme_.description,
                   DescribeProgramme(rules_, programme_));
    json_.Key("result").BeginArray();
    std::string_view status = outcome_.tier == kNone    ? "InProgress"
                              : outcome_.used_predicted ? "Provisional"
                                                        : "Completed";
    Result(tier_rd_, TierValue(), status);
    if (!outcome_.grade.empty()) Result(grade_rd_, outcome_.grade, "");
    json_.EndArray();
    json_.EndObject();
    ExceptionEvidence(nullptr);
    json_.EndObject();
  }

  void ComponentCredentialBody(const ComponentResult& c) {
    const Component& component = *c.component;
    std::string id = ComponentAchievementId(component);
    std::string name = ComponentName(component);
    CredentialHead(Id("component:" + component.id), name);
    std::string requirement = Narrative(rules_, component.requirement);
    AchievementRef(id, name, component.description.empty() ? requirement : component.description,
                   requirement);
    json_.Key("result").BeginArray();
    Result(id + "#status", ComponentStatusName(c.status),
           c.status == ComponentStatus::kMet ? "Completed" : "InProgress");
    json_.EndArray();
    json_.EndObject();
    ExceptionEvidence(c.component);
    json_.EndObject();
  }

  void RecordCredentialBody(std::size_t i) {
    const Achievement& a = learner_.achievements[i];
    std::string id = RecordAchievementId(i);
    std::string name = internal::AchievementName(rules_, learner_, a, options_.no_names);
    CredentialHead(Id(fmt::format("record:{}", i)), name);
    std::string description = Describe(a, name);
    AchievementRef(id, name, description,
                   fmt::format("As recorded by the centre: {}.", description));
    json_.Key("result").BeginArray();
    if (a.kind == Kind::kActivity) {
      Result(id + "#hours", internal::FormatScore(a.hours), ResultStatus(a.status));
    } else {
      Result(id + "#grade", learner_.Text(a, Field::kGrade), ResultStatus(a.status));
    }
    json_.EndArray();
    if (a.date) json_.Key("activityEndDate").String(FormatDate(*a.date) + "T00:00:00Z");
    json_.EndObject();  // credentialSubject
    std::string_view evidence = learner_.Text(a, Field::kEvidence);
    if (!options_.no_names && !evidence.empty()) {
      json_.Key("evidence").BeginArray().BeginObject();
      if (internal::IsWebLink(evidence)) json_.Key("id").String(evidence);
      json_.Key("type").BeginArray().String("Evidence").EndArray();
      json_.Key("narrative").String(evidence);
      json_.EndObject().EndArray();
    }
    json_.EndObject();
  }

  void Association(std::string_view type, const std::string& source, const std::string& target) {
    json_.BeginObject();
    json_.Key("type").String("Association");
    json_.Key("associationType").String(type);
    json_.Key("sourceId").String(source);
    json_.Key("targetId").String(target);
    json_.EndObject();
  }

  void Associations() {
    json_.Key("association").BeginArray();
    if (tier_ != nullptr) {
      for (const ComponentResult& c : tier_->components) {
        std::string component = ComponentAchievementId(*c.component);
        Association("isParentOf", award_id_, component);
        Association("isChildOf", component, award_id_);
        for (std::uint32_t i : c.allocated) {
          Association("isParentOf", component, RecordAchievementId(i));
        }
      }
    }
    json_.EndArray();
  }

  const RuleSet& rules_;
  const Programme& programme_;
  const Learner& learner_;
  const Outcome& outcome_;
  const TranscriptOptions& options_;
  const TierResult* tier_;
  std::string valid_from_;
  std::string issuer_id_;
  std::string_view description_;
  std::vector<std::string> badges_;
  std::string award_id_;
  std::string tier_rd_;
  std::string grade_rd_;
  JsonWriter json_;
};

}  // namespace

TranscriptCredentials TranscriptCredentialsOf(const RuleSet& rules, const Programme& programme,
                                              const Learner& learner, const Outcome& outcome,
                                              const TranscriptOptions& options) {
  return Writer(rules, programme, learner, outcome, options).Render();
}

std::string TranscriptJson(const RuleSet& rules, const Programme& programme, const Learner& learner,
                           const Outcome& outcome, const TranscriptOptions& options) {
  return TranscriptCredentialsOf(rules, programme, learner, outcome, options).clr + "\n";
}

}  // namespace accredit
