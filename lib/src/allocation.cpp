#include "allocation.h"

#include <algorithm>
#include <bit>

#include "exception_apply.h"

namespace accredit::internal {

namespace {

constexpr double kEpsilon = 1e-9;

// Components per tier are few; candidate sets are bitmasks over them.
using Mask = std::uint64_t;
constexpr std::size_t kMaxComponents = 64;

class Search {
 public:
  Search(const TierPlan& tier, LearnerView& view, std::uint32_t limit, Allocation& best)
      : tier_(tier), view_(view), limit_(limit), best_(best) {}

  void Run() {
    thread_local std::vector<int> owner;
    thread_local std::vector<Mask> candidates;
    thread_local std::vector<std::size_t> contested;
    owner_ = &owner;
    candidates_ = &candidates;
    contested_ = &contested;
    std::size_t n = view_.size();
    std::size_t k = std::min(tier_.components.size(), kMaxComponents);
    owner.assign(n, kUnallocated);
    candidates.assign(n, 0);
    contested.clear();
    for (std::size_t c = 0; c < k; ++c) {
      const ComponentPlan& cp = tier_.components[c];
      if (cp.shared) continue;
      for (std::size_t e = 0; e < n; ++e) {
        for (int leaf : cp.leaves) {
          if (view_.LeafMatches(leaf, e)) {
            candidates[e] |= Mask{1} << c;
            break;
          }
        }
      }
    }
    if (view_.adjustments() != nullptr) AdjustCandidates(tier_, *view_.adjustments(), candidates);
    for (std::size_t e = 0; e < n; ++e) {
      Mask m = candidates[e];
      if (m == 0) continue;
      if ((m & (m - 1)) == 0) {
        owner[e] = std::countr_zero(m);
      } else {
        owner[e] = kUndecided;
        contested.push_back(e);
      }
    }
    best_.owner = owner;
    best_.met = -1;
    best_.progress = 0;
    steps_ = 0;
    limit_hit_ = false;
    Descend(0);
    for (int& o : best_.owner) {
      if (o == kUndecided) o = kUnallocated;  // only when the limit cut the search short
    }
    best_.limit_hit = limit_hit_;
    best_.steps = steps_;
  }

 private:
  // Components met and total progress under the current allocation; with `optimistic`,
  // undecided achievements count for every component they could go to (an upper bound).
  // `met_now`, when given, receives the components met as a mask.
  std::pair<int, double> Score(bool optimistic, Mask* met_now = nullptr) {
    int met = 0;
    double progress = 0;
    for (std::size_t c = 0; c < tier_.components.size(); ++c) {
      const ComponentPlan& cp = tier_.components[c];
      LearnerView::Scope scope{static_cast<int>(c), cp.shared, optimistic, owner_};
      double p = 0;
      bool ok = view_.Evaluate(cp.root, scope, p, nullptr);
      met += ok ? 1 : 0;
      progress += p;
      if (met_now != nullptr && ok && c < kMaxComponents) *met_now |= Mask{1} << c;
    }
    return {met, progress};
  }

  bool Better(int met, double progress) const {
    return met > best_.met || (met == best_.met && progress > best_.progress + kEpsilon);
  }

  // Returns true when the search is over (everything met, or the limit reached).
  bool Descend(std::size_t j) {
    if (++steps_ > limit_) {
      limit_hit_ = true;
      return true;
    }
    int all = static_cast<int>(tier_.components.size());
    std::vector<int>& owner = *owner_;
    if (j == contested_->size()) {
      auto [met, progress] = Score(false);
      if (Better(met, progress)) {
        best_.owner = owner;
        best_.met = met;
        best_.progress = progress;
      }
      return met == all;
    }
    auto [bound_met, bound_progress] = Score(true);
    if (best_.met >= 0 && !Better(bound_met, bound_progress)) return false;
    std::size_t e = (*contested_)[j];
    Mask met_now = 0;
    Score(false, &met_now);
    Mask candidates = (*candidates_)[e];
    // Components not met yet first, then rule order.
    for (Mask group : {candidates & ~met_now, candidates & met_now}) {
      for (Mask m = group; m != 0; m &= m - 1) {
        owner[e] = std::countr_zero(m);
        if (Descend(j + 1)) return true;
      }
    }
    owner[e] = kUndecided;
    return false;
  }

  const TierPlan& tier_;
  LearnerView& view_;
  std::uint32_t limit_;
  Allocation& best_;
  std::vector<int>* owner_ = nullptr;
  std::vector<Mask>* candidates_ = nullptr;
  std::vector<std::size_t>* contested_ = nullptr;
  std::uint32_t steps_ = 0;
  bool limit_hit_ = false;
};

}  // namespace

void Allocate(const TierPlan& tier, LearnerView& view, std::uint32_t limit, Allocation& out) {
  Search(tier, view, limit, out).Run();
}

}  // namespace accredit::internal
