// Learners' memory given back once written, for the next chunk (records/learner_pool.h,
// internal): a learner taken from the pool holds nothing of the one given back, and reading
// chunks with a scratch that recycles learners gives what reading them afresh gives.
#include "records/learner_pool.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "accredit/record_stream.h"
#include "records/grouping.h"
#include "records_fixture.h"

namespace accredit {

TEST_CASE("a learner taken from the pool holds nothing of the one given back") {
  internal::LearnerPool pool;
  CHECK(pool.Take().achievements.capacity() == 0);  // nothing given back yet

  std::vector<Learner> written(1);
  Learner& old = written[0];
  old.id = "L0000001";
  old.achievements.resize(12);
  old.achievements[3].grade = 5;
  old.text = "mathematics";
  old.rejected_rows = 2;
  old.location = Location{1, 40, 2, {}};
  old.attributes.emplace_back("name", "Ada Lovelace");
  pool.GiveBack(std::move(written));
  CHECK(written.empty());
  CHECK(pool.spare() == 1);

  const Learner fresh = pool.Take();
  CHECK(fresh.id.empty());
  CHECK(fresh.achievements.empty());
  CHECK(fresh.achievements.capacity() >= 12);  // the memory is kept
  CHECK(fresh.text.empty());
  CHECK(fresh.rejected_rows == 0);
  CHECK(fresh.location.line == 0);
  CHECK(fresh.attributes.empty());
  CHECK(pool.spare() == 0);
}

TEST_CASE("a pool keeps at most kMaxSpare learners") {
  internal::LearnerPool pool;
  pool.GiveBack(std::vector<Learner>(internal::LearnerPool::kMaxSpare + 10));
  CHECK(pool.spare() == internal::LearnerPool::kMaxSpare);
}

TEST_CASE("learners read into recycled memory are those read into fresh memory") {
  const RuleSet rules = testing::SmallRuleSet();
  const ReadOptions options;
  auto read = [&](ReadScratch* scratch, const std::string& first) {
    Diagnostics diagnostics;
    internal::Grouping grouping(rules, options, diagnostics, scratch);
    std::array<std::string_view, kFieldCount> values{};
    values[static_cast<std::size_t>(Field::kLearner)] = first;
    values[static_cast<std::size_t>(Field::kType)] = "gcse";
    values[static_cast<std::size_t>(Field::kSubject)] = "mathematics";
    values[static_cast<std::size_t>(Field::kGrade)] = first == "L1" ? "5" : "7";
    grouping.AddRow(values, Location{1, 2, 0, {}}, nullptr);
    values[static_cast<std::size_t>(Field::kSubject)] = "english-language";
    grouping.AddRow(values, Location{1, 3, 0, {}}, nullptr);
    return grouping.Release();
  };
  ReadScratch scratch;
  RecordSet first = read(&scratch, "L1");
  scratch.Recycle(std::move(first.learners));
  const RecordSet again = read(&scratch, "L2");
  const RecordSet afresh = read(nullptr, "L2");
  REQUIRE(again.learners.size() == 1);
  REQUIRE(afresh.learners.size() == 1);
  const Learner& a = again.learners[0];
  const Learner& b = afresh.learners[0];
  CHECK(a.id == b.id);
  CHECK(a.text == b.text);
  REQUIRE(a.achievements.size() == 2);
  REQUIRE(b.achievements.size() == 2);
  for (std::size_t i = 0; i < 2; ++i) {
    CHECK(a.achievements[i].grade == b.achievements[i].grade);
    CHECK(a.achievements[i].subject == b.achievements[i].subject);
    CHECK(a.Text(a.achievements[i], Field::kSubject) == b.Text(b.achievements[i], Field::kSubject));
  }
}

}  // namespace accredit
