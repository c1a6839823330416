"""A formula cell is an error naming its row and column; text that merely starts with = + - @
or a tab is content, stored exactly as typed."""

import pytest

from cms_pages.models import MatterPage
from importers.models import ImportRun
from importers.runs import execute, new_run

from . import corpus
from .test_bad_input import row_messages, run_import

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("writer", [corpus.xlsx, corpus.xls], ids=["xlsx", "xls"])
def test_formula_cells_are_errors_naming_row_and_column_and_nothing_is_written(
    corpus_departments, writer
):
    formulas = {(0, "承诺办结时限"): "=6*2", (1, "事项名称"): '=CONCATENATE("烟花","爆竹")',
                (2, "序号"): "=ROW()-2"}  # fmt: skip
    run = run_import(writer(corpus.catalogue(), formulas=formulas), name=f"yunxi.{writer.__name__}")
    assert run.status == ImportRun.REJECTED
    messages = row_messages(run)
    named = [(line, column) for line, column, _ in messages]
    assert named == [(3, "承诺办结时限"), (4, "事项名称")]
    assert all("单元格是公式" in text and "选择性粘贴" in text for _, _, text in messages)
    if writer is corpus.xlsx:  # .xls keeps only the result, not the formula's text
        assert "“=6*2”" in messages[0][2]


@pytest.mark.parametrize("writer", [corpus.xlsx, corpus.xls, corpus.gb18030_csv],
                         ids=["xlsx", "xls", "csv"])  # fmt: skip
def test_text_starting_like_a_formula_is_stored_as_typed(corpus_departments, writer):
    rows = corpus.catalogue(["wenlv"])
    typed = {"备注": "=以窗口公示为准", "收费标准": "-", "咨询电话": "+86 0874-6120562",
             "结果名称": "@读者证"}  # fmt: skip
    rows[1].update(typed)
    data = writer(rows)
    run = new_run(data, "wenlv", dry_run=False)
    execute(run, data)
    run.refresh_from_db()
    assert run.status == ImportRun.APPLIED, run.report
    matter = MatterPage.objects.get(code=rows[1]["实施编码"])
    assert (matter.notes, matter.fee_standard, matter.enquiry_phone, matter.result_name) == (
        "=以窗口公示为准", "-", "+86 0874-6120562", "@读者证")  # fmt: skip
