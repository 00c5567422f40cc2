#!/usr/bin/env python3
"""Writes a CSV cohort as a workbook (.xlsx), for the benchmark: one sheet, numbers as numbers,
text as inline strings, streamed into the zip so that a million learners fit in little memory.

    bench/csv_to_xlsx.py build/bench-data/cohort-100000.csv build/bench-data/cohort-100000.xlsx
"""
import csv
import sys
import zipfile
from xml.sax.saxutils import escape

NS = ('xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def main(source, target):
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        z.writestr("xl/workbook.xml", f'<workbook {NS}><sheets><sheet name="Results" '
                   'sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels",
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                   f'relationships"><Relationship Id="rId1" Type="{REL}/worksheet" '
                   'Target="worksheets/sheet1.xml"/></Relationships>')
        with open(source, newline="") as f, z.open("xl/worksheets/sheet1.xml", "w") as out:
            out.write(f'<worksheet {NS}><sheetData>'.encode())
            for values in csv.reader(f):
                cells = []
                for v in values:
                    if v == "":
                        cells.append("<c/>")
                    elif v.isdigit():
                        cells.append(f"<c><v>{v}</v></c>")
                    else:
                        cells.append(f'<c t="inlineStr"><is><t>{escape(v)}</t></is></c>')
                out.write(("<row>" + "".join(cells) + "</row>").encode())
            out.write(b"</sheetData></worksheet>")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
