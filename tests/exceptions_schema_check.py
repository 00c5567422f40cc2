#!/usr/bin/env python3
"""Checks assessor exception files against rules/schema/accredit-exceptions.schema.json
(JSON Schema draft 2020-12) with the `jsonschema` module (Debian: python3-jsonschema) and
PyYAML (python3-yaml).

Usage: exceptions_schema_check.py SCHEMA [--accredit BINARY RECORDS] --valid FILE...
                                   --invalid FILE...

Every --valid file must validate and every --invalid file must not (so that the check can
fail). With --accredit, each --invalid file must also be rejected by accredit's own loader
(`accredit validate RECORDS --exceptions FILE` exits 2 with an error located in FILE): the
schema and the loader agree. YAML is read as an editor's language server reads it: dates stay
strings. Exits 77 (ctest: skipped) when a module is missing, 1 on a failure.
"""
import json
import subprocess
import sys

try:
    import jsonschema
    import yaml
except ImportError as e:  # reported as skipped, never as passed
    print(f"skipped: {e} (install python3-jsonschema and python3-yaml)")
    sys.exit(77)


class Loader(yaml.SafeLoader):
    """SafeLoader without the YAML 1.1 timestamp type: 2027-06-30 stays a string."""


Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def main(argv):
    schema_path = argv[1]
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    expect = None
    failures = 0
    checked = 0
    accredit = None
    args = argv[2:]
    if args[:1] == ["--accredit"]:
        accredit, records = args[1], args[2]
        args = args[3:]
    for arg in args:
        if arg in ("--valid", "--invalid"):
            expect = arg == "--valid"
            continue
        with open(arg, encoding="utf-8") as f:
            document = yaml.load(f, Loader=Loader)
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
        checked += 1
        if expect and errors:
            failures += 1
            for e in errors:
                path = "/".join(str(p) for p in e.absolute_path)
                print(f"{arg}: /{path}: {e.message}")
        elif not expect and not errors:
            failures += 1
            print(f"{arg}: expected the schema to reject it, but it validates")
        else:
            print(f"{arg}: {'valid' if expect else 'rejected'}, as expected")
        if accredit and not expect:
            run = subprocess.run([accredit, "validate", records, "--exceptions", arg],
                                 capture_output=True, text=True, env={"NO_COLOR": "1"})
            if run.returncode != 2 or f"{arg}:" not in run.stderr or "error:" not in run.stderr:
                failures += 1
                print(f"{arg}: the schema rejects it, but accredit exits {run.returncode}:")
                print(run.stderr)
    if checked == 0:
        print("no files given")
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
