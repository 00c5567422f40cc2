// A synthetic cohort for the micro-benchmarks, generated in memory.
//
// The same shape as bench/gen_cohort.py (the Foxwood sixth-form programme, about 12.3 rows per
// learner: GCSE maths and English, three A levels or a BTEC Extended Diploma or a T Level,
// usually an EPQ, six to eight dated activities with hours and strands), drawn from a fixed
// seed so that every run measures the same input. The rows are field texts, as a reader sees
// them; CohortCsv() and CohortJsonLines() write them in the canonical input formats.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "accredit/values.h"

namespace accredit::bench {

// One achievement as the text of each canonical field, indexed by Field (empty: not given).
using Row = std::array<std::string, kFieldCount>;

// A row with the given fields set.
Row MakeRow(std::initializer_list<std::pair<Field, std::string_view>> fields);

// One generated learner: its id and rows (every row's kLearner field is the id).
struct CohortLearner {
  std::string id;
  std::vector<Row> rows;
};

// `learners` learners with ids L0000000, L0000001, ..., the same for the same `seed`.
std::vector<CohortLearner> GenerateCohort(std::size_t learners, std::uint32_t seed);

// Total rows of a cohort.
std::size_t RowCount(const std::vector<CohortLearner>& cohort);

// Canonical long-form CSV: a header row of the fields the generator sets, then one row per
// achievement, each learner's rows together.
std::string CohortCsv(const std::vector<CohortLearner>& cohort);

// JSON Lines: one {"id": ..., "achievements": [...]} object per learner.
std::string CohortJsonLines(const std::vector<CohortLearner>& cohort);

}  // namespace accredit::bench
