#!/usr/bin/env python3
"""Runs the examples of every manual page.

    man_examples.py ACCREDIT_DIR SOURCE_DIR

Every command line in an EXAMPLES section that starts with `$ ` (in a `.Dl` line or a
`.Bd -literal` block, with `\\` continuation lines) is run by bash, in order, in a scratch folder
per page that holds the repository's examples/, rules/ and tests/ (as links) and is also HOME,
with the built accredit first on PATH. When the text since the previous example says "the exit status is N", the example
must exit with N; otherwise it must work: exit 0 or 1 (a verdict), never 2 (an error) or 3.
What it prints is not compared; the golden tests do that.
"""
import os
import pathlib
import re
import subprocess
import sys
import tempfile


def unescape(text):
    return (text.replace("\\-", "-").replace("\\e", "\\").replace("\\&", "")
            .replace("\\(dq", '"'))


def examples(page):
    lines = page.read_text().splitlines()
    inside = False
    literal = False
    commands = []  # (command, expected exit statuses)
    pending = None
    prose = ""
    for line in lines:
        if line.startswith(".Sh "):
            inside = line[4:].strip() == "EXAMPLES"
            continue
        if not inside:
            continue
        if not line.startswith(".") and not literal:
            prose += " " + line
        if line.startswith(".Bd"):
            literal = True
            continue
        if line.startswith(".Ed"):
            literal = False
            continue
        text = None
        if line.startswith(".Dl "):
            text = unescape(line[4:])
        elif literal:
            text = unescape(line)
        if text is None:
            continue
        if pending is not None:
            pending += "\n" + text
        elif text.startswith("$ "):
            pending = text[2:]
        if pending is not None and not text.endswith("\\") and not text.endswith("|"):
            stated = re.search(r"exit status is (\d)", prose)
            commands.append((pending, {int(stated.group(1))} if stated else {0, 1}))
            pending = None
            prose = ""
    return commands


def main():
    accredit_dir, source = pathlib.Path(sys.argv[1]).resolve(), pathlib.Path(sys.argv[2])
    source = source.resolve()
    failures = 0
    count = 0
    env = dict(os.environ, PATH=f"{accredit_dir}:{os.environ.get('PATH', '')}", NO_COLOR="1")
    env.pop("ACCREDIT_RULES_PATH", None)
    for page in sorted((source / "man").glob("*.[1-9]")):
        with tempfile.TemporaryDirectory() as work:
            for name in ("examples", "rules", "tests"):
                os.symlink(source / name, pathlib.Path(work) / name)
            for command, expected in examples(page):
                count += 1
                result = subprocess.run(["bash", "-c", command], cwd=work,
                                        env=dict(env, HOME=work), capture_output=True,
                                        text=True, timeout=120)
                if result.returncode not in expected:
                    failures += 1
                    print(f"FAIL: {page.name}: exit {result.returncode}: {command}\n"
                          f"{result.stderr[-2000:]}", file=sys.stderr)
    if count == 0:
        print("FAIL: no examples found", file=sys.stderr)
        return 1
    if failures:
        return 1
    print(f"{count} examples ran")
    return 0


if __name__ == "__main__":
    sys.exit(main())
