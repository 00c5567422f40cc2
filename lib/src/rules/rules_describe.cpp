#include "accredit/rules_describe.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "base/text_wrap.h"

namespace accredit {

std::string DescribeDifferent(const Tier& tier, const Component& component) {
  if (!component.different_field || component.different_from.empty()) return "";
  std::string parts;
  for (std::size_t i = 0; i < component.different_from.size(); ++i) {
    const Component& c = tier.components[static_cast<std::size_t>(component.different_from[i])];
    if (i > 0) parts += i + 1 == component.different_from.size() ? " or " : ", ";
    parts += c.title.empty() ? c.local_id : c.title;
  }
  return fmt::format("each in a {} not already used for {}", FieldName(*component.different_field),
                     parts);
}

std::string DistinctSumClause(const Aggregate& aggregate) {
  if (aggregate.kind != Aggregate::Kind::kSum) return "";
  if (aggregate.distinct)
    return fmt::format(", counting each {} once", FieldName(*aggregate.distinct));
  if (!aggregate.per) return "";
  return fmt::format(", counting only {}s with {} or more", FieldName(*aggregate.per),
                     EachAtLeast(aggregate));
}

std::string EachAtLeast(const Aggregate& aggregate) {
  std::string n = FormatNumber(aggregate.each_at_least);
  switch (aggregate.of) {
    case Quantity::kHours:
      return n + (aggregate.each_at_least == 1 ? " hour" : " hours");
    case Quantity::kPoints:
      return n + " points";
    case Quantity::kSize:
      return "a size of " + n;
    case Quantity::kCount:
      break;
  }
  return n;
}

std::string DescribeGroupShortfall(const Requirement& requirement, int groups) {
  const Aggregate& agg = requirement.aggregate;
  if (!agg.per || requirement.groups <= groups) return "";
  int missing = requirement.groups - groups;
  std::string field(FieldName(*agg.per));
  return fmt::format("needs {} more {}{} with {} or more (has {} of {})", missing, field,
                     missing == 1 ? "" : "s", EachAtLeast(agg), groups, requirement.groups);
}

namespace {

using internal::Wrap;

std::string Number(double value) {
  if (value == std::floor(value)) return fmt::format("{}", static_cast<long long>(value));
  return fmt::format("{:.1f}", value);
}

std::string JoinOr(const std::vector<std::string>& items) {
  if (items.empty()) return "";
  if (items.size() == 1) return items.front();
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " or " : ", ";
    out += items[i];
  }
  return out;
}

std::string StrandTitle(const RuleSet& rules, const std::string& id) {
  if (id == "leadership-service") return "leadership & service";
  if (id == "creative-cultural") return "creative & cultural";
  if (id == "physical-outdoor") return "physical & outdoor";
  for (const NamedItem& s : rules.strands) {
    if (s.id == id && !s.title.empty()) return s.title;
  }
  return id;
}

std::string TypeTitle(const RuleSet& rules, const std::string& id) {
  int t = rules.FindType(id);
  if (t != kNone && !rules.types[static_cast<std::size_t>(t)].title.empty()) {
    return rules.types[static_cast<std::size_t>(t)].title;
  }
  return id;
}

std::string SubjectTitle(const RuleSet& rules, const std::string& id) {
  int s = rules.FindSubject(id);
  if (s != kNone && !rules.subjects[static_cast<std::size_t>(s)].title.empty()) {
    return rules.subjects[static_cast<std::size_t>(s)].title;
  }
  return id;
}

std::string OpPhrase(CompareOp op, const std::string& operand, std::string_view unit) {
  switch (op) {
    case CompareOp::kGe:
      return fmt::format("{}{} or above", unit, operand);
    case CompareOp::kGt:
      return fmt::format("above {}{}", unit, operand);
    case CompareOp::kLe:
      return fmt::format("{}{} or below", unit, operand);
    case CompareOp::kLt:
      return fmt::format("below {}{}", unit, operand);
    case CompareOp::kEq:
      return fmt::format("{}{}", unit, operand);
    case CompareOp::kNe:
      return fmt::format("other than {}{}", unit, operand);
  }
  return operand;
}

std::string AggregateNoun(const RuleSet& rules, const Aggregate& agg) {
  std::string noun = agg.of == Quantity::kHours ? DescribeHoursOf(rules, agg.where)
                                                : DescribeFilter(rules, agg.where);
  // A count's `distinct` is said by the count itself ("3 different subjects among ...").
  noun += DistinctSumClause(agg);
  return noun;
}

std::string TableTitle(const RuleSet& rules, int table) {
  if (table == kNone) return "points";
  const PointsTable& t = rules.tables[static_cast<std::size_t>(table)];
  std::string title = t.title.empty() ? t.id : t.title;
  // "UCAS Tariff points (2017 tariff)" names its unit already.
  return title.find("points") != std::string::npos ? title : title + " points";
}

// A named value as a noun when only its id is known: "total-points" -> "the total points".
std::string ValueNoun(std::string_view id) {
  std::string noun = "the ";
  for (char c : id) noun += c == '-' ? ' ' : c;
  return noun;
}

// What a points grading's score is, "the UCAS points earned by Core"; with rule language
// 1.1's `best` and `combine: lowest`, "the lowest UCAS points among the best 3 achievements
// used by Core".
std::string DescribePointsBasis(const RuleSet& rules, const Grading& g, const std::string& parts) {
  std::string points = TableTitle(rules, g.table);
  const bool lowest = g.combine == Grading::Combine::kLowest;
  if (g.best > 0) {
    return fmt::format("{}{} {} the best {} achievement{} used by {}", lowest ? "lowest " : "",
                       points, lowest ? "among" : "of", g.best, g.best == 1 ? "" : "s", parts);
  }
  if (lowest) return fmt::format("lowest {} of any achievement used by {}", points, parts);
  return fmt::format("{} earned by {}", points, parts);
}

std::string DescribeAggregate(const RuleSet& rules, const Aggregate& agg) {
  std::string noun = AggregateNoun(rules, agg);
  switch (agg.kind) {
    case Aggregate::Kind::kCount:
      if (agg.distinct) {
        return fmt::format("the number of different {}s among {}", FieldName(*agg.distinct), noun);
      }
      return fmt::format("the number of {}", noun);
    case Aggregate::Kind::kSum:
      if (agg.of == Quantity::kPoints) {
        return fmt::format("the {} of {}", TableTitle(rules, agg.table), noun);
      }
      return fmt::format("the {} of {}", QuantityName(agg.of), noun);
    case Aggregate::Kind::kBest:
      return fmt::format("the {} of the best {} {}",
                         agg.of == Quantity::kPoints ? TableTitle(rules, agg.table)
                                                     : std::string(QuantityName(agg.of)),
                         agg.n, noun);
    case Aggregate::Kind::kValue:
      return agg.value_id.empty() ? Number(agg.number) : ValueNoun(agg.value_id);
  }
  return noun;
}

// "40 points", or with steps "40 points; 100 when the number of A levels is 3 or more; 160 when
// it is 4 or more" (the first step also holds below its key: below every key, it applies).
std::string DescribeThreshold(const RuleSet& rules, const Threshold& t, std::string_view unit) {
  if (t.by.empty()) return Number(t.value) + std::string(unit);
  std::string out;
  for (std::size_t i = 0; i < t.steps.size(); ++i) {
    const auto& [from, value] = t.steps[i];
    if (i == 0) {
      out = Number(value) + std::string(unit);
    } else {
      out += fmt::format("; {} when {} is {} or more", Number(value),
                         i == 1 ? DescribeAggregate(rules, t.by.front()) : std::string("it"),
                         Number(from));
    }
  }
  return out;
}

// Whether a bound of `req` depends on another value (by/steps).
bool Stepped(const Requirement& req) {
  return (req.at_least.present && !req.at_least.by.empty()) ||
         (req.at_most.present && !req.at_most.by.empty());
}

std::string Bounds(const RuleSet& rules, const Requirement& req, std::string_view unit) {
  std::string out;
  if (req.at_least.present) out += "at least " + DescribeThreshold(rules, req.at_least, unit);
  if (req.at_most.present) {
    if (!out.empty()) out += req.at_least.by.empty() ? " and " : "; and ";
    out += "at most " + DescribeThreshold(rules, req.at_most, unit);
  }
  return out;
}

void DescribeTree(const RuleSet& rules, const Requirement& req, std::size_t indent,
                  std::string& out) {
  std::string line = DescribeRequirement(rules, req);
  if (!req.title.empty() && indent > 4) line = req.title + ": " + line;
  Wrap(out, "- " + line, indent, 80, 2);
  for (const Requirement& child : req.children) DescribeTree(rules, child, indent + 2, out);
}

}  // namespace

namespace {

// A filter as a noun phrase in two numbers: "GCSE in Mathematics at grade 4 or above" and
// "GCSEs in Mathematics at grade 4 or above".
struct Phrase {
  std::string singular = "achievement";
  std::string plural = "achievements";
  std::vector<std::string> qualifiers;
  std::string Render(bool one) const {
    std::string out = one ? singular : plural;
    for (const std::string& q : qualifiers) out += " " + q;
    return out;
  }
};

std::string Pluralize(const std::string& title) {
  if (title.size() <= 16 && !title.empty() && title.back() != 's' && title.back() != ')') {
    return title + "s";
  }
  return title + " results";
}

// A grade that is a word in lower case ("completed", "not-completed") rather than a mark.
bool IsWordGrade(const std::string& grade) {
  return grade.size() > 3 && std::all_of(grade.begin(), grade.end(),
                                         [](char c) { return (c >= 'a' && c <= 'z') || c == '-'; });
}

std::string WordsOf(std::string text) {
  std::replace(text.begin(), text.end(), '-', ' ');
  return text;
}

Phrase BuildPhrase(const RuleSet& rules, const Filter& filter) {
  Phrase phrase;
  if (!filter.alternatives.empty()) {
    // "A levels at grade C or above, or AS levels in French at grade E or above": each
    // alternative said whole, with the filter's own conditions in it.
    std::string one;
    std::string many;
    for (const Filter& alternative : filter.alternatives) {
      Filter merged = alternative;
      merged.conditions.insert(merged.conditions.begin(), filter.conditions.begin(),
                               filter.conditions.end());
      merged.negated.insert(merged.negated.end(), filter.negated.begin(), filter.negated.end());
      const Phrase said = BuildPhrase(rules, merged);
      one += (one.empty() ? "" : ", or ") + said.Render(true);
      many += (many.empty() ? "" : ", or ") + said.Render(false);
    }
    phrase.singular = one;
    phrase.plural = many;
    return phrase;
  }
  for (const Condition& c : filter.conditions) {
    std::vector<std::string> values;
    switch (c.field) {
      case Field::kKind:
        if (c.values.size() == 1) {
          phrase.singular = c.values.front();
          phrase.plural = c.values.front() == "activity" ? "activities" : c.values.front() + "s";
        }
        break;
      case Field::kType: {
        std::vector<std::string> plural;
        for (const std::string& v : c.values) {
          values.push_back(TypeTitle(rules, v));
          plural.push_back(Pluralize(TypeTitle(rules, v)));
        }
        phrase.singular = JoinOr(values);
        phrase.plural = JoinOr(plural);
        break;
      }
      case Field::kSubject:
        for (const std::string& v : c.values) values.push_back(SubjectTitle(rules, v));
        phrase.qualifiers.push_back("in " + JoinOr(values));
        break;
      case Field::kStrand:
        for (const std::string& v : c.values) values.push_back(StrandTitle(rules, v));
        phrase.qualifiers.push_back("in " + JoinOr(values));
        break;
      case Field::kGrade:
        if (c.form == Condition::Form::kPass) {
          phrase.qualifiers.push_back("with a pass");
        } else if (c.form == Condition::Form::kCompare) {
          phrase.qualifiers.push_back("at " + OpPhrase(c.op, c.values.front(), "grade "));
        } else if (std::all_of(c.values.begin(), c.values.end(), IsWordGrade)) {
          // A result in words ("completed"), not a grade: "marked completed".
          for (const std::string& v : c.values) values.push_back(WordsOf(v));
          phrase.qualifiers.push_back("marked " + JoinOr(values));
        } else {
          phrase.qualifiers.push_back("at grade " + JoinOr(c.values));
        }
        break;
      case Field::kLevel:
        if (c.form == Condition::Form::kCompare) {
          phrase.qualifiers.push_back("at " + OpPhrase(c.op, DescribeLevel(*c.level), ""));
        } else {
          for (const std::string& v : c.values) values.push_back(DescribeLevel(*ParseLevel(v)));
          phrase.qualifiers.push_back("at " + JoinOr(values));
        }
        break;
      case Field::kHours:
        phrase.qualifiers.push_back("of " + OpPhrase(c.op, Number(c.number), "") + " hours each");
        break;
      case Field::kDate:
        phrase.qualifiers.push_back("dated " + OpPhrase(c.op, c.values.front(), ""));
        break;
      case Field::kStatus:
        phrase.qualifiers.push_back("with status " + JoinOr(c.values));
        break;
      default:
        phrase.qualifiers.push_back(fmt::format("with {} {}", FieldName(c.field),
                                                c.form == Condition::Form::kCompare
                                                    ? OpPhrase(c.op, c.values.front(), "")
                                                    : JoinOr(c.values)));
        break;
    }
  }
  for (const Filter& negated : filter.negated) {
    phrase.qualifiers.push_back("other than " + BuildPhrase(rules, negated).Render(false));
  }
  return phrase;
}

// Rule language 1.1's named values, each with what it is worked out from.
void DescribeValues(const RuleSet& rules, const Programme& programme, std::string& out) {
  if (programme.values.empty()) return;
  out += "\nWorked out for each learner\n---------------------------\n";
  for (const NamedValue& value : programme.values) {
    std::string text =
        fmt::format("{}: {}.", ValueTitle(value), DescribeValue(rules, programme, value.expr));
    text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
    Wrap(out, text, 0, 80);
    if (!value.description.empty()) Wrap(out, value.description, 3, 80);
  }
}

}  // namespace

std::string DescribeFilter(const RuleSet& rules, const Filter& filter) {
  return BuildPhrase(rules, filter).Render(false);
}

std::string DescribeHoursOf(const RuleSet& rules, const Filter& filter) {
  // An activity of a type is a thing one does hours of: "hours of industry placement", not
  // "hours of industry placements" (nor, for a long title, "industry placement results").
  bool activities = false;
  for (const Condition& c : filter.conditions) {
    if (c.field != Field::kType || c.form != Condition::Form::kOneOf) continue;
    activities = !c.values.empty();
    for (const std::string& id : c.values) {
      const int t = rules.FindType(id);
      if (t == kNone || rules.types[static_cast<std::size_t>(t)].kind != Kind::kActivity) {
        activities = false;
      }
    }
  }
  return BuildPhrase(rules, filter).Render(activities && filter.alternatives.empty());
}

std::string DescribeCountOf(const RuleSet& rules, const Filter& filter, double n,
                            std::string_view after_number) {
  return fmt::format("{}{} {}", Number(n), after_number, BuildPhrase(rules, filter).Render(n == 1));
}

std::string DescribeRequirement(const RuleSet& rules, const Requirement& req) {
  const Aggregate& agg = req.aggregate;
  if (req.groups > 0 && agg.per) {  // rule language 1.1: "... in at least 2 different strands"
    Requirement total = req;
    total.groups = 0;
    return fmt::format("{}, in at least {} different {}s", DescribeRequirement(rules, total),
                       req.groups, FieldName(*agg.per));
  }
  std::string noun = AggregateNoun(rules, agg);
  switch (req.kind) {
    case Requirement::Kind::kCount:
      if (agg.distinct) {
        return fmt::format("{} different {}s among {}", Bounds(rules, req, ""),
                           FieldName(*agg.distinct), noun);
      }
      if (req.at_least.present && req.at_least.by.empty() && !req.at_most.present) {
        return "at least " + DescribeCountOf(rules, agg.where, req.at_least.value);
      }
      return fmt::format("{} {}", Bounds(rules, req, ""), noun);
    case Requirement::Kind::kSum:
      if (Stepped(req)) {
        // "Tariff points from A levels: at least 80; 112 when ...": the quantity first, so
        // that the steps end the sentence.
        return fmt::format("{} {} {}: {}",
                           agg.of == Quantity::kPoints ? TableTitle(rules, agg.table)
                                                       : std::string(QuantityName(agg.of)),
                           agg.of == Quantity::kPoints ? "from" : "of", noun,
                           Bounds(rules, req, ""));
      }
      if (agg.of == Quantity::kPoints) {
        return fmt::format("{} from {}", Bounds(rules, req, " " + TableTitle(rules, agg.table)),
                           noun);
      }
      if (agg.of == Quantity::kSize) {
        return fmt::format("{} adding up to a size of {}", noun, Bounds(rules, req, ""));
      }
      return fmt::format("{} of {}", Bounds(rules, req, agg.of == Quantity::kHours ? " hours" : ""),
                         noun);
    case Requirement::Kind::kBest:
      return fmt::format(
          "{} from the best {} {}",
          Bounds(rules, req,
                 " " + (agg.of == Quantity::kPoints ? TableTitle(rules, agg.table)
                                                    : std::string(QuantityName(agg.of)))),
          agg.n, noun);
    case Requirement::Kind::kNoneOf:
      return fmt::format("no {}", noun);
    case Requirement::Kind::kCompare:
      return fmt::format("{} must be {} {}", DescribeAggregate(rules, req.aggregate),
                         CompareOpSymbol(req.op), DescribeAggregate(rules, req.right));
    case Requirement::Kind::kAll:
      return "all of the following:";
    case Requirement::Kind::kAny:
      return "one of the following:";
    case Requirement::Kind::kNOf:
      return fmt::format("at least {} of the following:", req.n_of);
  }
  return "";
}

std::string DescribeShortfall(const RuleSet& rules, const Requirement& req, double actual,
                              double required, bool upper_bound) {
  const Aggregate& agg = req.aggregate;
  auto at_most = [&] {
    return fmt::format("may have at most {} {}: has {}", Number(required),
                       DescribeFilter(rules, agg.where), Number(actual));
  };
  switch (req.kind) {
    case Requirement::Kind::kCount: {
      if (upper_bound) return at_most();
      double n = std::ceil(required - actual);
      if (agg.distinct) {
        return fmt::format("needs {} more different {}{} among {}", Number(n),
                           FieldName(*agg.distinct), n == 1 ? "" : "s",
                           DescribeFilter(rules, agg.where));
      }
      return "needs " + DescribeCountOf(rules, agg.where, n, " more");
    }
    case Requirement::Kind::kSum:
    case Requirement::Kind::kBest: {
      if (upper_bound) return at_most();
      double shortfall = required - actual;
      if (agg.of == Quantity::kHours) {
        return fmt::format("needs {} more hours of {} (has {} of {})", Number(shortfall),
                           AggregateNoun(rules, agg), Number(actual), Number(required));
      }
      std::string best =
          req.kind == Requirement::Kind::kBest ? fmt::format("the best {} ", agg.n) : "";
      if (agg.of == Quantity::kSize) {
        return fmt::format("needs {}{} of {} more in total size (has {} of {})", best,
                           DescribeFilter(rules, agg.where), Number(shortfall), Number(actual),
                           Number(required));
      }
      std::string unit = agg.of == Quantity::kPoints ? TableTitle(rules, agg.table)
                                                     : std::string(QuantityName(agg.of));
      return fmt::format("needs {} more {} from {}{} (has {} of {})", Number(shortfall), unit, best,
                         AggregateNoun(rules, agg), Number(actual), Number(required));
    }
    case Requirement::Kind::kNoneOf:
      return fmt::format("must have no {}: has {}", DescribeFilter(rules, agg.where),
                         Number(actual));
    case Requirement::Kind::kCompare:
      return fmt::format("{}: it is {} against {}", DescribeRequirement(rules, req), Number(actual),
                         Number(required));
    case Requirement::Kind::kAll:
    case Requirement::Kind::kAny:
    case Requirement::Kind::kNOf:
      return "";  // a group's children say what they need
  }
  return "";
}

std::string ValueTitle(const NamedValue& value) {
  return value.title.empty() ? ValueNoun(value.id).substr(4) : value.title;
}

namespace {

// A named value's title as it reads after "the" in a sentence: "Total points" -> "total
// points"; "T Level points" and "UCAS points" stay as they are.
std::string TitleInSentence(const NamedValue& value) {
  std::string title = ValueTitle(value);
  if (title.size() > 1 && title[0] >= 'A' && title[0] <= 'Z' && title[1] >= 'a' &&
      title[1] <= 'z') {
    title[0] = static_cast<char>(title[0] - 'A' + 'a');
  }
  return title;
}

}  // namespace

std::string ValueInSentence(const NamedValue& value) { return "the " + TitleInSentence(value); }

std::string DescribeValue(const RuleSet& rules, const Programme& programme, const ValueExpr& expr) {
  // "a, b and c"; with `each` set, "a plus b plus c".
  auto list = [&](std::string_view last, bool each = false) {
    std::vector<std::string> parts;
    for (const ValueExpr& operand : expr.operands) {
      parts.push_back(DescribeValue(rules, programme, operand));
    }
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
      if (i > 0) out += i + 1 == parts.size() || each ? last : std::string_view(", ");
      out += parts[i];
    }
    return out;
  };
  switch (expr.kind) {
    case ValueExpr::Kind::kNumber:
      return Number(expr.number);
    case ValueExpr::Kind::kAggregate:
      return DescribeAggregate(rules, expr.aggregate);
    case ValueExpr::Kind::kValue:
      return expr.value == kNone
                 ? ValueNoun(expr.value_id)
                 : ValueInSentence(programme.values[static_cast<std::size_t>(expr.value)]);
    case ValueExpr::Kind::kAdd:
      return list(" plus ", true);
    case ValueExpr::Kind::kMultiply:
      return list(" times ", true);
    case ValueExpr::Kind::kLowest:
      return "the lowest of " + list(" and ");
    case ValueExpr::Kind::kHighest:
      return "the highest of " + list(" and ");
    case ValueExpr::Kind::kLookup: {
      // "1 T Level core component" -> "T Level core component"
      auto one = [&](const Filter& filter) {
        std::string text = DescribeCountOf(rules, filter, 1);
        return text.starts_with("1 ") ? text.substr(2) : text;
      };
      return fmt::format("the {}, looked up on the grade of the {} and that of the {}",
                         TableTitle(rules, expr.table), one(expr.row), one(expr.column));
    }
  }
  return "";
}

std::string DescribeProgramme(const RuleSet& rules, const Programme& programme) {
  std::string out;
  std::string title = programme.title.empty() ? programme.id : programme.title;
  out += title + "\n" + std::string(std::min<std::size_t>(title.size(), 80), '=') + "\n\n";
  std::string intro;
  if (!programme.centre.empty()) intro += fmt::format("Offered by {}. ", programme.centre);
  if (programme.starts && programme.ends) {
    intro += fmt::format("The programme runs from {} to {}. ", LongDate(*programme.starts),
                         LongDate(*programme.ends));
  }
  if (programme.starts) {
    intro += fmt::format("Work completed before {} does not count. ", LongDate(*programme.starts));
  }
  if (programme.framework != kNone) {
    const Framework& f = rules.frameworks[static_cast<std::size_t>(programme.framework)];
    intro += fmt::format("It follows {}. ", f.title.empty() ? f.id : f.title);
  }
  if (!intro.empty()) Wrap(out, intro.substr(0, intro.size() - 1), 0, 80);
  if (!programme.description.empty()) {
    out += "\n";
    Wrap(out, programme.description, 0, 80);
  }
  out += "\n";
  Wrap(out,
       fmt::format("There {} {} level{} of award, highest first. You receive the highest level "
                   "all of whose parts you complete. Each achievement counts towards only one "
                   "part of an award, unless the part says it may be shared.",
                   programme.tiers.size() == 1 ? "is" : "are", programme.tiers.size(),
                   programme.tiers.size() == 1 ? "" : "s"),
       0, 80);
  DescribeValues(rules, programme, out);
  for (const Tier& tier : programme.tiers) {
    std::string heading = tier.title.empty() ? tier.id : tier.title;
    out += "\n" + heading + "\n" + std::string(heading.size(), '-') + "\n";
    out += tier.components.size() == 1
               ? fmt::format("To achieve {} you need this part:\n", heading)
               : fmt::format("To achieve {} you need all {} of these parts:\n", heading,
                             tier.components.size());
    int n = 0;
    for (const Component& c : tier.components) {
      out += fmt::format("\n{}. {}\n", ++n, c.title.empty() ? c.local_id : c.title);
      if (!c.description.empty()) Wrap(out, c.description, 3, 80);
      DescribeTree(rules, c.requirement, 3, out);
      if (c.shared) Wrap(out, "(achievements used here may also count for other parts)", 3, 80);
      if (std::string different = DescribeDifferent(tier, c); !different.empty()) {
        Wrap(out, "(" + different + ")", 3, 80);
      }
    }
    const Grading& g = tier.grading;
    if (g.kind != Grading::Kind::kUngraded && !g.bands.empty()) {
      std::vector<std::string> parts;
      for (int i : g.of) {
        const Component& c = tier.components[static_cast<std::size_t>(i)];
        parts.push_back(c.title.empty() ? c.local_id : c.title);
      }
      std::string basis;
      switch (g.kind) {
        case Grading::Kind::kUngraded:
          break;  // not reached: ungraded tiers have no bands to describe
        case Grading::Kind::kPoints:
          basis = DescribePointsBasis(rules, g, JoinOr(parts));
          break;
        case Grading::Kind::kCount:
          basis = fmt::format("the number of {} used by {}", DescribeFilter(rules, g.where),
                              JoinOr(parts));
          break;
        case Grading::Kind::kValue:
          // "Award grade, from the overall grade points": the sentence has its "the".
          basis = g.value == kNone
                      ? ValueNoun(g.value_id).substr(4)
                      : TitleInSentence(programme.values[static_cast<std::size_t>(g.value)]);
          break;
      }
      std::vector<std::string> bands;
      for (const Band& b : g.bands) {
        bands.push_back(fmt::format("{} from {}", b.name, Number(b.at_least)));
      }
      out += "\n";
      Wrap(out, fmt::format("Award grade, from the {}: {}.", basis, fmt::join(bands, "; ")), 0, 80);
    }
  }
  return out;
}

}  // namespace accredit
