#!/usr/bin/env python3
"""Holds the mappings `accredit map` proposes (its golden outputs) to the mapping JSON Schema
for editors, so that a proposal opened in an editor shows no schema error.

    map_schema_check.py SCHEMA STDOUT...

Each STDOUT is a golden case's standard output: YAML documents, separated by `---`, up to a
line that is not YAML (a case that runs validate after map prints CSV after them). Exits 77
(skipped) without python3-jsonschema and python3-yaml.
"""
import json
import sys

try:
    import jsonschema
    import yaml
except ImportError:
    print("python3-jsonschema or python3-yaml missing: skipped")
    sys.exit(77)


def main():
    schema = json.load(open(sys.argv[1]))
    failures = 0
    count = 0
    for path in sys.argv[2:]:
        lines = []
        for line in open(path, encoding="utf-8").read().splitlines():
            if line.startswith("learner,"):  # validate's CSV after the mappings
                break
            lines.append(line)
        for doc in yaml.safe_load_all("\n".join(lines)):
            if doc is None:
                continue
            count += 1
            try:
                jsonschema.validate(doc, schema)
            except jsonschema.ValidationError as e:
                print(f"FAIL: {path}: {e.message}")
                failures += 1
    if count == 0:
        print("FAIL: no mapping found in the outputs given")
        return 1
    print(f"{count} proposed mappings checked, {failures} failures")
    return 1 if failures else 0


sys.exit(main())
