"""manage.py sync_department: the scheduled-job and server-operator way in."""

import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from cms_pages.models import MatterPage
from importers.models import ImportRun
from tests.support.accounts import department_user
from tests.support.imports import DEPARTMENTS, matter_tables_digest

from .sheet_files import csv_bytes, edit, sample_rows, xlsx_bytes

pytestmark = pytest.mark.django_db


def sync(*args):
    from io import StringIO

    out = StringIO()
    call_command("sync_department", *map(str, args), stdout=out, stderr=StringIO())
    return out.getvalue()


def test_unchanged_file_dry_run_prints_counts_and_records_the_run():
    output = sync(DEPARTMENTS / "gongan.xlsx", "--dry-run")
    assert "未变 5" in output and "已预览" in output
    run = ImportRun.objects.get()
    assert (run.source, run.dry_run, run.file_name) == ("cli", True, "gongan.xlsx")
    assert len(run.file_sha256) == 64 and run.duration is not None


def test_errors_exit_non_zero_write_nothing_and_can_be_saved_as_a_report(tmp_path):
    header, rows = sample_rows("gongan")
    edit(rows, header, 2, "法定办结时限", "abc")
    path = tmp_path / "gongan.csv"
    path.write_bytes(csv_bytes(header, rows))
    before = matter_tables_digest()
    with pytest.raises(CommandError, match="什么也没有写入"):
        sync(path, "--report", tmp_path / "report.xlsx")
    assert matter_tables_digest() == before
    report = load_workbook(tmp_path / "report.xlsx").active
    assert [c.value for c in report[2]][:1] + [c.value for c in report[2]][5:] == [
        "4", "法定办结时限", "应为天数（如 20 或 20个工作日），实际为“abc”。"]  # fmt: skip


def test_department_option_and_publish_permission(tmp_path, reform_officer):
    with pytest.raises(CommandError):
        sync(DEPARTMENTS / "minzheng.xlsx", "--department", "gongan")
    header, rows = sample_rows("gongan")
    edit(rows, header, 0, "备注", "命令行发布")
    path = tmp_path / "gongan.xlsx"
    path.write_bytes(xlsx_bytes(header, rows))
    editor = department_user("gongan")
    with pytest.raises(CommandError):
        sync(path, "--publish", "--user", editor.username)
    reviewer = department_user("gongan", reviewer=True)
    with pytest.raises(CommandError):
        sync(path, "--publish", "--user", reviewer.username)
    output = sync(path, "--publish", "--user", reform_officer.username,
                  "--department", "青山市公安局")  # fmt: skip
    assert "变更 1" in output
    assert MatterPage.objects.get(code=rows[0][header.index("实施编码")]).notes == "命令行发布"


def test_export_command_writes_a_file_that_syncs_unchanged(tmp_path):
    out = tmp_path / "gongan.csv"
    call_command("export_matters", str(out), "--department", "gongan", stdout=io.StringIO())
    output = sync(out, "--dry-run")
    assert "未变 5" in output and "错误 0" in output


def test_output_to_a_log_is_plain_lines_without_progress_bar_fragments():
    """In cron or CI (stderr is not a terminal) each phase is a line of its own."""
    out, err = io.StringIO(), io.StringIO()
    call_command("sync_department", str(DEPARTMENTS / "gongan.xlsx"), "--dry-run",
                 stdout=out, stderr=err)  # fmt: skip
    log = err.getvalue()
    assert log and "\r" not in log and "\x1b[" not in log
    assert not any(mark in log for mark in ("%|", "it/s", "行/s", "█"))
    lines = log.splitlines()
    assert len(lines) == len(set(lines)), "a phase is reported once, not once a row"
    assert lines and all(line.endswith("……") or "：" in line for line in lines)
