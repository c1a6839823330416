"""Text that a spreadsheet program would run as a formula, written so it stays text.

Excel, WPS and LibreOffice treat a cell beginning with = + - @ as a formula, and skip a
leading tab or carriage return before looking (formula or "CSV" injection: a matter title
or a complaint text could otherwise open a link or run a command on an official's desk).
Every export writes such text safely, and reading our own files back undoes it:

* .csv: the text gets a leading apostrophe, which spreadsheet programs hide;
  read_sheet() removes it again (`unescape_csv_cell`).
* .xlsx: a text cell with Excel's quote prefix; the stored text itself is unchanged.

The project's own writers use csv_safe() and xlsx_cell(); Wagtail's report and listing
downloads (SpreadsheetExportMixin) get the same through FormulaSafeExport.

Only text is touched: a number such as -2 is a number, not a formula.
"""

import re

from django.utils.functional import Promise

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_ESCAPED = re.compile("^'(?=[" + re.escape("".join(FORMULA_TRIGGERS)) + "])")


def looks_like_formula(value):
    return isinstance(value, str | Promise) and str(value).startswith(FORMULA_TRIGGERS)


def csv_safe(value):
    """The value to write into a CSV cell."""
    return "'" + str(value) if looks_like_formula(value) else value


def unescape_csv_cell(text):
    """A CSV cell as read back: the apostrophe csv_safe() put in front removed."""
    return _ESCAPED.sub("", text)


def as_text(cell):
    """Mark an openpyxl cell holding formula-like text as literal text; returns the cell."""
    if looks_like_formula(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def xlsx_cell(sheet, value, **style):
    """A cell for openpyxl's write-only `sheet`, literal text if it looks like a formula;
    `style` sets cell attributes (font, fill, alignment…)."""
    from openpyxl.cell import WriteOnlyCell

    cell = as_text(WriteOnlyCell(sheet, value=str(value) if isinstance(value, Promise) else value))
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


class FormulaSafeExport:
    """Put before a Wagtail view with SpreadsheetExportMixin (ReportView, a snippet index with
    list_export). Wagtail 8.0.1 turns only cells starting with = into text in .xlsx and
    writes .csv as is."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return csv_safe(value) if export_format == "csv" else value

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        for cell in super().generate_xlsx_row(worksheet, row_dict, date_format=date_format):
            yield as_text(cell)
