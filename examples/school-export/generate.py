#!/usr/bin/python3
"""Writes the school-export example from one model of a sixth form, so that the exports and
the canonical CSV hold the same records:

    /usr/bin/python3 examples/school-export/generate.py    (needs python3-openpyxl)

- results.xlsx: sheet "Year 11", the GCSE broadsheet (one column per subject, combined
  science as a double grade, community languages); sheet "Sixth form", results one per row
  as SIMS exports them (qualification, subject, grade, series);
- activities.csv: the personal-development log as an online form exports it, saved by Excel
  as plain "CSV (Comma delimited)", that is Windows-1252, with hours as people type them;
- pupils.csv: the pupil list (names, form group, year, gender, PP, SEND, EAL);
- canonical.csv: the same records in accredit's canonical fields, for the test that both
  give the same outcomes.

The learners are those of examples/sixth-form/cohort.csv (F0001 to F0025) with a UPN each,
and five more (F0026 to F0030) with community-language GCSEs. Names are made up.
"""
import csv
import io
import os
import random

import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
ALPHABET = "ABCDEFGHJKLMNPQRTUVWXYZ"

FORENAMES = ["Amelia", "Oliver", "Zoë", "Noah", "Grace", "Leo", "Siân", "Mohammed", "Isla",
             "Jakub", "Aisha", "Finn", "Chloé", "Harry", "Maja", "Reuben", "Ayesha", "Tomás",
             "Ella", "Kacper", "Freya", "Imran", "Niamh", "Oskar", "Ruby", "Zainab", "Lewis",
             "Ananya", "Filip", "Hannah"]
SURNAMES = ["Hart", "O'Brien", "Brontë", "Williams", "Okafor-Lee", "Nguyen", "Pryce", "Khan",
            "Murray", "Nowak", "Begum", "Gallagher", "Dubois", "Patel", "Kowalska", "Levy",
            "Hussain", "García", "Smith", "Wiśniewski", "Jones", "Ali", "Byrne", "Lindqvist",
            "Taylor", "Ahmed", "MacLeod", "Sharma", "Zieliński", "Evans"]

# canonical id -> the export's spelling, for the columns and values the exports use.
GCSE_COLUMNS = {  # subject -> broadsheet column
    "mathematics": "Maths", "english-language": "English Lang", "combined-science": "Comb Sci",
    "biology": "Biology (GCSE)", "history": "History (GCSE)", "geography": "Geography (GCSE)",
    "art-and-design": "Art & Design (GCSE)", "design-and-technology": "Design & Technology (GCSE)",
    "polish": "Polish (GCSE)", "urdu": "Urdu (GCSE)",
}
TYPES = {"a-level": "GCE A Level", "as-level": "GCE AS Level", "epq": "Extended Project",
         "higher-project": "Higher Project", "gcse": "GCSE (9-1)",
         "functional-skills": "Functional Skills", "t-level": "T Level",
         "btec-tech-award": "BTEC Tech Award",
         "btec-national-extended-certificate": "BTEC National Extended Certificate",
         "btec-national-diploma": "BTEC National Diploma",
         "btec-national-extended-diploma": "BTEC National Extended Diploma"}
SUBJECTS = {"mathematics": "Maths", "further-mathematics": "Further Maths",
            "english-language": "English Language", "english-literature": "English Literature",
            "art-and-design": "Art & Design", "computer-science": "Computer Science",
            "religious-studies": "Religious Studies", "physical-education": "Physical Education",
            "extended-project": "Extended Project", "health-and-social-care": "Health & Social Care",
            "information-technology": "Information Technology", "media-studies": "Media Studies",
            "childcare": "Education and Childcare"}
STRANDS = {"leadership-service": "Leadership & Service",
           "creative-cultural": "Creative & Cultural", "physical-outdoor": "Physical & Outdoor"}
ACTIVITIES = {"leadership-service": ["Reading mentor", "Food bank volunteer", "Student council"],
              "creative-cultural": ["School musical", "Art club", "Debating society"],
              "physical-outdoor": ["Duke of Edinburgh expedition", "Netball team", "Climbing club"]}
SERIES = {"2027-08-12": ("June 2027", "2027-06-30"), "2026-08-13": ("June 2026", "2026-06-30"),
          "2026-08-20": ("June 2026", "2026-06-30"), "2026-01-08": ("November 2025", "2025-11-30"),
          "2026-03-13": ("March 2026", "2026-03-31"), "2026-06-19": ("June 2026", "2026-06-30")}


def upn(serial):
    body = "8734015%05d" % serial
    total = sum((int(c) if c.isdigit() else ALPHABET.index(c)) * (i + 2)
                for i, c in enumerate(body))
    return ALPHABET[total % 23] + body


def hours_as_typed(hours, rng):
    """How a student types a number of hours into a form."""
    choice = rng.randrange(5)
    if choice == 0:
        return "%d hrs" % hours
    if choice == 1:
        return "%d:00" % hours if hours <= 3 else "%d hours" % hours
    if choice == 2 and hours <= 3:
        return "%d mins" % (hours * 60)
    return str(hours)


def model():
    rows = list(csv.DictReader(open(os.path.join(ROOT, "examples/sixth-form/cohort.csv"))))
    extra = [  # five more: community languages, combined science, a blank-ish record
        ("F0026", [("gcse", "mathematics", "6"), ("gcse", "english-language", "5"),
                   ("gcse", "polish", "9"), ("gcse-combined-science", "combined-science", "6-6")]),
        ("F0027", [("gcse", "mathematics", "5"), ("gcse", "english-language", "6"),
                   ("gcse", "urdu", "8"), ("gcse", "history", "7")]),
        ("F0028", [("gcse", "mathematics", "4"), ("gcse", "english-language", "4"),
                   ("gcse-combined-science", "combined-science", "4-3")]),
        ("F0029", [("gcse", "mathematics", "7"), ("gcse", "english-language", "7"),
                   ("gcse", "polish", "8"), ("gcse", "geography", "6")]),
        ("F0030", [("gcse", "mathematics", "3"), ("gcse", "english-language", "4")]),
    ]
    a_levels = {"F0026": [("mathematics", "B"), ("physics", "C"), ("chemistry", "B")],
                "F0027": [("history", "A"), ("english-literature", "B"), ("sociology", "A")],
                "F0028": [("biology", "C"), ("psychology", "D"), ("geography", "C")],
                "F0029": [("mathematics", "A"), ("economics", "A"), ("geography", "B")],
                "F0030": [("sociology", "E"), ("law", "D")]}
    rng = random.Random(20261206)
    for learner, gcses in extra:
        for type_, subject, grade in gcses:
            rows.append(dict(learner=learner, kind="qualification", type=type_, subject=subject,
                             level="", grade=grade, hours="", strand="", status="achieved",
                             date=""))
        for subject, grade in a_levels[learner]:
            rows.append(dict(learner=learner, kind="qualification", type="a-level",
                             subject=subject, level="", grade=grade, hours="", strand="",
                             status="achieved", date="2027-08-12"))
        if learner != "F0030":
            rows.append(dict(learner=learner, kind="project", type="epq",
                             subject="extended-project", level="", grade="B", hours="",
                             strand="", status="achieved", date="2027-08-12"))
            for strand in STRANDS:
                for date in ("2026-02-13", "2026-12-11"):
                    rows.append(dict(learner=learner, kind="activity", type="", subject="",
                                     level="", grade="", hours=str(rng.choice([10, 15, 20])),
                                     strand=strand, status="achieved", date=date))
    return rows


def main():
    rows = model()
    rng = random.Random(20261206)
    learners = sorted({r["learner"] for r in rows})
    ids = {learner: upn(i + 1) for i, learner in enumerate(learners)}
    people = {learner: (FORENAMES[i], SURNAMES[i], "12" + "ABC"[i % 3] if i % 2 else
                        "13" + "ABC"[i % 3]) for i, learner in enumerate(learners)}

    canonical = []
    broadsheet = {learner: {} for learner in learners}
    sixth_form = []
    activities = []
    for r in rows:
        out = dict(r, learner=ids[r["learner"]])
        if r["kind"] == "activity":
            date = r["date"]
            activities.append((ids[r["learner"]], r))
        elif r["type"] in ("gcse", "gcse-combined-science") and not r["date"]:
            broadsheet[r["learner"]][GCSE_COLUMNS[r["subject"]]] = r["grade"]
        else:
            series, date = SERIES[r["date"]] if r["date"] else ("", "")
            out["date"] = date
            sixth_form.append((ids[r["learner"]], people[r["learner"]], r, series))
        canonical.append(out)

    # The canonical CSV: dates as the exports' series give them.
    with open(os.path.join(HERE, "canonical.csv"), "w", newline="") as f:
        fields = ["learner", "kind", "type", "subject", "level", "grade", "hours", "strand",
                  "status", "date"]
        w = csv.DictWriter(f, fields, lineterminator="\n")
        w.writeheader()
        for r in canonical:
            w.writerow({k: r[k] for k in fields})

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Year 11"
    columns = list(GCSE_COLUMNS.values())
    sheet.append(["UPN", "Forename", "Surname"] + columns)
    for i, learner in enumerate(learners):
        forename, surname, _ = people[learner]
        cells = [broadsheet[learner].get(c) for c in columns]
        # Numbers as numbers, as the school's system writes them; double grades as text.
        cells = [int(v) if v is not None and v.isdigit() else v for v in cells]
        sheet.append([ids[learner], forename, surname] + cells)
        if i == 11:
            sheet.append([])  # a blank row, as a copy and paste leaves one
    long = book.create_sheet("Sixth form")
    long.append(["UPN", "Forename", "Surname", "Qualification", "Level", "Subject", "Grade",
                 "Series"])
    for upn_, (forename, surname, _), r, series in sixth_form:
        if r["status"] == "predicted":
            continue  # a predicted grade is not in a results export
        grade = r["grade"]
        long.append([upn_, forename, surname, TYPES[r["type"]],
                     int(r["level"]) if r["level"].isdigit() else r["level"] or None,
                     SUBJECTS.get(r["subject"], r["subject"].replace("-", " ").title()),
                     int(grade) if grade.isdigit() else grade, series])
    book.properties.creator = "accredit example"
    book.save(os.path.join(HERE, "results.xlsx"))

    # The activities log, as an online form exports it and Excel saves it (Windows-1252).
    text = io.StringIO()
    w = csv.writer(text, lineterminator="\r\n")
    w.writerow(["ID", "Start time", "Completion time", "Email", "Name", "UPN",
                "What did you do?", "Which strand?", "How many hours?", "Date of activity",
                "Finished?"])
    for n, (upn_, r) in enumerate(activities, 1):
        learner = r["learner"]
        forename, surname, _ = people[learner]
        y, m, d = r["date"].split("-")
        stamp = "%s/%s/%s 16:%02d" % (d, m, y, n % 60)
        w.writerow([n, stamp, stamp, "%s.%s@students.example.org" % (n, learner.lower()),
                    "%s %s" % (forename, surname), upn_, rng.choice(ACTIVITIES[r["strand"]]),
                    STRANDS[r["strand"]], hours_as_typed(int(r["hours"]), rng),
                    "%s/%s/%s" % (d, m, y), "No" if r["status"] == "in-progress" else "Yes"])
    with open(os.path.join(HERE, "activities.csv"), "wb") as f:
        # Excel writes "?" for a letter Windows-1252 lacks (Wiśniewski -> Wi?niewski).
        f.write(text.getvalue().encode("cp1252", errors="replace"))

    with open(os.path.join(HERE, "pupils.csv"), "w", newline="", encoding="utf-8-sig") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(["UPN", "Legal Forename", "Legal Surname", "Reg Group", "Year", "Gender", "PP",
                    "SEN Status", "EAL"])
        for i, learner in enumerate(learners):
            forename, surname, form = people[learner]
            w.writerow([ids[learner], forename, surname, form, form[:2], "FM"[i % 2],
                        "Y" if i % 4 == 0 else "N", "K" if i % 7 == 3 else "N",
                        "Y" if learner in ("F0026", "F0027", "F0029") or i % 9 == 5 else "N"])


if __name__ == "__main__":
    main()
