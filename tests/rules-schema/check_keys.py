#!/usr/bin/env python3
"""The JSON Schemas in rules/schema/ know exactly the keys and closed vocabularies that
accredit's loader knows, asked of the loader itself.

Usage: check_keys.py ACCREDIT SOURCE_DIR

Keys. For every place in a rule file or mapping where the loader takes a fixed set of keys,
PROBES below holds a small document that puts a mapping there. The document must load
cleanly and validate. Then an unknown key is added to that mapping: the loader must report it
(unknown-key, or unknown-field for a mapping's field names) with a note listing the keys it
knows, the schema must reject it, and the loader's list must equal the `properties` of the
schema's subschema for that place. Every subschema that closes its keys
(`additionalProperties: false`) must have a probe.

So adding a key to the loader and not to the schema (or the other way round) fails here; so
does adding a new mapping to the loader, whose key then appears in its parent's list, until
the schema describes it and a probe covers it. A subschema that PROBES leaves out is probed
where a file of tests/rules-schema/valid/ first uses it: a new requirement primitive used in
everything.yaml needs no probe of its own.

Vocabularies. For each closed vocabulary (`enum`) in ENUMS, every value the schema allows must
load cleanly and validate, and an unknown value must be rejected by both; where the loader's
message lists the values it takes, that list must equal the schema's.
"""
import copy
import glob
import json
import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import loader_view  # noqa: E402
import schema_tools  # noqa: E402
from loader_run import Accredit  # noqa: E402

UNKNOWN = "qqqqqqqq"  # no key or value is close to it, so no "did you mean"
VALID = os.path.join(os.path.dirname(os.path.abspath(__file__)), "valid")

BASE = {
    "accredit": 1,
    "scales": {"s": {"grades": ["U", "1", "2", "3", "4"], "pass": "4"}},
    "types": {"gcse": {"scale": "s", "level": 2}},
    "subjects": {"mathematics": {"title": "Mathematics"}},
    "tables": {"pts": {"version": "1", "points": {"gcse": {"4": 10}}}},
}
COUNT = {"at_least": 1, "where": {"type": "gcse"}}
TEST = {"learner": {"id": "T1", "achievements": [{"kind": "activity", "hours": 1}]},
        "expect": {"tier": "none"}}
C = ["tiers", "top", "components", "c"]  # the path of the one component of programme()


def doc(**sections):
    out = copy.deepcopy(BASE)
    out.update(copy.deepcopy(sections))
    return out


def programme(component=None, tier=None, tests=None, **programme_keys):
    top = {"components": {"c": component or {"role": "core-maths", "count": COUNT}}}
    top.update(tier or {})
    out = doc(programme=dict({"id": "p", "title": "The P Baccalaureate"}, **programme_keys),
              tiers={"top": top})
    if tests is not None:
        out["tests"] = tests
    return out


def component(**requirement):
    return programme(component=dict({"role": "core-maths"}, **requirement))


def aggregate(**agg):
    return component(compare={"left": agg, "op": ">=", "right": {"count": {}}})


SPECIAL = {"s": dict(BASE["scales"]["s"], special={"X": {"treat": "fail"}})}
FRAMEWORK = {"id": "f", "criteria": [{"id": "c", "min_months": 1}]}
GRADING = {"points": {"table": "pts", "of": ["c"]}, "bands": {"pass": 0}}

# (schema, pointer of the subschema, document, path to the mapping in the document)
PROBES = [
    ("rules", "#", doc(), []),
    ("rules", "#/$defs/scale", doc(), ["scales", "s"]),
    ("rules", "#/$defs/special",
     doc(scales=SPECIAL),
     ["scales", "s", "special", "X"]),
    ("rules", "#/$defs/type", doc(), ["types", "gcse"]),
    ("rules", "#/$defs/table", doc(), ["tables", "pts"]),
    ("rules", "#/$defs/subject", doc(), ["subjects", "mathematics"]),
    ("rules", "#/$defs/titled", doc(roles={"r": {"title": "R"}}), ["roles", "r"]),
    ("rules", "#/$defs/titled", doc(strands={"s": {"title": "S"}}), ["strands", "s"]),
    ("rules", "#/$defs/framework", doc(framework=FRAMEWORK), ["framework"]),
    ("rules", "#/$defs/criterion", doc(framework=FRAMEWORK), ["framework", "criteria", 0]),
    ("rules", "#/$defs/criterion/properties/strands",
     doc(framework={"id": "f", "criteria": [
         {"id": "c", "strands": {"role": "breadth", "values": ["creative-cultural"]}}]}),
     ["framework", "criteria", 0, "strands"]),
    ("rules", "#/$defs/programme", programme(), ["programme"]),
    ("rules", "#/$defs/tier", programme(), ["tiers", "top"]),
    ("rules", "#/$defs/component", programme(), C),
    ("rules", "#/$defs/requirement", component(all=[{"count": COUNT}]), C + ["all", 0]),
    ("rules", "#/$defs/countRequirement", programme(), C + ["count"]),
    ("rules", "#/$defs/sumRequirement", component(sum={"of": "hours", "at_least": 1}),
     C + ["sum"]),
    ("rules", "#/$defs/bestRequirement",
     component(best={"n": 1, "of": "hours", "at_least": 1}), C + ["best"]),
    ("rules", "#/$defs/nOfRequirement",
     component(n_of={"at_least": 1, "of": [{"count": COUNT}]}), C + ["n_of"]),
    ("rules", "#/$defs/noneRequirement", component(none={"where": {"grade": "U"}}),
     C + ["none"]),
    ("rules", "#/$defs/compareRequirement", aggregate(count={}), C + ["compare"]),
    ("rules", "#/$defs/aggregate", aggregate(count={}), C + ["compare", "left"]),
    ("rules", "#/$defs/countAggregate", aggregate(count={}), C + ["compare", "left", "count"]),
    ("rules", "#/$defs/sumAggregate", aggregate(sum={"of": "hours"}),
     C + ["compare", "left", "sum"]),
    ("rules", "#/$defs/bestAggregate", aggregate(best={"n": 1, "of": "hours"}),
     C + ["compare", "left", "best"]),
    ("rules", "#/$defs/steppedThreshold",
     component(count={"at_least": {"by": {"count": {}}, "steps": {"0": 1, "2": 2}}}),
     C + ["count", "at_least"]),
    ("rules", "#/$defs/filter", programme(), C + ["count", "where"]),
    ("rules", "#/$defs/filter",
     component(count={"at_least": 1, "where": {"not": {"grade": "U"}}}),
     C + ["count", "where", "not"]),
    ("rules", "#/$defs/filter",
     programme(prior_learning={"type": "gcse"}, starts="2025-09-01"),
     ["programme", "prior_learning"]),
    ("rules", "#/$defs/grading", programme(tier={"grading": GRADING}), ["tiers", "top", "grading"]),
    ("rules", "#/$defs/grading/properties/points", programme(tier={"grading": GRADING}),
     ["tiers", "top", "grading", "points"]),
    ("rules", "#/$defs/grading/properties/count",
     programme(tier={"grading": {"count": {"of": "c"}, "bands": {"pass": 0}}}),
     ["tiers", "top", "grading", "count"]),
    ("rules", "#/$defs/grading/properties/bands/additionalProperties/anyOf/1",
     programme(tier={"grading": dict(GRADING, bands={"pass": {"at_least": 0}})}),
     ["tiers", "top", "grading", "bands", "pass"]),
    ("rules", "#/$defs/test", programme(tests=[TEST]), ["tests", 0]),
    ("rules", "#/$defs/test/properties/learner", programme(tests=[TEST]),
     ["tests", 0, "learner"]),
    ("rules", "#/$defs/test/properties/expect", programme(tests=[TEST]),
     ["tests", 0, "expect"]),
    ("rules", "#/$defs/achievement", programme(tests=[TEST]),
     ["tests", 0, "learner", "achievements", 0]),
    ("map", "#", {"accredit-map": 1}, []),
    ("map", "#/properties/columns", {"accredit-map": 1, "columns": {"learner": "UPN"}},
     ["columns"]),
    ("map", "#/properties/values",
     {"accredit-map": 1, "values": {"subject": {"Maths": "mathematics"}}}, ["values"]),
    ("map", "#/properties/set", {"accredit-map": 1, "set": {"kind": "qualification"}},
     ["set"]),
    ("map", "#/properties/wide",
     {"accredit-map": 1, "wide": {"subjects": {"Maths": "mathematics"}}}, ["wide"]),
]

# Keys the loader lists at a place but then refuses there with an error of its own: the
# schema leaves them out, so that editors never offer them.
LISTED_BUT_REFUSED = {
    ("rules", "#/$defs/filter"): {"learner"},  # "rules may not single out a learner by id"
    ("map", "#/properties/set"): {"learner"},  # "'set' cannot give every row the same learner"
}

# Keys the schema declares where the loader never sees them: rule language 1.1's `use` is
# replaced by the block it names (definitions.cpp) before any part of a rule file is read.
EXPANDED_FIRST = {"rules": {"use"}}

# (schema, pointer of the enum, document, path to the value, regex whose group 1 is the
# loader's own list of the values in its message for an unknown one, or None when the
# message does not list them; values that need another key beside them)
SUM_POINTS = {"points": {"table": "pts"}}
ENUMS = [
    ("rules", "#/properties/accredit", doc(), ["accredit"], None, {}),
    ("rules", "#/$defs/special/properties/treat",
     doc(scales=SPECIAL),
     ["scales", "s", "special", "X", "treat"], r"'treat' must be (.+), got '", {}),
    ("rules", "#/$defs/type/properties/kind", doc(), ["types", "gcse", "kind"],
     r"'kind' must be (.+), got '", {}),
    ("rules", "#/$defs/field", component(count={"at_least": 1, "distinct": "subject"}),
     C + ["count", "distinct"], None, {}),
    ("rules", "#/$defs/criterion/properties/requires_start",
     doc(framework={"id": "f", "criteria": [{"id": "c", "requires_start": True}]}),
     ["framework", "criteria", 0, "requires_start"], None, {}),
    ("rules", "#/$defs/component/properties/shared", programme(), C + ["shared"],
     r"expected (.+) for 'shared'", {}),
    ("rules", "#/$defs/sumRequirement/properties/of",
     component(sum={"of": "hours", "at_least": 1}), C + ["sum", "of"], r"'of' is (.+), not '",
     SUM_POINTS),
    ("rules", "#/$defs/bestRequirement/properties/of",
     component(best={"n": 1, "of": "hours", "at_least": 1}), C + ["best", "of"],
     r"'of' is (.+), not '", SUM_POINTS),
    ("rules", "#/$defs/sumAggregate/properties/of", aggregate(sum={"of": "hours"}),
     C + ["compare", "left", "sum", "of"], r"'of' is (.+), not '", SUM_POINTS),
    ("rules", "#/$defs/bestAggregate/properties/of", aggregate(best={"n": 1, "of": "hours"}),
     C + ["compare", "left", "best", "of"], r"'of' is (.+), not '", SUM_POINTS),
    ("rules", "#/$defs/compareRequirement/properties/op", aggregate(count={}),
     C + ["compare", "op"], r"'op' is one of (.+), not '", {}),
    ("rules", "#/$defs/kindCondition/anyOf/0",
     component(count={"at_least": 1, "where": {"kind": "qualification"}}),
     C + ["count", "where", "kind"], r"'kind' is (.+), not '", {}),
    ("rules", "#/$defs/statusCondition/anyOf/0",
     component(count={"at_least": 1, "where": {"status": "achieved"}}),
     C + ["count", "where", "status"], r"'status' is (.+), not '", {}),
    ("rules", "#/$defs/test/properties/expect/properties/components/additionalProperties",
     programme(tests=[dict(TEST, expect={"tier": "none", "components": {"top.c": "met"}})]),
     ["tests", 0, "expect", "components", "top.c"], r"component status is (.+), not '", {}),
    ("map", "#/properties/accredit-map", {"accredit-map": 1}, ["accredit-map"], None, {}),
    ("map", "#/properties/dates", {"accredit-map": 1, "dates": "iso"}, ["dates"],
     r"is not one of (.+)$", {}),
]


def words(text):
    """'a, b or c' -> {'a', 'b', 'c'}."""
    return {w.strip() for part in text.split(", ") for w in part.split(" or ")}


def as_text(value):
    """A YAML value as the loader's text: true -> 'true'."""
    return json.dumps(value) if isinstance(value, bool) else str(value)


def place(document, path):
    node = document
    for step in path:
        node = node[step]
    return node


class Check:
    def __init__(self, accredit, source_dir):
        self.accredit = accredit
        self.schemas = {"rules": schema_tools.load(source_dir, schema_tools.RULES),
                        "map": schema_tools.load(source_dir, schema_tools.MAP)}
        self.failures = []
        self.tmp = tempfile.TemporaryDirectory()
        self.count = 0

    def fail(self, where, message, details=()):
        self.failures.append(f"FAIL {where}: {message}" +
                             "".join(f"\n    {d}" for d in details))

    def load(self, which, document):
        """What the loader and the schema say of `document`: (Loaded, schema errors)."""
        self.count += 1
        name = f"probe{self.count}" + (".map.yaml" if which == "map" else ".yaml")
        path = os.path.join(self.tmp.name, name)
        text = loader_view.dump_flow(document) + "\n"
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        # What is checked is what the loader reads: the YAML written must read back the same.
        if loader_view.load_text(text) != document:
            raise AssertionError(f"dump_flow does not round-trip: {text}")
        return self.accredit.load(path), schema_tools.errors(self.schemas[which], document)

    def clean(self, where, which, document):
        """True when both the loader and the schema accept `document`; else a failure."""
        loaded, schema_errors = self.load(which, document)
        if loaded.errors or schema_errors:
            self.fail(where, "the probe's document is not clean",
                      [str(d) for d in loaded.errors] + schema_errors +
                      [loader_view.dump_flow(document)])
            return False
        return True

    def corpus_probes(self, probed):
        """Probes for the strict subschemas that `probed` leaves out: the first mapping of a
        file in tests/rules-schema/valid/ that each one applies to, in that file."""
        probes = []
        for path in sorted(glob.glob(os.path.join(VALID, "*.yaml"))):
            which = "map" if path.endswith(".map.yaml") else "rules"
            document = loader_view.load_file(path)
            coverage = schema_tools.PropertyCoverage(self.schemas[which])
            if coverage.validate(document):
                continue  # check_files.py reports it
            places = {}

            def index(node, at):
                if isinstance(node, dict):
                    places[id(node)] = at
                    for key, value in node.items():
                        index(value, at + [key])
                elif isinstance(node, list):
                    for i, value in enumerate(node):
                        index(value, at + [i])

            index(document, [])
            for pointer, mapping in coverage.first.items():
                if (which, pointer) not in probed and id(mapping) in places:
                    probed.add((which, pointer))
                    probes.append((which, pointer, document, places[id(mapping)]))
        return probes

    def keys(self):
        probed = {(which, pointer) for which, pointer, _, _ in PROBES}
        probes = PROBES + self.corpus_probes(probed)
        self.probes = len(probes)
        for which, pointer, document, path in probes:
            where = f"{which} {pointer} at /{'/'.join(map(str, path))}"
            subschema = schema_tools.resolve(self.schemas[which], pointer)
            if not self.clean(where, which, document):
                continue
            probe = copy.deepcopy(document)
            place(probe, path)[UNKNOWN] = 1
            loaded, schema_errors = self.load(which, probe)
            if not schema_errors:
                self.fail(where, f"the schema accepts an unknown key '{UNKNOWN}'")
            reports = [d for d in loaded.errors if d.code in ("unknown-key", "unknown-field")
                       and f"'{UNKNOWN}'" in d.message]
            lists = [n for d in reports for n in d.notes
                     if n.startswith("known keys: ") or n.startswith("known fields: ")]
            if len(reports) != 1 or len(lists) != 1:
                self.fail(where, f"expected one unknown-key error for '{UNKNOWN}' with a note "
                                 "listing the known keys", [str(d) for d in loaded.diagnostics])
                continue
            loader_keys = set(lists[0].split(": ", 1)[1].split(", "))
            loader_keys -= LISTED_BUT_REFUSED.get((which, pointer), set())
            schema_keys = set(subschema.get("properties", {})) - EXPANDED_FIRST.get(which, set())
            if loader_keys != schema_keys:
                details = []
                if loader_keys - schema_keys:
                    details.append("the loader knows, the schema does not: " +
                                   ", ".join(sorted(loader_keys - schema_keys)))
                if schema_keys - loader_keys:
                    details.append("the schema declares, the loader does not know: " +
                                   ", ".join(sorted(schema_keys - loader_keys)))
                self.fail(where, "the keys differ", details)
            if pointer == "#/$defs/filter" and which == "rules":
                self.fields_from_filter = loader_keys | {"learner"}
        for which, schema in self.schemas.items():
            for pointer in schema_tools.strict_objects(schema):
                if (which, pointer) not in probed:
                    self.fail(f"{which} {pointer}", "a subschema with a fixed set of keys has no "
                                                    "probe: use it in tests/rules-schema/valid/ "
                                                    "or add one to PROBES in check_keys.py")

    def enums(self):
        for which, pointer, document, path, listed, extra in ENUMS:
            where = f"{which} {pointer}"
            values = schema_tools.resolve(self.schemas[which], pointer)["enum"]
            for value in values:
                accepted = copy.deepcopy(document)
                place(accepted, path[:-1])[path[-1]] = value
                place(accepted, path[:-1]).update(copy.deepcopy(extra.get(value, {})))
                self.clean(f"{where} = {value!r}", which, accepted)
            rejected = copy.deepcopy(document)
            place(rejected, path[:-1])[path[-1]] = UNKNOWN
            loaded, schema_errors = self.load(which, rejected)
            if not schema_errors:
                self.fail(where, f"the schema accepts '{UNKNOWN}'")
            if not loaded.errors:
                self.fail(where, f"the loader accepts '{UNKNOWN}'")
                continue
            if listed is None:
                continue
            matches = [m for d in loaded.errors for m in [re.search(listed, d.message)] if m]
            if len(matches) != 1:
                self.fail(where, f"no loader message lists the values (looked for /{listed}/)",
                          [str(d) for d in loaded.errors])
                continue
            loader_values = words(matches[0].group(1))
            schema_values = {as_text(v) for v in values}
            if loader_values != schema_values:
                self.fail(where, f"the values differ: the loader takes "
                                 f"{', '.join(sorted(loader_values))}; the schema allows "
                                 f"{', '.join(sorted(schema_values))}")
        # The field names a filter takes are the fields of the records; the schema's list of
        # fields (for `distinct` and a table's `key`) must be the same.
        fields = set(schema_tools.resolve(self.schemas["rules"], "#/$defs/field")["enum"])
        loader_fields = getattr(self, "fields_from_filter", set()) - {"not", "any"}
        if fields != loader_fields:
            self.fail("rules #/$defs/field", f"the fields differ from those a filter takes: "
                                             f"{sorted(fields ^ loader_fields)}")


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    check = Check(Accredit(sys.argv[1], sys.argv[2]), sys.argv[2])
    check.keys()
    check.enums()
    for failure in check.failures:
        print(failure)
    print(f"{check.probes} key probes ({check.probes - len(PROBES)} from the valid files) and "
          f"{len(ENUMS)} vocabularies checked against the loader "
          f"({check.count} documents loaded): {len(check.failures)} failures")
    return 1 if check.failures else 0


if __name__ == "__main__":
    sys.exit(main())
