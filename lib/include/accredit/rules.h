// The rules model: what a set of loaded rule files means.
//
// A RuleSet is built by LoadRules() (rules_loader.h) from `accredit: 1` YAML files and is
// immutable afterwards. It holds the vocabulary (scales, qualification types, points tables,
// subjects, roles, strands), frameworks (accreditation criteria a programme must meet) and
// programmes (awards with tiers of components, each with a requirement tree). Cross
// references are resolved to indexes at load time, so nothing here needs a name lookup to
// evaluate. Every element keeps the Location it was defined at, for diagnostics.
//
// The rule language itself is documented in accredit-rules(5).
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accredit/source.h"
#include "accredit/values.h"

namespace accredit {

inline constexpr int kNone = -1;  // "no index" for optional cross references

// How a special result code (U, X, Q, N...) that is not on a scale's ordered grades is treated.
enum class SpecialTreatment : std::uint8_t {
  kFail,     // kept, never meets a grade condition, earns no points
  kPending,  // treated like status in-progress: does not count yet
  kIgnore,   // dropped from evaluation, with a note
  kError,    // the record is a data error
};
inline constexpr EnumName<SpecialTreatment> kSpecialTreatmentNames[] = {
    {SpecialTreatment::kFail, "fail", "Fail"},
    {SpecialTreatment::kPending, "pending", "Pending"},
    {SpecialTreatment::kIgnore, "ignore", "Ignore"},
    {SpecialTreatment::kError, "error", "Error"},
};
static_assert(InDeclarationOrder(kSpecialTreatmentNames));
// "fail", "pending", "ignore", "error": as written after `treat:`.
inline std::string_view SpecialTreatmentName(SpecialTreatment treatment) {
  return NameOf(kSpecialTreatmentNames, treatment);
}

struct SpecialCode {
  std::string code;
  std::string meaning;
  SpecialTreatment treat = SpecialTreatment::kFail;
  Location location;
};

// An ordered grade scale, lowest grade first. A grade's rank is its index in `grades`.
struct Scale {
  std::string id;
  std::string title;
  std::vector<std::string> grades;
  int pass = kNone;  // rank of the lowest passing grade, or kNone
  std::vector<SpecialCode> special;
  int parts = 0;  // 2 for double grades (5-4), 3 for BTEC multi-grades (D*DM); 0 otherwise
  std::string separator;
  std::vector<std::string> part_grades;
  Location location;

  // Rank of `grade` on this scale, or kNone.
  int Rank(std::string_view grade) const;
  // The special code entry for `code`, or nullptr.
  const SpecialCode* Special(std::string_view code) const;
};

// A qualification type (gcse, a-level, epq, ...).
struct QualType {
  std::string id;
  std::string title;
  Kind kind = Kind::kQualification;
  std::string scale_id;
  int scale = kNone;                                        // index into RuleSet::scales
  std::optional<Level> level;                               // default level
  std::vector<std::pair<std::string, Level>> level_grades;  // as written: (from grade, level)
  std::vector<std::pair<int, Level>> level_by_grade;        // (from rank, level), ascending rank
  double size = 1.0;
  Location location;
  Location scale_location;

  // The level an achievement of this type with grade rank `rank` sits at (kNone: no grade).
  std::optional<Level> LevelFor(int rank) const;
};

// A points table keyed by two canonical fields (default type and grade).
struct PointsTable {
  std::string id;
  std::string title;
  std::string version;
  Field key1 = Field::kType;
  Field key2 = Field::kGrade;
  std::map<std::string, std::map<std::string, double, std::less<>>, std::less<>> points;
  Location location;

  // Points for the (key1, key2) pair, or 0 when the table has no entry.
  double Lookup(std::string_view key1_value, std::string_view key2_value) const;
};

struct Subject {
  std::string id;
  std::string title;
  int ssa = 0;  // Ofqual tier-1 sector subject area 1-15, 0 when not given
  Location location;
};

// A declared custom role or strand (built-ins need no declaration).
struct NamedItem {
  std::string id;
  std::string title;
  std::string description;
  Location location;
};

// One condition of a filter: `field op values`.
enum class CompareOp : std::uint8_t { kEq, kNe, kLt, kLe, kGt, kGe };
std::string_view CompareOpSymbol(CompareOp op);

struct Condition {
  Field field = Field::kType;
  enum class Form : std::uint8_t {
    kOneOf,    // field equals one of `values` (a scalar is a one-element list)
    kCompare,  // field `op` values[0]: grade by rank on the achievement's scale, level, hours, date
    kPass,     // grade at or above the achievement's scale's pass grade
  } form = Form::kOneOf;
  CompareOp op = CompareOp::kEq;
  std::vector<std::string> values;
  double number = 0;           // parsed operand for hours
  std::optional<Level> level;  // parsed operand for level
  std::optional<Date> date;    // parsed operand for date
  Location location;
};

// A `where` filter: every condition holds and no negated sub-filter holds.
struct Filter {
  std::vector<Condition> conditions;
  std::vector<Filter> negated;  // `not:` sub-filters
  Location location;
  bool empty() const { return conditions.empty() && negated.empty(); }
};

// What a sum or best-N adds up.
enum class Quantity : std::uint8_t { kHours, kPoints, kSize, kCount };
std::string_view QuantityName(Quantity quantity);

// An aggregate over matching achievements: a count, a sum, or the sum of the best N.
struct Aggregate {
  enum class Kind : std::uint8_t { kCount, kSum, kBest } kind = Kind::kCount;
  Filter where;
  std::optional<Field> distinct;  // count: count distinct values of this field
  Quantity of = Quantity::kCount;
  std::string table_id;
  int table = kNone;  // with Quantity::kPoints: index into RuleSet::tables
  int n = 0;          // best: how many
  Location location;
  Location table_location;
};

// A bound: a fixed number, or a step function of another aggregate.
struct Threshold {
  bool present = false;
  double value = 0;
  // When `by` is set, the bound is steps[i].second for the greatest steps[i].first <= by.
  std::vector<Aggregate> by;  // zero or one element (a vector to allow an incomplete type)
  std::vector<std::pair<double, double>> steps;  // ascending by first
  Location location;
};

// A node of a requirement tree.
struct Requirement {
  enum class Kind : std::uint8_t { kCount, kSum, kBest, kAll, kAny, kNOf, kNoneOf, kCompare };
  Kind kind = Kind::kCount;
  std::string id;  // stable node id, e.g. "advanced.development.2"
  std::string title;
  std::string description;
  Aggregate aggregate;            // count / sum / best / none (its `where`); compare: the left side
  Aggregate right;                // compare: the right side
  CompareOp op = CompareOp::kGe;  // compare
  Threshold at_least;
  Threshold at_most;
  int n_of = 0;  // n_of: how many children must be met
  std::vector<Requirement> children;
  Location location;
};

struct Component {
  std::string id;        // full node id, "advanced.core-maths"
  std::string local_id;  // "core-maths"
  std::string title;
  std::string description;
  std::string role;
  bool shared = false;  // its achievements may also count for other components
  Requirement requirement;
  Location location;
};

struct Band {
  std::string name;
  double at_least = 0;
  double below = std::numeric_limits<double>::infinity();
  Location location;
};

struct Grading {
  enum class Kind : std::uint8_t { kUngraded, kPoints, kCount } kind = Kind::kUngraded;
  std::string table_id;
  int table = kNone;  // kPoints
  Filter where;       // kCount
  std::vector<std::string> of_ids;
  std::vector<int> of;      // component indexes within the tier
  std::vector<Band> bands;  // highest first
  Location location;
};

struct Tier {
  std::string id;
  std::string title;
  std::vector<Component> components;
  Grading grading;
  Location location;
};

// An example learner, with the outcome the author expects: from a rule file's `tests:` or
// from a test file (`*.test.yaml`, see LoadOptions::test_files) that names the programme.
struct TestAchievement {
  std::array<std::string, kFieldCount> fields;  // as written; empty = not given
  Location location;
};
struct ExpectedStatus {
  std::string component;  // component id, "advanced.core-maths"
  std::string status;     // met, not-met or error
  Location location;      // of the component id as written
};
struct TestCase {
  std::string name;
  std::string learner_id;
  std::vector<TestAchievement> achievements;
  std::string expect_tier;   // a tier id or "none"
  std::string expect_grade;  // empty: not checked
  std::vector<ExpectedStatus> expect_components;
  Location location;        // the test as a whole
  Location tier_location;   // of the expected tier as written
  Location grade_location;  // of the expected grade as written
};

// Accreditation criteria a programme is held against by `accredit check`.
struct Criterion {
  std::string id;
  std::string title;
  std::string description;
  enum class Kind : std::uint8_t { kRoles, kStrands, kMinMonths, kTitlePattern, kRequiresStart };
  Kind kind = Kind::kRoles;
  std::vector<std::string> roles;    // kRoles
  std::string strand_role;           // kStrands
  std::vector<std::string> strands;  // kStrands
  int min_months = 0;                // kMinMonths
  std::string title_pattern;         // kTitlePattern
  Location location;
};
// A criterion's kind is named by its one check key.
inline constexpr EnumName<Criterion::Kind> kCriterionKindNames[] = {
    {Criterion::Kind::kRoles, "roles", "Component roles"},
    {Criterion::Kind::kStrands, "strands", "Strands"},
    {Criterion::Kind::kMinMonths, "min_months", "Minimum duration"},
    {Criterion::Kind::kTitlePattern, "title_pattern", "Title pattern"},
    {Criterion::Kind::kRequiresStart, "requires_start", "Start date"},
};
static_assert(InDeclarationOrder(kCriterionKindNames));

struct Framework {
  std::string id;
  std::string title;
  std::string version;
  std::string description;
  std::vector<Criterion> criteria;
  Location location;
};

// A centre's award: one programme with its tiers, highest first.
struct Programme {
  std::string id;
  std::string title;
  std::string centre;
  std::string description;
  std::string framework_id;
  int framework = kNone;  // index into RuleSet::frameworks
  std::optional<Date> starts;
  std::optional<Date> ends;
  std::optional<Date> valid_from;
  std::optional<Date> valid_to;
  // Achievements that count even when dated before `starts`: the qualifications a learner
  // arrives with (GCSE maths and English for a sixth-form programme). Empty: none.
  Filter prior_learning;
  bool has_prior_learning = false;
  std::vector<Tier> tiers;
  std::vector<TestCase> tests;
  Location location;
  SourceId source = kNoSource;  // the file that defines it
};

struct RuleSet {
  std::vector<Scale> scales;
  std::vector<QualType> types;
  std::vector<PointsTable> tables;
  std::vector<Subject> subjects;
  std::vector<NamedItem> roles;    // declared custom roles
  std::vector<NamedItem> strands;  // declared custom strands
  std::vector<Framework> frameworks;
  std::vector<Programme> programmes;
  std::vector<SourceId> files;       // every rule file loaded, in load order
  std::vector<SourceId> test_files;  // every test file loaded (LoadOptions::test_files)

  // Index lookups by id; kNone when absent.
  int FindScale(std::string_view id) const;
  int FindType(std::string_view id) const;
  int FindTable(std::string_view id) const;
  int FindSubject(std::string_view id) const;
  int FindFramework(std::string_view id) const;
  int FindProgramme(std::string_view id) const;
  bool IsRole(std::string_view id) const;    // built-in or declared
  bool IsStrand(std::string_view id) const;  // built-in or declared
};

}  // namespace accredit
