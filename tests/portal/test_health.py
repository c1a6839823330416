"""/healthz tells a load balancer whether this host can serve and keeps up with its work."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from cms_pages.background import sweep
from complaints.tasks import send_case_reminders
from posters.tasks import build_poster_batch

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_healthy_site_answers_200_with_each_check(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {
        "database", "cache", "search_engine", "task_backlog", "outbox_backlog",
        "dead_task_runs", "scheduled_releases",
    }  # fmt: skip
    assert all(check["ok"] for check in body["checks"].values())
    assert "no-cache" in response["Cache-Control"]


def test_tasks_waiting_without_a_worker_make_the_host_unhealthy(client, settings):
    settings.TASKS = DATABASE_TASKS
    result = build_poster_batch.enqueue(0)
    assert client.get("/healthz").status_code == 200  # freshly queued work is normal
    long_ago = timezone.now() - settings.HEALTH_BACKLOG_AGE - timedelta(minutes=1)
    DBTaskResult.objects.filter(id=result.id).update(enqueued_at=long_ago)

    response = client.get("/healthz")
    assert response.status_code == 503
    backlog = response.json()["checks"]["task_backlog"]
    assert backlog["ok"] is False and backlog["stale"] == 1


def test_work_held_until_later_is_not_a_backlog(client, settings):
    settings.TASKS = DATABASE_TASKS
    tomorrow = timezone.now() + timedelta(days=1)
    result = build_poster_batch.using(run_after=tomorrow).enqueue(0)
    long_ago = timezone.now() - settings.HEALTH_BACKLOG_AGE - timedelta(minutes=1)
    DBTaskResult.objects.filter(id=result.id).update(enqueued_at=long_ago)
    assert client.get("/healthz").status_code == 200

    DBTaskResult.objects.filter(id=result.id).update(run_after=long_ago)  # due, not taken
    assert client.get("/healthz").json()["checks"]["task_backlog"]["stale"] == 1


def test_unreachable_search_engine_is_reported_without_its_address_or_password(client, settings):
    settings.OPENSEARCH_URL = "http://127.0.0.1:9"  # nothing listens on the discard port
    settings.OPENSEARCH_PASSWORD = "s3cret-pw"
    settings.OPENSEARCH_TIMEOUT = 1
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["search_engine"]["ok"] is False
    assert "127.0.0.1" not in response.content.decode()
    assert "s3cret" not in response.content.decode()


def test_a_run_whose_worker_died_makes_the_host_unhealthy_until_a_sweep_restarts_it(
    client, settings
):
    settings.TASKS = DATABASE_TASKS
    result = send_case_reminders.enqueue()
    DBTaskResult.objects.filter(id=result.id).update(
        status="RUNNING", started_at=timezone.now() - timedelta(hours=1)
    )  # its worker was killed an hour ago

    response = client.get("/healthz")
    assert response.status_code == 503
    dead = response.json()["checks"]["dead_task_runs"]
    assert dead["ok"] is False and dead["dead"] == 1
    assert DBTaskResult.objects.get(id=result.id).status == "RUNNING"  # it only looks

    sweep()  # what a running worker does every minute
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json()["checks"]["dead_task_runs"]["dead"] == 0


def test_a_long_run_within_its_time_is_not_dead(client, settings):
    settings.TASKS = DATABASE_TASKS
    result = send_case_reminders.enqueue()
    DBTaskResult.objects.filter(id=result.id).update(
        status="RUNNING", started_at=timezone.now() - timedelta(minutes=10)
    )
    dead = client.get("/healthz").json()["checks"]["dead_task_runs"]
    assert dead["ok"] is True and dead["dead"] == 0


def test_a_scheduled_release_long_overdue_makes_the_host_unhealthy(
    client, settings, demo_site, new_batch
):
    batch = new_batch()
    revision = batch.get_latest_revision()
    revision.approved_go_live_at = timezone.now() - timedelta(minutes=5)
    revision.save(update_fields=["approved_go_live_at"])
    assert client.get("/healthz").status_code == 200  # due moments ago: a worker is on it

    revision.approved_go_live_at = timezone.now() - settings.HEALTH_BACKLOG_AGE - timedelta(hours=1)
    revision.save(update_fields=["approved_go_live_at"])
    response = client.get("/healthz")
    assert response.status_code == 503
    overdue = response.json()["checks"]["scheduled_releases"]
    assert overdue["ok"] is False and overdue["overdue"] == 1
    assert str(batch.pk) not in str(overdue) and batch.title not in response.content.decode()
