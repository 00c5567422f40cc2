#!/usr/bin/env python3
"""Checks the stage layout of lib/src (CONTRIBUTING.md, "Where code lives").

Each folder of lib/src is one stage of the pipeline. A file may include private headers of its
own stage and of the stages below it, never of a stage above: that keeps the house walkable
from the bottom up. It also checks that no source sits directly in lib/src, that every stage
folder is known here, and that no file is longer than 800 lines.

Usage: check_stages.py SOURCE_DIR
"""
import pathlib
import re
import sys

# Lowest first. A stage may include its own and every earlier stage's private headers.
STAGES = ["base", "rules", "records", "stream", "engine", "exceptions", "workflow", "output",
          "credentials"]
MAX_LINES = 800
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.MULTILINE)


def main() -> int:
    root = pathlib.Path(sys.argv[1])
    src = root / "lib" / "src"
    faults = []
    for path in sorted(src.iterdir()):
        if path.is_file():
            faults.append(f"{path.relative_to(root)}: a file directly in lib/src: put it in a stage folder")
        elif path.name not in STAGES:
            faults.append(f"{path.relative_to(root)}: an unknown stage folder (known: {', '.join(STAGES)})")
    checked = [p for p in sorted(src.rglob("*")) if p.suffix in (".cpp", ".h")]
    checked += [p for d in ("cli", "lib/include/accredit") for p in sorted((root / d).glob("*"))
                if p.suffix in (".cpp", ".h")]
    for path in checked:
        rel = path.relative_to(root)
        text = path.read_text(encoding="utf-8")
        lines = text.count("\n")
        if lines > MAX_LINES:
            faults.append(f"{rel}: {lines} lines, more than {MAX_LINES}: split it by concept")
        parts = rel.parts
        stage = parts[2] if parts[:2] == ("lib", "src") else None
        for match in INCLUDE.finditer(text):
            target = match.group(1)
            line = text.count("\n", 0, match.start()) + 1
            first = target.split("/")[0]
            if first == "accredit":
                continue  # a public header: anyone may include it
            if first not in STAGES:
                if parts[0] != "cli":  # cli/ includes its own headers by plain name
                    faults.append(f"{rel}:{line}: '{target}' is not a stage path (stage/file.h)")
                continue
            if stage is None:
                faults.append(f"{rel}:{line}: '{target}' is private to the library: "
                              "front ends and public headers include only accredit/*.h")
            elif STAGES.index(first) > STAGES.index(stage):
                faults.append(f"{rel}:{line}: stage '{stage}' includes '{target}' "
                              f"of the later stage '{first}'")
    for fault in faults:
        print(fault)
    print(f"{len(checked)} files checked, {len(faults)} faults")
    return 1 if faults else 0


if __name__ == "__main__":
    sys.exit(main())
