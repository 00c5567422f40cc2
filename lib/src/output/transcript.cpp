// Transcripts: what both renderers share (dates, names, file stems, ids).
#include "accredit/transcript.h"

#include <fmt/format.h>

#include <cstdint>

#include "accredit/exceptions.h"
#include "accredit/report.h"
#include "output/completion_name.h"
#include "output/transcript_internal.h"

namespace accredit {

namespace {

std::uint64_t Fnv1a(std::string_view text, std::uint64_t seed) {
  std::uint64_t h = seed;
  for (char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ull;
  }
  return h;
}

}  // namespace

Date TranscriptDate(const Programme& programme, const Learner& learner,
                    const TranscriptOptions& options) {
  if (options.as_of) return *options.as_of;
  std::optional<Date> latest;
  for (const Achievement& a : learner.achievements) {
    if (a.date && (!latest || *a.date > *latest)) latest = a.date;
  }
  if (latest) return *latest;
  if (programme.ends) return *programme.ends;
  if (programme.starts) return *programme.starts;
  return Date{};
}

std::string TranscriptFileStem(std::string_view id) {
  std::string stem;
  bool changed = id.empty() || id.front() == '.';
  for (char c : id) {
    bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '.' || c == '_' || c == '-';
    stem += safe ? c : '_';
    changed = changed || !safe;
  }
  if (!stem.empty() && stem.front() == '.') stem.front() = '_';  // never a hidden file
  // Never the name of a cohort file, on a file system that ignores case too.
  std::string lower;
  for (char c : stem) lower += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  lower += ".html";
  changed = changed || lower == kTranscriptIndexFile || lower == kTranscriptBookFile;
  if (stem.size() > 64) {
    stem.resize(64);
    changed = true;
  }
  if (changed) {
    stem += fmt::format("-{:08x}", Fnv1a(id, 0xcbf29ce484222325ull) & 0xffffffffu);
  }
  return stem;
}

std::string NameBasedUrn(std::string_view name) {
  // Two independent 64-bit hashes make 128 bits; version 8 and the RFC 9562 variant are set
  // so that the result is a well-formed UUID. Not cryptographic: the ids only need to be
  // stable and distinct.
  std::uint64_t hi = Fnv1a(name, 0xcbf29ce484222325ull);
  std::uint64_t lo = Fnv1a(name, 0x84222325cbf29ce4ull ^ hi);
  hi = (hi & 0xffffffffffff0fffull) | 0x0000000000008000ull;
  lo = (lo & 0x3fffffffffffffffull) | 0x8000000000000000ull;
  return fmt::format("urn:uuid:{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", hi >> 32, (hi >> 16) & 0xffff,
                     hi & 0xffff, lo >> 48, lo & 0xffffffffffffull);
}

namespace internal {

const TierResult* TierOfRecord(const Outcome& outcome) {
  return outcome.tiers.empty() ? nullptr : &outcome.tiers.back();
}

std::string StrandName(const RuleSet& rules, std::string_view id) {
  if (id == "leadership-service") return "leadership & service";
  if (id == "creative-cultural") return "creative & cultural";
  if (id == "physical-outdoor") return "physical & outdoor";
  for (const NamedItem& s : rules.strands) {
    if (s.id == id && !s.title.empty()) return s.title;
  }
  return std::string(id);
}

std::string AchievementName(const RuleSet& rules, const Learner& learner, const Achievement& a,
                            bool no_names) {
  std::string name;
  if (a.kind == Kind::kActivity) {
    std::string_view strand = learner.Text(a, Field::kStrand);
    std::string completion = CompletionName(rules, learner, a);
    name = !completion.empty() ? "Activity: " + completion
           : strand.empty()    ? "Activity"
                               : "Activity: " + StrandName(rules, strand);
  } else {
    name = a.type != kNone ? rules.types[static_cast<std::size_t>(a.type)].title
                           : std::string(learner.Text(a, Field::kType));
    if (name.empty()) name = a.kind == Kind::kProject ? "Project" : "Qualification";
    if (a.kind == Kind::kQualification) {
      if (std::string_view subject = SubjectName(rules, learner, a); !subject.empty()) {
        name += fmt::format(" {}", subject);
      }
    }
  }
  std::string_view title = learner.Text(a, Field::kTitle);
  if (!no_names && !title.empty() && a.kind != Kind::kQualification) {
    name += fmt::format(": {}", title);
  }
  return name;
}

std::vector<std::vector<const Component*>> AllocatedComponents(const Learner& learner,
                                                               const Outcome& outcome) {
  std::vector<std::vector<const Component*>> out(learner.achievements.size());
  const TierResult* tier = TierOfRecord(outcome);
  if (tier == nullptr) return out;
  for (const ComponentResult& c : tier->components) {
    for (std::uint32_t i : c.allocated) {
      if (i < out.size()) out[i].push_back(c.component);
    }
  }
  return out;
}

std::vector<const ExceptionResult*> AppliedExceptions(const Outcome& outcome,
                                                      const TierResult& tier,
                                                      const Component* component) {
  std::vector<const ExceptionResult*> out;
  for (const ExceptionResult& r : outcome.exceptions) {
    if (r.effect != ExceptionEffect::kApplied) continue;
    const Tier* of = tier.tier;
    const BoundException& b = *r.exception;
    // Outcome::tiers[t] is programme tier t, evaluated highest first.
    if (static_cast<std::size_t>(b.tier) >= outcome.tiers.size() ||
        outcome.tiers[static_cast<std::size_t>(b.tier)].tier != of) {
      continue;
    }
    if (component != nullptr &&
        &of->components[static_cast<std::size_t>(b.component)] != component) {
      continue;
    }
    out.push_back(&r);
  }
  return out;
}

bool IsWebLink(std::string_view text) {
  if (!text.starts_with("https://") && !text.starts_with("http://")) return false;
  for (char c : text) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == '"' || c == '<' || c == '>' || c == '\'' ||
        c == '`' || c == 0x7f) {
      return false;
    }
  }
  return true;
}

}  // namespace internal

}  // namespace accredit
