"""A batch approved ahead of its go-live time is released by a background task held until
that time; a release task whose worker died is queued again from the batch's status page."""

import datetime

import pytest
import time_machine
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from cms_pages.background import sweep
from cms_pages.models import MatterPage
from reform.tasks import release_scheduled_batch
from tests.support.pages import matter, reload, save_draft, without_baseline
from tests.support.tasks import work_off_queue

pytestmark = pytest.mark.django_db


@pytest.fixture
def scheduled(new_batch, reform_officer, database_tasks, django_capture_on_commit_callbacks):
    """A one-matter batch (宅基地审批 2 → 1 visits) approved to go live in two days."""
    homestead = matter("农村村民宅基地审批")
    without_baseline(homestead)
    draft = save_draft(reload(homestead), visits=1)
    batch = new_batch()
    from reform.assembly import join_batch

    join_batch(batch, [draft])
    planned = timezone.now() + datetime.timedelta(days=2)
    draft = reload(batch).get_latest_revision_as_object()
    draft.go_live_at = planned
    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision().publish(user=reform_officer)
    return reload(batch), homestead, planned


def release_tasks():
    return DBTaskResult.objects.filter(task_path=release_scheduled_batch.module_path)


def run_worker():
    work_off_queue()


def test_worker_releases_the_batch_at_its_planned_time(scheduled, admin_client):
    batch, homestead, planned = scheduled
    task = release_tasks().get()
    assert task.status == "READY" and task.run_after == planned
    page = admin_client.get(f"/admin/reform/batches/{batch.pk}/").content.decode()
    assert "到时由后台任务发布" in page

    run_worker()  # not due yet: the worker leaves it waiting
    assert not reload(batch).live and release_tasks().get().status == "READY"

    with time_machine.travel(planned + datetime.timedelta(minutes=1)):
        run_worker()
    assert reload(batch).live and MatterPage.objects.get(pk=homestead.pk).visits == 1
    assert release_tasks().get().return_value == {"released": True, "refused": ""}


def test_release_task_whose_worker_died_is_queued_again(scheduled, admin_client):
    batch, homestead, planned = scheduled
    with time_machine.travel(planned + datetime.timedelta(hours=2)):
        # A worker took the task an hour ago and was killed mid-release.
        release_tasks().update(status="RUNNING", started_at=timezone.now()
                               - datetime.timedelta(hours=1))  # fmt: skip
        page = admin_client.get(f"/admin/reform/batches/{batch.pk}/").content.decode()
        assert "上一次发布任务已中断，已重新排队" in page
        assert release_tasks().filter(status="READY").count() == 1
        run_worker()
    assert reload(batch).live and MatterPage.objects.get(pk=homestead.pk).visits == 1


def test_a_due_release_no_task_holds_is_released_by_the_sweep(scheduled):
    batch, homestead, planned = scheduled
    release_tasks().delete()  # approved while no worker could hold it, or the task was lost
    with time_machine.travel(planned + datetime.timedelta(minutes=5)):
        run_worker()  # a worker sweeps as it starts, then every minute; nobody opens a page
    assert reload(batch).live and MatterPage.objects.get(pk=homestead.pk).visits == 1
    assert release_tasks().get().return_value == {"released": True, "refused": ""}


def test_a_release_whose_worker_died_is_restarted_once_not_twice(scheduled, admin_client):
    batch, homestead, planned = scheduled
    with time_machine.travel(planned + datetime.timedelta(hours=2)):
        dead = release_tasks().get()
        release_tasks().update(status="RUNNING", started_at=timezone.now()
                               - datetime.timedelta(hours=1))  # fmt: skip
        sweep()
        sweep()  # a second worker's sweep
        admin_client.get(f"/admin/reform/batches/{batch.pk}/")  # and the batch page
        assert release_tasks().filter(status="READY").count() == 1
        assert release_tasks().count() == 2
        dead.refresh_from_db()
        assert dead.status == "FAILED" and "视为执行它的进程已退出" in dead.traceback
        run_worker()
    assert reload(batch).live and release_tasks().filter(status="SUCCESSFUL").count() == 1


def test_the_sweep_leaves_a_release_that_is_not_due_waiting(scheduled):
    batch, _homestead, planned = scheduled
    sweep()
    run_worker()
    assert not reload(batch).live and release_tasks().get().status == "READY"
