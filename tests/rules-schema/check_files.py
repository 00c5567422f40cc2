#!/usr/bin/env python3
"""The JSON Schemas in rules/schema/ accept what accredit's loader accepts, and reject what it
rejects, file by file.

Usage: check_files.py ACCREDIT SOURCE_DIR

1. Every rule file and column mapping under rules/ and examples/ is loaded by accredit (rule
   files with `accredit check`, mappings with `validate --map`). Each one the loader accepts
   must validate against its schema. Each one it rejects with a structural error (an unknown
   key, a missing key, the wrong kind of value...) must fail it.
2. The same for the files in tests/rules-schema/valid/, which the loader must accept, and
   whose example learners (`tests:`) must get the outcomes they expect under `accredit test`:
   they are the tests of each primitive's evaluation.
3. Every case in tests/rules-schema/invalid-cases.yaml is rejected by the loader with exactly
   the codes the case names, and by the schema.
4. Every property the schemas declare is used by some document of 1 or 2 that validates: a
   property the schema declares but no accepted file uses has never been shown to be one the
   loader accepts.
5. Every file under rules/ opens with the modeline that points editors at its schema:
   `# yaml-language-server: $schema=../schema/accredit-rules.schema.json` (or the mapping
   schema for a *.map.yaml).

Files named *.test.yaml (rule tests beside rule files) and *.exceptions.yaml (assessor
exceptions, checked against their own schema by tests/exceptions_schema_check.py) are not rule
files and are left out.
YAML is read as the loader reads it (loader_view.py). Exit status 0 when all hold, 1 otherwise;
every failure is printed.
"""
import glob
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import loader_view  # noqa: E402
import schema_tools  # noqa: E402
from loader_run import Accredit  # noqa: E402

# Codes for a file whose shape is wrong: what a schema can see without knowing the other
# files. The loader reporting one of these means the schema must reject the file too.
STRUCTURAL = {"unknown-key", "unknown-field", "missing-key", "bad-node", "bad-version",
              "bad-id", "bad-date", "bad-number", "bad-level", "bad-operator"}

HERE = os.path.dirname(os.path.abspath(__file__))


class Check:
    def __init__(self, accredit, source_dir):
        self.accredit = accredit
        self.source_dir = source_dir
        self.schemas = {name: schema_tools.load(source_dir, name)
                        for name in (schema_tools.RULES, schema_tools.MAP)}
        self.coverage = {name: schema_tools.PropertyCoverage(schema)
                         for name, schema in self.schemas.items()}
        self.failures = []
        self.checked = 0

    def fail(self, where, message, details=()):
        self.failures.append(f"FAIL {where}: {message}" +
                             "".join(f"\n    {d}" for d in details))

    def view(self, path):
        try:
            return loader_view.load_file(path), None
        except Exception as e:  # a YAML error, a duplicate key: the loader rejects these too
            return None, f"{type(e).__name__}: {e}"

    def file(self, path, shown, must_accept=False):
        """Holds the schema to the loader on one file; `shown` names it in messages."""
        self.checked += 1
        schema_name = schema_tools.schema_for(path)
        loaded = self.accredit.load(path)
        document, unreadable = self.view(path)
        if loaded.accepted:
            if unreadable:
                self.fail(shown, f"accredit accepts it, but it cannot be read as the loader "
                                 f"reads it: {unreadable}")
                return
            problems = self.coverage[schema_name].validate(document)
            if problems:
                self.fail(shown, f"accredit accepts it, but it does not validate against "
                                 f"{schema_name}", problems)
            return
        if must_accept:
            self.fail(shown, "accredit rejects it", [str(d) for d in loaded.errors])
            return
        codes = {d.code for d in loaded.errors}
        if codes & STRUCTURAL and not unreadable and not schema_tools.errors(
                self.schemas[schema_name], document):
            self.fail(shown, f"accredit rejects it ({', '.join(sorted(codes & STRUCTURAL))}), "
                             f"but it validates against {schema_name}",
                      [str(d) for d in loaded.errors])

    def shipped(self):
        paths = []
        for folder in ("rules", "examples"):
            paths += glob.glob(os.path.join(self.source_dir, folder, "**", "*.yaml"),
                               recursive=True)
        paths = sorted(p for p in paths if not p.endswith((".test.yaml", ".exceptions.yaml")))
        if not paths:
            self.fail("rules/", "no rule files found")
        for path in paths:
            shown = os.path.relpath(path, self.source_dir)
            self.file(path, shown)
            if shown.startswith("rules" + os.sep):
                self.modeline(path, shown)

    def modeline(self, path, shown):
        """A shipped file opens with the modeline that names its schema, for editors."""
        schema = os.path.join(self.source_dir, "rules", "schema", schema_tools.schema_for(path))
        expected = ("# yaml-language-server: $schema=" +
                    os.path.relpath(schema, os.path.dirname(path)).replace(os.sep, "/"))
        with open(path, encoding="utf-8") as f:
            first = f.readline().rstrip("\n")
        if first != expected:
            self.fail(shown, f"the first line should be the editors' modeline '{expected}'",
                      [f"it is '{first}'"])

    def valid_corpus(self):
        paths = sorted(glob.glob(os.path.join(HERE, "valid", "*.yaml")))
        if not paths:
            self.fail("valid/", "no files")
        for path in paths:
            shown = os.path.relpath(path, self.source_dir)
            self.file(path, shown, must_accept=True)
            if path.endswith(".map.yaml"):
                continue
            document, unreadable = self.view(path)
            if not unreadable and document.get("tests"):
                passed, said = self.accredit.test(path)
                if not passed:
                    self.fail(shown, "an example learner does not get the outcome it expects "
                                     "under accredit test", said.splitlines())

    def invalid_cases(self):
        cases = loader_view.load_file(os.path.join(HERE, "invalid-cases.yaml"))
        with tempfile.TemporaryDirectory() as tmp:
            for i, case in enumerate(cases["cases"]):
                self.checked += 1
                shown = f"invalid-cases.yaml: {case['name']}"
                if "map" in case:
                    name, text = f"case{i}.map.yaml", case["map"]
                elif "rules" in case:
                    name, text = f"case{i}.yaml", case["rules"]
                else:
                    name = f"case{i}.yaml"
                    body = "".join("        " + line + "\n"
                                   for line in case["component"].splitlines())
                    text = cases["programme"] + body
                path = os.path.join(tmp, name)
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
                loaded = self.accredit.load(path)
                codes = sorted({d.code for d in loaded.errors})
                if codes != sorted(case["loader"]):
                    self.fail(shown, f"accredit reports {codes or 'no error'}, the case says "
                                     f"{sorted(case['loader'])}",
                              [str(d) for d in loaded.diagnostics])
                    continue
                document, unreadable = self.view(path)
                if unreadable:
                    continue  # rejected before any schema could look at it, as by accredit
                schema_name = schema_tools.schema_for(name)
                if not schema_tools.errors(self.schemas[schema_name], document):
                    self.fail(shown, f"accredit rejects it ({', '.join(codes)}), but it "
                                     f"validates against {schema_name}")

    def property_coverage(self):
        for name, coverage in self.coverage.items():
            for pointer, prop in coverage.unused():
                self.fail(name, f"no file that accredit accepts uses '{prop}' of {pointer}: "
                                f"add it to tests/rules-schema/valid/")


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    check = Check(Accredit(sys.argv[1], sys.argv[2]), sys.argv[2])
    check.shipped()
    check.valid_corpus()
    check.invalid_cases()
    check.property_coverage()
    for failure in check.failures:
        print(failure)
    print(f"{check.checked} files and cases checked against the schemas: "
          f"{len(check.failures)} failures")
    return 1 if check.failures else 0


if __name__ == "__main__":
    sys.exit(main())
