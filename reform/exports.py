"""Downloads of matter lists as xlsx, csv and json. Text that a spreadsheet program would run
as a formula is written as text (spreadsheets.formulas)."""

import csv
import io
import json
from dataclasses import dataclass, field

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header

from spreadsheets.formulas import csv_safe, xlsx_cell

FORMATS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
}


@dataclass
class Table:
    """A list to download: `columns` are (header, json key) pairs, `rows` lists of values."""

    title: str
    filename: str
    columns: list
    rows: list = field(default_factory=list)
    meta: dict = field(default_factory=dict)

    def xlsx(self):
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        # i18n: data
        sheet = workbook.create_sheet("清单")
        sheet.append([xlsx_cell(sheet, self.title)])
        sheet.append([header for header, _key in self.columns])
        for row in self.rows:
            sheet.append([xlsx_cell(sheet, v) for v in row])
        out = io.BytesIO()
        workbook.save(out)
        return out.getvalue()

    def csv(self):
        out = io.StringIO(newline="")
        writer = csv.writer(out)
        writer.writerow([header for header, _key in self.columns])
        writer.writerows([csv_safe(v) for v in row] for row in self.rows)
        return out.getvalue().encode("utf-8-sig")

    def json(self):
        keys = [key for _header, key in self.columns]
        payload = {
            "title": self.title,
            "generated_at": timezone.now().isoformat(timespec="seconds"),
            **self.meta,
            "count": len(self.rows),
            "matters": [dict(zip(keys, row, strict=True)) for row in self.rows],
        }
        return json.dumps(payload, ensure_ascii=False, indent=1, default=str).encode("utf-8")

    def response(self, fmt):
        if fmt not in FORMATS:
            raise Http404
        response = HttpResponse(getattr(self, fmt)(), content_type=FORMATS[fmt])
        response["Content-Disposition"] = content_disposition_header(True, f"{self.filename}.{fmt}")
        return response
