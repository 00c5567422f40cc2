// Property test of the allocation search: on thousands of small random programmes and
// learners, the number of components the engine meets equals the best any allocation can do,
// found by brute force over every assignment with an evaluator written independently here;
// and when every component can be met in a graded tier, the grading score is the best any
// allocation that meets them all can earn.
#include <doctest/doctest.h>

#include <cstdint>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "accredit/evaluator.h"
#include "evaluation_fixture.h"

namespace accredit {

namespace {

const char* const kSubjects[] = {"maths", "physics", "english", "history"};
const char* const kStrands[] = {"leadership-service", "creative-cultural", "physical-outdoor"};

// A generated leaf: count of GCSEs in `subjects`, or hours of activities in `strands`.
struct Leaf {
  bool hours = false;
  std::vector<int> values;  // subject or strand indexes
  int at_least = 1;
};

struct Node {
  enum Kind { kLeaf, kAll, kAny } kind = kLeaf;
  std::vector<Leaf> leaves;  // one for kLeaf, two for kAll/kAny
};

struct Item {
  bool activity = false;
  int value = 0;  // subject or strand index
  int hours = 0;
};

std::string List(const std::vector<int>& values, const char* const* names) {
  std::string out = "[";
  for (std::size_t i = 0; i < values.size(); ++i)
    out += (i ? ", " : "") + std::string(names[values[i]]);
  return out + "]";
}

std::string LeafYaml(const Leaf& leaf) {
  if (leaf.hours) {
    return "{sum: {of: hours, at_least: " + std::to_string(leaf.at_least) +
           ", where: {kind: activity, strand: " + List(leaf.values, kStrands) + "}}}";
  }
  return "{count: {at_least: " + std::to_string(leaf.at_least) +
         ", where: {type: gcse, subject: " + List(leaf.values, kSubjects) + "}}}";
}

bool LeafMatches(const Leaf& leaf, const Item& item) {
  if (leaf.hours != item.activity) return false;
  for (int v : leaf.values) {
    if (v == item.value) return true;
  }
  return false;
}

bool LeafMet(const Leaf& leaf, const std::vector<Item>& items, const std::vector<int>& owner,
             int component, bool shared) {
  int total = 0;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!shared && owner[i] != component) continue;
    if (LeafMatches(leaf, items[i])) total += leaf.hours ? items[i].hours : 1;
  }
  return total >= leaf.at_least;
}

bool Relevant(const Node& node, const Item& item) {
  for (const Leaf& leaf : node.leaves) {
    if (LeafMatches(leaf, item)) return true;
  }
  return false;
}

// The grading `where` of the generated programmes: GCSEs in maths or physics.
bool Graded(const Item& item) { return !item.activity && (item.value == 0 || item.value == 1); }

bool NodeMet(const Node& node, const std::vector<Item>& items, const std::vector<int>& owner,
             int component, bool shared) {
  if (node.kind == Node::kLeaf) return LeafMet(node.leaves[0], items, owner, component, shared);
  bool a = LeafMet(node.leaves[0], items, owner, component, shared);
  bool b = LeafMet(node.leaves[1], items, owner, component, shared);
  return node.kind == Node::kAll ? a && b : a || b;
}

}  // namespace

TEST_CASE("the allocation search meets as many components as the best possible allocation") {
  std::mt19937 rng(20261122);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  int full_cases = 0;
  int partial_cases = 0;
  int graded_cases = 0;
  int scored_cases = 0;
  int wide_cases = 0;
  for (int round = 0; round < 4000; ++round) {
    int k = 2 + pick(2);
    std::vector<Node> nodes(static_cast<std::size_t>(k));
    std::vector<bool> shared(static_cast<std::size_t>(k));
    std::string yaml =
        "accredit: 1\nscales:\n  g: {grades: [U, '1', '4'], pass: '4'}\ntypes:\n"
        "  gcse: {scale: g, level: 2}\n  other: {scale: g, level: 2}\nsubjects: {maths: {}, "
        "physics: {}, english: {}, "
        "history: {}}\nprogramme: {id: p, title: P}\ntiers:\n  top:\n    components:\n";
    for (int c = 0; c < k; ++c) {
      Node& node = nodes[static_cast<std::size_t>(c)];
      node.kind = static_cast<Node::Kind>(pick(3));
      int leaves = node.kind == Node::kLeaf ? 1 : 2;
      for (int l = 0; l < leaves; ++l) {
        Leaf leaf;
        leaf.hours = pick(3) == 0;
        int values = 1 + pick(2);
        for (int v = 0; v < values; ++v) leaf.values.push_back(pick(leaf.hours ? 3 : 4));
        leaf.at_least = leaf.hours ? 5 + 5 * pick(2) : 1 + pick(2);
        node.leaves.push_back(leaf);
      }
      shared[static_cast<std::size_t>(c)] = pick(8) == 0;
      yaml += "      c" + std::to_string(c) + ":\n        role: breadth\n";
      if (shared[static_cast<std::size_t>(c)]) yaml += "        shared: true\n";
      if (node.kind == Node::kLeaf) {
        std::string leaf = LeafYaml(node.leaves[0]);
        yaml += "        " + leaf.substr(1, leaf.size() - 2) + "\n";
      } else {
        yaml += std::string("        ") + (node.kind == Node::kAll ? "all" : "any") + ": [" +
                LeafYaml(node.leaves[0]) + ", " + LeafYaml(node.leaves[1]) + "]\n";
      }
    }
    // Half the programmes are graded: a count of GCSEs in maths or physics used by some
    // components.
    std::vector<int> graded_components;
    if (pick(2) == 0) {
      for (int c = 0; c < k; ++c) {
        if (pick(2) == 0) graded_components.push_back(c);
      }
      if (graded_components.empty()) graded_components.push_back(pick(k));
      yaml += "    grading:\n      count: {where: {type: gcse, subject: [maths, physics]}, of: [";
      for (std::size_t i = 0; i < graded_components.size(); ++i) {
        yaml += (i ? ", c" : "c") + std::to_string(graded_components[i]);
      }
      yaml += "]}\n      bands: {top: 3, middle: 1, bottom: 0}\n";
    }
    auto rules = testing::LoadYaml(yaml);
    const RuleSet& rs = rules->result.rules;
    std::vector<Item> items(static_cast<std::size_t>(3 + pick(6)));
    std::vector<std::string> rows;
    for (Item& item : items) {
      item.activity = pick(3) == 0;
      item.value = pick(item.activity ? 3 : 4);
      item.hours = 5 * (1 + pick(2));
      rows.push_back(item.activity
                         ? "kind=activity hours=" + std::to_string(item.hours) +
                               " strand=" + kStrands[item.value]
                         : std::string("type=gcse grade=4 subject=") + kSubjects[item.value]);
    }
    Learner learner = testing::MakeLearner(rs, "L", rows);

    // Brute force: every assignment of each item to an exclusive component or to none.
    // The grading score counts each item a graded component uses once: a shared component
    // uses every item relevant to it, an exclusive one the relevant items it is given.
    std::vector<int> owner(items.size(), -1);
    int best = -1;
    int best_score = -1;  // among assignments that meet every component
    std::function<void(std::size_t)> enumerate = [&](std::size_t i) {
      if (i == items.size()) {
        int met = 0;
        for (int c = 0; c < k; ++c) {
          met += NodeMet(nodes[static_cast<std::size_t>(c)], items, owner, c,
                         shared[static_cast<std::size_t>(c)])
                     ? 1
                     : 0;
        }
        best = std::max(best, met);
        if (met == k && !graded_components.empty()) {
          int score = 0;
          for (std::size_t x = 0; x < items.size(); ++x) {
            bool used = false;
            for (int c : graded_components) {
              const Node& node = nodes[static_cast<std::size_t>(c)];
              bool mine = shared[static_cast<std::size_t>(c)] || owner[x] == c;
              used = used || (mine && Relevant(node, items[x]));
            }
            score += used && Graded(items[x]) ? 1 : 0;
          }
          best_score = std::max(best_score, score);
        }
        return;
      }
      for (int c = -1; c < k; ++c) {
        if (c >= 0 && shared[static_cast<std::size_t>(c)]) continue;
        owner[i] = c;
        enumerate(i + 1);
      }
    };
    enumerate(0);

    Evaluator evaluator(rs, rs.programmes[0]);
    Outcome outcome = evaluator.Evaluate(learner, {});
    int met = 0;
    for (const ComponentResult& c : outcome.tiers[0].components) {
      met += c.status == ComponentStatus::kMet ? 1 : 0;
    }
    CAPTURE(yaml);
    CAPTURE(rows.size());
    REQUIRE(met == best);
    CHECK((outcome.tier == 0) == (best == k));
    CHECK_FALSE(outcome.search_limit_hit);
    (best == k ? full_cases : partial_cases) += 1;
    // With a trace, every node is evaluated in full (LearnerView::Evaluate), not by the plain
    // counts' short way nor from a counted component's remembered results: the same outcome,
    // to the last bit of each progress. (Each round compiles a programme of its own, often at
    // the address of the last: what a view remembers must never pass from one to the next.)
    EvaluateOptions traced;
    traced.trace = true;
    const Outcome full = evaluator.Evaluate(learner, traced);
    REQUIRE(full.tiers.size() == outcome.tiers.size());
    for (std::size_t c = 0; c < outcome.tiers[0].components.size(); ++c) {
      CHECK(full.tiers[0].components[c].status == outcome.tiers[0].components[c].status);
      CHECK(full.tiers[0].components[c].progress == outcome.tiers[0].components[c].progress);
    }
    // The same learner with results that no leaf matches, past the 64 achievements that
    // the engine evaluates as bit sets: the other way must give the same outcome.
    if (round % 4 == 0) {
      std::vector<std::string> padded = rows;
      for (int i = 0; i < 64; ++i) {
        padded.push_back(std::string("type=other grade=4 subject=") + kSubjects[i % 4]);
      }
      Outcome wide = evaluator.Evaluate(testing::MakeLearner(rs, "L", padded), {});
      REQUIRE(wide.tiers.size() == outcome.tiers.size());
      for (std::size_t c = 0; c < outcome.tiers[0].components.size(); ++c) {
        CHECK(wide.tiers[0].components[c].status == outcome.tiers[0].components[c].status);
        CHECK(wide.tiers[0].components[c].progress ==
              doctest::Approx(outcome.tiers[0].components[c].progress));
      }
      CHECK(wide.tier == outcome.tier);
      CHECK(wide.tiers[0].score == doctest::Approx(outcome.tiers[0].score));
      CHECK(wide.grade == outcome.grade);
      wide_cases += 1;
    }
    if (best == k && !graded_components.empty()) {
      REQUIRE(outcome.tier == 0);
      CHECK(outcome.tiers[0].score == doctest::Approx(best_score));
      const char* grade = best_score >= 3 ? "top" : best_score >= 1 ? "middle" : "bottom";
      CHECK(outcome.grade == grade);
      graded_cases += 1;
      // Only a score above 0 can tell one allocation from another.
      if (best_score > 0) scored_cases += 1;
    }
  }
  // The generator must exercise both outcomes, or the test proves little.
  MESSAGE("met every component: ", full_cases, ", could not: ", partial_cases,
          ", graded with every component met: ", graded_cases, " (", scored_cases,
          " scoring above 0)");
  CHECK(full_cases > 300);
  CHECK(partial_cases > 300);
  CHECK(graded_cases > 150);
  CHECK(scored_cases > 100);
  CHECK(wide_cases == 1000);
}

}  // namespace accredit
