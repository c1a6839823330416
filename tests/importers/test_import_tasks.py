"""Admin imports run as background tasks: a queued import is finished by a worker, and one
whose worker died is shown as failed with a way to run it again, never "处理中" forever."""

import os
import time
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from cms_pages.models import MatterPage
from importers.models import ImportRun
from importers.runs import progress_path
from tests.support.tasks import work_off_queue

from .sheet_files import edit, sample_rows, xlsx_bytes

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def upload_edited_sheet(client):
    header, rows = sample_rows("gongan")
    edit(rows, header, 0, "办理时间", "周一至周日 8:30-18:00")
    file = SimpleUploadedFile("gongan.xlsx", xlsx_bytes(header, rows))
    client.post("/admin/imports/upload/", {"file": file})
    return ImportRun.objects.latest("pk"), rows[0][header.index("实施编码")]


def test_upload_records_the_task_that_ran_it(admin_client):
    run, _code = upload_edited_sheet(admin_client)
    assert run.status == ImportRun.PREVIEWED and run.task_id


def test_database_worker_runs_the_queued_preview_and_confirmation(admin_client, database_tasks):
    preview, code = upload_edited_sheet(admin_client)
    assert preview.status == ImportRun.QUEUED
    page = admin_client.get(f"/admin/imports/runs/{preview.pk}/").content.decode()
    assert "正在生成预览" in page

    work_off_queue()
    preview.refresh_from_db()
    assert preview.status == ImportRun.PREVIEWED and preview.counts["changed"] == 1
    assert DBTaskResult.objects.get(id=preview.task_id).status == "SUCCESSFUL"

    admin_client.post(f"/admin/imports/runs/{preview.pk}/confirm/", {})
    applied = ImportRun.objects.get(preview_of=preview)
    assert applied.status == ImportRun.QUEUED
    work_off_queue()
    applied.refresh_from_db()
    assert applied.status == ImportRun.APPLIED
    hours = MatterPage.objects.get(code=code).get_latest_revision_as_object().hours
    assert hours == "周一至周日 8:30-18:00"


def test_preview_whose_task_failed_is_shown_failed_and_runs_again(
    admin_client, database_tasks, settings
):
    run, _code = upload_edited_sheet(admin_client)
    DBTaskResult.objects.filter(id=run.task_id).update(status="FAILED")  # the worker crashed

    progress = admin_client.get(f"/admin/imports/runs/{run.pk}/progress/").json()
    assert progress["finished"] and progress["status"] == "failed"
    page = admin_client.get(f"/admin/imports/runs/{run.pk}/").content.decode()
    assert "后台任务已中断" in page and 'id="run-again"' in page

    settings.TASKS = IMMEDIATE
    response = admin_client.post(f"/admin/imports/runs/{run.pk}/again/")
    retry = ImportRun.objects.latest("pk")
    assert retry.pk != run.pk and response.url == f"/admin/imports/runs/{retry.pk}/"
    assert retry.status == ImportRun.PREVIEWED and retry.counts["changed"] == 1


def test_import_whose_worker_died_mid_run_is_marked_failed(admin_client, database_tasks):
    run, _code = upload_edited_sheet(admin_client)
    # A worker took it and was killed: the task stays "running", progress stopped long ago.
    DBTaskResult.objects.filter(id=run.task_id).update(status="RUNNING")
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.RUNNING)
    path = progress_path(run)
    path.write_text('{"phase": "检查", "done": 200, "total": 9000}')
    an_hour_ago = time.time() - 3600
    os.utime(path, (an_hour_ago, an_hour_ago))

    listing = admin_client.get("/admin/imports/").content.decode()
    assert "处理中" not in listing
    run.refresh_from_db()
    assert run.status == ImportRun.FAILED and "后台任务已中断" in run.message


def test_queued_import_marked_failed_is_not_run_when_a_worker_comes_back(
    admin_client, database_tasks
):
    run, code = upload_edited_sheet(admin_client)
    ImportRun.objects.filter(pk=run.pk).update(created_at=timezone.now() - timedelta(hours=1))
    admin_client.get(f"/admin/imports/runs/{run.pk}/")  # no worker for an hour: failed
    assert ImportRun.objects.get(pk=run.pk).status == ImportRun.FAILED

    task = DBTaskResult.objects.get(id=run.task_id)
    assert task.status == "FAILED" and "后台任务已中断" in task.traceback  # 后台任务 agrees

    work_off_queue()
    run.refresh_from_db()
    assert run.status == ImportRun.FAILED and not run.counts
    assert DBTaskResult.objects.get(id=run.task_id).started_at is None  # never taken


def test_an_import_whose_worker_died_reads_failed_in_the_task_list_too(
    admin_client, database_tasks
):
    run, _code = upload_edited_sheet(admin_client)
    DBTaskResult.objects.filter(id=run.task_id).update(
        status="RUNNING", started_at=timezone.now() - timedelta(minutes=20)
    )
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.RUNNING)
    path = progress_path(run)
    path.write_text('{"phase": "检查", "done": 200, "total": 9000}')
    twenty_minutes_ago = time.time() - 1200
    os.utime(path, (twenty_minutes_ago, twenty_minutes_ago))

    listing = admin_client.get("/admin/background-tasks/").content.decode()
    assert "表格导入" in listing and "执行中" not in listing
    assert "失败" in listing and "什么也没有写入" in listing
    page = admin_client.get(f"/admin/imports/runs/{run.pk}/").content.decode()
    assert "后台任务已中断" in page and 'id="run-again"' in page


def test_an_import_still_reporting_progress_reads_running_everywhere(admin_client, database_tasks):
    run, _code = upload_edited_sheet(admin_client)
    DBTaskResult.objects.filter(id=run.task_id).update(
        status="RUNNING", started_at=timezone.now() - timedelta(minutes=20)
    )
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.RUNNING)
    progress_path(run).write_text('{"phase": "检查", "done": 200, "total": 9000}')

    assert "执行中" in admin_client.get("/admin/background-tasks/").content.decode()
    assert "处理中" in admin_client.get("/admin/imports/").content.decode()
    assert ImportRun.objects.get(pk=run.pk).status == ImportRun.RUNNING
