"""Runs accredit's own loaders on a file and returns what they reported.

Rule files go through `accredit check --format json`; column mappings through
`accredit validate --map FILE` on a header-only CSV, whose text diagnostics are parsed (the
mapping is loaded before any record is read). Both give a list of Diagnostic.
"""
import json
import os
import re
import subprocess
import tempfile
from dataclasses import dataclass, field

DIAGNOSTIC = re.compile(r"^(?P<file>.*?):(?P<line>\d+):(?P<column>\d+): "
                        r"(?P<severity>error|warning): (?P<message>.*) \[(?P<code>[a-z0-9-]+)\]$")


@dataclass
class Diagnostic:
    severity: str
    code: str
    message: str
    file: str = ""
    line: int = 0
    notes: list = field(default_factory=list)

    def __str__(self):
        notes = "".join(f"\n      note: {n}" for n in self.notes)
        return f"{self.file}:{self.line}: {self.severity}: {self.message} [{self.code}]{notes}"


@dataclass
class Loaded:
    diagnostics: list

    @property
    def errors(self):
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def accepted(self):
        return not self.errors


class Accredit:
    def __init__(self, binary, cwd):
        self.binary = os.path.abspath(binary)
        self.cwd = cwd
        self.env = dict(os.environ, NO_COLOR="1")
        self.env.pop("ACCREDIT_RULES_PATH", None)

    def run(self, args):
        return subprocess.run([self.binary] + args, cwd=self.cwd, env=self.env,
                              capture_output=True, text=True, timeout=60)

    def load_rules(self, path):
        """The diagnostics of loading rule file `path` (and every file it uses)."""
        proc = self.run(["check", "--format", "json", path])
        if proc.returncode not in (0, 1, 2):
            raise RuntimeError(f"accredit check {path}: status {proc.returncode}\n{proc.stderr}")
        try:
            report = json.loads(proc.stdout)
        except json.JSONDecodeError:
            raise RuntimeError(f"accredit check {path}: no JSON report\n{proc.stdout}"
                               f"{proc.stderr}")
        return Loaded([Diagnostic(d["severity"], d["code"], d["message"], d.get("file", ""),
                                  d.get("line", 0), list(d.get("notes", [])))
                       for d in report["diagnostics"]])

    def load_map(self, path):
        """The diagnostics of loading column mapping `path`."""
        with tempfile.TemporaryDirectory() as tmp:
            csv = os.path.join(tmp, "header-only.csv")
            with open(csv, "w", encoding="utf-8") as f:
                f.write("learner,kind\n")
            proc = self.run(["validate", "--map", path, csv])
        if proc.returncode not in (0, 1, 2):
            raise RuntimeError(f"accredit validate --map {path}: status {proc.returncode}\n"
                               f"{proc.stderr}")
        diagnostics = []
        for line in proc.stderr.splitlines():
            m = DIAGNOSTIC.match(line)
            if m:
                # Only what the mapping loader says about the mapping, not the records.
                if os.path.basename(m["file"]) == os.path.basename(path):
                    diagnostics.append(Diagnostic(m["severity"], m["code"], m["message"],
                                                  m["file"], int(m["line"])))
                    continue
                diagnostics.append(None)  # a diagnostic about something else: skip its notes
            elif line.startswith("note: ") and diagnostics and diagnostics[-1] is not None:
                diagnostics[-1].notes.append(line[len("note: "):])
        return Loaded([d for d in diagnostics if d is not None])

    def load(self, path):
        return self.load_map(path) if path.endswith(".map.yaml") else self.load_rules(path)

    def test(self, path):
        """Runs the example learners of rule file `path`: (whether all pass, what was said)."""
        proc = self.run(["test", path])
        return proc.returncode == 0, proc.stdout + proc.stderr
