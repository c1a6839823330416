"""Poster batches are built by background tasks; a build whose task died is shown as failed
with a way to start it again, never "正在生成" forever."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from cms_pages.models import DepartmentPage
from posters.batches import request_batch
from posters.models import PosterBatch
from tests.support.tasks import DATABASE_TASKS, work_off_queue

pytestmark = pytest.mark.django_db


@pytest.fixture
def jiaoyu():
    return DepartmentPage.objects.get(slug="jiaoyu")


def test_batch_records_the_task_that_built_it(jiaoyu):
    batch = request_batch("department", jiaoyu.pk, "A4")
    assert batch.status == PosterBatch.READY and batch.task_id


def test_database_worker_builds_a_queued_batch(jiaoyu, database_tasks):
    batch = request_batch("department", jiaoyu.pk, "A4")
    assert batch.status == PosterBatch.BUILDING and batch.done == 0
    assert DBTaskResult.objects.get(id=batch.task_id).status == "READY"

    work_off_queue("--max-tasks", "1")

    batch.refresh_from_db()
    assert batch.status == PosterBatch.READY and batch.file and batch.done == batch.total
    assert DBTaskResult.objects.get(id=batch.task_id).status == "SUCCESSFUL"


def test_batch_whose_task_failed_is_shown_failed_with_a_retry(jiaoyu, settings, admin_client):
    settings.TASKS = DATABASE_TASKS
    batch = request_batch("department", jiaoyu.pk, "A4")
    DBTaskResult.objects.filter(id=batch.task_id).update(status="FAILED")  # the worker crashed

    progress = admin_client.get(f"/admin/posters/batches/{batch.pk}/progress/").json()
    assert progress["status"] == "failed" and "后台任务已中断" in progress["error"]
    page = admin_client.get(f"/admin/posters/batches/{batch.pk}/").content.decode()
    assert "重新生成" in page and f"source=department%3A{jiaoyu.pk}" in page

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    admin_client.post("/admin/posters/", {"source": f"department:{jiaoyu.pk}", "size": "A4"})
    batch.refresh_from_db()
    assert batch.status == PosterBatch.READY and batch.file


def test_batch_left_building_past_the_stale_timeout_is_shown_failed(jiaoyu, settings, admin_client):
    settings.TASKS = DATABASE_TASKS
    batch = request_batch("department", jiaoyu.pk, "A4")
    long_ago = timezone.now() - timedelta(hours=1)
    PosterBatch.objects.filter(pk=batch.pk).update(updated_at=long_ago)  # no worker is running

    page = admin_client.get(f"/admin/posters/batches/{batch.pk}/").content.decode()
    assert "生成失败" in page and "重新生成" in page
    assert PosterBatch.objects.get(pk=batch.pk).status == PosterBatch.FAILED


def taken_by_a_worker(batch, minutes_ago, progress_minutes_ago):
    started = timezone.now() - timedelta(minutes=minutes_ago)
    DBTaskResult.objects.filter(id=batch.task_id).update(
        status="RUNNING", started_at=started, worker_ids=["web-1-worker-1"]
    )
    progress = timezone.now() - timedelta(minutes=progress_minutes_ago)
    PosterBatch.objects.filter(pk=batch.pk).update(done=10, updated_at=progress)


def test_a_build_whose_worker_died_reads_failed_in_the_task_list_too(
    jiaoyu, database_tasks, admin_client
):
    batch = request_batch("department", jiaoyu.pk, "A4")
    taken_by_a_worker(batch, minutes_ago=20, progress_minutes_ago=20)  # then killed

    listing = admin_client.get("/admin/background-tasks/").content.decode()
    assert "海报批量生成" in listing and "执行中" not in listing
    assert "失败" in listing and "后台任务已中断，请重新生成" in listing
    page = admin_client.get(f"/admin/posters/batches/{batch.pk}/").content.decode()
    assert "生成失败" in page and "重新生成" in page


def test_a_batch_page_opened_first_makes_the_task_list_agree(jiaoyu, database_tasks, admin_client):
    batch = request_batch("department", jiaoyu.pk, "A4")
    taken_by_a_worker(batch, minutes_ago=20, progress_minutes_ago=20)

    assert "生成失败" in admin_client.get(f"/admin/posters/batches/{batch.pk}/").content.decode()
    assert DBTaskResult.objects.get(id=batch.task_id).status == "FAILED"
    listing = admin_client.get("/admin/background-tasks/").content.decode()
    assert "执行中" not in listing and "视为执行它的进程已退出" in listing


def test_a_long_build_still_reporting_progress_reads_running_everywhere(
    jiaoyu, database_tasks, admin_client
):
    batch = request_batch("department", jiaoyu.pk, "A4")
    taken_by_a_worker(batch, minutes_ago=20, progress_minutes_ago=1)

    assert "执行中" in admin_client.get("/admin/background-tasks/").content.decode()
    progress = admin_client.get(f"/admin/posters/batches/{batch.pk}/progress/").json()
    assert progress["status"] == "building"
    assert DBTaskResult.objects.get(id=batch.task_id).status == "RUNNING"
