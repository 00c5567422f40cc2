#include <algorithm>
#include <functional>
#include <limits>

#include "accredit/diagnostic.h"
#include "accredit/rules.h"

namespace accredit {

int Scale::Rank(std::string_view grade) const {
  for (std::size_t i = 0; i < grades.size(); ++i) {
    if (grades[i] == grade) return static_cast<int>(i);
  }
  return kNone;
}

const SpecialCode* Scale::Special(std::string_view code) const {
  for (const SpecialCode& s : special) {
    if (s.code == code) return &s;
  }
  return nullptr;
}

std::optional<Level> QualType::LevelFor(int rank) const {
  std::optional<Level> result = level;
  if (rank == kNone) return result;
  for (const auto& [from, lvl] : level_by_grade) {
    if (rank >= from) result = lvl;
  }
  return result;
}

double PointsTable::Lookup(std::string_view key1_value, std::string_view key2_value) const {
  auto row = points.find(key1_value);
  if (row == points.end()) return 0;
  auto cell = row->second.find(key2_value);
  return cell == row->second.end() ? 0 : cell->second;
}

double GradingScoreOf(const Grading& grading, std::vector<double>& gains) {
  std::size_t counted = gains.size();
  if (grading.best > 0 && static_cast<std::size_t>(grading.best) < counted) {
    counted = static_cast<std::size_t>(grading.best);
    std::partial_sort(gains.begin(), gains.begin() + static_cast<std::ptrdiff_t>(counted),
                      gains.end(), std::greater<>());
  }
  if (counted == 0) return 0;
  double score =
      grading.combine == Grading::Combine::kLowest ? std::numeric_limits<double>::infinity() : 0;
  for (std::size_t i = 0; i < counted; ++i) {
    score =
        grading.combine == Grading::Combine::kLowest ? std::min(score, gains[i]) : score + gains[i];
  }
  return score;
}

namespace {

template <typename T>
int FindById(const std::vector<T>& items, std::string_view id) {
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i].id == id) return static_cast<int>(i);
  }
  return kNone;
}

}  // namespace

int RuleSet::FindScale(std::string_view id) const { return FindById(scales, id); }
int RuleSet::FindType(std::string_view id) const { return FindById(types, id); }
int RuleSet::FindTable(std::string_view id) const { return FindById(tables, id); }
int RuleSet::FindSubject(std::string_view id) const { return FindById(subjects, id); }
int RuleSet::FindFramework(std::string_view id) const { return FindById(frameworks, id); }
int RuleSet::FindProgramme(std::string_view id) const { return FindById(programmes, id); }

namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t'; }
bool IsSeparator(char c) { return IsSpace(c) || c == '-' || c == '_'; }
char LowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Hands the characters of NameKey(text) to `out` one at a time, without building the key.
template <typename Out>
void ForEachKeyChar(std::string_view text, Out out) {
  while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsSpace(text.back())) text.remove_suffix(1);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!IsSeparator(text[i])) {
      out(LowerAscii(text[i]));
      continue;
    }
    while (i + 1 < text.size() && IsSeparator(text[i + 1])) ++i;
    out('-');
  }
}

// NameKey(text) into `buffer` (at least text.size() bytes: a key is never longer than its
// text); returns the key's length.
std::size_t KeyInto(std::string_view text, char* buffer) {
  std::size_t n = 0;
  ForEachKeyChar(text, [&](char c) { buffer[n++] = c; });
  return n;
}

// The awarding bodies whose name an export may add to a subject in brackets ("Psychology
// (AQA)"): the exam boards offering GCSEs and A levels in England (AQA, OCR, Pearson Edexcel,
// WJEC Eduqas), in Wales and Northern Ireland (WJEC, CCEA), Cambridge International, and
// NCFE for technical awards. Written as NameKeys.
constexpr std::string_view kBoards[] = {
    "aqa",  "ocr",    "pearson",     "edexcel", "pearson-edexcel",
    "wjec", "eduqas", "wjec-eduqas", "ccea",    "cambridge",
    "cie",  "caie",   "ncfe",
};

// `key` without an awarding body in brackets at its end ("psychology-(aqa)" -> "psychology"),
// or empty when it has none.
std::string_view WithoutBoard(std::string_view key) {
  if (key.size() < 3 || key.back() != ')') return {};
  std::size_t open = key.rfind('(');
  if (open == std::string_view::npos || open == 0) return {};
  std::string_view board = key.substr(open + 1, key.size() - open - 2);
  if (!board.empty() && board.front() == '-') board.remove_prefix(1);
  if (!board.empty() && board.back() == '-') board.remove_suffix(1);
  if (std::find(std::begin(kBoards), std::end(kBoards), board) == std::end(kBoards)) return {};
  std::string_view rest = key.substr(0, open);
  while (!rest.empty() && rest.back() == '-') rest.remove_suffix(1);
  return rest;
}

template <typename T>
int MatchKey(const NameIndex& index, const std::vector<T>& items, std::string_view key) {
  if (index.built && index.entries == items.size()) {
    auto it = index.by_key.find(key);
    return it == index.by_key.end() ? kNone : it->second;
  }
  // Not indexed (a RuleSet built by hand): the same answer, one entry at a time.
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (SameName(items[i].id, key)) return static_cast<int>(i);
  }
  for (std::size_t i = 0; i < items.size(); ++i) {
    for (const Alias& alias : items[i].aliases) {
      if (SameName(alias.name, key)) return static_cast<int>(i);
    }
  }
  return kNone;
}

template <typename T>
int MatchName(const NameIndex& index, const std::vector<T>& items, std::string_view text) {
  // Names already in key form (canonical records use the ids) need no key built.
  if (index.built && index.entries == items.size()) {
    auto it = index.by_key.find(text);
    if (it != index.by_key.end()) return it->second;
  }
  constexpr std::size_t kShort = 128;
  char small[kShort];
  std::string large;
  char* buffer = small;
  if (text.size() > kShort) {
    large.resize(text.size());
    buffer = large.data();
  }
  const std::string_view key(buffer, KeyInto(text, buffer));
  int found = MatchKey(index, items, key);
  if (found != kNone) return found;
  if (std::string_view rest = WithoutBoard(key); !rest.empty()) return MatchKey(index, items, rest);
  return kNone;
}

template <typename T>
std::vector<std::pair<std::string, int>> KeysOf(const std::vector<T>& items) {
  std::vector<std::pair<std::string, int>> keys;
  for (std::size_t i = 0; i < items.size(); ++i) {
    keys.emplace_back(NameKey(items[i].id), static_cast<int>(i));
  }
  for (std::size_t i = 0; i < items.size(); ++i) {
    for (const Alias& alias : items[i].aliases) {
      keys.emplace_back(NameKey(alias.name), static_cast<int>(i));
    }
  }
  return keys;
}

template <typename T>
std::string Suggest(const NameIndex& index, const std::vector<T>& items, std::string_view text,
                    std::size_t max_edits) {
  std::vector<std::pair<std::string, int>> own;
  const std::vector<std::pair<std::string, int>>* keys = &index.keys;
  if (!index.built || index.entries != items.size()) {
    own = KeysOf(items);
    keys = &own;
  }
  std::vector<std::string> candidates;
  candidates.reserve(keys->size());
  for (const auto& [key, entry] : *keys) candidates.push_back(key);
  const std::string match = ClosestMatch(NameKey(text), candidates, max_edits);
  if (match.empty()) return {};
  for (const auto& [key, entry] : *keys) {
    if (key == match) return items[static_cast<std::size_t>(entry)].id;
  }
  return {};
}

// Indexes `items` into `index`, listing the names two entries share in `clashes`. Ids go in
// before aliases, so an alias equal to another entry's id is the clash, never the id.
template <typename T>
void Index(const std::vector<T>& items, NameIndex& index, std::vector<NameClash>* clashes) {
  index = NameIndex{};
  index.keys = KeysOf(items);
  // Where each key came from, to name both sides of a clash.
  std::unordered_map<std::string, std::pair<int, int>> origin;
  std::size_t k = 0;
  auto add = [&](int entry, int alias) {
    const std::string& key = index.keys[k++].first;
    auto [it, inserted] = index.by_key.emplace(key, entry);
    if (inserted) {
      origin.emplace(key, std::make_pair(entry, alias));
      return;
    }
    const auto [first, first_alias] = origin.at(key);
    // The same entry twice (an alias that is its own id) is harmless, and an id defined twice
    // is a `duplicate-id` already.
    if (first == entry ||
        items[static_cast<std::size_t>(first)].id == items[static_cast<std::size_t>(entry)].id) {
      return;
    }
    if (clashes != nullptr) clashes->push_back(NameClash{first, entry, first_alias, alias});
  };
  for (std::size_t i = 0; i < items.size(); ++i) add(static_cast<int>(i), kNone);
  for (std::size_t i = 0; i < items.size(); ++i) {
    for (std::size_t a = 0; a < items[i].aliases.size(); ++a) {
      add(static_cast<int>(i), static_cast<int>(a));
    }
  }
  index.entries = items.size();
  index.built = true;
}

}  // namespace

std::string NameKey(std::string_view text) {
  std::string key;
  key.reserve(text.size());
  ForEachKeyChar(text, [&](char c) { key.push_back(c); });
  return key;
}

bool SameName(std::string_view a, std::string_view b) {
  constexpr std::size_t kShort = 128;
  if (a.size() > kShort || b.size() > kShort) return NameKey(a) == NameKey(b);
  char buffer_a[kShort];
  char buffer_b[kShort];
  return std::string_view(buffer_a, KeyInto(a, buffer_a)) ==
         std::string_view(buffer_b, KeyInto(b, buffer_b));
}

int RuleSet::MatchSubject(std::string_view text) const {
  return MatchName(subject_names, subjects, text);
}
int RuleSet::MatchType(std::string_view text) const { return MatchName(type_names, types, text); }

std::string RuleSet::SuggestSubject(std::string_view text) const {
  // Long names share words ("studies", "and"), which bring real subjects within a third of
  // their length of each other ("Polish Studies", "Sports Studies"): a misspelling of a
  // subject is a slip of a key or two.
  return Suggest(subject_names, subjects, text, kMaxSubjectEdits);
}
std::string RuleSet::SuggestType(std::string_view text) const {
  return Suggest(type_names, types, text, std::numeric_limits<std::size_t>::max());
}

void RuleSet::IndexNames(std::vector<NameClash>* subject_clashes,
                         std::vector<NameClash>* type_clashes) {
  Index(subjects, subject_names, subject_clashes);
  Index(types, type_names, type_clashes);
}

bool RuleSet::IsRole(std::string_view id) const {
  return std::find(kBuiltinRoles.begin(), kBuiltinRoles.end(), id) != kBuiltinRoles.end() ||
         FindById(roles, id) != kNone;
}

bool RuleSet::IsStrand(std::string_view id) const {
  return std::find(kBuiltinStrands.begin(), kBuiltinStrands.end(), id) != kBuiltinStrands.end() ||
         FindById(strands, id) != kNone;
}

}  // namespace accredit
