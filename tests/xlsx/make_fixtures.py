#!/usr/bin/env python3
"""Writes the workbooks the tests read (tests/xlsx/*.xlsx and the hostile cases' stdin).

Each is written part by part with the standard library's zipfile, so that every cell type and
every hostile shape is exactly what the test says it is. Run from the repository's root after a
change here, and commit what it writes:

    python3 tests/xlsx/make_fixtures.py
"""
import os
import zipfile


def put(z, name, data):
    """Writes a part with a fixed time, so that the same fixture is the same bytes."""
    info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    z.writestr(info, data, compresslevel=9)

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
</Types>"""
ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' \
     'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def workbook(path, sheets, shared=None, styles=None, targets=None):
    """sheets: [(name, sheet XML body)]; shared: [si XML]; styles: styles.xml text."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        put(z, "[Content_Types].xml", CONTENT_TYPES)
        put(z, "_rels/.rels", ROOT_RELS)
        entries = "".join(f'<sheet name="{n}" sheetId="{i + 1}" r:id="rId{i + 1}"/>'
                          for i, (n, _) in enumerate(sheets))
        put(z, "xl/workbook.xml", f'<?xml version="1.0" encoding="UTF-8"?>\n'
                   f'<workbook {NS}><sheets>{entries}</sheets></workbook>')
        rels = []
        for i, _ in enumerate(sheets):
            target = (targets or {}).get(i, f"worksheets/sheet{i + 1}.xml")
            rels.append(f'<Relationship Id="rId{i + 1}" Type="{REL}/worksheet" Target="{target}"/>')
        rels.append(f'<Relationship Id="rIdS" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>')
        rels.append(f'<Relationship Id="rIdT" Type="{REL}/styles" Target="styles.xml"/>')
        put(z, "xl/_rels/workbook.xml.rels",
                   '<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns='
                   '"http://schemas.openxmlformats.org/package/2006/relationships">'
                   + "".join(rels) + "</Relationships>")
        for i, (_, body) in enumerate(sheets):
            put(z, f"xl/worksheets/sheet{i + 1}.xml",
                       f'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet {NS}>{body}</worksheet>')
        if shared is not None:
            put(z, "xl/sharedStrings.xml",
                       f'<?xml version="1.0" encoding="UTF-8"?>\n<sst {NS}>' + "".join(shared)
                       + "</sst>")
        if styles is not None:
            put(z, "xl/styles.xml", styles)


STYLES = f"""<?xml version="1.0" encoding="UTF-8"?>
<styleSheet {NS}><numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/>
<numFmt numFmtId="165" formatCode="0.0&quot; days&quot;"/></numFmts>
<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>
<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs>
</styleSheet>"""


def cell_types(path):
    """Every kind of cell, in two sheets."""
    shared = ["<si><t>learner</t></si>", "<si><t>kind</t></si>", "<si><t>hours</t></si>",
              "<si><t>strand</t></si>", "<si><t>date</t></si>", "<si><t>title</t></si>",
              "<si><r><t>Zo</t></r><r><rPr><b/></rPr><t>\u00eb</t></r>"
              "<rPh><t>PHONETIC</t></rPh></si>",
              "<si><t>leadership-service</t></si>", "<si><t>activity</t></si>"]
    results = (
        '<sheetData>'
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
        '<c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c>'
        '<c r="F1" t="s"><v>5</v></c></row>'
        # row 2 left out: a blank line
        '<row r="3"><c r="A3" t="inlineStr"><is><t>L1</t></is></c><c r="B3" t="s"><v>8</v></c>'
        '<c r="C3"><v>0.10000000000000001</v></c><c r="D3" t="s"><v>7</v></c>'
        '<c r="E3" s="2"><v>45000</v></c><c r="F3" t="s"><v>6</v></c></row>'
        '<row r="4"><c r="A4" t="str"><f>"L"&amp;"2"</f><v>L2</v></c><c r="B4" t="s"><v>8</v></c>'
        '<c r="C4"><v>12</v></c><c r="D4" t="s"><v>7</v></c><c r="E4" s="1"><v>61</v></c>'
        '<c r="F4" t="inlineStr"><is><t>two\nlines, "quoted"</t></is></c></row>'
        '<row r="5"><c r="A5" t="inlineStr"><is><t>L3</t></is></c><c r="B5" t="s"><v>8</v></c>'
        '<c r="C5" s="3"><v>2.5</v></c><c r="D5" t="s"><v>7</v></c><c r="E5" s="1"><v>60</v></c>'
        '<c r="F5" t="b"><v>1</v></c></row>'
        # trailing empty cells left out, as Excel does
        '<row r="6"><c r="A6" t="inlineStr"><is><t>L4</t></is></c><c r="B6" t="s"><v>8</v></c>'
        '<c r="C6"><v>3</v></c></row>'
        '</sheetData><mergeCells count="1"><mergeCell ref="F6:G6"/></mergeCells>')
    notes = '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Exported 1 Dec</t></is></c></row></sheetData>'
    workbook(path, [("Activities", results), ("Notes", notes)], shared, STYLES)


def cohort(root, path):
    """examples/sixth-form/cohort.csv as a workbook: numbers as numbers, dates as serials in a
    date style, text as inline strings, and a second sheet with no learner column."""
    import csv
    import datetime
    from xml.sax.saxutils import escape

    def column(i):
        return chr(ord("A") + i)

    rows = []
    with open(os.path.join(root, "examples", "sixth-form", "cohort.csv"), newline="") as f:
        for r, values in enumerate(csv.reader(f), start=1):
            cells = []
            for i, v in enumerate(values):
                ref = f"{column(i)}{r}"
                if v == "":
                    continue
                if r > 1 and len(v) == 10 and v[4] == "-":
                    serial = (datetime.date.fromisoformat(v) - datetime.date(1899, 12, 30)).days
                    cells.append(f'<c r="{ref}" s="2"><v>{serial}</v></c>')
                elif r > 1 and v.replace(".", "", 1).isdigit():
                    cells.append(f'<c r="{ref}"><v>{v}</v></c>')
                else:
                    cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(v)}</t></is></c>')
            rows.append(f'<row r="{r}">' + "".join(cells) + "</row>")
    notes = ('<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Exported from the MIS'
             '</t></is></c></row></sheetData>')
    workbook(path, [("Results", "<sheetData>" + "".join(rows) + "</sheetData>"),
                    ("Notes", notes)], None, STYLES)


def hostile(root):
    """The hostile suite's workbooks, each the stdin of a golden case."""
    def case(name):
        d = os.path.join(root, "tests", "cli", name)
        os.makedirs(d, exist_ok=True)
        return os.path.join(d, "workbook.xlsx")
    header = '<row r="1"><c r="A1" t="inlineStr"><is><t>learner</t></is></c></row>'
    # A zip bomb: a sheet of 400 MB that deflates to about 400 KB.
    with zipfile.ZipFile(case("hostile-xlsx-zip-bomb"), "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        put(z, "xl/workbook.xml", f'<workbook {NS}><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
        put(z, "xl/_rels/workbook.xml.rels", f'<Relationships><Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        put(z, "xl/worksheets/sheet1.xml", "<worksheet><sheetData>" + header + " " * (400 << 20) + "</sheetData></worksheet>")
    # A part that names a path outside the package.
    workbook(case("hostile-xlsx-path-traversal"), [("S", "<sheetData>" + header + "</sheetData>")],
             targets={0: "../../../../etc/passwd"})
    # Billion laughs in a sheet.
    laughs = '<!DOCTYPE lolz [<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
        for i in range(1, 10)) + ']>'
    with zipfile.ZipFile(case("hostile-xlsx-billion-laughs"), "w", zipfile.ZIP_DEFLATED) as z:
        put(z, "xl/workbook.xml", f'<workbook {NS}><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
        put(z, "xl/_rels/workbook.xml.rels", f'<Relationships><Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        put(z, "xl/worksheets/sheet1.xml", '<?xml version="1.0"?>' + laughs + '<worksheet><sheetData><row><c t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>')
    # A sheet of 1,048,576 rows (Excel's most): one learner's activity, again and again.
    row = ('<row><c t="inlineStr"><is><t>L1</t></is></c><c t="inlineStr"><is><t>activity</t></is></c>'
           '<c><v>1</v></c><c t="inlineStr"><is><t>leadership-service</t></is></c></row>')
    head = ('<row><c t="inlineStr"><is><t>learner</t></is></c><c t="inlineStr"><is><t>kind</t></is></c>'
            '<c t="inlineStr"><is><t>hours</t></is></c><c t="inlineStr"><is><t>strand</t></is></c></row>')
    with zipfile.ZipFile(case("hostile-xlsx-million-rows"), "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        put(z, "xl/workbook.xml", f'<workbook {NS}><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
        put(z, "xl/_rels/workbook.xml.rels", f'<Relationships><Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        put(z, "xl/worksheets/sheet1.xml", "<worksheet><sheetData>" + head + row * 1048575 + "</sheetData></worksheet>")
    # Not a zip at all, though named .xlsx.
    with open(case("hostile-xlsx-not-a-zip"), "wb") as f:
        f.write(b"learner,kind\nL1,activity\n")


if __name__ == "__main__":
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    cell_types(os.path.join(root, "tests", "xlsx", "cell-types.xlsx"))
    cohort(root, os.path.join(root, "examples", "sixth-form", "cohort.xlsx"))
    hostile(root)
