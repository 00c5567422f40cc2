#include "allocation.h"

#include <algorithm>

namespace accredit::internal {

namespace {

constexpr double kEpsilon = 1e-9;

class Search {
 public:
  Search(const TierPlan& tier, LearnerView& view, std::uint32_t limit)
      : tier_(tier), view_(view), limit_(limit) {}

  Allocation Run() {
    std::size_t n = view_.size();
    std::size_t k = tier_.components.size();
    owner_.assign(n, kUnallocated);
    candidates_.assign(n, {});
    for (std::size_t e = 0; e < n; ++e) {
      for (std::size_t c = 0; c < k; ++c) {
        const ComponentPlan& cp = tier_.components[c];
        if (cp.shared) continue;
        for (int leaf : cp.leaves) {
          if (view_.LeafMatches(leaf, e)) {
            candidates_[e].push_back(static_cast<int>(c));
            break;
          }
        }
      }
      if (candidates_[e].size() == 1) owner_[e] = candidates_[e].front();
      if (candidates_[e].size() > 1) {
        owner_[e] = kUndecided;
        contested_.push_back(e);
      }
    }
    best_.owner = owner_;
    best_.met = -1;
    Descend(0);
    for (int& o : best_.owner) {
      if (o == kUndecided) o = kUnallocated;  // only when the limit cut the search short
    }
    best_.limit_hit = limit_hit_;
    best_.steps = steps_;
    return best_;
  }

 private:
  // Components met and total progress under the current allocation; with `optimistic`,
  // undecided achievements count for every component they could go to (an upper bound).
  std::pair<int, double> Score(bool optimistic, std::vector<std::uint8_t>* met_now = nullptr) {
    int met = 0;
    double progress = 0;
    for (std::size_t c = 0; c < tier_.components.size(); ++c) {
      const ComponentPlan& cp = tier_.components[c];
      LearnerView::Scope scope{static_cast<int>(c), cp.shared, optimistic, &owner_};
      double p = 0;
      bool ok = view_.Evaluate(cp.root, scope, p, nullptr);
      met += ok ? 1 : 0;
      progress += p;
      if (met_now != nullptr) met_now->push_back(ok ? 1 : 0);
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
    if (j == contested_.size()) {
      auto [met, progress] = Score(false);
      if (Better(met, progress)) {
        best_.owner = owner_;
        best_.met = met;
        best_.progress = progress;
      }
      return met == all;
    }
    auto [bound_met, bound_progress] = Score(true);
    if (best_.met >= 0 && !Better(bound_met, bound_progress)) return false;
    std::size_t e = contested_[j];
    // Components not met yet first, then rule order.
    std::vector<std::uint8_t> met_now;
    Score(false, &met_now);
    std::vector<int> order = candidates_[e];
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
      return met_now[static_cast<std::size_t>(a)] < met_now[static_cast<std::size_t>(b)];
    });
    for (int c : order) {
      owner_[e] = c;
      if (Descend(j + 1)) return true;
    }
    owner_[e] = kUndecided;
    return false;
  }

  const TierPlan& tier_;
  LearnerView& view_;
  std::uint32_t limit_;
  std::vector<int> owner_;
  std::vector<std::vector<int>> candidates_;
  std::vector<std::size_t> contested_;
  Allocation best_;
  std::uint32_t steps_ = 0;
  bool limit_hit_ = false;
};

}  // namespace

Allocation Allocate(const TierPlan& tier, LearnerView& view, std::uint32_t limit) {
  return Search(tier, view, limit).Run();
}

}  // namespace accredit::internal
