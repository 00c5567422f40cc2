// Table-driven tests of the rules loader and checker: inline YAML and the exact diagnostics it
// renders. Each case states the input in full so a failure reads on its own.
#include "accredit/rules_loader.h"

#include <doctest/doctest.h>

#include <string>

namespace accredit {

namespace {

// A small vocabulary most cases build on.
constexpr const char* kVocabulary = R"(accredit: 1
scales:
  s: {grades: [U, "1", "2", "3", "4"], pass: "4"}
  al: {grades: [U, E, D, C, B, A, A*], pass: E}
types:
  gcse: {scale: s, level: 2}
  a-level: {scale: al, level: 3}
subjects:
  mathematics: {title: Mathematics}
tables:
  pts: {version: "1", points: {a-level: {A: 48, B: 40}}}
)";

// The vocabulary plus a programme whose one tier has the component `body` (indented by the
// caller at 6 spaces).
std::string WithProgramme(const std::string& body, const std::string& extra = "") {
  return std::string(kVocabulary) +
         "programme: {id: p, title: The P Baccalaureate}\n"
         "tiers:\n"
         "  top:\n"
         "    components:\n"
         "      c:\n"
         "        role: core-maths\n" +
         body + extra;
}

std::string Load(const std::string& yaml, bool source_lines = false) {
  SourceSet sources;
  LoadResult result = LoadRulesFromText("t.yaml", yaml, sources);
  std::string out;
  RenderOptions options;
  options.source_lines = source_lines;
  for (const Diagnostic& d : result.diagnostics.items()) out += Render(d, sources, options);
  return out;
}

struct Case {
  const char* name;
  std::string yaml;
  std::string expected;
};

}  // namespace

TEST_CASE("a well-formed rule file loads with no diagnostics") {
  CHECK(Load(WithProgramme(
            "        count: {at_least: 1, where: {type: gcse, grade: \">= 4\"}}\n")) == "");
}

TEST_CASE("the loader reports each diagnostic code with an exact message") {
  const Case cases[] = {
      {"yaml syntax", "accredit: 1\nscales: [a, b\n",
       "t.yaml:3:1: error: invalid YAML: end of sequence flow not found [yaml-syntax]\n"},
      {"duplicate key", "accredit: 1\nabout: x\nabout: y\n",
       "t.yaml:3:1: error: duplicate key 'about' [duplicate-key]\n"
       "t.yaml:2:1: note: first given here\n"},
      {"unknown top-level key with a suggestion", "accredit: 1\nscale: {}\n",
       "t.yaml:2:1: error: unknown key 'scale' in a rule file [unknown-key]\n"
       "note: did you mean 'scales'?\n"},
      {"unknown key with nothing close: the known keys are listed",
       "accredit: 1\nscales:\n  s: {grades: [U], colour: red}\n",
       "t.yaml:3:20: error: unknown key 'colour' in scale 's' [unknown-key]\n"
       "note: known keys: title, grades, pass, special, parts, separator, part_grades\n"},
      {"missing version", "about: x\n",
       "t.yaml:1:1: error: a rule file needs a 'accredit' key [missing-key]\n"},
      {"empty file", "",
       "t.yaml: error: rule file is empty: it needs 'accredit: 1' [missing-key]\n"},
      {"unsupported version", "accredit: 2\n",
       "t.yaml:1:11: error: unsupported rule format version '2': this accredit reads versions 1 "
       "and 1.1 [bad-version]\n"},
      {"wrong node kind", "accredit: 1\nscales: [a]\n",
       "t.yaml:2:9: error: expected a mapping of ids for 'scales', got a list [bad-node]\n"},
      {"bad id", "accredit: 1\ntypes:\n  GCSE: {scale: s}\n",
       "t.yaml:3:3: error: 'GCSE' is not a valid id for an entry of 'types': use lower-case "
       "letters, digits and hyphens, like 'core-maths' [bad-id]\n"},
      {"duplicate grade", "accredit: 1\nscales:\n  s: {grades: [A, B, A]}\n",
       "t.yaml:3:22: error: grade 'A' appears twice in scale 's' [duplicate-grade]\n"},
      {"unknown pass grade", "accredit: 1\nscales:\n  s: {grades: [U, E, D], pass: F}\n",
       "t.yaml:3:32: error: pass grade 'F' is not on scale 's' [unknown-grade]\n"},
      {"special code treatment",
       "accredit: 1\nscales:\n  s:\n    grades: [U, A]\n    special: {X: {treat: skip}}\n",
       "t.yaml:5:26: error: 'treat' must be fail, pending, ignore or error, got 'skip' "
       "[bad-value]\n"},
      {"multi-grade of the wrong shape",
       "accredit: 1\nscales:\n  s: {grades: [PP, PM, PPX], parts: 2, part_grades: [P, M]}\n",
       "t.yaml:3:24: error: grade 'PPX' is not 2 part grades from 'part_grades' [bad-grade]\n"},
      {"unknown scale",
       "accredit: 1\nscales:\n  gcse-9-1: {grades: [U]}\ntypes:\n  gcse: {scale: gcse-91}\n",
       "t.yaml:5:17: error: type 'gcse' uses unknown scale 'gcse-91' [unknown-scale]\n"
       "note: did you mean 'gcse-9-1'?\n"},
      {"bad level", "accredit: 1\nscales:\n  s: {grades: [U]}\ntypes:\n  g: {scale: s, level: 9}\n",
       "t.yaml:5:24: error: '9' is not a level for 'level': use entry1, entry2, entry3 or 1 to 8 "
       "[bad-level]\n"},
      {"bad number",
       "accredit: 1\nscales:\n  s: {grades: [U]}\ntypes:\n  g: {scale: s, size: big}\n",
       "t.yaml:5:23: error: expected a number for 'size', got 'big' [bad-number]\n"},
      {"number beyond the limit",
       "accredit: 1\nscales:\n  s: {grades: [U]}\ntypes:\n  g: {scale: s, size: 1000000001}\n",
       "t.yaml:5:23: error: 'size' is '1000000001', beyond the limit of 1000000000 "
       "[bad-number]\n"},
      {"number that would overflow a sum",
       "accredit: 1\nscales:\n  s: {grades: [U]}\ntypes:\n  g: {scale: s, size: " +
           std::string(308, '9') + "}\n",
       "t.yaml:5:23: error: 'size' is '" + std::string(308, '9') +
           "', beyond the limit of 1000000000 [bad-number]\n"},
      {"duplicate id across definitions",
       std::string(kVocabulary) +
           "roles:\n  tech: {}\n  tech2: {}\nstrands:\n  music: {}\n  music: {}\n",
       "t.yaml:17:3: error: duplicate key 'music' [duplicate-key]\n"
       "t.yaml:16:3: note: first given here\n"},
      {"table for an unknown type and grade",
       std::string("accredit: 1\nscales:\n  s: {grades: [A]}\ntypes:\n  g: {scale: s}\n") +
           "tables:\n  t: {version: '1', points: {h: {A: 1}, g: {B: 2}}}\n",
       "t.yaml:7:3: error: table 't' gives points for grade 'B' of type 'g', which is not on "
       "scale 's' [unknown-grade]\n"
       "t.yaml:7:3: error: table 't' gives points for unknown type 'h' [unknown-type]\n"},
      {"unknown type in a filter",
       WithProgramme("        count: {at_least: 1, where: {type: gcse-maths}}\n"),
       "t.yaml:18:44: error: unknown type 'gcse-maths' [unknown-type]\n"},
      {"unknown subject with a suggestion",
       WithProgramme("        count: {at_least: 1, where: {subject: mathematic}}\n"),
       "t.yaml:18:47: error: unknown subject 'mathematic' [unknown-subject]\n"
       "note: did you mean 'mathematics'?\n"},
      {"a filter names a subject by an alias rather than its id",
       WithProgramme("        count: {at_least: 1, where: {subject: Mathematics}}\n"),
       "t.yaml:18:47: error: unknown subject 'Mathematics' [unknown-subject]\n"
       "note: 'Mathematics' is a name records may use for 'mathematics'; rules name subjects by "
       "id: write 'mathematics'\n"},
      {"a filter names a type as records may write it",
       WithProgramme("        count: {at_least: 1, where: {type: A Level}}\n"),
       "t.yaml:18:44: error: unknown type 'A Level' [unknown-type]\n"
       "note: 'A Level' is a name records may use for 'a-level'; rules name types by id: write "
       "'a-level'\n"},
      {"aliases that are not a list of names",
       "accredit: 1\nsubjects:\n  maths: {aliases: Maths}\n  art: {aliases: [Art, ' ', [x]]}\n",
       "t.yaml:3:20: error: expected a list for 'aliases', got a single value [bad-node]\n"
       "t.yaml:4:24: error: an alias may not be empty [bad-value]\n"
       "t.yaml:4:29: error: expected a single value for an alias, got a list [bad-node]\n"},
      {"an alias two subjects share, and an alias that is another subject's id",
       "accredit: 1\nsubjects:\n  mathematics: {aliases: [Maths, Further Maths]}\n"
       "  further-mathematics: {aliases: [further maths, Stats]}\n"
       "  statistics: {aliases: [Mathematics]}\n",
       "t.yaml:4:35: error: alias 'further maths' of subject 'further-mathematics' is already an "
       "alias of subject 'mathematics' [duplicate-alias]\n"
       "t.yaml:3:34: note: 'Further Maths' is given here\n"
       "t.yaml:5:26: error: alias 'Mathematics' of subject 'statistics' is the id of subject "
       "'mathematics' [duplicate-alias]\n"
       "t.yaml:3:3: note: 'mathematics' is given here\n"},
      {"two type ids that records could not tell apart; an alias of a type may be a subject's",
       "accredit: 1\nscales:\n  s: {grades: [U]}\ntypes:\n  a-level: {scale: s}\n"
       "  a--level: {scale: s, aliases: [Maths]}\nsubjects:\n  maths: {aliases: [A Level]}\n",
       "t.yaml:6:3: error: type 'a--level' has the same name as type 'a-level' once case, spaces "
       "and hyphens are ignored [duplicate-alias]\n"
       "t.yaml:5:3: note: 'a-level' is given here\n"},
      {"an alias that repeats its own subject's id is harmless",
       "accredit: 1\nsubjects:\n  mathematics: {aliases: [Mathematics, MATHS, maths]}\n", ""},
      {"unknown strand",
       WithProgramme("        sum: {of: hours, at_least: 1, where: {strand: physical}}\n"),
       "t.yaml:18:55: error: unknown strand 'physical' [unknown-strand]\n"},
      {"grade not on any reachable scale",
       WithProgramme("        count: {at_least: 1, where: {type: gcse, grade: \">= A\"}}\n"),
       "t.yaml:18:57: error: grade 'A' is not on any scale this filter can reach (s) "
       "[unknown-grade]\n"},
      {"grade reachable through another type is fine, a misspelt one is not",
       WithProgramme("        count: {at_least: 1, where: {grade: [A*, A**]}}\n"),
       "t.yaml:18:45: error: grade 'A**' is not on any scale this filter can reach (s, al) "
       "[unknown-grade]\n"
       "note: did you mean 'A*'?\n"},
      {"unknown filter field", WithProgramme("        count: {at_least: 1, where: {grades: A}}\n"),
       "t.yaml:18:38: error: unknown key 'grades' in 'where' [unknown-key]\n"
       "note: did you mean 'grade'?\n"},
      {"operator on an unordered field",
       WithProgramme("        count: {at_least: 1, where: {subject: \">= mathematics\"}}\n"),
       "t.yaml:18:47: error: 'subject' cannot be compared with '>=': only grade, level, hours "
       "and date are ordered [bad-operator]\n"},
      {"unknown table", WithProgramme("        sum: {of: points, table: ucas, at_least: 1}\n"),
       "t.yaml:18:34: error: unknown points table 'ucas' [unknown-table]\n"},
      {"points without a table", WithProgramme("        sum: {of: points, at_least: 1}\n"),
       "t.yaml:18:14: error: 'of: points' needs a 'table' naming the points table "
       "[missing-key]\n"},
      {"a requirement with two primitives",
       WithProgramme("        count: {at_least: 1}\n        none: {where: {type: gcse}}\n"),
       // The list is the table of primitives, so that a new one does not touch this test.
       "t.yaml:17:9: error: component 'top.c' needs exactly one of " +
           ListOf(kRequirementKindNames) + ", not 2 [bad-value]\n"},
      {"a threshold step given twice (steps may come in any order, each once)",
       WithProgramme("        count:\n"
                     "          where: {type: gcse}\n"
                     "          at_least: {by: {count: {}}, steps: {3: 2, 0: 1, 3.0: 3}}\n"),
       "t.yaml:20:59: error: a step for 3 is given twice in 'steps' [bad-value]\n"},
      {"'any' in a version 1 file",
       WithProgramme(
           "        count: {at_least: 1, where: {any: [{type: gcse}, {type: a-level}]}}\n"),
       "t.yaml:18:38: error: 'any' in a filter is rule language 1.1: write 'accredit: 1.1' at the "
       "top of the file [bad-version]\n"},
      {"'any' with one filter",
       "accredit: 1.1\n" +
           WithProgramme("        count: {at_least: 1, where: {any: [{type: gcse}]}}\n").substr(12),
       "t.yaml:18:43: error: expected a list of two or more filters for 'any', of which at least "
       "one must hold [bad-node]\n"},
      {"'any' with a filter that is not a mapping",
       "accredit: 1.1\n" +
           WithProgramme("        count: {at_least: 1, where: {any: [{type: gcse}, gcse]}}\n")
               .substr(12),
       "t.yaml:18:58: error: expected a filter (a mapping of field: condition) in 'any' "
       "[bad-node]\n"},
      {"'any' checks each filter",
       "accredit: 1.1\n" +
           WithProgramme(
               "        count: {at_least: 1, where: {any: [{type: gcse}, {type: gsce}]}}\n")
               .substr(12),
       "t.yaml:18:65: error: unknown type 'gsce' [unknown-type]\nnote: did you mean 'gcse'?\n"},
      {"count without bounds", WithProgramme("        count: {where: {type: gcse}}\n"),
       "t.yaml:18:16: error: 'count' needs 'at_least' or 'at_most' [missing-key]\n"},
      {"misspelt bound", WithProgramme("        count: {at_lest: 1}\n"),
       "t.yaml:18:17: error: unknown key 'at_lest' in 'count' [unknown-key]\n"
       "note: did you mean 'at_least'?\n"},
      {"impossible bounds make the tier unreachable",
       WithProgramme("        count: {at_least: 3, at_most: 2}\n"),
       "t.yaml:14:3: error: no learner can reach tier 'top': one of its components can never "
       "be met [unreachable-tier]\n"
       "t.yaml:17:9: error: 'top.c' needs at least 3 and at most 2: nothing can meet it "
       "[impossible-requirement]\n"},
      {"n_of asking for more than it has",
       WithProgramme("        n_of:\n          at_least: 3\n          of:\n"
                     "            - count: {at_least: 1}\n            - count: {at_least: 2}\n"),
       "t.yaml:14:3: error: no learner can reach tier 'top': one of its components can never "
       "be met [unreachable-tier]\n"
       "t.yaml:17:9: error: 'top.c' needs 3 of 2 requirements [impossible-requirement]\n"},
      {"duplicate node ids",
       WithProgramme("        all:\n          - {id: x, count: {at_least: 1}}\n"
                     "          - {id: x, count: {at_least: 2}}\n"),
       "t.yaml:20:13: error: node id 'top.c.x' is used twice [duplicate-id]\n"
       "t.yaml:19:13: note: first used here\n"},
      {"unknown role",
       std::string(kVocabulary) + "programme: {id: p, title: T}\ntiers:\n  top:\n    components:\n"
                                  "      c: {role: core-math, count: {at_least: 1}}\n",
       "t.yaml:16:7: error: component 'top.c' has unknown role 'core-math' [unknown-role]\n"
       "note: did you mean 'core-maths'?\n"
       "note: custom roles are declared under 'roles:'\n"},
      {"unknown framework",
       std::string(kVocabulary) +
           "programme: {id: p, title: T, framework: nbt}\ntiers:\n  top:\n"
           "    components:\n      c: {role: breadth, count: {at_least: 1}}\n",
       "t.yaml:12:12: error: programme 'p' names unknown framework 'nbt' [unknown-framework]\n"},
      {"grading names an unknown component",
       WithProgramme("        count: {at_least: 1}\n",
                     "    grading: {points: {table: pts, of: [d]}, bands: {pass: 0}}\n"),
       "t.yaml:19:14: error: grading of tier 'top' names unknown component 'd' "
       "[unknown-reference]\n"},
      {"'distinct' in a sum in a version 1 file",
       WithProgramme("        sum: {of: hours, at_least: 10, distinct: date}\n"),
       "t.yaml:18:40: error: 'distinct' in a 'sum' is rule language 1.1: write 'accredit: 1.1' "
       "at the top of the file [bad-version]\n"},
      {"'completion' in a version 1 file",
       "accredit: 1\ntypes:\n  placement: {kind: activity, completion: true}\n",
       "t.yaml:3:14: error: type 'placement' needs a 'scale' key [missing-key]\n"
       "t.yaml:3:31: error: 'completion' in a type is rule language 1.1: write 'accredit: 1.1' at "
       "the top of the file [bad-version]\n"},
      {"'completion' on a qualification type", "accredit: 1.1\ntypes:\n  ncs: {completion: true}\n",
       "t.yaml:3:21: error: 'completion' is for a type of kind activity, and type 'ncs' is of kind "
       "qualification [bad-value]\n"},
      {"'define' in a version 1 file", "accredit: 1\ndefine: {a: [x]}\n",
       "t.yaml:2:1: error: 'define' is rule language 1.1: write 'accredit: 1.1' at the top of "
       "the file [bad-version]\n"},
      {"'define' that is not a mapping", "accredit: 1.1\ndefine: [a]\n",
       "t.yaml:2:9: error: expected a mapping of name: block for 'define', got a list "
       "[bad-node]\n"},
      {"a block that uses itself",
       "accredit: 1.1\ndefine: {a: {use: b}, b: {use: a}}\n" +
           WithProgramme("        count: {at_least: 1, where: {use: a}}\n").substr(12),
       "t.yaml:2:32: error: 'a' is defined in terms of itself [bad-value]\n"},
      {"'use' of a name not defined",
       "accredit: 1.1\ndefine: {sciences: {subject: mathematics}}\n" +
           WithProgramme("        count: {at_least: 1, where: {use: science}}\n").substr(12),
       "t.yaml:19:43: error: 'use' names 'science', which is not under 'define' in this file "
       "[unknown-reference]\nnote: did you mean 'sciences'?\n"},
      {"keys beside 'use' of a list",
       "accredit: 1.1\ndefine: {sciences: [mathematics]}\n" +
           WithProgramme("        count: {at_least: 1, where: {subject: {use: sciences, x: 1}}}\n")
               .substr(12),
       "t.yaml:19:53: error: 'sciences' is a list, so no keys can be added to it: use it alone "
       "[bad-value]\n"},
      {"'per' in a version 1 file",
       WithProgramme("        sum: {of: hours, at_least: 10, per: strand, each_at_least: 5}\n"),
       "t.yaml:18:40: error: 'per' in a 'sum' is rule language 1.1: write 'accredit: 1.1' at the "
       "top of the file [bad-version]\n"},
      {"'per' without 'each_at_least'",
       "accredit: 1.1\n" +
           WithProgramme("        sum: {of: hours, at_least: 10, per: strand}\n").substr(12),
       "t.yaml:18:14: error: 'per' needs 'each_at_least': how much each value must reach to "
       "count, such as 'each_at_least: 30' [missing-key]\n"},
      {"'per' with 'distinct'",
       "accredit: 1.1\n" + WithProgramme("        sum: {of: hours, at_least: 10, per: strand, "
                                         "each_at_least: 5, distinct: date}\n")
                               .substr(12),
       "t.yaml:18:40: error: 'per' and 'distinct' do not go together: 'per' adds up each value's "
       "achievements, 'distinct' takes one achievement per value [bad-value]\n"},
      {"'groups' without 'per'",
       "accredit: 1.1\n" +
           WithProgramme("        sum: {of: hours, at_least: 10, groups: 2}\n").substr(12),
       "t.yaml:18:40: error: 'groups' needs 'per' and 'each_at_least': how many values of which "
       "field must reach how much [missing-key]\n"},
      {"'each_at_least' of nothing",
       "accredit: 1.1\n" +
           WithProgramme("        sum: {of: hours, at_least: 10, per: strand, each_at_least: 0}\n")
               .substr(12),
       "t.yaml:18:68: error: 'each_at_least' must be greater than 0 [bad-number]\n"},
      {"'different' in a version 1 file",
       WithProgramme(
           "        different: {field: subject, from: c}\n        count: {at_least: 1}\n"),
       "t.yaml:18:9: error: 'different' is rule language 1.1: write 'accredit: 1.1' at the top "
       "of the file [bad-version]\n"},
      {"'different' from an unknown component",
       "accredit: 1.1\n" +
           WithProgramme(
               "        different: {field: subject, from: d}\n        count: {at_least: 1}\n")
               .substr(12),
       "t.yaml:18:20: error: 'different' of component 'top.c' names unknown component 'd' of tier "
       "'top' [unknown-reference]\n"},
      {"'different' from itself",
       "accredit: 1.1\n" +
           WithProgramme(
               "        different: {field: subject, from: c}\n        count: {at_least: 1}\n")
               .substr(12),
       "t.yaml:18:20: error: component 'top.c' cannot be 'different' from itself [bad-value]\n"},
      {"'different' by an unknown field",
       "accredit: 1.1\n" +
           WithProgramme(
               "        different: {field: subjet, from: c}\n        count: {at_least: 1}\n")
               .substr(12),
       "t.yaml:18:28: error: unknown field 'subjet' in 'different' [unknown-field]\n"
       "note: did you mean 'subject'?\n"},
      {"'combine' in a version 1 file",
       WithProgramme(
           "        count: {at_least: 1}\n",
           "    grading: {points: {table: pts, of: c, combine: lowest}, bands: {pass: 0}}\n"),
       "t.yaml:19:43: error: 'combine' in a grading is rule language 1.1: write 'accredit: 1.1' at "
       "the top of the file [bad-version]\n"},
      {"'best' in a version 1 file",
       WithProgramme("        count: {at_least: 1}\n",
                     "    grading: {points: {table: pts, of: c, best: 3}, bands: {pass: 0}}\n"),
       "t.yaml:19:43: error: 'best' in a grading is rule language 1.1: write 'accredit: 1.1' at "
       "the top of the file [bad-version]\n"},
      {"an unknown 'combine'",
       "accredit: 1.1\n" +
           WithProgramme("        count: {at_least: 1}\n",
                         "    grading: {points: {table: pts, of: c, combine: lowst}, "
                         "bands: {pass: 0}}\n")
               .substr(12),
       "t.yaml:19:52: error: 'combine' is total or lowest, not 'lowst' [bad-value]\n"
       "note: did you mean 'lowest'?\n"},
      {"'best' of none",
       "accredit: 1.1\n" +
           WithProgramme("        count: {at_least: 1}\n",
                         "    grading: {points: {table: pts, of: c, best: 0}, bands: {pass: 0}}\n")
               .substr(12),
       "t.yaml:19:49: error: expected a whole number of at least 1 for 'best', got '0' "
       "[bad-number]\n"},
      {"overlapping and gapped bands",
       WithProgramme("        count: {at_least: 1}\n",
                     "    grading:\n      points: {table: pts, of: c}\n"
                     "      bands: {merit: {at_least: 10, below: 30}, distinction: 20}\n"),
       "t.yaml:21:15: error: bands 'merit' and 'distinction' overlap: a score of 20 would be in "
       "both [overlapping-bands]\n"
       "t.yaml:21:15: warning: the lowest band 'merit' starts at 10: a learner who meets tier "
       "'top' with fewer points gets no grade [band-gap]\n"
       "t.yaml:21:49: warning: bands are listed highest first: 'distinction' should come before "
       "'merit' [band-order]\n"},
      {"bad date and dates out of order",
       std::string(kVocabulary) +
           "programme: {id: p, title: T, starts: 2025-09-31, ends: 2025-01-01}\ntiers:\n  top:\n"
           "    components:\n      c: {role: breadth, count: {at_least: 1}}\n",
       "t.yaml:12:38: error: expected a date like 2025-09-01 for 'starts', got '2025-09-31' "
       "[bad-date]\n"},
      {"tiers without a programme", "accredit: 1\ntiers: {}\n",
       "t.yaml:2:8: error: 'tiers' belongs to a programme: add a 'programme' to this file "
       "[missing-key]\n"},
      {"bad test expectations",
       WithProgramme(
           "        count: {at_least: 1}\n",
           "tests:\n  - learner: {id: T1}\n    expect: {tier: topp, components: {top.d: met}}\n"),
       "t.yaml:21:20: error: test expects unknown tier 'topp' of programme 'p' [bad-test]\n"
       "note: did you mean 'top'?\n"
       "t.yaml:21:39: error: test expects a status for unknown component 'top.d' [bad-test]\n"
       "note: did you mean 'top.c'?\n"},
      {"include not found", "accredit: 1\nuses: [england/nope.yaml]\n",
       "t.yaml:2:8: error: cannot find rule file 'england/nope.yaml' named in 'uses' "
       "[include-not-found]\n"
       "note: looked beside the file that names it, in the rule folders given, and in the "
       "built-in rules library\n"},
      {"include escaping the library", "accredit: 1\nuses: [../../etc/passwd]\n",
       "t.yaml:2:8: error: 'uses' path '../../etc/passwd' leads outside the rules library "
       "[include-escape]\n"},
      {"absolute include", "accredit: 1\nuses: /etc/passwd\n",
       "t.yaml:2:7: error: 'uses' path '/etc/passwd' must be relative, with '/' between folders "
       "[include-escape]\n"},
      {"UTF-16",
       std::string("\xff\xfe"
                   "a\0:\0 \0001\0\n\0",
                   12),
       "t.yaml: error: the file is UTF-16 (it has a byte order mark); save it as UTF-8 "
       "[bad-encoding]\n"},
      {"NUL byte", std::string("accredit: 1\nabout: a\0b\n", 23),
       "t.yaml:2:9: error: the file contains a NUL byte: it may be UTF-16 or not text; save it "
       "as UTF-8 [bad-encoding]\n"},
      {"deep flow nesting", "accredit: 1\nabout: " + std::string(200, '[') + "\n",
       "t.yaml:2:136: error: nesting is deeper than the limit of 128 [too-deep]\n"},
      {"requirements nested too deep",
       [] {
         std::string body;
         for (int i = 0; i < 34; ++i) body += "{all: [";
         body += "{count: {at_least: 1}}";
         for (int i = 0; i < 34; ++i) body += "]}";
         return WithProgramme("        all: [" + body + "]\n");
       }(),
       "t.yaml:18:239: error: requirements nest deeper than the limit of 32 [too-deep]\n"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    CHECK(Load(c.yaml) == c.expected);
  }
}

TEST_CASE("a framework criterion has exactly one check, of the kind its key names") {
  CHECK(Load("accredit: 1\n"
             "framework:\n"
             "  id: f\n"
             "  criteria:\n"
             "    - {id: two, roles: [breadth], min_months: 3}\n"
             "    - {id: none, title: T}\n"
             "    - {id: start, requires_start: false}\n"
             "    - {id: strands, strands: [leadership-service]}\n"
             "    - {id: months, min_months: 0}\n") ==
        "t.yaml:5:7: error: criterion 'two' needs exactly one check: roles, strands, min_months, "
        "title_pattern or requires_start [bad-value]\n"
        "t.yaml:6:7: error: criterion 'none' needs exactly one check: roles, strands, min_months, "
        "title_pattern or requires_start [missing-key]\n"
        "t.yaml:7:35: error: 'requires_start' can only be true (leave it out otherwise) "
        "[bad-value]\n"
        "t.yaml:8:30: error: expected a mapping for 'strands', got a list [bad-node]\n"
        "t.yaml:9:32: error: expected a whole number of at least 1 for 'min_months', got '0' "
        "[bad-number]\n");
}

TEST_CASE("a billion-laughs file is refused quickly with too-large") {
  std::string yaml = "accredit: 1\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 9; ++i) {
    yaml += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int j = 0; j < 10; ++j) yaml += (j ? ", *a" : "*a") + std::to_string(i - 1);
    yaml += "]\n";
  }
  std::string out = Load(yaml);
  CHECK(out.find("[too-large]") != std::string::npos);
  CHECK(out.find("expands to more than 1000000 nodes") != std::string::npos);
}

TEST_CASE("diagnostics render with the source line and a caret") {
  CHECK(Load(WithProgramme("        count: {at_least: 1, where: {type: gcse, grade: \">= A\"}}\n"),
             true) ==
        "t.yaml:18:57: error: grade 'A' is not on any scale this filter can reach (s) "
        "[unknown-grade]\n"
        "   18 |         count: {at_least: 1, where: {type: gcse, grade: \">= A\"}}\n"
        "      |                                                         ^\n");
}

}  // namespace accredit
