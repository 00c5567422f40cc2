"""Reads the workbooks tests/workbook/check.sh wrote and checks what a person opening them sees."""
import datetime
import sys
import zipfile

import openpyxl

out = sys.argv[1]
failures = []


def expect(what, got, want):
    if got != want:
        failures.append(f"{what}: got {got!r}, want {want!r}")


def header(ws):
    return [c.value for c in ws[1]]


def row_of(ws, learner):
    for row in ws.iter_rows(min_row=2):
        if row[0].value == learner:
            return {h: c for h, c in zip(header(ws), row)}
    failures.append(f"{ws.title}: no row for {learner!r}")
    return {}


def table(ws):
    expect(f"{ws.title} frozen header", ws.freeze_panes, "A2")
    expect(f"{ws.title} filter", ws.auto_filter.ref, ws.dimensions)
    for c in ws[1]:
        expect(f"{ws.title} header {c.value} bold", c.font.b, True)


r = openpyxl.load_workbook(f"{out}/r.xlsx")
expect("report sheets", r.sheetnames,
       ["Outcomes", "Tiers", "Components", "Still needed", "About this data"])
for ws in r.worksheets:
    table(ws)
o = r["Outcomes"]
expect("outcomes header", header(o),
       ["Learner", "Name", "Form", "Year", "Gender", "Pupil premium", "SEND", "EAL", "Status",
        "Tier", "Grade", "Short of", "Components short", "Still needed", "Provisional because"])
ben = row_of(o, "W0002")
expect("W0002 name", ben["Name"].value, "Ben Sample")
expect("W0002 year is a number", (ben["Year"].value, ben["Year"].data_type), (12, "n"))
expect("W0002 status", ben["Status"].value, "met")
expect("W0002 status colour", ben["Status"].fill.fgColor.rgb, "FFD5EDE5")
expect("W0002 tier and grade", (ben["Tier"].value, ben["Grade"].value), ("Advanced", "distinction"))
# A learner id that a spreadsheet would run as a formula is text, with an apostrophe.
hyper = row_of(o, "'=HYPERLINK(\"http://example.com/x\")")
if hyper:
    expect("formula-like id is text", hyper["Learner"].data_type, "s")
    expect("not met colour", hyper["Status"].fill.fgColor.rgb, "FFF6CDB8")
    expect("components short", (hyper["Components short"].value,
                                 hyper["Components short"].data_type), (4, "n"))
    if "Mathematics: needs 1 more GCSE" not in (hyper["Still needed"].value or ""):
        failures.append(f"still needed: {hyper['Still needed'].value!r}")
cara = row_of(o, "W0003")
expect("provisional", (cara["Status"].value, cara["Provisional because"].value),
       ("provisional", "1 row could not be read"))
with zipfile.ZipFile(f"{out}/r.xlsx") as z:
    for name in z.namelist():
        if name.startswith("xl/worksheets/") and b"<f>" in z.read(name):
            failures.append(f"{name} holds a formula")
c = r["Components"]
expect("components header", header(c),
       ["Tier", "Component", "Met", "Evaluated", "Not met", "Pass rate"])
rate = c.cell(row=2, column=6)
expect("pass rate is a percentage", (rate.data_type, rate.number_format), ("n", "0%"))
expect("pass rate value", rate.value, 0.5)
about = {row[0].value: row[1] for row in r["About this data"].iter_rows(min_row=2)}
as_of = about.get("Judged as of (later work does not count)")
expect("as-of date is a date", as_of.value if as_of else None, datetime.datetime(2027, 8, 31))
expect("rows read", about["Rows read"].value, 16)
expect("rows rejected", about["Rows rejected"].value, 1)
expect("created", r.properties.created, datetime.datetime(2027, 8, 31))

b = openpyxl.load_workbook(f"{out}/b.xlsx")
expect("baseline sheets", b.sheetnames,
       ["Outcomes", "Tiers", "Components", "Still needed", "Tier changes", "Transitions",
        "About this data"])
expect("no names: no Name column", "Name" in header(b["Outcomes"]), False)
expect("tier changes header", header(b["Tier changes"]),
       ["Learner", "Before (baseline rules)", "After (new rules)", "Change", "Why"])
expect("transitions header", header(b["Transitions"]),
       ["Before (baseline rules)", "After (new rules)", "Learners"])

v = openpyxl.load_workbook(f"{out}/v.xlsx")
expect("validate sheets", v.sheetnames, ["Outcomes", "About this data"])
expect("validate header", header(v["Outcomes"]), header(o))
vben = row_of(v["Outcomes"], "W0002")
expect("validate W0002", vben["Status"].value, "met")
expect("validate still needed", row_of(v["Outcomes"], "W0003")["Still needed"].value,
       cara["Still needed"].value)

for f in failures:
    print("FAIL:", f)
sys.exit(1 if failures else 0)
