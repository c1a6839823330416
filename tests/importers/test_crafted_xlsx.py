"""Tiny hostile workbooks that claim huge sheets: a clear error, in bounded memory."""

import io
import tracemalloc
import zipfile

import pytest

from importers.models import ImportRun
from spreadsheets.reader import SheetError, read_sheet

from .test_bad_input import run_import

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HEADER = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>序号</t></is></c>'
    '<c r="B1" t="inlineStr"><is><t>实施编码</t></is></c></row>'
    '<row r="2"><c r="A2"><v>1</v></c><c r="B2" t="inlineStr"><is><t>X-1</t></is></c></row>'
)


def workbook(rows="", after="", before=""):
    """A minimal .xlsx whose first sheet holds HEADER, then `rows`; `after` follows the
    sheet data (merges), `before` precedes the root element (a DOCTYPE)."""
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8"?>{before}<worksheet xmlns="{MAIN}">'
        f"<sheetData>{HEADER}{rows}</sheetData>{after}</worksheet>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{MAIN}" xmlns:r="{R}"><sheets>'
            '<sheet name="s" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Target="worksheets/sheet1.xml" Type="x"/></Relationships>',
        )
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return buffer.getvalue()


def read_bounded(data, megabytes=30):
    """read_sheet, asserting that its peak Python memory stays under `megabytes`."""
    tracemalloc.start()
    try:
        return read_sheet(data, name="crafted.xlsx")
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert peak < megabytes * 1024 * 1024, f"{peak / 1048576:.0f} MB"


def merges(count, template):
    refs = "".join(f'<mergeCell ref="{template.format(i=i)}"/>' for i in range(1, count + 1))
    return f'<mergeCells count="{count}">{refs}</mergeCells>'


CRAFTED = {
    "row-beyond-excel": (workbook('<row r="5000000"><c r="A5000000"><v>1</v></c></row>'),
                         "行号“5000000”超出 Excel 的范围"),
    "sparse-huge-row": (workbook('<row r="1000000"><c r="A1000000"><v>1</v></c></row>'),
                        "工作表写到了第1,000,000行，超过201,000行的上限"),
    "column-zzzzzzz": (workbook('<row r="3"><c r="ZZZZZZZ3"><v>1</v></c></row>'),
                       "单元格列号“ZZZZZZZ”超出 Excel 的范围"),
    "column-beyond-xfd": (workbook('<row r="3"><c r="XFE3"><v>1</v></c></row>'),
                          "单元格列号“XFE”超出 Excel 的范围"),
    "wide-merges": (workbook(after=merges(100, "A{i}:ALL1000")),
                    "合并单元格共覆盖超过2,000,000个单元格"),
    "many-merges": (workbook(after=merges(25_000, "C{i}:D{i}")), "合并单元格超过20,000处"),
    "deep-xml": (workbook('<row r="3"><c r="C3">' + "<x>" * 100_000 + "</x>" * 100_000
                          + "</c></row>"), "XML 嵌套超过32层"),
    "entity-expansion": (
        workbook('<row r="3"><c r="C3" t="inlineStr"><is><t>&lol9;</t></is></c></row>',
                 before='<!DOCTYPE worksheet [<!ENTITY lol "lol">'
                        + "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">'
                                  for n in range(1, 10)).replace("&lol0;", "&lol;")
                        + "]>"),
        "含有 DOCTYPE 声明",
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", CRAFTED, ids=list(CRAFTED))
def test_crafted_workbook_is_refused_with_a_clear_error_in_bounded_memory(case):
    data, message = CRAFTED[case]
    assert len(data) < 200_000
    with pytest.raises(SheetError, match="Excel 工作簿无法读取") as error:
        read_bounded(data)
    assert message in str(error.value)


def test_cells_far_right_are_ignored_and_the_rest_reads():
    data = workbook('<row r="3"><c r="A3"><v>2</v></c><c r="B3" t="inlineStr"><is><t>X-2</t>'
                    '</is></c><c r="XFD3"><v>9</v></c></row>',
                    after=merges(3, "GR{i}:XFD{i}"))  # fmt: skip
    sheet = read_bounded(data, megabytes=5)
    assert [(row.values["序号"], row.values["实施编码"]) for row in sheet.rows] == [
        ("1", "X-1"), ("2", "X-2")]  # fmt: skip
    assert max(len(row.values) for row in sheet.rows) <= 200


def test_odd_shared_string_index_and_escaped_characters_read_as_text():
    data = workbook('<row r="3"><c r="A3"><v>2</v></c><c r="B3" t="s"><v>²</v></c></row>'
                    '<row r="4"><c r="A4"><v>3</v></c><c r="B4" t="inlineStr"><is>'
                    "<t>X-4_x000D_</t></is></c></row>")  # fmt: skip
    sheet = read_bounded(data, megabytes=5)
    assert [row.values["实施编码"] for row in sheet.rows] == ["X-1", "", "X-4"]


@pytest.mark.django_db
def test_crafted_upload_is_rejected_and_writes_nothing():
    run = run_import(CRAFTED["sparse-huge-row"][0], name="crafted.xlsx")
    assert run.status == ImportRun.REJECTED
    assert "超过201,000行的上限" in run.message
