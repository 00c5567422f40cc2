#include "accredit/record_stream.h"
#include "records/learner_pool.h"
#include "records/row_memo.h"

namespace accredit {

ReadScratch::ReadScratch()
    : rows_(std::make_unique<internal::RowMemo>()),
      learners_(std::make_unique<internal::LearnerPool>()) {}
ReadScratch::~ReadScratch() = default;
ReadScratch::ReadScratch(ReadScratch&&) noexcept = default;
ReadScratch& ReadScratch::operator=(ReadScratch&&) noexcept = default;

void ReadScratch::Recycle(std::vector<Learner>&& learners) {
  learners_->GiveBack(std::move(learners));
}

}  // namespace accredit
