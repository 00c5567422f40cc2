// LearnerRowIndex (learner_row_index.h, internal): records grouped by learner in order of first
// appearance, each group in input order, records without an id last; ids long and short, kept
// or copied; and the record a line belongs to.
#include "stream/learner_row_index.h"

#include <doctest/doctest.h>

#include <map>
#include <random>
#include <string>
#include <vector>

namespace accredit::internal {
namespace {

std::vector<std::uint32_t> GroupOf(const LearnerRowIndex& index, std::size_t g) {
  auto records = index.Group(g);
  return std::vector<std::uint32_t>(records.begin(), records.end());
}

TEST_CASE("records are grouped by learner in order of first appearance") {
  // Records one byte each: "BABCA-" with '-' a record without an id.
  std::string text = "BABCA-";
  LearnerRowIndex index;
  const char* ids[] = {"B", "A", "B", "C", "A", ""};
  for (std::uint32_t r = 0; r < 6; ++r) index.Add(r, 10 + r, ids[r]);
  index.Finish(6);
  REQUIRE(index.records() == 6);
  REQUIRE(index.groups() == 4);
  CHECK(GroupOf(index, 0) == std::vector<std::uint32_t>{0, 2});  // B
  CHECK(GroupOf(index, 1) == std::vector<std::uint32_t>{1, 4});  // A
  CHECK(GroupOf(index, 2) == std::vector<std::uint32_t>{3});     // C
  CHECK(GroupOf(index, 3) == std::vector<std::uint32_t>{5});     // no id, last
  CHECK(index.RecordsBefore(2) == 4);
  auto all = index.Groups(0, 4);
  CHECK(std::vector<std::uint32_t>(all.begin(), all.end()) ==
        std::vector<std::uint32_t>{0, 2, 1, 4, 3, 5});
  CHECK(index.Record(text, 3) == "C");
  CHECK(index.Line(3) == 13);
}

TEST_CASE("without records lacking an id there is no group for them") {
  LearnerRowIndex index;
  index.Add(0, 2, "X");
  index.Add(5, 3, "Y");
  index.Finish(9);
  CHECK(index.groups() == 2);
  CHECK(index.Record("abcdefghi", 1) == "fghi");
}

TEST_CASE("an empty index has no groups") {
  LearnerRowIndex index;
  index.Finish(0);
  CHECK(index.records() == 0);
  CHECK(index.groups() == 0);
}

TEST_CASE("ids of any length, kept or copied, many more than reserved") {
  // Short ids live in the table, long ones (over 16 bytes) are compared where they lie; ids
  // differing only in their last byte, or a prefix of another, must stay apart.
  std::mt19937 random(7);
  std::vector<std::string> learners;
  for (int i = 0; i < 3000; ++i) {
    std::string id = std::to_string(i);
    if (i % 3 == 1) id = "a-long-identifier-" + id;              // over 16 bytes
    if (i % 3 == 2) id = std::string(16 - id.size(), 'x') + id;  // exactly 16
    learners.push_back(id);
  }
  learners.push_back("123");
  learners.push_back("1234");  // a prefix of another, and "123" + "4"
  std::vector<std::string> rows;
  for (int r = 0; r < 20000; ++r) rows.push_back(learners[random() % learners.size()]);
  std::vector<std::string> temporary(rows.size());
  LearnerRowIndex index(8);  // far fewer than needed: the table grows
  std::map<std::string, std::vector<std::uint32_t>> expected;
  std::vector<std::string> first_seen;
  for (std::uint32_t r = 0; r < rows.size(); ++r) {
    const bool copy = r % 2 == 0;
    // A copied id may be gone once added: the index must hold its own copy.
    temporary[r] = rows[r];
    index.Add(r, r + 2, copy ? std::string_view(temporary[r]) : std::string_view(rows[r]), copy);
    if (copy) temporary[r].assign(temporary[r].size(), '?');
    if (expected[rows[r]].empty()) first_seen.push_back(rows[r]);
    expected[rows[r]].push_back(r);
  }
  index.Finish(static_cast<std::uint32_t>(rows.size()));
  REQUIRE(index.groups() == first_seen.size());
  for (std::size_t g = 0; g < first_seen.size(); ++g) {
    CAPTURE(first_seen[g]);
    CHECK(GroupOf(index, g) == expected[first_seen[g]]);
  }
}

TEST_CASE("records added in batches are grouped as records added one at a time") {
  std::vector<std::string> ids;
  for (int r = 0; r < 300; ++r) {
    ids.push_back(r % 7 == 0 ? std::string() : "learner-with-a-long-id-" + std::to_string(r % 23));
  }
  LearnerRowIndex one;
  LearnerRowIndex batched(4);
  std::vector<LearnerRowIndex::Pending> batch;
  for (std::uint32_t r = 0; r < ids.size(); ++r) {
    one.Add(r, r + 1, ids[r]);
    batch.push_back(LearnerRowIndex::Pending{r, r + 1, ids[r], r % 2 == 0});
    if (batch.size() == 100) {  // more than the index takes at once
      batched.Add(batch);
      batch.clear();
    }
  }
  batched.Add(batch);
  one.Finish(300);
  batched.Finish(300);
  REQUIRE(one.groups() == 24);  // 23 learners and the records without an id
  REQUIRE(batched.groups() == one.groups());
  for (std::size_t g = 0; g < one.groups(); ++g) CHECK(GroupOf(batched, g) == GroupOf(one, g));
}

TEST_CASE("the record a line belongs to") {
  // Records starting on lines 2, 3 and 7 (the second spans lines 3 to 6).
  LearnerRowIndex index;
  index.Add(0, 2, "A");
  index.Add(10, 3, "B");
  index.Add(50, 7, "A");
  index.Finish(60);
  CHECK(index.RecordOfLine(1) == 0);
  CHECK(index.RecordOfLine(2) == 0);
  CHECK(index.RecordOfLine(3) == 1);
  CHECK(index.RecordOfLine(6) == 1);
  CHECK(index.RecordOfLine(7) == 2);
  CHECK(index.RecordOfLine(100) == 2);
}

}  // namespace
}  // namespace accredit::internal
