// Proposed mappings merged across tables of one layout, and written as a commented mapping file
// for a person to review (the format is column_map.h's; LoadColumnMap reads it back).
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "base/text.h"
#include "records/proposed_map.h"

namespace accredit::internal {

namespace {

// A comment's text on one line: a cell may hold a line break or a control character.
std::string OneLine(std::string_view text) {
  std::string out;
  for (char c : text) out += static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
  return out;
}

// What each column name of a mapping is for, normalised: two mappings merged must agree.
std::map<std::string, std::string> Roles(const ProposedMap& map) {
  std::map<std::string, std::string> roles;
  for (std::size_t f = 0; f < kFieldCount; ++f) {
    for (const std::string& name : map.columns[f])
      roles[Normalize(name)] = "field " + std::to_string(f);
  }
  for (const auto& [attribute, names] : map.attributes) {
    for (const std::string& name : names) roles[Normalize(name)] = "attribute " + attribute;
  }
  for (const Commented& ignored : map.ignore) roles[Normalize(ignored.text)] = "ignore";
  for (const ProposedGradeColumn& column : map.grade_columns) {
    roles[Normalize(column.header)] =
        "grade " + column.subject + " " + column.type + " " + column.level;
  }
  return roles;
}

void AddNames(std::vector<std::string>& into, const std::vector<std::string>& more) {
  for (const std::string& name : more) {
    const bool known = std::any_of(into.begin(), into.end(), [&](const std::string& have) {
      return Normalize(have) == Normalize(name);
    });
    if (!known) into.push_back(name);
  }
}

// A key and its value, with a comment aligned after them.
void Line(std::string& out, std::string_view text, std::string_view comment) {
  out += text;
  if (!comment.empty()) {
    const std::size_t width = text.size() < 40 ? 40 - text.size() : 1;
    out += std::string(width, ' ');
    out += "# ";
    out += OneLine(comment);
  }
  out += '\n';
}

std::string List(const std::vector<std::string>& names) {
  if (names.size() == 1) return YamlScalar(names.front());
  std::vector<std::string> quoted;
  for (const std::string& name : names) quoted.push_back(YamlScalar(name));
  return fmt::format("[{}]", fmt::join(quoted, ", "));
}

}  // namespace

std::string YamlScalar(std::string_view text) {
  static constexpr std::string_view kWords[] = {"yes", "no",  "true", "false", "null",
                                                "on",  "off", "y",    "n",     "~"};
  bool plain = !text.empty() && ((text.front() >= 'A' && text.front() <= 'Z') ||
                                 (text.front() >= 'a' && text.front() <= 'z'));
  for (char c : text) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == ' ' || c == '-' || c == '_' || c == '.' || c == '(' || c == ')' ||
                    c == '/';
    plain = plain && ok;
  }
  plain = plain && text.back() != ' ';
  const std::string lowered = LowerAscii(text);
  for (std::string_view word : kWords) plain = plain && lowered != word;
  if (plain) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20 || u == 0x7f) {
      out += fmt::format("\\x{:02x}", u);
    } else {
      out += c;
    }
  }
  out += '"';
  return out;
}

bool MergeProposedMaps(ProposedMap& into, const ProposedMap& more) {
  if (into.wide != more.wide) return false;
  if (into.dates && more.dates && *into.dates != *more.dates) return false;
  for (std::size_t f = 0; f < kFieldCount; ++f) {
    if (!into.set[f].empty() && !more.set[f].empty() && into.set[f] != more.set[f]) return false;
    for (const ProposedMap::Spelling& a : into.values[f]) {
      for (const ProposedMap::Spelling& b : more.values[f]) {
        if (Normalize(a.spelling) == Normalize(b.spelling) && a.canonical != b.canonical) {
          return false;
        }
      }
    }
  }
  const std::map<std::string, std::string> roles = Roles(into);
  for (const auto& [name, role] : Roles(more)) {
    auto it = roles.find(name);
    if (it != roles.end() && it->second != role) return false;
  }

  into.inputs.insert(into.inputs.end(), more.inputs.begin(), more.inputs.end());
  if (!into.dates) {
    into.dates = more.dates;
    if (into.dates_comment.empty()) into.dates_comment = more.dates_comment;
  }
  for (std::size_t f = 0; f < kFieldCount; ++f) {
    AddNames(into.columns[f], more.columns[f]);
    if (into.column_comments[f].empty()) into.column_comments[f] = more.column_comments[f];
    if (into.set[f].empty()) {
      into.set[f] = more.set[f];
      into.set_comments[f] = more.set_comments[f];
    }
    for (const ProposedMap::Spelling& b : more.values[f]) {
      const bool known = std::any_of(into.values[f].begin(), into.values[f].end(),
                                     [&](const ProposedMap::Spelling& a) {
                                       return Normalize(a.spelling) == Normalize(b.spelling);
                                     });
      if (!known) into.values[f].push_back(b);
    }
  }
  for (const auto& entry : more.attributes) {
    // Not a structured binding: clang 14 (the fuzz build) cannot capture one in a lambda.
    auto it = std::find_if(into.attributes.begin(), into.attributes.end(),
                           [&](const auto& a) { return a.first == entry.first; });
    if (it == into.attributes.end()) {
      into.attributes.push_back(entry);
    } else {
      AddNames(it->second, entry.second);
    }
  }
  for (const Commented& ignored : more.ignore) {
    if (roles.count(Normalize(ignored.text)) == 0) into.ignore.push_back(ignored);
  }
  for (const ProposedGradeColumn& column : more.grade_columns) {
    if (roles.count(Normalize(column.header)) == 0) into.grade_columns.push_back(column);
  }
  if (into.wide_type.empty()) into.wide_type = more.wide_type;
  if (into.fits.size() == more.fits.size()) {
    for (std::size_t k = 0; k < into.fits.size(); ++k) AddNames(into.fits[k], more.fits[k]);
  } else {
    into.fits.clear();
  }
  into.checks.insert(into.checks.end(), more.checks.begin(), more.checks.end());
  return true;
}

std::string RenderProposedMap(const ProposedMap& map) {
  std::string out;
  out += fmt::format("# Column mapping proposed by `accredit map` from {}\n",
                     OneLine(fmt::format("{}", fmt::join(map.inputs, ", "))));
  out += map.wide ? "# (a broadsheet: one row per learner, one grade column per subject).\n"
                  : "# (one row per result or activity).\n";
  out +=
      "#\n"
      "# Review it before use: each line marked CHECK needs a person's look, and\n"
      "# `accredit map` listed on its error output every column and value it could\n"
      "# not place. Then save it (say as school.map.yaml) and run\n"
      "#   accredit validate --map school.map.yaml FILE...\n"
      "# The format is described in accredit-records(5), COLUMN MAPPINGS.\n";
  out += "accredit-map: 1\n";
  out += fmt::format(
      "description: {}\n",
      YamlScalar(OneLine(fmt::format("proposed from {}", fmt::join(map.inputs, ", ")))));
  if (!map.fits.empty()) {
    out +=
        "\n# This mapping is chosen for a file whose header has these columns (and a\n"
        "# learner column) when it is one of several given with --map.\n";
    std::vector<std::string> entries;
    for (const auto& alternatives : map.fits) entries.push_back(List(alternatives));
    out += fmt::format("fits: [{}]\n", fmt::join(entries, ", "));
  }

  out += "\n# Which column holds each field (several names: the first one present is read).\n";
  out += "columns:\n";
  for (std::size_t f = 0; f < kFieldCount; ++f) {
    if (map.columns[f].empty()) continue;
    Line(out, fmt::format("  {}: {}", FieldName(static_cast<Field>(f)), List(map.columns[f])),
         map.column_comments[f]);
  }

  if (!map.attributes.empty()) {
    out +=
        "\n# The learner's attributes: shown on transcripts and in reports broken down by\n"
        "# them, never in accredit's messages.\n";
    out += "attributes:\n";
    for (const auto& [attribute, names] : map.attributes) {
      out += fmt::format("  {}: {}\n", attribute, List(names));
    }
  }

  if (map.wide) {
    out += "\n# The grade columns: column -> subject (and its type, when not the one below).\n";
    out += "wide:\n";
    if (!map.wide_type.empty()) {
      Line(out, fmt::format("  type: {}", map.wide_type), "the type of most grade columns");
    }
    out += "  subjects:\n";
    for (const ProposedGradeColumn& column : map.grade_columns) {
      std::string value;
      if (column.type == map.wide_type && column.level.empty()) {
        value = YamlScalar(column.subject);
      } else {
        value = fmt::format("{{subject: {}, type: {}", YamlScalar(column.subject), column.type);
        if (!column.level.empty()) value += fmt::format(", level: {}", YamlScalar(column.level));
        value += "}";
      }
      std::string comment = column.seen.empty() ? "" : "seen: " + column.seen;
      if (!column.check.empty()) comment += (comment.empty() ? "" : ". ") + column.check;
      Line(out, fmt::format("    {}: {}", YamlScalar(column.header), value), comment);
    }
  }

  // A field whose spellings are all guesses is written commented out whole (as is `values:`
  // when every field's are): a key with no entries would be read as null, and not load.
  const auto confirmed = [](const std::vector<ProposedMap::Spelling>& spellings) {
    return std::any_of(spellings.begin(), spellings.end(),
                       [](const ProposedMap::Spelling& s) { return !s.guess; });
  };
  bool any_values = false;
  bool any_confirmed = false;
  for (const auto& spellings : map.values) {
    any_values = any_values || !spellings.empty();
    any_confirmed = any_confirmed || confirmed(spellings);
  }
  if (any_values) {
    out +=
        "\n# How this export spells values -> the word accredit uses. A line starting with\n"
        "# '#' is a guess: remove the '#' if it is right.\n";
    constexpr std::string_view kUncomment = "remove this '#' too if a guess below is right";
    if (any_confirmed) {
      out += "values:\n";
    } else {
      Line(out, "# values:", kUncomment);
    }
    for (std::size_t f = 0; f < kFieldCount; ++f) {
      if (map.values[f].empty()) continue;
      const std::string key = fmt::format("  {}:", FieldName(static_cast<Field>(f)));
      if (confirmed(map.values[f])) {
        out += key + "\n";
      } else {
        Line(out, "  # " + key.substr(2), kUncomment);
      }
      for (const ProposedMap::Spelling& s : map.values[f]) {
        const std::string line =
            fmt::format("{}: {}", YamlScalar(s.spelling), YamlScalar(s.canonical));
        if (s.guess) {
          Line(out, "    # " + line, "CHECK: a guess");
        } else {
          out += "    " + line + "\n";
        }
      }
    }
  }

  bool any_set = false;
  for (const std::string& value : map.set) any_set = any_set || !value.empty();
  if (any_set) {
    out += "\n# Values for fields the export has no column for.\n";
    out += "set:\n";
    for (std::size_t f = 0; f < kFieldCount; ++f) {
      if (map.set[f].empty()) continue;
      Line(out, fmt::format("  {}: {}", FieldName(static_cast<Field>(f)), YamlScalar(map.set[f])),
           map.set_comments[f]);
    }
  }

  if (map.dates || !map.dates_comment.empty()) {
    out += "\n# How dates are written.\n";
    Line(out,
         fmt::format("dates: {}",
                     YamlScalar(NameOf(kDateFormatNames, map.dates.value_or(DateFormat::kIso)))),
         map.dates_comment);
  }

  if (!map.ignore.empty()) {
    out += "\n# Columns that are not read.\n";
    out += "ignore:\n";
    for (const Commented& ignored : map.ignore) {
      Line(out, "  - " + YamlScalar(ignored.text), ignored.comment);
    }
  }
  return out;
}

}  // namespace accredit::internal
