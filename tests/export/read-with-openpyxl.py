# Reads an XLSX with openpyxl (Debian's python3-openpyxl), a reader independent of Mirante's
# writer, and prints what it found as JSON: per sheet, every cell's value, openpyxl's type and
# number format, bold or not; the frozen pane, filter, column widths and print setup.
import datetime
import json
import sys

import openpyxl


def plain(value):
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    return value


def cell(c):
    return {"v": plain(c.value), "t": c.data_type, "fmt": c.number_format, "bold": bool(c.font and c.font.b)}


book = openpyxl.load_workbook(sys.argv[1])
sheets = []
for ws in book.worksheets:
    sheets.append({
        "name": ws.title,
        "rows": [[cell(c) for c in row] for row in ws.iter_rows()],
        "freeze": ws.freeze_panes,
        "filter": ws.auto_filter.ref,
        "widths": {k: v.width for k, v in ws.column_dimensions.items()},
        "printTitles": ws.print_title_rows,
        "paper": [ws.page_setup.paperSize, ws.page_setup.orientation, ws.sheet_properties.pageSetUpPr.fitToPage if ws.sheet_properties.pageSetUpPr else None],
    })
print(json.dumps({"creator": book.properties.creator, "sheets": sheets}, ensure_ascii=False))
