"""Work recorded only by the task backend — complaint reminders, the catalogue download
rebuild, the search outbox replay — never shows "执行中" forever when its worker died: past
its time limit a run is marked failed with the reason and queued again, when a superuser
opens 后台任务 or when a worker starts any task."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from complaints.tasks import send_case_reminders
from opendata.catalogue_files import rebuild_catalogue_files
from opendata.models import CatalogueFile
from search.tasks import replay_search_outbox
from tests.support.tasks import work_off_queue

pytestmark = pytest.mark.django_db

KINDS = {
    "reminders": send_case_reminders,
    "catalogue-files": rebuild_catalogue_files,
    "outbox-replay": replay_search_outbox,
}


def runs(task, status=None):
    found = DBTaskResult.objects.filter(task_path=task.module_path)
    return found.filter(status=status) if status else found


def taken_by_a_worker_that_died(task, minutes_ago):
    result = task.enqueue()
    started = timezone.now() - timedelta(minutes=minutes_ago)
    DBTaskResult.objects.filter(id=result.id).update(
        status="RUNNING", started_at=started, worker_ids=["web-1-worker-1"]
    )
    return result.id


@pytest.mark.parametrize("kind", KINDS)
def test_the_task_list_shows_a_dead_run_failed_and_runs_it_again(
    kind, database_tasks, admin_client
):
    task = KINDS[kind]
    dead = taken_by_a_worker_that_died(task, minutes_ago=31)

    page = admin_client.get("/admin/background-tasks/").content.decode()
    assert "执行中" not in page
    assert "失败" in page and "视为执行它的进程已退出" in page and "排队中" in page
    assert runs(task).get(id=dead).status == "FAILED"

    work_off_queue()
    assert runs(task, "SUCCESSFUL").count() == 1 and runs(task).count() == 2


@pytest.mark.parametrize("kind", KINDS)
def test_a_worker_starting_any_task_restarts_a_dead_run(kind, database_tasks):
    task = KINDS[kind]
    dead = taken_by_a_worker_that_died(task, minutes_ago=31)
    other = next(t for t in KINDS.values() if t is not task)
    other.enqueue()  # the restarted worker's first task

    work_off_queue()
    assert runs(task).get(id=dead).status == "FAILED"
    assert runs(task, "SUCCESSFUL").count() == 1
    if task is rebuild_catalogue_files:
        assert CatalogueFile.objects.count() == 3


def test_a_run_within_its_time_is_left_running(database_tasks, admin_client):
    running = taken_by_a_worker_that_died(rebuild_catalogue_files, minutes_ago=10)
    page = admin_client.get("/admin/background-tasks/").content.decode()
    assert "执行中" in page and "排队中" not in page
    assert str(runs(rebuild_catalogue_files).get().id) == running


def test_a_dead_run_is_not_queued_twice(database_tasks, admin_client):
    dead = taken_by_a_worker_that_died(send_case_reminders, minutes_ago=31)
    send_case_reminders.enqueue()  # cron queued today's run meanwhile
    admin_client.get("/admin/background-tasks/")
    admin_client.get("/admin/background-tasks/")
    assert runs(send_case_reminders).get(id=dead).status == "FAILED"
    assert runs(send_case_reminders, "READY").count() == 1
