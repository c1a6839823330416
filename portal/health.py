"""`/healthz` for load balancers and monitoring: each dependency's state, never a secret.

200 when the site can serve and its background work is keeping up, 503 otherwise. Backlogs
count work older than HEALTH_BACKLOG_AGE: a fresh queue is normal, an old one means no
worker (or no search engine) is taking it. Dead task runs (their worker died, and no
worker's sweep has marked them failed or queued them again yet) and scheduled batch releases
still unreleased HEALTH_BACKLOG_AGE after their time mean the same: no worker sweeps."""

import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Q
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django_tasks_db.models import DBTaskResult, get_date_max

from cms_pages.background import dead_runs
from reform.tasks import due_releases
from search.client import get_client
from search.outbox import pending


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return {}


def _cache():
    key, value = f"healthz:{uuid.uuid4().hex}", "ok"
    cache.set(key, value, 10)
    if cache.get(key) != value:
        raise RuntimeError("cache did not return what was stored")
    cache.delete(key)
    return {}


def _search_engine():
    if not settings.OPENSEARCH_URL:
        return {"engine": "database"}
    if not get_client().ping():
        raise RuntimeError("search engine does not answer")
    return {"engine": "opensearch"}


def _old(queryset, field):
    return queryset.filter(**{f"{field}__lt": timezone.now() - settings.HEALTH_BACKLOG_AGE})


def _task_backlog():
    # A task held until later (a scheduled release) is due at run_after, not when queued.
    waiting = DBTaskResult.objects.ready()
    cut = timezone.now() - settings.HEALTH_BACKLOG_AGE
    stale = waiting.filter(
        Q(run_after=get_date_max(), enqueued_at__lt=cut) | Q(run_after__lt=cut)
    ).count()
    result = {"waiting": waiting.count(), "stale": stale}
    if stale > settings.HEALTH_BACKLOG_LIMIT:
        raise BacklogError(result)
    return result


def _outbox_backlog():
    if not settings.OPENSEARCH_URL:
        return {"waiting": 0, "stale": 0}
    waiting = pending()
    stale = _old(waiting, "created_at").count()
    result = {"waiting": waiting.count(), "stale": stale}
    if stale > settings.HEALTH_BACKLOG_LIMIT:
        raise BacklogError(result)
    return result


def _dead_task_runs():
    result = {"dead": dead_runs()}
    if result["dead"] > settings.HEALTH_BACKLOG_LIMIT:
        raise BacklogError(result, "task runs whose worker died are not being restarted")
    return result


def _scheduled_releases():
    result = {"overdue": due_releases(before=timezone.now() - settings.HEALTH_BACKLOG_AGE).count()}
    if result["overdue"] > settings.HEALTH_BACKLOG_LIMIT:
        raise BacklogError(result, "scheduled batch releases are overdue")
    return result


class BacklogError(Exception):
    def __init__(self, counts, message="backlog is not being worked off"):
        super().__init__(message)
        self.counts = counts


CHECKS = {
    "database": _database,
    "cache": _cache,
    "search_engine": _search_engine,
    "task_backlog": _task_backlog,
    "outbox_backlog": _outbox_backlog,
    "dead_task_runs": _dead_task_runs,
    "scheduled_releases": _scheduled_releases,
}


@never_cache
def healthz(request):
    checks, healthy = {}, True
    for name, check in CHECKS.items():
        started = time.monotonic()
        try:
            state = {"ok": True, **check()}
        except BacklogError as error:
            state = {"ok": False, "error": str(error), **error.counts}
        except Exception as error:  # a failing dependency is reported, not raised
            # The class name only: messages can carry hosts or credentials.
            state = {"ok": False, "error": type(error).__name__}
        state["ms"] = round(1000 * (time.monotonic() - started), 1)
        checks[name] = state
        healthy = healthy and state["ok"]
    return JsonResponse(
        {"status": "ok" if healthy else "failing", "checks": checks},
        status=200 if healthy else 503,
        json_dumps_params={"ensure_ascii": False},
    )
