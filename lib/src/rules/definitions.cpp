// Rule language 1.1's reuse: `define` names blocks of a rule file (a list of subjects, a
// component, a filter) and `{use: name}` stands for one anywhere below, so that a block
// written once serves several tiers. Expansion works on the YamlNode tree before any part of
// the file is read, so every other parser sees the blocks in place and needs no change.
#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

#include "rules/rules_parse.h"

namespace accredit::internal {

namespace {

// Nodes in a tree, for the expansion budget.
std::uint64_t CountNodes(const YamlNode& node) {
  std::uint64_t n = 1;
  for (const YamlNode& item : node.items) n += CountNodes(item);
  for (const auto& [key, value] : node.entries) n += 1 + CountNodes(value);
  return n;
}

class Expander {
 public:
  Expander(const YamlNode& definitions, LoadContext& cx, std::uint64_t max_nodes)
      : definitions_(definitions), cx_(cx), max_nodes_(max_nodes) {}

  // Expands every `{use: name}` below `node`, in place.
  void Expand(YamlNode& node) {
    if (failed_) return;
    if (node.IsSequence()) {
      std::vector<YamlNode> items;
      items.reserve(node.items.size());
      for (YamlNode& item : node.items) {
        const YamlNode* use = UseOf(item);
        if (use == nullptr || item.entries.size() != 1) {
          Expand(item);
          items.push_back(std::move(item));
          continue;
        }
        YamlNode block;
        if (!Resolve(*use, block)) continue;
        // A list used as an item of a list is spliced in: `[{use: sciences}, computing]`.
        if (block.IsSequence()) {
          for (YamlNode& b : block.items) items.push_back(std::move(b));
        } else {
          items.push_back(std::move(block));
        }
      }
      node.items = std::move(items);
      return;
    }
    if (!node.IsMap()) return;
    if (const YamlNode* use = UseOf(node)) {
      YamlNode block;
      if (!Resolve(*use, block)) {
        // Reported: the rest is read without the `use`, not as an unknown key, and nothing
        // more is said of the mapping it stood in (a component without a role...).
        std::erase_if(node.entries, [](const auto& entry) { return entry.first.value == "use"; });
        cx_.Quiet(node);
        return;
      }
      if (node.entries.size() == 1) {
        node = std::move(block);
        return;
      }
      // Further keys beside `use` replace the block's own, or add to them.
      if (!block.IsMap()) {
        cx_.Error(*use, "bad-value",
                  fmt::format("'{}' is {}, so no keys can be added to it: use it alone", use->value,
                              DescribeKind(block.kind)));
        cx_.Quiet(node);
        return;
      }
      for (auto& local : node.entries) {
        if (local.first.value == "use") continue;
        Expand(local.second);
        const std::string& key = local.first.value;
        auto same = std::find_if(block.entries.begin(), block.entries.end(),
                                 [&](const auto& entry) { return entry.first.value == key; });
        if (same != block.entries.end()) {
          same->second = std::move(local.second);
        } else {
          block.entries.push_back(std::move(local));
        }
      }
      node.entries = std::move(block.entries);
      return;
    }
    for (auto& [key, value] : node.entries) Expand(value);
  }

 private:
  // The value of `use` when `node` is a mapping with that key, else nullptr.
  static const YamlNode* UseOf(const YamlNode& node) {
    return node.IsMap() ? node.Find("use") : nullptr;
  }

  // The block `use` names, itself expanded, into `out`.
  bool Resolve(const YamlNode& use, YamlNode& out) {
    auto name = cx_.Text(use, "'use'");
    if (!name) return false;
    const YamlNode* block = definitions_.Find(*name);
    if (block == nullptr) {
      std::vector<std::string> names;
      for (const auto& [key, value] : definitions_.entries) names.push_back(key.value);
      Diagnostic& d = cx_.Error(
          use, "unknown-reference",
          fmt::format("'use' names '{}', which is not under 'define' in this file", *name));
      AddDidYouMean(d, *name, names);
      return false;
    }
    if (std::find(stack_.begin(), stack_.end(), *name) != stack_.end()) {
      cx_.Error(use, "bad-value", fmt::format("'{}' is defined in terms of itself", *name));
      return false;
    }
    out = *block;
    stack_.push_back(*name);
    Expand(out);
    stack_.pop_back();
    nodes_ += CountNodes(out);
    if (nodes_ > max_nodes_) {
      cx_.Error(
          use, "too-large",
          fmt::format("the blocks named by 'use' expand past the limit of {} nodes", max_nodes_));
      failed_ = true;
      return false;
    }
    return !failed_;
  }

  const YamlNode& definitions_;
  LoadContext& cx_;
  std::uint64_t max_nodes_;
  std::uint64_t nodes_ = 0;
  std::vector<std::string> stack_;  // the blocks being expanded, for a block that uses itself
  bool failed_ = false;
};

}  // namespace

void ExpandDefinitions(YamlNode& root, LoadContext& cx, std::uint64_t max_nodes) {
  auto at = std::find_if(root.entries.begin(), root.entries.end(),
                         [](const auto& entry) { return entry.first.value == "define"; });
  if (at == root.entries.end()) return;
  if (!cx.Needs11(at->first, "'define'")) return;
  if (!at->second.IsMap()) {
    cx.Error(at->second, "bad-node",
             fmt::format("expected a mapping of name: block for 'define', got {}",
                         DescribeKind(at->second.kind)));
    return;
  }
  for (const auto& [key, value] : at->second.entries) cx.Id(key, "a name under 'define'");
  const YamlNode definitions = std::move(at->second);
  root.entries.erase(at);
  Expander expander(definitions, cx, max_nodes);
  for (auto& [key, value] : root.entries) {
    if (key.value != "accredit") expander.Expand(value);
  }
}

}  // namespace accredit::internal
