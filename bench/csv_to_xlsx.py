#!/usr/bin/env python3
"""Writes a CSV cohort as a workbook (.xlsx) the way Excel saves one, for the benchmark.

    bench/csv_to_xlsx.py build/bench-data/cohort-100000.csv build/bench-data/cohort-100000.xlsx

What Excel writes, so that the benchmark reads what a school's workbook holds: text in the
shared strings table (xl/sharedStrings.xml, each distinct string once, cells `t="s"`), whole
numbers as numbers, dates (YYYY-MM-DD) as date serials in a date style (numFmtId 14, from a
styles part), every row and cell with its reference (`r="B2"`), rows with their `spans` and
Excel 2010's `x14ac:dyDescent`, empty cells left out, and the package parts Excel writes
([Content_Types].xml, _rels/.rels, docProps). Deterministic (fixed part times and order) and
streamed: only the shared strings table is held, so a million learners fit in little memory.
"""
import csv
import datetime
import re
import sys
import zipfile
from xml.sax.saxutils import escape

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
NS = f'xmlns="{MAIN}" xmlns:r="{REL}"'
SHEET_NS = (f'xmlns="{MAIN}" xmlns:r="{REL}" '
            'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
            'mc:Ignorable="x14ac xr xr2 xr3" '
            'xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" '
            'xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" '
            'xmlns:xr2="http://schemas.microsoft.com/office/spreadsheetml/2015/revision2" '
            'xmlns:xr3="http://schemas.microsoft.com/office/spreadsheetml/2016/revision3" '
            'xr:uid="{00000000-0001-0000-0000-000000000000}"')
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
TYPES = (DECL + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="rels" '
         'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         '<Default Extension="xml" ContentType="application/xml"/>'
         '<Override PartName="/xl/workbook.xml" ContentType="application/'
         'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
         '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
         'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
         '<Override PartName="/xl/styles.xml" ContentType="application/'
         'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
         '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
         'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
         '<Override PartName="/docProps/core.xml" '
         'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
         '<Override PartName="/docProps/app.xml" ContentType="application/'
         'vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>')
ROOT_RELS = (DECL + f'<Relationships xmlns="{PKG_REL}">'
             f'<Relationship Id="rId3" Type="{REL}/extended-properties" '
             'Target="docProps/app.xml"/>'
             '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
             'relationships/metadata/core-properties" Target="docProps/core.xml"/>'
             f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
             '</Relationships>')
WORKBOOK = (DECL + f'<workbook {NS}><workbookPr defaultThemeVersion="166925"/>'
            '<bookViews><workbookView xWindow="-120" yWindow="-120" windowWidth="29040" '
            'windowHeight="15840"/></bookViews><sheets><sheet name="Results" sheetId="1" '
            'r:id="rId1"/></sheets><calcPr calcId="191029"/></workbook>')
WORKBOOK_RELS = (DECL + f'<Relationships xmlns="{PKG_REL}">'
                 f'<Relationship Id="rId3" Type="{REL}/styles" Target="styles.xml"/>'
                 f'<Relationship Id="rId4" Type="{REL}/sharedStrings" '
                 'Target="sharedStrings.xml"/>'
                 f'<Relationship Id="rId1" Type="{REL}/worksheet" '
                 'Target="worksheets/sheet1.xml"/></Relationships>')
# Style 0 is General; style 1 the built-in short date (numFmtId 14, "dd/mm/yyyy" in a UK
# locale), as Excel records a typed date.
STYLES = (DECL + f'<styleSheet {NS}><fonts count="1"><font><sz val="11"/><color theme="1"/>'
          '<name val="Calibri"/><family val="2"/><scheme val="minor"/></font></fonts>'
          '<fills count="2"><fill><patternFill patternType="none"/></fill><fill>'
          '<patternFill patternType="gray125"/></fill></fills><borders count="1"><border>'
          '<left/><right/><top/><bottom/><diagonal/></border></borders>'
          '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
          '</cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" '
          'borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" '
          'xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle '
          'name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>')
CORE = (DECL + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>accredit bench'
        '</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">2026-01-01T00:00:00Z'
        '</dcterms:created></cp:coreProperties>')
APP = (DECL + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
       'extended-properties"><Application>Microsoft Excel</Application></Properties>')

DATE = re.compile(r"\d{4}-\d{2}-\d{2}$")
WHOLE = re.compile(r"(0|[1-9]\d{0,14})$")
EPOCH = datetime.date(1899, 12, 30)  # serial 61 is 1900-03-01: Excel's false 1900-02-29


def column_name(index):
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def put(z, name, data):
    """Writes a part with a fixed time, so that the same cohort is the same bytes."""
    info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    z.writestr(info, data, compresslevel=6)


def main(source, target):
    strings = {}  # text -> index, in order of first use
    references = 0
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        put(z, "[Content_Types].xml", TYPES)
        put(z, "_rels/.rels", ROOT_RELS)
        put(z, "docProps/app.xml", APP)
        put(z, "docProps/core.xml", CORE)
        put(z, "xl/workbook.xml", WORKBOOK)
        put(z, "xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        info = zipfile.ZipInfo("xl/worksheets/sheet1.xml", date_time=(2026, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        with open(source, newline="") as f, z.open(info, "w", force_zip64=True) as out:
            rows = csv.reader(f)
            out.write((DECL + f'<worksheet {SHEET_NS}><sheetViews><sheetView '
                       'tabSelected="1" workbookViewId="0"/></sheetViews><sheetFormatPr '
                       'defaultRowHeight="15" x14ac:dyDescent="0.25"/><sheetData>').encode())
            columns = []
            batch = []
            for number, values in enumerate(rows, start=1):
                if not columns:
                    columns = [column_name(i) for i in range(len(values))]
                cells = []
                for i, v in enumerate(values):
                    ref = f"{columns[i] if i < len(columns) else column_name(i)}{number}"
                    if v == "":
                        continue
                    if WHOLE.match(v):
                        cells.append(f'<c r="{ref}"><v>{v}</v></c>')
                    elif number > 1 and DATE.match(v):
                        serial = (datetime.date.fromisoformat(v) - EPOCH).days
                        cells.append(f'<c r="{ref}" s="1"><v>{serial}</v></c>')
                    else:
                        index = strings.setdefault(v, len(strings))
                        references += 1
                        cells.append(f'<c r="{ref}" t="s"><v>{index}</v></c>')
                batch.append(f'<row r="{number}" spans="1:{len(columns)}" '
                             f'x14ac:dyDescent="0.25">{"".join(cells)}</row>')
                if len(batch) >= 4096:
                    out.write("".join(batch).encode())
                    batch = []
            out.write("".join(batch).encode())
            out.write(b'</sheetData><pageMargins left="0.7" right="0.7" top="0.75" '
                      b'bottom="0.75" header="0.3" footer="0.3"/></worksheet>')
        put(z, "xl/styles.xml", STYLES)
        shared = [f'{DECL}<sst {NS} count="{references}" uniqueCount="{len(strings)}">']
        shared.extend(f'<si><t xml:space="preserve">{escape(s)}</t></si>' if s != s.strip()
                      else f"<si><t>{escape(s)}</t></si>" for s in strings)
        shared.append("</sst>")
        put(z, "xl/sharedStrings.xml", "".join(shared))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
