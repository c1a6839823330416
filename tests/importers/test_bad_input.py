"""Bad input: a clear message naming row and column, and the database left as it was."""

import io
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from cms_pages.models import MatterPage
from importers.models import ImportRun
from importers.runs import execute, new_run
from tests.support.imports import matter_tables_digest

from .sheet_files import csv_bytes, edit, sample_rows, xlsx_bytes

pytestmark = pytest.mark.django_db


def run_import(data, name="gongan.xlsx", **options):
    """Apply a file the way the CLI and the admin do; the matter tables must not move."""
    before = matter_tables_digest()
    run = new_run(data, name, dry_run=False, **options)
    execute(run, data)
    assert matter_tables_digest() == before
    run.refresh_from_db()
    return run


def row_messages(run):
    return [(r["line"], column, message) for r in run.report["rows"] for column, message in
            r["messages"]]  # fmt: skip


def gongan(edits):
    header, rows = sample_rows("gongan")
    for (line, column), value in edits.items():
        edit(rows, header, line, column, value)
    return header, rows


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("事项名称", "", "不能为空。"),
        ("法定办结时限", "-5", "不能为负数，实际为-5。"),
        ("承诺办结时限", "十五", "应为天数（如 20 或 20个工作日），实际为“十五”。"),
        ("承诺办结时限", "99", "承诺办结时限99超过法定办结时限"),
        ("事项类型", "行政审批", "“行政审批”不在允许的取值中"),
        ("所属主题", "户籍办理;星际旅行", "“星际旅行”不在国家主题目录（面向自然人）中。"),
        ("申请材料", "1. 身份证（原件；也许；申请人自备）",
         "第1项材料“身份证（原件；也许；申请人自备）”的必要性“也许”无法识别"),
        ("受理条件", "条" * 1048576, "内容有1,048,576个字符，超过单元格上限32,767个字符。"),
    ],
)  # fmt: skip
def test_bad_cell_names_its_row_and_column(column, value, message):
    # CSV, because openpyxl (like Excel) cuts a cell at 32,767 characters when writing.
    run = run_import(csv_bytes(*gongan({(1, column): value})), name="gongan.csv")
    assert run.status == ImportRun.REJECTED
    [(line, named_column, text)] = row_messages(run)
    assert (line, named_column) == (3, column)  # header on line 1, the second matter on line 3
    assert message in text


def test_duplicate_codes_are_reported_on_both_rows():
    header, rows = sample_rows("gongan")
    rows[3][header.index("实施编码")] = rows[0][header.index("实施编码")]
    run = run_import(csv_bytes(header, rows), name="gongan.csv")
    assert row_messages(run) == [(2, "实施编码", "与第5行的实施编码重复。"),
                                 (5, "实施编码", "与第2行的实施编码重复。")]  # fmt: skip


def test_formula_and_html_are_stored_as_text_and_rendered_escaped(client):
    title = '=HYPERLINK("http://evil.invalid","点此")'
    script = "<script>alert('x')</script>条件"
    header, rows = gongan({(0, "事项名称"): title, (0, "受理条件"): script})
    run = new_run(csv_bytes(header, rows), "gongan.csv", dry_run=False, publish=True)
    execute(run, csv_bytes(header, rows))
    matter = MatterPage.objects.get(code=rows[0][header.index("实施编码")])
    assert (matter.title, matter.conditions) == (title, script)
    html = client.get(matter.url, HTTP_HOST="localhost").content.decode()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "<script>alert" not in html


def zip_with(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj", "gongan.xlsx",
         "扩展名是电子表格，但内容不是 Excel 工作簿"),
        (zip_with({"word/document.xml": "<w/>"}), "gongan.xlsx", "不是 Excel 工作簿（.xlsx）"),
        (b"\x00\x01\x02binary", "gongan.csv", "不是文本表格（CSV）"),
        (b"", "gongan.csv", "文件是空的。"),
        (xlsx_bytes([], []), "empty.xlsx", "工作簿是空的"),
        (xlsx_bytes(sample_rows()[0], []), "header.xlsx", "只有表头，没有事项数据"),
        (csv_bytes(["名称", "备注"], [["a", "b"]]), "x.csv", "表头须包含“实施编码”列"),
        (zip_with({"xl/workbook.xml": "<workbook/>", "xl/worksheets/sheet1.xml": " " * 30_000_000}),
         "bomb.xlsx", "疑似压缩炸弹"),
    ],
    ids=["pdf-renamed", "docx-renamed", "binary-csv", "empty-file", "empty-workbook", "header-only",
         "no-header", "zip-bomb"],
)  # fmt: skip
def test_unreadable_files_are_rejected_with_a_reason(data, name, message):
    run = run_import(data, name=name)
    assert run.status == ImportRun.REJECTED
    assert message in run.message


def test_limits_on_size_rows_and_decompressed_size(settings):
    header, rows = sample_rows("gongan")
    data = xlsx_bytes(header, rows)
    settings.IMPORTERS_LIMITS = {**settings.IMPORTERS_LIMITS, "max_rows": 3}
    assert "数据超过 3 行的上限" in run_import(data).message
    settings.IMPORTERS_LIMITS = {**settings.IMPORTERS_LIMITS, "max_decompressed_bytes": 20_000}
    assert "解压后" in run_import(data).message
    settings.IMPORTERS_LIMITS = {**settings.IMPORTERS_LIMITS, "max_bytes": 1024}
    assert "超过 0 MB 的上限" in run_import(data).message


def test_upload_over_the_size_limit_is_refused_before_reading(client, settings):
    """The 50 MB limit, scaled down to 1 MB so the test does not move 50 MB around."""
    settings.IMPORTERS_LIMITS = {**settings.IMPORTERS_LIMITS, "max_bytes": 1024 * 1024}
    client.force_login(get_user_model().objects.create_superuser("root", "r@example.invalid", "pw"))
    big = SimpleUploadedFile("big.xlsx", b"PK" + b"\0" * (1024 * 1024 + 200_000))
    response = client.post("/admin/imports/upload/", {"file": big})
    assert "文件大小 1.2 MB，超过 1 MB 的上限。" in response.content.decode()
    assert not ImportRun.objects.exists()
