#!/usr/bin/env python3
"""Deterministic synthetic cohort for benchmarks: learners of the shipped Foxwood sixth-form
programme (rules/nbt/foxwood-sixth-form.yaml), about 12.8 achievements each.

  gen_cohort.py LEARNERS [--seed N] [--shuffle] [--format csv|jsonl] > cohort.csv

Each learner has GCSE maths and English (undated: entry qualifications), a Level 3 main
study (three A levels, mostly; some BTEC Extended Diplomas; a few T Levels), usually an EPQ,
and personal-development activities with hours, strands and dates inside the programme.
Grades follow rough national distributions. --shuffle writes the rows in a random order
(unsorted input); the default keeps each learner's rows together (sorted input).
"""
import argparse
import json
import random
import sys

A_LEVEL = ["A*", "A", "B", "C", "D", "E", "U"]
A_LEVEL_W = [9, 17, 25, 23, 15, 8, 3]
GCSE = ["9", "8", "7", "6", "5", "4", "3", "2"]
GCSE_W = [5, 8, 12, 16, 18, 20, 14, 7]
EPQ = ["A*", "A", "B", "C", "D", "E"]
EPQ_W = [12, 20, 28, 22, 12, 6]
BTEC = ["D*D*D*", "D*D*D", "D*DD", "DDD", "DDM", "DMM", "MMM", "MMP", "MPP", "PPP"]
SUBJECTS = ["mathematics", "further-mathematics", "physics", "chemistry", "biology", "history",
            "geography", "english-literature", "psychology", "sociology", "economics",
            "computer-science", "art-and-design", "french", "spanish", "religious-studies"]
BTEC_SUBJECTS = ["business", "applied-science", "information-technology", "sport",
                 "health-and-social-care", "engineering"]
STRANDS = ["leadership-service", "creative-cultural", "physical-outdoor"]
FIELDS = ["learner", "kind", "type", "subject", "level", "grade", "hours", "strand", "status",
          "date"]


def learner_rows(rng, learner_id):
    rows = []

    def add(**fields):
        fields["learner"] = learner_id
        rows.append(fields)

    add(kind="qualification", type="gcse", subject="mathematics",
        grade=rng.choices(GCSE, GCSE_W)[0])
    add(kind="qualification", type="gcse", subject="english-language",
        grade=rng.choices(GCSE, GCSE_W)[0])
    route = rng.random()
    if route < 0.80:
        for subject in rng.sample(SUBJECTS, 3):
            add(kind="qualification", type="a-level", subject=subject,
                grade=rng.choices(A_LEVEL, A_LEVEL_W)[0], date="2027-08-12")
    elif route < 0.95:
        add(kind="qualification", type="btec-national-extended-diploma",
            subject=rng.choice(BTEC_SUBJECTS), grade=rng.choice(BTEC), date="2027-08-12")
    else:
        add(kind="qualification", type="t-level", subject=rng.choice(BTEC_SUBJECTS),
            grade=rng.choice(["Distinction*", "Distinction", "Merit", "Pass"]),
            date="2027-08-12")
    if rng.random() < 0.7:
        add(kind="project", type="epq", subject="extended-project",
            grade=rng.choices(EPQ, EPQ_W)[0], date="2027-05-14")
    # Distinct days, so no two activities are the same row.
    for day in sorted(rng.sample(range(23 * 28), rng.choice([6, 6, 7, 7, 7, 8, 8]))):
        month, day_of_month = divmod(day, 28)
        date = "%04d-%02d-%02d" % (2025 + (8 + month) // 12, (8 + month) % 12 + 1,
                                   day_of_month + 1)
        add(kind="activity", hours=str(rng.choice([5, 8, 10, 12, 15, 20, 25, 30])),
            strand=rng.choice(STRANDS), date=date,
            status="in-progress" if rng.random() < 0.03 else "achieved")
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("learners", type=int)
    parser.add_argument("--seed", type=int, default=20261122)
    parser.add_argument("--shuffle", action="store_true")
    parser.add_argument("--format", choices=["csv", "jsonl"], default="csv")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    out = sys.stdout
    learners = (learner_rows(rng, "L%07d" % i) for i in range(args.learners))
    if args.format == "jsonl":
        for rows in learners:
            achievements = [{k: v for k, v in r.items() if k != "learner"} for r in rows]
            out.write(json.dumps({"id": rows[0]["learner"], "achievements": achievements},
                                 separators=(",", ":")) + "\n")
        return
    out.write(",".join(FIELDS) + "\n")
    if args.shuffle:
        rows = [r for rows in learners for r in rows]
        rng.shuffle(rows)
        for r in rows:
            out.write(",".join(r.get(f, "") for f in FIELDS) + "\n")
        return
    for rows in learners:
        for r in rows:
            out.write(",".join(r.get(f, "") for f in FIELDS) + "\n")


if __name__ == "__main__":
    main()
