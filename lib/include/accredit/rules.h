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
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "accredit/enum_table.h"
#include "accredit/source.h"
#include "accredit/values.h"

namespace accredit {

inline constexpr int kNone = -1;  // "no index" for optional cross references

// The most edits (letters added, dropped, changed or swapped) by which a subject in records
// that the rules do not list is taken for a misspelling of one they do (RuleSet::
// SuggestSubject); further off, it is a subject of its own.
inline constexpr std::size_t kMaxSubjectEdits = 2;

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

// Another name a subject or a type goes by in results data: "Maths" for `mathematics`,
// "GCSE (9-1)" for `gcse`. Records are matched against ids and aliases alike (MatchSubject).
struct Alias {
  std::string name;  // as written in the rule file
  Location location;
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
  // Rule language 1.1, kind activity: complete or not (a service programme, a placement signed
  // off). Its records need no hours, and the type needs no scale (scale_id empty, scale kNone).
  bool completion = false;
  Location location;
  Location scale_location;
  std::vector<Alias> aliases;

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
  std::vector<Alias> aliases;
};

// The form in which a name from results data is compared with the ids and aliases of subjects
// and types: ASCII letters in lower case, spaces and tabs at either end dropped, and each run
// of spaces, tabs, hyphens and underscores inside written as one hyphen. "English  Language",
// "english_language" and "English-Language" all have the key "english-language", which is the
// id's own form: an id is matched whether its hyphens are written as hyphens or as spaces.
std::string NameKey(std::string_view text);
// Whether NameKey(a) == NameKey(b); allocates nothing for names of up to 128 bytes.
bool SameName(std::string_view a, std::string_view b);

// The ids and aliases of one kind of vocabulary entry (subjects, types) by their NameKey, for
// matching names from records without a search per row. Built by RuleSet::IndexNames().
struct NameIndex {
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const noexcept {
      return std::hash<std::string_view>{}(text);
    }
  };
  std::unordered_map<std::string, int, Hash, std::equal_to<>> by_key;  // key -> entry index
  std::vector<std::pair<std::string, int>> keys;  // every key, in definition order: id, aliases
  std::size_t entries = 0;  // how many entries it was built from; a stale index is not used
  bool built = false;
};

// Two entries of one kind (two subjects, or two types) that a name from records could not tell
// apart: an alias equal to another entry's id or alias, or two ids with one NameKey.
// IndexNames() lists them; the rules loader reports each as `duplicate-alias`.
struct NameClash {
  int first = kNone;         // the entry that holds the name first, in definition order
  int second = kNone;        // the later entry
  int first_alias = kNone;   // index into first's aliases, or kNone for its id
  int second_alias = kNone;  // likewise for second
};

// A declared custom role or strand (built-ins need no declaration).
struct NamedItem {
  std::string id;
  std::string title;
  std::string description;
  Location location;
};

// A comparison, in a filter condition (`grade: ">= 4"`) or a `compare` requirement (`op`).
// Declared in the order the rule language lists the operators, which messages follow.
enum class CompareOp : std::uint8_t { kGe, kGt, kLe, kLt, kEq, kNe };
inline constexpr EnumName<CompareOp> kCompareOpNames[] = {
    {CompareOp::kGe, ">=", ""}, {CompareOp::kGt, ">", ""},  {CompareOp::kLe, "<=", ""},
    {CompareOp::kLt, "<", ""},  {CompareOp::kEq, "==", ""}, {CompareOp::kNe, "!=", ""},
};
static_assert(InDeclarationOrder(kCompareOpNames));
inline std::string_view CompareOpSymbol(CompareOp op) { return NameOf(kCompareOpNames, op); }

// One condition of a filter: `field op values`.
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

// A `where` filter: every condition holds, no negated sub-filter holds and, when there are
// alternatives, at least one of them holds.
struct Filter {
  std::vector<Condition> conditions;
  std::vector<Filter> negated;       // `not:` sub-filters
  std::vector<Filter> alternatives;  // `any:` (rule language 1.1): "A or B"
  Location location;
  bool empty() const { return conditions.empty() && negated.empty() && alternatives.empty(); }
};

// What a sum or best-N adds up (`of`), or what a count counts (kCount, never written as `of`).
enum class Quantity : std::uint8_t { kHours, kPoints, kSize, kCount };
inline constexpr EnumName<Quantity> kQuantityNames[] = {
    {Quantity::kHours, "hours", ""},
    {Quantity::kPoints, "points", ""},
    {Quantity::kSize, "size", ""},
    {Quantity::kCount, "count", ""},
};
static_assert(InDeclarationOrder(kQuantityNames));
inline std::string_view QuantityName(Quantity quantity) { return NameOf(kQuantityNames, quantity); }

// An aggregate over matching achievements: a count, a sum, or the sum of the best N. Written
// `{count: {...}}` as a `compare` side or a threshold's `by`; a count, sum or best requirement
// is one with bounds.
struct Aggregate {
  // kValue (rule language 1.1): a named value of the programme, `{value: total-points}`, or a
  // fixed number, `{value: 30}`; it has no `where`.
  enum class Kind : std::uint8_t { kCount, kSum, kBest, kValue } kind = Kind::kCount;
  Filter where;
  std::optional<Field> distinct;  // count: count distinct values; sum (1.1): each value once
  // sum, rule language 1.1: add up within each value of `per`, and count only the values whose
  // subtotal is at least `each_at_least` ("only strands with 30 hours or more count").
  std::optional<Field> per;
  double each_at_least = 0;
  Quantity of = Quantity::kCount;
  std::string table_id;
  int table = kNone;     // with Quantity::kPoints: index into RuleSet::tables
  int n = 0;             // best: how many
  std::string value_id;  // kValue: the named value, or empty for the fixed `number`
  int value = kNone;     // kValue: index into Programme::values
  double number = 0;     // kValue without a name
  Location location;
  Location table_location;
};
// The key of each aggregate as written.
inline constexpr EnumName<Aggregate::Kind> kAggregateKindNames[] = {
    {Aggregate::Kind::kCount, "count", ""},
    {Aggregate::Kind::kSum, "sum", ""},
    {Aggregate::Kind::kBest, "best", ""},
    {Aggregate::Kind::kValue, "value", ""},
};
static_assert(InDeclarationOrder(kAggregateKindNames));

// A bound: a fixed number, or a step function of another aggregate.
struct Threshold {
  bool present = false;
  double value = 0;
  // When `by` is set, the bound is steps[i].second for the greatest steps[i].first <= by.
  std::vector<Aggregate> by;  // zero or one element (a vector to allow an incomplete type)
  std::vector<std::pair<double, double>> steps;  // ascending by first
  Location location;
};

// A node of a requirement tree: one primitive of the rule language. A new primitive is a Kind
// with its row in kRequirementKindNames and its case in ShapeOf() and NeededChildren() below;
// CONTRIBUTING.md lists the other files it touches.
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
  // sum with `per` (rule language 1.1): at least this many values of `per` must reach the
  // aggregate's `each_at_least` ("across at least two strands"); 0: no such bound.
  int groups = 0;
  std::vector<Requirement> children;
  Location location;
};
// The key of each primitive as written, in the order messages list them.
inline constexpr EnumName<Requirement::Kind> kRequirementKindNames[] = {
    {Requirement::Kind::kCount, "count", ""}, {Requirement::Kind::kSum, "sum", ""},
    {Requirement::Kind::kBest, "best", ""},   {Requirement::Kind::kAll, "all", ""},
    {Requirement::Kind::kAny, "any", ""},     {Requirement::Kind::kNOf, "n_of", ""},
    {Requirement::Kind::kNoneOf, "none", ""}, {Requirement::Kind::kCompare, "compare", ""},
};
static_assert(InDeclarationOrder(kRequirementKindNames));

// What a node holds and how it is met, which is all that generic code (the checks, the plan,
// exceptions, the explain tree) needs to know of its kind: a new kind of an existing shape is
// handled there already, and a new shape is a compile error in each switch over shapes.
enum class RequirementShape : std::uint8_t {
  // `aggregate` over the achievements allocated to the component, within `at_least` and
  // `at_most`; with `at_least`, the allocation fills it (IsAllocatingLeaf). count, sum, best.
  kBounded,
  // No eligible achievement matches `aggregate.where`. none.
  kExclusion,
  // `aggregate` `op` `right`, each over every eligible achievement. compare.
  kComparison,
  // `children`, NeededChildren() of which must be met. all, any, n_of.
  kGroup,
};

constexpr RequirementShape ShapeOf(Requirement::Kind kind) {
  switch (kind) {
    case Requirement::Kind::kCount:
    case Requirement::Kind::kSum:
    case Requirement::Kind::kBest:
      return RequirementShape::kBounded;
    case Requirement::Kind::kNoneOf:
      return RequirementShape::kExclusion;
    case Requirement::Kind::kCompare:
      return RequirementShape::kComparison;
    case Requirement::Kind::kAll:
    case Requirement::Kind::kAny:
    case Requirement::Kind::kNOf:
      return RequirementShape::kGroup;
  }
  return RequirementShape::kGroup;  // not reached: the switch names every kind
}

// How many of a group's children must be met; 0 for a node of another shape.
inline int NeededChildren(const Requirement& requirement) {
  switch (requirement.kind) {
    case Requirement::Kind::kAll:
      return static_cast<int>(requirement.children.size());
    case Requirement::Kind::kAny:
      return 1;
    case Requirement::Kind::kNOf:
      return requirement.n_of;
    case Requirement::Kind::kCount:
    case Requirement::Kind::kSum:
    case Requirement::Kind::kBest:
    case Requirement::Kind::kNoneOf:
    case Requirement::Kind::kCompare:
      return 0;
  }
  return 0;
}

// Whether the allocation fills this node's aggregate with the achievements it gives the
// component: a bounded node with `at_least`. An `at_most` alone is checked against every
// eligible achievement instead.
inline bool IsAllocatingLeaf(const Requirement& requirement) {
  return ShapeOf(requirement.kind) == RequirementShape::kBounded && requirement.at_least.present;
}

struct Component {
  std::string id;        // full node id, "advanced.core-maths"
  std::string local_id;  // "core-maths"
  std::string title;
  std::string description;
  std::string role;
  bool shared = false;  // its achievements may also count for other components
  // Rule language 1.1, `different: {field: subject, from: [core]}`: an achievement counts here
  // only when its `different_field` differs from that of every achievement the components
  // `different_from` use ("a different subject from the one used there").
  std::optional<Field> different_field;
  std::vector<std::string> different_from_ids;
  std::vector<int> different_from;  // component indexes within the tier
  Location different_location;
  Requirement requirement;
  Location location;
};

struct Band {
  std::string name;
  double at_least = 0;
  double below = std::numeric_limits<double>::infinity();
  Location location;
};

// How a tier's award grade is worked out: from the points, or the count of matching
// achievements, that some of its components use, or (rule language 1.1) from a named value of
// the programme, placed in bands.
struct Grading {
  enum class Kind : std::uint8_t { kUngraded, kPoints, kCount, kValue } kind = Kind::kUngraded;
  // kPoints, rule language 1.1: how the points of the achievements counted make the score.
  // kTotal adds them up; kLowest takes the lowest ("distinction if every grade counted is at
  // least A"). With `best`, only the best `best` achievements are counted at all.
  enum class Combine : std::uint8_t { kTotal, kLowest } combine = Combine::kTotal;
  int best = 0;  // kPoints: count only this many achievements, those with the most points; 0: all
  std::string table_id;
  int table = kNone;     // kPoints
  Filter where;          // kCount
  std::string value_id;  // kValue: the named value graded
  int value = kNone;     // kValue: index into Programme::values
  std::vector<std::string> of_ids;
  std::vector<int> of;      // component indexes within the tier
  std::vector<Band> bands;  // highest first
  Location location;
};
// How `combine` is written.
inline constexpr EnumName<Grading::Combine> kGradingCombineNames[] = {
    {Grading::Combine::kTotal, "total", ""},
    {Grading::Combine::kLowest, "lowest", ""},
};
static_assert(InDeclarationOrder(kGradingCombineNames));

// The score of a tier's grading from the points (or, for a count, the 1s) of each achievement
// its components use: their total, or the lowest, of all or of the `best` with the most. No
// achievement scores 0. Reorders `gains`.
double GradingScoreOf(const Grading& grading, std::vector<double>& gains);
// The key under `grading` that names each kind; a tier without `grading` is kUngraded, whose
// name is never written.
inline constexpr EnumName<Grading::Kind> kGradingKindNames[] = {
    {Grading::Kind::kUngraded, "ungraded", ""},
    {Grading::Kind::kPoints, "points", ""},
    {Grading::Kind::kCount, "count", ""},
    {Grading::Kind::kValue, "value", ""},
};
static_assert(InDeclarationOrder(kGradingKindNames));

struct Tier {
  std::string id;
  std::string title;
  std::vector<Component> components;
  Grading grading;
  Location location;
};

// A number worked out from a learner's achievements (rule language 1.1's `values`): "total
// points = the best six subject grades + a bonus". Each is worked out once per learner from
// every achievement that counts, before any tier is tried, so it does not depend on which
// component an achievement goes to; outputs show it, a grading can band it and a `compare` or
// a threshold's `by` can test it as `{value: id}`.
struct ValueExpr {
  enum class Kind : std::uint8_t {
    kNumber,     // a number as written
    kAggregate,  // `count`, `sum` or `best` over every achievement that counts
    kValue,      // `value: id`: a named value defined before this one
    kAdd,        // `add: [...]`
    kMultiply,   // `multiply: [...]`
    kLowest,     // `lowest: [...]`
    kHighest,    // `highest: [...]`
    kLookup,     // `lookup: {table, row, column}`: a table on the grades of two achievements
  };
  Kind kind = Kind::kNumber;
  double number = 0;                // kNumber
  Aggregate aggregate;              // kAggregate
  std::string value_id;             // kValue
  int value = kNone;                // kValue: index into Programme::values
  std::vector<ValueExpr> operands;  // kAdd, kMultiply, kLowest, kHighest: two or more
  // kLookup: of the achievements that count, the one matching `row` with the highest grade
  // gives the table's first key (its key1 field), the one matching `column` its second. No
  // such achievement, or no entry for the pair, gives 0.
  std::string table_id;
  int table = kNone;
  Filter row;
  Filter column;
  Location location;
  Location table_location;
};
// The key that names each kind of expression (kNumber and kAggregate are not written as one).
inline constexpr EnumName<ValueExpr::Kind> kValueExprKindNames[] = {
    {ValueExpr::Kind::kNumber, "number", ""},     {ValueExpr::Kind::kAggregate, "aggregate", ""},
    {ValueExpr::Kind::kValue, "value", ""},       {ValueExpr::Kind::kAdd, "add", ""},
    {ValueExpr::Kind::kMultiply, "multiply", ""}, {ValueExpr::Kind::kLowest, "lowest", ""},
    {ValueExpr::Kind::kHighest, "highest", ""},   {ValueExpr::Kind::kLookup, "lookup", ""},
};
static_assert(InDeclarationOrder(kValueExprKindNames));

struct NamedValue {
  std::string id;  // as written: "total-points"; a column of outputs
  std::string title;
  std::string description;
  ValueExpr expr;
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
struct ExpectedValue {
  std::string value;  // a named value's id (rule language 1.1)
  double number = 0;
  Location location;  // of the id as written
};
struct TestCase {
  std::string name;
  std::string learner_id;
  std::vector<TestAchievement> achievements;
  std::string expect_tier;   // a tier id or "none"
  std::string expect_grade;  // empty: not checked
  std::vector<ExpectedStatus> expect_components;
  std::vector<ExpectedValue> expect_values;
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
  std::vector<NamedValue> values;  // rule language 1.1, in the order written
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

  NameIndex subject_names;  // built by IndexNames()
  NameIndex type_names;     // built by IndexNames()

  // Index lookups by id, exactly as written (rule files name things by id); kNone when absent.
  int FindScale(std::string_view id) const;
  int FindType(std::string_view id) const;
  int FindTable(std::string_view id) const;
  int FindSubject(std::string_view id) const;
  int FindFramework(std::string_view id) const;
  int FindProgramme(std::string_view id) const;
  bool IsRole(std::string_view id) const;    // built-in or declared
  bool IsStrand(std::string_view id) const;  // built-in or declared

  // The subject (type) that a name as written in results data stands for, as an index into
  // `subjects` (`types`); kNone when it stands for none. The name is compared by NameKey with
  // every id, then every alias: "Maths", " maths ", "English Language" and "english_language"
  // all find a subject whose id or alias they are. A name ending in an awarding body in
  // brackets ("Psychology (AQA)", "Chemistry (OCR)": AQA, OCR, Pearson, Edexcel, WJEC, Eduqas,
  // CCEA, Cambridge, CIE, CAIE, NCFE) that matches nothing is tried again without it. The
  // records resolver uses these for every `subject` and `type` value, and a column-mapping
  // proposer can use them to recognise a header or a value; cheap enough for every row when
  // the names are indexed (IndexNames), and a linear search otherwise.
  int MatchSubject(std::string_view text) const;
  int MatchType(std::string_view text) const;

  // For a name that MatchSubject (MatchType) does not match: the id of the subject (type) with
  // an id or alias close enough to the name to be a misspelling of it (ClosestMatch in
  // diagnostic.h, over NameKeys; for a subject, also at most kMaxSubjectEdits edits away),
  // else "". Costs an edit distance per id and alias, so callers judge each distinct name once.
  std::string SuggestSubject(std::string_view text) const;
  std::string SuggestType(std::string_view text) const;

  // Indexes the ids and aliases of `subjects` and `types` for MatchSubject and MatchType, and
  // returns the names two subjects (in `subject_clashes`) or two types share. The rules loader
  // calls it once every file is loaded; call it again after changing `subjects` or `types` by
  // hand (an index built for fewer entries than there are is not used).
  void IndexNames(std::vector<NameClash>* subject_clashes = nullptr,
                  std::vector<NameClash>* type_clashes = nullptr);
};

}  // namespace accredit
