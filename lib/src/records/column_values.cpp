#include "records/column_values.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "base/text.h"

namespace accredit::internal {

namespace {

// Whether `words` holds `phrase` as whole words ("btec sport" holds "btec").
bool HasWords(std::string_view words, std::string_view phrase) {
  if (phrase.empty()) return false;
  std::size_t at = 0;
  while ((at = words.find(phrase, at)) != std::string_view::npos) {
    const bool starts = at == 0 || words[at - 1] == ' ';
    const std::size_t end = at + phrase.size();
    const bool ends = end == words.size() || words[end] == ' ';
    if (starts && ends) return true;
    ++at;
  }
  return false;
}

}  // namespace

ColumnValues CollectValues(const ExportTable& table, std::size_t column) {
  ColumnValues out;
  std::unordered_map<std::string, std::size_t> index;
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    if (column >= table.rows[r].size()) continue;
    const std::string_view text = TrimSpace(table.rows[r][column]);
    if (text.empty()) continue;
    ++out.filled;
    auto it = index.find(std::string(text));
    if (it != index.end()) {
      ++out.distinct[it->second].count;
      continue;
    }
    if (out.distinct.size() >= ColumnValues::kMaxDistinct) {
      out.capped = true;
      continue;
    }
    index.emplace(std::string(text), out.distinct.size());
    out.distinct.push_back({std::string(text), 1, table.lines[r]});
  }
  return out;
}

std::string SeenList(const ColumnValues& values, std::size_t most) {
  std::vector<std::string> shown;
  for (const ColumnValues::Value& value : values.distinct) {
    if (shown.size() == most) break;
    shown.push_back(value.text);
  }
  std::string out = fmt::format("{}", fmt::join(shown, ", "));
  const std::size_t more = values.distinct.size() - shown.size();
  if (more > 0 || values.capped) {
    out += values.capped ? " and more" : fmt::format(" and {} more", more);
  }
  return out;
}

std::vector<int> NamedTypes(std::string_view hint, const ExportVocabulary& vocabulary) {
  const RuleSet& rules = vocabulary.rules();
  std::vector<int> named;
  const std::string key = WordKey(hint);
  if (key.empty()) return named;
  const int exact = rules.FindType(vocabulary.Value(Field::kType, key));
  if (exact != kNone) {
    named.push_back(exact);
    return named;
  }
  for (int t : vocabulary.GradedTypes()) {
    const QualType& type = rules.types[static_cast<std::size_t>(t)];
    if (type.kind != Kind::kActivity && HasWords(WordKey(type.id + " " + type.title), key)) {
      named.push_back(t);
    }
  }
  return named;
}

TypeGuess GuessGradeType(const ColumnValues& values, const ExportVocabulary& vocabulary,
                         std::string_view hint, std::span<const int> context) {
  const RuleSet& rules = vocabulary.rules();
  std::vector<int> candidates;
  for (int t : vocabulary.GradedTypes()) {
    if (rules.types[static_cast<std::size_t>(t)].kind != Kind::kActivity) candidates.push_back(t);
  }
  TypeGuess guess;
  guess.total = values.filled;
  const auto resolved = [&](int t) {
    std::uint64_t n = 0;
    for (const ColumnValues::Value& value : values.distinct) {
      if (!vocabulary.Grade(t, value.text).empty()) n += value.count;
    }
    return n;
  };
  const std::vector<int> named = NamedTypes(hint, vocabulary);
  if (guess.total == 0) {
    if (!named.empty()) guess.type = named.front();
    return guess;
  }
  std::vector<std::pair<int, std::uint64_t>> scored;
  for (int t : named) scored.emplace_back(t, resolved(t));
  const bool named_reads =
      std::any_of(scored.begin(), scored.end(), [&](const auto& s) { return s.second > 0; });
  if (!named_reads) {
    scored.clear();
    for (int t : candidates) scored.emplace_back(t, resolved(t));
  }
  if (scored.empty()) return guess;
  std::uint64_t best = 0;
  for (const auto& [t, n] : scored) best = std::max(best, n);
  if (best == 0) return guess;
  std::vector<int> fitting;  // the types that read the most grades, most likely first
  for (const auto& [t, n] : scored) {
    if (n == best) fitting.push_back(t);
  }
  // Among the types that fit, the ones the header names are all as likely as each other. With
  // no name, a type most exports hold (or one the table names elsewhere) is more likely than
  // another: a column of 7s and 4s is GCSE, not an IB subject nor a GCSE short course, unless
  // the sheet or a neighbouring column says IB. Only the equally likely are said to fit too.
  const auto likely = [&](int t) {
    return named_reads || vocabulary.IsCommonType(t) ||
           std::find(context.begin(), context.end(), t) != context.end();
  };
  const bool any_likely = std::any_of(fitting.begin(), fitting.end(), likely);
  for (int t : fitting) {
    if (any_likely && !likely(t)) continue;
    if (guess.type == kNone) {
      guess.type = t;
    } else {
      guess.also.push_back(t);
    }
  }
  guess.resolved = best;
  for (const ColumnValues::Value& value : values.distinct) {
    if (vocabulary.Grade(guess.type, value.text).empty()) guess.unknown.push_back(value.text);
  }
  return guess;
}

DateGuess GuessDates(const ExportTable& table, std::size_t column) {
  static constexpr std::array<DateFormat, 5> kOrder = {DateFormat::kIso, DateFormat::kDayMonthYear,
                                                       DateFormat::kSeries, DateFormat::kDayMonName,
                                                       DateFormat::kMonthDayYear};
  std::array<std::uint64_t, 5> fitted{};
  DateGuess guess;
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const std::string_view text = TrimSpace(table.rows[r][column]);
    if (text.empty()) continue;
    ++guess.total;
    if (text.find(':') != std::string_view::npos) guess.times = true;
    for (std::size_t f = 0; f < kOrder.size(); ++f) {
      if (ConvertDate(text, kOrder[f])) ++fitted[f];
    }
  }
  std::size_t best = 0;
  for (std::size_t f = 1; f < kOrder.size(); ++f) {
    // Ties keep the earlier: ISO dates fit every format, Excel serials every one but ISO (so
    // they are read as the UK spreadsheet's dd/mm/yyyy), and 03/04/2026 is day first.
    if (fitted[f] > fitted[best]) best = f;
  }
  guess.format = kOrder[best];
  guess.fitted = fitted[best];
  for (std::size_t r = 0; r < table.rows.size() && guess.bad_lines.size() < 5; ++r) {
    const std::string_view text = TrimSpace(table.rows[r][column]);
    if (!text.empty() && !ConvertDate(text, guess.format))
      guess.bad_lines.push_back(table.lines[r]);
  }
  if (guess.format == DateFormat::kSeries || guess.format == DateFormat::kDayMonName) {
    // A month's name is not personal: show one value as it is written.
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
      const std::string_view text = TrimSpace(table.rows[r][column]);
      if (!text.empty() && ConvertDate(text, guess.format)) {
        guess.example = std::string(text);
        break;
      }
    }
  }
  return guess;
}

std::string RowList(const std::vector<std::uint32_t>& lines) {
  std::vector<std::string> shown;
  for (std::size_t i = 0; i < lines.size() && i < 5; ++i)
    shown.push_back(fmt::format("{}", lines[i]));
  if (shown.size() == 1) return "row " + shown.front();
  if (lines.size() > shown.size()) {
    return fmt::format("rows {} and more", fmt::join(shown, ", "));
  }
  const std::string last = shown.back();
  shown.pop_back();
  return fmt::format("rows {} and {}", fmt::join(shown, ", "), last);
}

}  // namespace accredit::internal
