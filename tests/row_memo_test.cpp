// Rows already resolved (records/row_memo.h, internal): a row repeated but for its learner id
// and date takes the achievement of the first. These tests check, through the Grouping every
// reader ends in, that a row found in the memo gives exactly what resolving it gives (its
// achievement, texts, location and diagnostics), that rows whose resolving says something are
// never remembered, and that a memo kept from one chunk to the next changes nothing.
#include "records/row_memo.h"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <string>
#include <vector>

#include "accredit/record_resolver.h"
#include "records/grouping.h"
#include "records_fixture.h"

namespace accredit {
namespace {

using internal::FieldValues;
using internal::Grouping;
using internal::RowMemo;

// Field values from "name=value|name=value".
FieldValues Values(std::string_view spec) {
  FieldValues values{};
  while (!spec.empty()) {
    const std::size_t bar = spec.find('|');
    const std::string_view pair = spec.substr(0, bar);
    spec = bar == std::string_view::npos ? std::string_view() : spec.substr(bar + 1);
    const std::size_t eq = pair.find('=');
    const std::optional<Field> field = FieldByName(pair.substr(0, eq));
    REQUIRE(field.has_value());
    values[static_cast<std::size_t>(*field)] = pair.substr(eq + 1);
  }
  return values;
}

// Every learner and achievement, with its texts and location.
std::string Describe(const std::vector<Learner>& learners) {
  std::string out;
  for (const Learner& learner : learners) {
    out += learner.id + ":\n";
    for (const Achievement& a : learner.achievements) {
      out += fmt::format(
          "  kind {} status {} type {} subject {} grade {} special {} level {} "
          "hours {} date {} line {}\n",
          static_cast<int>(a.kind), static_cast<int>(a.status), a.type, a.subject, a.grade,
          a.special, a.level ? int{a.level->value} : -1, a.hours, a.date ? a.date->days : -1,
          a.location.line);
      for (std::size_t f = 0; f < kFieldCount; ++f) {
        if (std::string_view text = learner.Text(a, static_cast<Field>(f)); !text.empty()) {
          out += fmt::format("    {}='{}'\n", FieldName(static_cast<Field>(f)), text);
        }
      }
    }
  }
  return out;
}

// What reading `rows` (one a line, from line 2) gives: every learner and achievement with its
// texts and location, the accounting, and the diagnostics.
std::string Read(const std::vector<std::string>& rows, const RuleSet& rules, ReadScratch* scratch) {
  SourceSet sources;
  const SourceId source = sources.Add("records.csv", "");
  Diagnostics diagnostics;
  const ReadOptions options;
  Grouping grouping(rules, options, diagnostics, scratch);
  std::uint32_t line = 2;
  for (const std::string& row : rows) {
    grouping.AddRow(Values(row), Location{source, line++, 0, {}}, nullptr);
  }
  const RecordSet set = grouping.Release();
  std::string out = Describe(set.learners);
  out += fmt::format("rows {} used {} rejected {}\n", set.accounting.rows_read,
                     set.accounting.rows_used, set.accounting.rows_rejected);
  return out + testing::RenderAll(diagnostics, sources);
}

// What resolving each of `rows` (in learners of consecutive rows) gives, with no memo: the
// reference a grouping's reading must equal, given rows that hold no duplicate.
std::string ReadWithoutMemo(const std::vector<std::string>& rows, const RuleSet& rules) {
  SourceSet sources;
  const SourceId source = sources.Add("records.csv", "");
  Diagnostics diagnostics;
  std::vector<Learner> learners;
  std::uint32_t line = 2;
  std::size_t used = 0;
  for (const std::string& row : rows) {
    const FieldValues values = Values(row);
    const std::string id(values[static_cast<std::size_t>(Field::kLearner)]);
    if (learners.empty() || learners.back().id != id) learners.emplace_back().id = id;
    if (ResolveAchievement(rules, values, Location{source, line++, 0, {}}, learners.back(),
                           diagnostics)) {
      ++used;
    }
  }
  std::string out = Describe(learners);
  out += fmt::format("rows {} used {} rejected {}\n", rows.size(), used, rows.size() - used);
  return out + testing::RenderAll(diagnostics, sources);
}

}  // namespace

TEST_CASE("a row repeated but for its learner and date is resolved once, to the same result") {
  const RuleSet rules = testing::SmallRuleSet();
  const std::vector<std::string> rows = {
      "learner=L1|type=gcse|subject=mathematics|grade=5|date=2026-08-20",
      "learner=L1|type=a-level|grade=A*|status=predicted|level=3",
      "learner=L2|type=gcse|subject=mathematics|grade=5|date=2026-08-21",
      "learner=L2|type=a-level|grade=A*|status=predicted|level=3",
      "learner=L3|type=gcse|subject=mathematics|grade=5",
      "learner=L3|kind=activity|hours=12.5|strand=creative-cultural|date=2026-01-02",
      "learner=L4|kind=activity|hours=12.5|strand=creative-cultural|date=2026-01-03",
  };
  ReadScratch scratch;
  const std::string read = Read(rows, rules, &scratch);
  CHECK(read == ReadWithoutMemo(rows, rules));
  CHECK(scratch.rows().size() == 3);  // gcse mathematics 5, a-level A*, the activity
  CHECK(read.find("date='2026-08-21'") != std::string::npos);
}

TEST_CASE("a row found in the memo with a bad date is reported as resolving it reports it") {
  const RuleSet rules = testing::SmallRuleSet();
  const std::vector<std::string> rows = {
      "learner=L1|type=gcse|subject=mathematics|grade=5|date=2026-08-20",
      "learner=L2|type=gcse|subject=mathematics|grade=5|date=2026-02-30",
      "learner=L3|type=gcse|subject=mathematics|grade=5|date=2026-08-20",
  };
  ReadScratch scratch;
  const std::string read = Read(rows, rules, &scratch);
  CHECK(read == ReadWithoutMemo(rows, rules));
  CHECK(read.find("bad-date") != std::string::npos);
  CHECK(read.find("rows 3 used 2 rejected 1") != std::string::npos);
}

TEST_CASE("rows whose resolving says something are never remembered") {
  const RuleSet rules = testing::SmallRuleSet();
  ReadScratch scratch;
  // A subject outside the vocabulary (warned of once an input), a result the rules ignore
  // (noted at every row), a result that is a data error, and an unknown type.
  const std::vector<std::string> rows = {
      "learner=L1|type=gcse|subject=astrology|grade=5",
      "learner=L2|type=gcse|subject=astrology|grade=5",
      "learner=L1|type=a-level|grade=W",
      "learner=L2|type=a-level|grade=W",
      "learner=L1|type=a-level|grade=N",
      "learner=L2|type=a-level|grade=N",
      "learner=L1|type=btec|grade=P",
  };
  const std::string first = Read(rows, rules, &scratch);
  CHECK(scratch.rows().size() == 0);
  CHECK(first.find("unlisted-subject") != std::string::npos);
  CHECK(first.find("ignored-result") != std::string::npos);
  // A second chunk read with the same memo says again what a fresh reading says.
  CHECK(Read(rows, rules, &scratch) == Read(rows, rules, nullptr));
  CHECK(Read(rows, rules, &scratch) == first);
}

TEST_CASE("a memo kept from one chunk to the next gives what a fresh one gives") {
  const RuleSet rules = testing::SmallRuleSet();
  const std::vector<std::string> chunk1 = {
      "learner=L1|type=gcse|subject=mathematics|grade=5",
      "learner=L1|type=gcse|subject=english-language|grade=4|date= 2026-08-20 ",
      "learner=L2|type=gcse|subject=mathematics|grade=5",
  };
  const std::vector<std::string> chunk2 = {
      "learner=L3|type=gcse|subject=mathematics|grade=5",
      "learner=L3|type=gcse|subject=english-language|grade=4|date=2026-08-21",
      "learner=L3|type=gcse|subject=english-language|grade=4|date=2026-08-21",  // duplicate
      "learner=L4|type=gcse|subject=english-language|grade=4|date=nope",
  };
  ReadScratch scratch;
  CHECK(Read(chunk1, rules, &scratch) == Read(chunk1, rules, nullptr));
  CHECK(scratch.rows().size() == 2);
  const std::string second = Read(chunk2, rules, &scratch);
  CHECK(second == Read(chunk2, rules, nullptr));
  CHECK(second.find("duplicate-row") != std::string::npos);
  CHECK(second.find("bad-date") != std::string::npos);
}

TEST_CASE("a memo forgets what it holds when bound to other rules, and when full") {
  const RuleSet rules = testing::SmallRuleSet();
  ReadScratch scratch;
  Read({"learner=L1|type=gcse|subject=mathematics|grade=5"}, rules, &scratch);
  CHECK(scratch.rows().size() == 1);
  scratch.rows().Bind(rules);
  CHECK(scratch.rows().size() == 1);
  const RuleSet other = testing::SmallRuleSet();
  scratch.rows().Bind(other);
  CHECK(scratch.rows().size() == 0);

  // Rows that never repeat: the memo fills, then starts again.
  std::vector<std::string> rows;
  for (std::size_t i = 0; i <= RowMemo::kCapacity; ++i) {
    rows.push_back(fmt::format("learner=L{}|kind=activity|hours={}", i, i));
  }
  const std::string read = Read(rows, other, &scratch);
  CHECK(scratch.rows().size() == 1);
  CHECK(read == ReadWithoutMemo(rows, other));
}

}  // namespace accredit
