"""Exports use the same Resource: what is exported imports back as unchanged."""

import csv
import io

import pytest
from django.utils import translation
from openpyxl import load_workbook

from cms_pages.models import DepartmentPage, MatterPage, Theme
from importers.exports import export_matters, matters_for, template_xlsx, write_csv, write_xlsx
from importers.sync import sync_sheet
from spreadsheets.columns import COLUMNS
from spreadsheets.reader import SheetError, read_sheet

pytestmark = pytest.mark.django_db


def resync(data, name):
    result = sync_sheet(read_sheet(data, name=name))
    return result.status_counts(), result


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_catalogue_export_imports_back_with_zero_changes(file_format):
    data = export_matters(matters_for(), file_format)
    counts, result = resync(data, f"catalogue.{file_format}")
    assert counts["unchanged"] == MatterPage.objects.count() == len(result.plans)
    assert sum(counts.values()) == counts["unchanged"]


def test_department_export_with_a_pending_draft_and_formulas_round_trips():
    department = DepartmentPage.objects.get(slug="gongan")
    matter = MatterPage.objects.filter(department=department).first()
    matter.notes = "=1+2"
    matter.title = "@SUM(A1) " + matter.title
    matter.conditions = "-先到先办\n+材料齐全"
    matter.save_revision()
    for file_format in ("xlsx", "csv"):
        data = export_matters(matters_for(department=department), file_format)
        counts, result = resync(data, f"gongan.{file_format}")
        assert counts["unchanged"] == len(result.plans) == department.get_children().count()
        assert counts["withdrawn"] == 0
    sheet = load_workbook(io.BytesIO(export_matters(matters_for(department=department)))).active
    notes = next(c for c in sheet[2 + 0] if c.value == "=1+2")
    assert notes.data_type == "s" and notes.quotePrefix  # text, never a formula
    csv_text = export_matters(matters_for(department=department), "csv").decode("utf-8-sig")
    assert ",'=1+2," in csv_text and "'@SUM(A1)" in csv_text


FORMULA_LIKE = {"notes": "=1+1", "result_name": "@SUM(A1)", "hours": "-2", "window_text": "+x"}
COLUMN_OF = {
    "notes": "备注", "result_name": "结果名称", "hours": "办理时间", "window_text": "办理窗口",
}  # fmt: skip


def test_formula_like_values_are_text_in_both_formats_and_import_back_unchanged():
    department = DepartmentPage.objects.get(slug="gongan")
    matter = MatterPage.objects.filter(department=department).first()
    for name, value in FORMULA_LIKE.items():
        setattr(matter, name, value)
    matter.save_revision()
    hostile = set(FORMULA_LIKE.values())

    text = export_matters(matters_for(department=department), "csv").decode("utf-8-sig")
    row = next(r for r in csv.reader(io.StringIO(text)) if matter.code in r)
    assert {"'" + value for value in hostile} <= set(row)
    workbook = load_workbook(io.BytesIO(export_matters(matters_for(department=department))))
    cells = [c for r in workbook.active.iter_rows() for c in r]
    written = [c for c in cells if c.value in hostile]
    assert len(written) == len(hostile)
    assert all(c.data_type == "s" and c.quotePrefix for c in written)
    assert not [c for c in cells if c.data_type == "f"]

    for file_format in ("xlsx", "csv"):
        data = export_matters(matters_for(department=department), file_format)
        sheet = read_sheet(data, name=f"gongan.{file_format}")
        row = next(r.values for r in sheet.rows if r.values["实施编码"] == matter.code)
        assert {name: row[column] for name, column in COLUMN_OF.items()} == FORMULA_LIKE
        counts = sync_sheet(sheet).status_counts()
        assert counts["unchanged"] == department.get_children().count() == sum(counts.values())


def test_report_and_table_writers_neutralise_a_leading_tab_or_carriage_return_too():
    values = ["\t=cmd", "\r@cmd", "=1+1", "普通文字"]
    text = write_csv(["甲", "乙", "丙", "丁"], [values]).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text)))[1] == ["'\t=cmd", "'\r@cmd", "'=1+1", "普通文字"]
    sheet = load_workbook(io.BytesIO(write_xlsx(["甲", "乙", "丙", "丁"], [values]))).active
    cells = list(sheet.iter_rows(min_row=2))[0]
    assert [c.quotePrefix for c in cells] == [True, True, True, False]
    assert all(c.data_type == "s" for c in cells)


def test_theme_export_lists_only_that_themes_matters():
    theme = Theme.objects.get(audience="natural", name="户籍办理")
    sheet = read_sheet(export_matters(matters_for(theme=theme)), name="theme.xlsx")
    codes = {row.values["实施编码"] for row in sheet.rows}
    assert codes == set(MatterPage.objects.filter(themes=theme).values_list("code", flat=True))


def test_template_has_the_columns_an_example_and_instructions_and_its_example_imports():
    book = load_workbook(io.BytesIO(template_xlsx()))
    assert book.sheetnames == ["事项清单", "填写说明"]
    sheet = book["事项清单"]
    assert [c.value for c in sheet[1]] == COLUMNS
    with pytest.raises(SheetError, match="只有表头"):  # the example row is never imported as is
        read_sheet(template_xlsx(), name="template.xlsx")
    sheet["A2"] = 1
    buffer = io.BytesIO()
    book.save(buffer)
    result = sync_sheet(read_sheet(buffer.getvalue(), name="filled.xlsx"))
    assert [(p.status, p.errors) for p in result.plans] == [("new", {})]


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_an_export_made_in_english_keeps_the_chinese_values_and_imports_back(file_format):
    """Staff who chose the English interface export and import the same catalogue: the
    national values (事项类型, 行使层级, 时限单位, 网办深度, 必要性…) stay as the standard writes
    them, and nothing reads as changed."""
    chinese = export_matters(matters_for(), file_format)
    with translation.override("en"):
        english = export_matters(matters_for(), file_format)
        counts, result = resync(english, f"catalogue.{file_format}")
    rows = read_sheet(english, name=f"catalogue.{file_format}").rows
    assert read_sheet(chinese, name=f"c.{file_format}").rows == rows
    values = {value for row in rows for value in row.values.values()}
    assert {"行政许可", "县级", "工作日", "四级", "即办件"} <= values
    assert not values & {"Administrative licensing", "County level", "working days"}
    assert counts["unchanged"] == MatterPage.objects.count() == sum(counts.values())
