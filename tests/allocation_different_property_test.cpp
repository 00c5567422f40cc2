// Property test of rule language 1.1's `different` in the allocation search: on thousands of
// small random programmes where one part must be in a subject that another part does not use,
// the number of parts the engine meets equals the best any allocation can do, found by brute
// force over every assignment (each achievement to a part it fits, or to none) with the rule
// evaluated independently here.
#include <doctest/doctest.h>

#include <functional>
#include <random>
#include <string>
#include <vector>

#include "accredit/evaluator.h"
#include "evaluation_fixture.h"

namespace accredit {

namespace {

const char* const kDifferentSubjects[] = {"maths", "physics", "english", "history"};
const char* const kDifferentTypes[] = {"gcse", "a-level"};

struct Part {
  int type = 0;
  std::vector<int> subjects;
  int at_least = 1;
  bool shared = false;
  int different_from = -1;  // the part whose subjects this one may not use
};

struct Item {
  int type = 0;
  int subject = 0;
};

bool Fits(const Part& part, const Item& item) {
  if (part.type != item.type) return false;
  for (int s : part.subjects) {
    if (s == item.subject) return true;
  }
  return false;
}

// Whether part `c` is met when items[i] goes to owner[i] (-1: nobody).
bool Met(const std::vector<Part>& parts, const std::vector<Item>& items,
         const std::vector<int>& owner, int c) {
  const Part& part = parts[static_cast<std::size_t>(c)];
  std::vector<bool> blocked(4, false);
  if (part.different_from >= 0) {
    const int d = part.different_from;
    const Part& other = parts[static_cast<std::size_t>(d)];
    for (std::size_t i = 0; i < items.size(); ++i) {
      bool used = other.shared ? Fits(other, items[i]) : owner[i] == d;
      if (used) blocked[static_cast<std::size_t>(items[i].subject)] = true;
    }
  }
  int count = 0;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!part.shared && owner[i] != c) continue;
    if (Fits(part, items[i]) && !blocked[static_cast<std::size_t>(items[i].subject)]) ++count;
  }
  return count >= part.at_least;
}

}  // namespace

TEST_CASE("with 'different', the search meets as many parts as the best possible allocation") {
  std::mt19937 rng(20261206);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  int rounds_with_block = 0;
  for (int round = 0; round < 3000; ++round) {
    const int k = 2 + pick(2);
    std::vector<Part> parts(static_cast<std::size_t>(k));
    std::string yaml =
        "accredit: 1.1\nscales:\n  g: {grades: [U, '4'], pass: '4'}\ntypes:\n"
        "  gcse: {scale: g, level: 2}\n  a-level: {scale: g, level: 3}\n"
        "subjects: {maths: {}, physics: {}, english: {}, history: {}}\n"
        "programme: {id: p, title: P}\ntiers:\n  top:\n    components:\n";
    for (int c = 0; c < k; ++c) {
      Part& part = parts[static_cast<std::size_t>(c)];
      part.type = pick(2);
      for (int s = 0; s < 4; ++s) {
        if (pick(2) == 0) part.subjects.push_back(s);
      }
      if (part.subjects.empty()) part.subjects.push_back(pick(4));
      part.at_least = 1 + pick(2);
      part.shared = pick(6) == 0;
      if (c > 0 && pick(2) == 0) part.different_from = pick(c);
      yaml += "      c" + std::to_string(c) + ":\n        role: breadth\n";
      if (part.shared) yaml += "        shared: true\n";
      if (part.different_from >= 0) {
        yaml += "        different: {field: subject, from: c" +
                std::to_string(part.different_from) + "}\n";
      }
      std::string subjects;
      for (int s : part.subjects) {
        subjects += (subjects.empty() ? "" : ", ") + std::string(kDifferentSubjects[s]);
      }
      yaml += "        count: {at_least: " + std::to_string(part.at_least) +
              ", where: {type: " + kDifferentTypes[part.type] + ", subject: [" + subjects + "]}}\n";
    }
    auto rules = testing::LoadYaml(yaml);
    const RuleSet& rs = rules->result.rules;
    std::vector<Item> items(static_cast<std::size_t>(2 + pick(5)));
    std::vector<std::string> rows;
    for (std::size_t i = 0; i < items.size(); ++i) {
      items[i] = {pick(2), pick(4)};
      // A date apiece, so that two alike are two achievements, not a duplicate row.
      rows.push_back(std::string("type=") + kDifferentTypes[items[i].type] +
                     " grade=4 subject=" + kDifferentSubjects[items[i].subject] + " date=2026-0" +
                     std::to_string(1 + i) + "-01");
    }
    Learner learner = testing::MakeLearner(rs, "L", rows);

    std::vector<int> owner(items.size(), -1);
    int best = -1;
    std::function<void(std::size_t)> enumerate = [&](std::size_t i) {
      if (i == items.size()) {
        int met = 0;
        for (int c = 0; c < k; ++c) met += Met(parts, items, owner, c) ? 1 : 0;
        best = std::max(best, met);
        return;
      }
      owner[i] = -1;
      enumerate(i + 1);
      for (int c = 0; c < k; ++c) {
        const Part& part = parts[static_cast<std::size_t>(c)];
        if (part.shared || !Fits(part, items[i])) continue;
        owner[i] = c;
        enumerate(i + 1);
      }
      owner[i] = -1;
    };
    enumerate(0);

    Outcome outcome = Evaluator(rs, rs.programmes[0]).Evaluate(learner, {});
    int engine = 0;
    for (const ComponentResult& c : outcome.tiers[0].components) {
      engine += c.status == ComponentStatus::kMet ? 1 : 0;
    }
    INFO(yaml);
    CHECK(engine == best);
    for (const Part& part : parts) rounds_with_block += part.different_from >= 0 ? 1 : 0;
  }
  CHECK(rounds_with_block > 1000);
}

}  // namespace accredit
