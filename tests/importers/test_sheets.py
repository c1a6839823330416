"""Reading department files: every format and the shapes real files come in."""

import io
import zipfile

import pytest
import xlwt
from openpyxl import load_workbook

from importers.cells import parse_days
from spreadsheets.reader import read_sheet
from tests.support.imports import DEPARTMENTS

from .sheet_files import csv_bytes, sample_rows, with_shared_strings, xlsx_bytes


@pytest.fixture
def demo():
    """Not the demo site: this module reads no pages."""


def values(sheet):
    return [row.values for row in sheet.rows]


@pytest.mark.parametrize("path", sorted(DEPARTMENTS.iterdir()), ids=lambda p: p.name)
def test_every_sample_file_reads_the_same_rows_as_its_workbook(path):
    sheet = read_sheet(path)
    workbook = read_sheet(DEPARTMENTS / f"{path.name.split('.')[0]}.xlsx")
    assert values(sheet) == values(workbook)
    assert sheet.rows and all(row.values["实施编码"] for row in sheet.rows)
    assert sheet.unknown_columns == []


def test_title_and_notes_rows_are_skipped_and_reported():
    sheet = read_sheet(DEPARTMENTS / "minzheng.xlsx")
    assert sheet.skipped[0] == (1, "表头前的标题行")
    assert sheet.skipped[-1] == (sheet.rows[-1].line + 1, "说明行")
    assert [row.line for row in sheet.rows] == list(range(3, 3 + len(sheet.rows)))


def test_workbook_saved_with_shared_strings_reads_like_the_original():
    """Excel and WPS store text in a shared-strings table (with rich-text runs), not inline."""
    data = with_shared_strings((DEPARTMENTS / "renshe.xlsx").read_bytes())
    assert b't="inlineStr"' not in zipfile.ZipFile(io.BytesIO(data)).read(
        "xl/worksheets/sheet1.xml"
    )
    resaved = read_sheet(data, name="renshe.xlsx")
    assert values(resaved) == values(read_sheet(DEPARTMENTS / "renshe.xlsx"))


def test_excel_97_workbook_with_merged_title_reads_like_the_original():
    header, rows = sample_rows("weijian")
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("事项清单")
    sheet.write_merge(0, 0, 0, len(header) - 1, "青山市卫生健康委员会政务服务事项清单")
    for r, row in enumerate([header, *rows], start=1):
        for c, value in enumerate(row):
            sheet.write(r, c, int(value) if value.isdigit() and len(value) < 4 else value)
    buffer = io.BytesIO()
    book.save(buffer)
    old = read_sheet(buffer.getvalue(), name="weijian.xls")
    assert old.format == "xls"
    assert values(old) == values(read_sheet(DEPARTMENTS / "weijian.xlsx"))
    assert old.skipped == [(1, "表头前的标题行")]


@pytest.mark.parametrize(
    ("encoding", "delimiter", "label"),
    [("utf-8-sig", ",", "UTF-8 BOM"), ("gb18030", ";", "GB18030"), ("gbk", ",", "GB18030"),
     ("utf-8", ";", "UTF-8")],
)  # fmt: skip
def test_csv_encodings_and_delimiters_are_detected(encoding, delimiter, label):
    header, rows = sample_rows("gongan")
    sheet = read_sheet(csv_bytes(header, rows, encoding, delimiter), name="gongan.csv")
    assert label in sheet.format and f"“{delimiter}”" in sheet.format
    assert values(sheet) == values(read_sheet(DEPARTMENTS / "gongan.xlsx"))


def test_header_aliases_map_to_canonical_columns_and_unknown_columns_are_reported():
    header, rows = sample_rows("gongan")
    renamed = {
        "实施编码": "事项编码",
        "实施主体": "实施主体名称",
        "承诺办结时限": "承诺时限（工作日）",
        "到办事现场次数": "到现场次数",
        "是否收费": "收费情况",
        "事项名称": " 事项名称 *",
    }
    header = [renamed.get(h, h) for h in header] + ["内部编号"]
    rows = [[*row, "X-1"] for row in rows]
    sheet = read_sheet(xlsx_bytes(header, rows), name="gongan.xlsx")
    assert sheet.unknown_columns == ["内部编号"]
    assert sheet.units == {"承诺办结时限": "工作日"}
    original = read_sheet(DEPARTMENTS / "gongan.xlsx")
    for mine, theirs in zip(sheet.rows, original.rows, strict=True):
        assert {k: v for k, v in mine.values.items() if k != "内部编号"} == theirs.values


def test_merged_cells_blank_rows_full_width_digits_and_stray_spaces():
    header, rows = sample_rows("gongan")
    body = header.index("实施主体")
    rows[0][header.index("承诺办结时限")] = "１５"
    rows[1][header.index("咨询电话")] = "　0536-5551301 "
    data = xlsx_bytes(header, rows[:2] + [[""] * len(header)] + rows[2:], title="青山市公安局清单")
    book = load_workbook(io.BytesIO(data))
    sheet = book.active
    for r in (7, 8):  # 实施主体 written once and merged down, as departments do
        sheet.cell(r, body + 1).value = None
    sheet.merge_cells(start_row=6, start_column=body + 1, end_row=8, end_column=body + 1)
    buffer = io.BytesIO()
    book.save(buffer)
    read = read_sheet(buffer.getvalue(), name="gongan.xlsx")
    assert read.skipped == [(1, "表头前的标题行"), (5, "空行")]
    assert all(row.values["实施主体"] == "青山市公安局" for row in read.rows)
    # The reader keeps text as typed; the time-limit column reads the full-width digits.
    assert read.rows[0].values["承诺办结时限"] == "１５"
    assert parse_days(read.rows[0].values["承诺办结时限"]) == (15, None)
    assert read.rows[1].values["咨询电话"] == "0536-5551301"
