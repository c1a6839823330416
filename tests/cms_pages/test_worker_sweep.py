"""A running worker sweeps every minute, without any task starting and without anyone opening
a page: a run whose worker died is marked failed and queued again (cms_pages.worker)."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from cms_pages import worker
from complaints.tasks import send_case_reminders
from tests.support.tasks import DATABASE_TASKS


@pytest.fixture
def demo():
    """No demo site: the sweep needs only the task table."""


@pytest.mark.django_db(transaction=True)  # the sweep runs in its own thread and connection
def test_an_idle_worker_restarts_a_run_whose_worker_died(settings, monkeypatch):
    settings.TASKS = DATABASE_TASKS
    monkeypatch.setattr(worker, "SWEEP_EVERY_SECONDS", 0.05)
    idle = worker.SweepingWorker(
        queue_names=["default"], interval=1, batch=False, backend_name="default",
        startup_delay=False, max_tasks=None, worker_id="sweep-test",
    )  # fmt: skip
    sweeping = worker.threading.Thread(target=idle.sweep_periodically, daemon=True)
    sweeping.start()
    try:
        dead = send_case_reminders.enqueue()  # taken by another worker, which was killed
        DBTaskResult.objects.filter(id=dead.id).update(
            status="RUNNING", started_at=timezone.now() - timedelta(hours=1)
        )
        deadline = time.monotonic() + 30
        while DBTaskResult.objects.get(id=dead.id).status == "RUNNING":
            assert time.monotonic() < deadline, "no sweep marked the dead run failed"
            time.sleep(0.05)
    finally:
        idle.running = False
        sweeping.join(timeout=30)
    runs = DBTaskResult.objects.filter(task_path=send_case_reminders.module_path)
    assert runs.get(id=dead.id).status == "FAILED"
    assert runs.filter(status="READY").count() == 1
