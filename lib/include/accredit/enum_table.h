// One table per enum: each enumerator with its name (as written in rule files, records,
// options and outputs) and its title (as shown to people).
//
// An enum's names are typed once, in its table beside the enum's declaration, and everything
// that needs them reads the table: parsing (ValueOf), messages and outputs (NameOf, TitleOf),
// "did you mean" candidates and command-line choices (NamesOf), and the lists in messages
// ("one of a, b or c": ListOf). A table lists every enumerator in declaration order, which
// InDeclarationOrder() checks at compile time:
//
//   enum class Kind : std::uint8_t { kQualification, kProject, kActivity };
//   inline constexpr EnumName<Kind> kKindNames[] = {
//       {Kind::kQualification, "qualification", "Qualification"}, ...};
//   static_assert(InDeclarationOrder(kKindNames));
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace accredit {

template <typename E>
struct EnumName {
  E value;
  std::string_view name;   // as written: kebab-case, stable
  std::string_view title;  // for people; empty when the name serves
};

// Whether `table` lists enumerators 0, 1, 2, ... in order, so that it can be indexed by value
// and no enumerator before the last is missing.
template <typename E, std::size_t N>
constexpr bool InDeclarationOrder(const EnumName<E> (&table)[N]) {
  for (std::size_t i = 0; i < N; ++i) {
    if (static_cast<std::size_t>(table[i].value) != i) return false;
  }
  return true;
}

// The name of `value` (empty when the table lacks it).
template <typename E, std::size_t N>
constexpr std::string_view NameOf(const EnumName<E> (&table)[N], E value) {
  for (const EnumName<E>& entry : table) {
    if (entry.value == value) return entry.name;
  }
  return {};
}

// The title of `value`, or its name when it has no title.
template <typename E, std::size_t N>
constexpr std::string_view TitleOf(const EnumName<E> (&table)[N], E value) {
  for (const EnumName<E>& entry : table) {
    if (entry.value == value) return entry.title.empty() ? entry.name : entry.title;
  }
  return {};
}

// The enumerator named `name` exactly, or nullopt.
template <typename E, std::size_t N>
constexpr std::optional<E> ValueOf(const EnumName<E> (&table)[N], std::string_view name) {
  for (const EnumName<E>& entry : table) {
    if (entry.name == name) return entry.value;
  }
  return std::nullopt;
}

// Every name, in table order: "did you mean" candidates, command-line choices.
template <typename E, std::size_t N>
std::vector<std::string> NamesOf(const EnumName<E> (&table)[N]) {
  std::vector<std::string> out;
  out.reserve(N);
  for (const EnumName<E>& entry : table) out.emplace_back(entry.name);
  return out;
}

// The names for a message: "a, b or c" (`last_word` "and" for "a, b and c").
template <typename E, std::size_t N>
std::string ListOf(const EnumName<E> (&table)[N], std::string_view last_word = "or") {
  std::string out;
  for (std::size_t i = 0; i < N; ++i) {
    if (i > 0) {
      out += i + 1 == N ? " " : ", ";
      if (i + 1 == N) {
        out += last_word;
        out += ' ';
      }
    }
    out += table[i].name;
  }
  return out;
}

}  // namespace accredit
