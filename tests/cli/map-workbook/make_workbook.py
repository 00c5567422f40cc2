#!/usr/bin/env python3
"""Writes school.xlsx for the map-workbook golden case: a Year 11 broadsheet sheet (grades as
numbers, a date column as Excel serials with no date style), a sixth-form results sheet in the
SIMS layout, and a sheet of export notes. Run from this folder and commit what it writes:

    python3 make_workbook.py
"""
import zipfile
from xml.sax.saxutils import escape

NS = ('xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def put(z, name, data):
    info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    z.writestr(info, data, compresslevel=9)


def sheet(rows):
    out = []
    for r, values in enumerate(rows, start=1):
        cells = []
        for i, v in enumerate(values):
            if v is None or v == "":
                continue
            ref = f"{chr(ord('A') + i)}{r}"
            if isinstance(v, (int, float)):
                cells.append(f'<c r="{ref}"><v>{v}</v></c>')
            else:
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(v)}</t></is></c>')
        out.append(f'<row r="{r}">{"".join(cells)}</row>')
    return f'<sheetData>{"".join(out)}</sheetData>'


Y11 = [
    ["UPN", "Surname", "Forename", "Form", "Maths", "English Lang", "Eng Lit", "Combined Sci",
     "Computer Science (GCSE)", "Further Maths", "Results Date"],
    ["G801200026001", "Ashworth", "Maya", "11A", 8, 7, 7, "7-7", 8, "", 46254],
    ["W801200026002", "Begum", "Sana", "11A", 6, 6, 5, "6-5", "", "", 46254],
    ["K801200026003", "Clarke", "Jordan", "11B", 9, 5, 4, "8-8", 9, "", 46254],
]
KS5 = [
    ["UPN", "Qualification", "Course", "Grade", "Series"],
    ["G801200026001", "GCE A Level", "Maths", "A*", "June 2028"],
    ["G801200026001", "GCE A Level", "Physics", "A", "June 2028"],
]
INFO = [["Exported from the MIS on 1 December"], ["Contact the data manager"]]

SHEETS = [("Y11 Results", Y11), ("KS5", KS5), ("Info", INFO)]

with zipfile.ZipFile("school.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
    put(z, "[Content_Types].xml",
        '<?xml version="1.0" encoding="UTF-8"?>\n<Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
        'ContentType="application/xml"/></Types>')
    put(z, "_rels/.rels",
        '<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="http://schemas.'
        'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
        f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    entries = "".join(f'<sheet name="{n}" sheetId="{i + 1}" r:id="rId{i + 1}"/>'
                      for i, (n, _) in enumerate(SHEETS))
    put(z, "xl/workbook.xml", f'<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<workbook {NS}><sheets>{entries}</sheets></workbook>')
    rels = "".join(f'<Relationship Id="rId{i + 1}" Type="{REL}/worksheet" '
                   f'Target="worksheets/sheet{i + 1}.xml"/>' for i in range(len(SHEETS)))
    put(z, "xl/_rels/workbook.xml.rels",
        '<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="http://schemas.'
        f'openxmlformats.org/package/2006/relationships">{rels}</Relationships>')
    for i, (_, rows) in enumerate(SHEETS):
        put(z, f"xl/worksheets/sheet{i + 1}.xml",
            f'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet {NS}>{sheet(rows)}</worksheet>')
