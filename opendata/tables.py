"""A table of figures: what the statistics page shows, what its csv/xlsx downloads hold, and
what its chart draws. A cell may carry the link to the matters behind its number."""

from dataclasses import dataclass, field

from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header

from importers.exports import CSV_TYPE, XLSX_TYPE, write_csv, write_xlsx

DOWNLOAD_TYPES = {"csv": CSV_TYPE, "xlsx": XLSX_TYPE}


@dataclass(frozen=True)
class Cell:
    value: object
    url: object = ""  # a str or a MatterLink

    def __str__(self):
        return "" if self.value is None else str(self.value)


@dataclass
class FigureTable:
    """`columns` are headers; each row is a list of Cells (or plain values) in that order.
    `chart` names the columns drawn: (label column, [value columns])."""

    key: str
    title: str
    columns: list
    rows: list = field(default_factory=list)
    note: str = ""
    chart: tuple | None = None
    chart_kind: str = "bars"
    unit: str = ""
    shown_rows: int | None = None  # the page shows this many rows, the downloads all

    def cells(self):
        return [[c if isinstance(c, Cell) else Cell(c) for c in row] for row in self.rows]

    @property
    def visible_rows(self):
        rows = self.cells()
        return rows[: self.shown_rows] if self.shown_rows else rows

    @property
    def is_truncated(self):
        return bool(self.shown_rows) and len(self.rows) > self.shown_rows

    def values(self):
        """Rows of plain values, for downloads and charts."""
        return [[c.value if isinstance(c, Cell) else c for c in row] for row in self.rows]

    def column(self, header):
        index = self.columns.index(header)
        return [row[index] for row in self.values()]

    def download(self, fmt):
        if fmt not in DOWNLOAD_TYPES:
            raise Http404
        rows = [["" if v is None else v for v in row] for row in self.values()]
        if fmt == "csv":
            content = write_csv(self.columns, rows)
        else:
            content = write_xlsx(self.columns, rows, sheet_title=self.title[:31])
        response = HttpResponse(content, content_type=DOWNLOAD_TYPES[fmt])
        response["Content-Disposition"] = content_disposition_header(True, f"{self.key}.{fmt}")
        return response
