"""A running worker sweeps every minute, without any task starting and without anyone opening
a page (cms_pages.worker); what a sweep does is tested where it matters (dead runs in
tests/cms_pages/test_dead_task_runs.py, releases in tests/reform/test_release_tasks.py,
/healthz in tests/portal/test_health.py)."""

import threading

import pytest

from cms_pages import worker


@pytest.fixture
def demo():
    """No demo site, no database: the sweep itself is replaced."""


def idle_worker(batch=False):
    return worker.SweepingWorker(
        queue_names=["default"], interval=1, batch=batch, backend_name="default",
        startup_delay=False, max_tasks=None, worker_id="sweep-test",
    )  # fmt: skip


def test_an_idle_worker_keeps_sweeping_and_a_failed_sweep_does_not_stop_it(monkeypatch):
    swept = threading.Semaphore(0)

    def sweep():
        swept.release()
        raise ConnectionError("the database is restarting")  # logged, tried again next time

    monkeypatch.setattr(worker, "sweep", sweep)
    monkeypatch.setattr(worker, "SWEEP_EVERY_SECONDS", 0.01)
    idle = idle_worker()
    sweeping = threading.Thread(target=idle.sweep_periodically, daemon=True)
    sweeping.start()
    try:
        assert all(swept.acquire(timeout=30) for _ in range(3))
    finally:
        idle.running = False
        sweeping.join(timeout=30)
    assert not sweeping.is_alive()


def test_a_worker_sweeps_before_its_first_task(monkeypatch):
    calls = []
    monkeypatch.setattr(worker, "sweep", lambda: calls.append("sweep"))
    monkeypatch.setattr(worker.Worker, "run", lambda self: calls.append("tasks"))
    idle_worker(batch=True).run()
    assert calls == ["sweep", "tasks"]
