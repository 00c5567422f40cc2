#!/usr/bin/env python3
"""A plain-script baseline for the benchmark: the shipped Foxwood sixth-form rules
(rules/nbt/foxwood-sixth-form.yaml, Advanced and Intermediate) written by hand in Python
(standard library only), streaming a canonical long-form CSV that is sorted by learner, and
printing one CSV line per learner (learner, tier). It is what a data manager might write
instead of using accredit: one rule set, hard-coded, no allocation search, no diagnostics.

  baseline.py cohort.csv > out.csv
"""
import csv
import itertools
import sys

GCSE_RANK = {g: i for i, g in enumerate(["U", "1", "2", "3", "4", "5", "6", "7", "8", "9"])}
A_RANK = {g: i for i, g in enumerate(["U", "E", "D", "C", "B", "A", "A*"])}
STRANDS = ("leadership-service", "creative-cultural", "physical-outdoor")
START, END = "2025-09-01", "2027-08-31"
PRIOR = {"gcse", "gcse-combined-science", "functional-skills"}


def counts(row):
    status = row["status"] or "achieved"
    if status != "achieved":
        return False
    date = row["date"]
    if date and (date > END or (date < START and row["type"] not in PRIOR)):
        return False
    return True


def tier(rows):
    gcse4 = lambda r, s: r["type"] == "gcse" and r["subject"] == s and GCSE_RANK.get(r["grade"], 0) >= 4
    maths = any(gcse4(r, "mathematics") for r in rows)
    english = any(gcse4(r, "english-language") for r in rows)
    a_levels = sum(1 for r in rows if r["type"] == "a-level" and A_RANK.get(r["grade"], 0) >= 1)
    btec = any(r["type"] == "btec-national-extended-diploma" and r["grade"] not in ("U", "X")
               for r in rows)
    tlevel = any(r["type"] == "t-level" and r["grade"] not in ("U", "X") for r in rows)
    epq = any(r["type"] == "epq" and A_RANK.get(r["grade"], 0) >= 1 for r in rows)
    hours = {s: 0.0 for s in STRANDS}
    for r in rows:
        if r["kind"] == "activity":
            hours[r["strand"]] += float(r["hours"])
    total = sum(hours.values())
    subjects = {r["subject"] for r in rows if r["kind"] == "qualification"}
    if (maths and english and (a_levels >= 3 or btec or tlevel) and epq and total >= 100
            and all(h >= 15 for h in hours.values()) and len(subjects) >= 4):
        return "advanced"
    gcses = sum(1 for r in rows if r["type"] == "gcse" and GCSE_RANK.get(r["grade"], 0) >= 4)
    level3 = a_levels >= 2 or btec or tlevel
    if (maths and english and (gcses >= 5 or level3) and epq and total >= 60
            and all(h >= 10 for h in hours.values())):
        return "intermediate"
    return ""


def main():
    with open(sys.argv[1], newline="", encoding="utf-8") as f:
        out = sys.stdout
        for learner, rows in itertools.groupby(csv.DictReader(f), key=lambda r: r["learner"]):
            out.write("%s,%s\n" % (learner, tier([r for r in rows if counts(r)])))


if __name__ == "__main__":
    main()
