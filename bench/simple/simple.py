#!/usr/bin/env python3
"""The simplified sixth-form rule of the benchmark as a streaming script (csv.reader, standard
library only): the same rule as simple.yaml (accredit) and simple.sql (DuckDB). Reads a
long-form CSV sorted by learner and prints learner,status (met or not-met) per learner.

  simple.py cohort.csv > out.csv
"""
import csv
import itertools
import sys

GOOD_GCSE = {"4", "5", "6", "7", "8", "9"}
A_PASS = {"E", "D", "C", "B", "A", "A*"}


def main():
    with open(sys.argv[1], newline="", encoding="utf-8") as f:
        rows = csv.reader(f)
        header = next(rows)
        col = {name: i for i, name in enumerate(header)}
        learner_i, kind_i, type_i, subject_i = col["learner"], col["kind"], col["type"], col["subject"]
        grade_i, hours_i, status_i = col["grade"], col["hours"], col["status"]
        out = ["learner,status\n"]
        for learner, group in itertools.groupby(rows, key=lambda r: r[learner_i]):
            maths = english = False
            a_levels = 0
            hours = 0.0
            for r in group:
                if r[status_i] not in ("", "achieved"):
                    continue
                kind, qtype, grade = r[kind_i], r[type_i], r[grade_i]
                if qtype == "gcse" and grade in GOOD_GCSE:
                    maths = maths or r[subject_i] == "mathematics"
                    english = english or r[subject_i] == "english-language"
                elif qtype == "a-level" and grade in A_PASS:
                    a_levels += 1
                elif kind == "activity" and r[hours_i]:
                    hours += float(r[hours_i])
            met = maths and english and a_levels >= 3 and hours >= 100
            out.append(f"{learner},{'met' if met else 'not-met'}\n")
            if len(out) >= 4096:
                sys.stdout.write("".join(out))
                out.clear()
        sys.stdout.write("".join(out))


if __name__ == "__main__":
    main()
