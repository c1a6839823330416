"""Formula injection: every cell a spreadsheet program would run is written as text, and our
own reader gets the original text back."""

import io

import pytest
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook

from spreadsheets.formulas import csv_safe, looks_like_formula, unescape_csv_cell, xlsx_cell

HOSTILE = ["=1+1", "@SUM(A1)", "-2", "+x", "\t=cmd", "\r=cmd", '=HYPERLINK("http://x.invalid")']
HARMLESS = ["办理地点", "", "1-2", "a=b", "'已有撇号", " =前面有空格"]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_gets_an_apostrophe_in_csv_and_reads_back_unchanged(text):
    assert looks_like_formula(text)
    assert csv_safe(text) == "'" + text
    assert unescape_csv_cell(csv_safe(text)) == text


@pytest.mark.parametrize("text", HARMLESS)
def test_other_text_is_written_and_read_as_it_is(text):
    assert not looks_like_formula(text)
    assert csv_safe(text) == text
    assert unescape_csv_cell(text) == text


def test_numbers_and_empty_cells_are_left_alone_and_lazy_text_is_checked():
    assert [csv_safe(v) for v in (-2, 3.5, None, True)] == [-2, 3.5, None, True]
    assert csv_safe(gettext_lazy("=1+1")) == "'=1+1"


def test_xlsx_cells_hold_the_text_as_text_with_the_quote_prefix():
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("清单")
    sheet.append([xlsx_cell(sheet, v) for v in [*HOSTILE, None, "办理地点", -2]])
    buffer = io.BytesIO()
    workbook.save(buffer)

    cells = next(load_workbook(io.BytesIO(buffer.getvalue())).active.iter_rows())
    hostile, (empty, plain, number) = cells[: len(HOSTILE)], cells[len(HOSTILE) :]
    # XML, as any parser reads it back, turns a carriage return into a line feed.
    assert [c.value for c in hostile] == [t.replace("\r", "\n") for t in HOSTILE]
    assert all(c.data_type == "s" and c.quotePrefix for c in hostile)
    assert (plain.value, plain.quotePrefix) == ("办理地点", False)
    assert (number.value, number.data_type) == (-2, "n")
    assert empty.value is None
