#include "engine/allocation.h"

#include <algorithm>
#include <bit>
#include <limits>

#include "engine/exception_apply.h"

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
    thread_local std::vector<double> gain;
    thread_local std::vector<std::uint8_t> always;
    owner_ = &owner;
    gain_ = &gain;
    always_ = &always;
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
      if (view_.masked()) {
        std::uint64_t matched = 0;
        for (int leaf : cp.leaves) matched |= view_.LeafBits(leaf);
        for (; matched != 0; matched &= matched - 1) {
          candidates[static_cast<std::size_t>(std::countr_zero(matched))] |= Mask{1} << c;
        }
        continue;
      }
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
    // Rule language 1.1's `different`: a component's score also changes when a component it
    // names gets or loses an achievement.
    // And what such a component owns may block another, so an achievement it could own may
    // also be left to nobody (skippable_): its subject is then free for the other.
    thread_local std::vector<Mask> dependents;
    any_different_ = tier_.any_different;
    skippable_ = 0;
    if (any_different_) dependents.assign(k, 0);
    for (std::size_t c = 0; any_different_ && c < k; ++c) {
      for (int d : tier_.components[c].different_from) {
        if (static_cast<std::size_t>(d) >= k) continue;
        dependents[static_cast<std::size_t>(d)] |= Mask{1} << c;
        if (!tier_.components[static_cast<std::size_t>(d)].shared) {
          skippable_ |= Mask{1} << static_cast<unsigned>(d);
        }
      }
    }
    dependents_ = &dependents;
    // Exceptions can make a component depend on achievements outside its candidates (a
    // substitute); for those learners nothing is remembered between scores.
    remember_ = view_.adjustments() == nullptr;
    remembered_[0] = remembered_[1] = 0;
    thread_local std::vector<ComponentScore> scores[2];
    scores[0].resize(k);
    scores[1].resize(k);
    scores_[0] = scores[0].data();
    scores_[1] = scores[1].data();
    for (std::size_t e = 0; e < n; ++e) {
      Mask m = candidates[e];
      if (m == 0) continue;
      if ((m & (m - 1)) == 0 && (m & skippable_) == 0) {
        owner[e] = std::countr_zero(m);
      } else {
        owner[e] = kUndecided;
        contested.push_back(e);
      }
    }
    PrepareGrading(k);
    best_.owner = owner;
    best_.components.clear();
    best_.met = -1;
    best_.progress = 0;
    best_.score = 0;
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
  // `each`, when given, receives each component's result.
  //
  // A component's score depends on the allocation only through the achievements it is a
  // candidate for (SetOwner), so the last score of each component in each mode is remembered
  // until one of those changes owner; a shared component's never changes.
  std::pair<int, double> Score(bool optimistic, Mask* met_now = nullptr,
                               std::vector<ComponentScore>* each = nullptr) {
    int met = 0;
    double progress = 0;
    if (each != nullptr) each->clear();
    const std::size_t mode = optimistic ? 1 : 0;
    for (std::size_t c = 0; c < tier_.components.size(); ++c) {
      const ComponentPlan& cp = tier_.components[c];
      const bool rememberable = remember_ && c < kMaxComponents;
      const Mask bit = rememberable ? Mask{1} << c : 0;
      bool ok = false;
      double p = 0;
      if ((remembered_[mode] & bit) != 0) {
        ok = scores_[mode][c].met;
        p = scores_[mode][c].progress;
      } else {
        LearnerView::Scope scope{static_cast<int>(c), cp.shared, optimistic, owner_};
        view_.Narrow(scope);
        if (cp.different) {
          thread_local std::vector<std::uint8_t> blocked;
          view_.BlockUsedValues(tier_, c, *owner_, blocked);
          scope.blocked = blocked.data();
        }
        ok = view_.Evaluate(cp.root, scope, p, nullptr);
        if (rememberable) {
          scores_[mode][c] = {ok, p};
          remembered_[mode] |= bit;
        }
      }
      met += ok ? 1 : 0;
      progress += p;
      if (met_now != nullptr && ok && c < kMaxComponents) *met_now |= Mask{1} << c;
      if (each != nullptr) each->push_back({ok, p});
    }
    return {met, progress};
  }

  // For a graded tier: what each eligible achievement adds to the score when a graded
  // component uses it, which achievements a shared graded component uses whatever the
  // allocation, and the score's upper bound (every achievement a graded component could use).
  void PrepareGrading(std::size_t k) {
    const Grading& g = tier_.tier->grading;
    // A named value (rule language 1.1) is the same whatever the allocation.
    graded_ = g.kind != Grading::Kind::kUngraded && g.kind != Grading::Kind::kValue &&
              !contested_->empty();
    if (!graded_) return;
    std::size_t n = view_.size();
    graded_mask_ = 0;
    always_->assign(n, 0);
    for (int c : g.of) {
      const ComponentPlan& cp = tier_.components[static_cast<std::size_t>(c)];
      if (!cp.shared) {
        if (static_cast<std::size_t>(c) < k) graded_mask_ |= Mask{1} << c;
        continue;
      }
      for (std::size_t e = 0; e < n; ++e) {
        for (int leaf : cp.leaves) {
          if (view_.LeafMatches(leaf, e)) (*always_)[e] = 1;
        }
      }
    }
    gain_->resize(n);
    const Learner& learner = view_.learner();
    for (std::size_t e = 0; e < n; ++e) {
      (*gain_)[e] =
          GradingGain(view_.plan(), tier_, learner, learner.achievements[view_.eligible()[e]]);
    }
    score_bound_ = GradingScore(true);
  }

  // The grading score of the current allocation; with `optimistic`, undecided achievements
  // count when a graded component could get them.
  //
  // A score that is not a plain total (rule language 1.1's `best` and `combine: lowest`) can
  // fall as well as rise when an achievement is added, so it has no such bound: its optimistic
  // score is infinite, and the search tries every allocation that meets every component.
  double GradingScore(bool optimistic) const {
    const Grading& grading = tier_.tier->grading;
    const bool total = grading.best == 0 && grading.combine == Grading::Combine::kTotal;
    if (optimistic && !total) return std::numeric_limits<double>::infinity();
    const std::vector<int>& owner = *owner_;
    auto counted = [&](std::size_t e) {
      int o = owner[e];
      return (*always_)[e] != 0 || (o >= 0 && ((graded_mask_ >> o) & 1) != 0);
    };
    if (!total) {
      thread_local std::vector<double> gains;
      gains.clear();
      for (std::size_t e = 0; e < owner.size(); ++e) {
        if (counted(e)) gains.push_back((*gain_)[e]);
      }
      return GradingScoreOf(grading, gains);
    }
    double score = 0;
    for (std::size_t e = 0; e < owner.size(); ++e) {
      double g = (*gain_)[e];
      if (counted(e)) {
        score += g;
      } else if (optimistic && owner[e] == kUndecided && ((*candidates_)[e] & graded_mask_) != 0) {
        score += std::max(g, 0.0);
      }
    }
    return score;
  }

  // Order of allocations: more components met; with every one met, a higher grading score
  // (graded tiers); otherwise more progress.
  bool Better(int met, double progress, double score) const {
    if (met != best_.met) return met > best_.met;
    if (met == all_) return graded_ && score > best_.score + kEpsilon;
    return progress > best_.progress + kEpsilon;
  }

  // Nothing can beat the best allocation found.
  bool Finished() const {
    return best_.met == all_ && (!graded_ || best_.score + kEpsilon >= score_bound_);
  }

  // Returns true when the search is over (everything met, or the limit reached).
  bool Descend(std::size_t j) {
    if (++steps_ > limit_) {
      limit_hit_ = true;
      return true;
    }
    std::vector<int>& owner = *owner_;
    if (j == contested_->size()) {
      thread_local std::vector<ComponentScore> each;
      auto [met, progress] = Score(false, nullptr, &each);
      double score = graded_ && met == all_ ? GradingScore(false) : 0;
      if (Better(met, progress, score)) {
        best_.owner = owner;
        best_.components = each;
        best_.met = met;
        best_.progress = progress;
        best_.score = score;
      }
      return Finished();
    }
    auto [bound_met, bound_progress] = Score(true);
    if (best_.met >= 0) {
      double bound_score = graded_ && best_.met == all_ ? GradingScore(true) : 0;
      if (!Better(bound_met, bound_progress, bound_score)) return false;
    }
    std::size_t e = (*contested_)[j];
    Mask met_now = 0;
    Score(false, &met_now);
    Mask candidates = (*candidates_)[e];
    // Components not met yet first, then rule order.
    for (Mask group : {candidates & ~met_now, candidates & met_now}) {
      for (Mask m = group; m != 0; m &= m - 1) {
        SetOwner(e, std::countr_zero(m));
        if (Descend(j + 1)) return true;
      }
    }
    // Last, to nobody: what a component named by a `different` owns blocks its subject.
    if ((candidates & skippable_) != 0) {
      SetOwner(e, kUnallocated);
      if (Descend(j + 1)) return true;
    }
    SetOwner(e, kUndecided);
    return false;
  }

  // Gives contested achievement `e` to `owner`; the components that could have it score anew.
  void SetOwner(std::size_t e, int owner) {
    (*owner_)[e] = owner;
    Mask affected = (*candidates_)[e];
    if (any_different_) {
      for (Mask m = affected; m != 0; m &= m - 1) {
        affected |= (*dependents_)[static_cast<std::size_t>(std::countr_zero(m))];
      }
    }
    remembered_[0] &= ~affected;
    remembered_[1] &= ~affected;
  }

  const TierPlan& tier_;
  LearnerView& view_;
  std::uint32_t limit_;
  Allocation& best_;
  std::vector<int>* owner_ = nullptr;
  std::vector<Mask>* candidates_ = nullptr;
  std::vector<Mask>* dependents_ = nullptr;  // per component: the components `different` from it
  bool any_different_ = false;
  Mask skippable_ = 0;  // exclusive components a `different` names (Run)
  std::vector<std::size_t>* contested_ = nullptr;
  int all_ = static_cast<int>(tier_.components.size());
  bool graded_ = false;                          // graded tier with contested achievements
  Mask graded_mask_ = 0;                         // the exclusive components the grading counts
  std::vector<double>* gain_ = nullptr;          // per eligible achievement (graded_)
  std::vector<std::uint8_t>* always_ = nullptr;  // used by a shared graded component (graded_)
  double score_bound_ = 0;
  bool remember_ = false;        // remember component scores (no exceptions)
  Mask remembered_[2] = {0, 0};  // [optimistic]: components whose score is current
  ComponentScore* scores_[2] = {nullptr, nullptr};  // [optimistic][component]
  std::uint32_t steps_ = 0;
  bool limit_hit_ = false;
};

}  // namespace

double GradingGain(const Plan& plan, const TierPlan& tier, const Learner& learner,
                   const Achievement& a) {
  const Grading& g = tier.tier->grading;
  switch (g.kind) {
    case Grading::Kind::kUngraded:
      return 0;
    case Grading::Kind::kPoints:
      return QuantityOf(plan, Quantity::kPoints, g.table, learner, a);
    case Grading::Kind::kCount:
      return Matches(plan, tier.grading_where, learner, a) ? 1 : 0;
    case Grading::Kind::kValue:
      return 0;  // worked out from every achievement that counts, before the allocation
  }
  return 0;
}

void Allocate(const TierPlan& tier, LearnerView& view, std::uint32_t limit, Allocation& out) {
  Search(tier, view, limit, out).Run();
}

}  // namespace accredit::internal
