"""What the task backend knows about a piece of background work (django-tasks).

Runs, batches and downloads record the id of the task doing their work and a time at which
the work last showed a sign of life (progress). A page showing them asks `task_died`, the one
test every app uses, so nothing stays "processing" after its worker is gone. Work no model
row records (reminders, catalogue files, the outbox replay) is registered with
`restart_when_dead`: a run of it whose worker died is marked failed and queued again."""

import logging
from datetime import timedelta

from django.core.exceptions import SuspiciousOperation
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import (
    DEFAULT_TASK_BACKEND_ALIAS,
    TaskResultStatus,
    default_task_backend,
    task_backends,
)
from django_tasks.exceptions import TaskResultDoesNotExist
from django_tasks.utils import get_exception_traceback, get_module_path

logger = logging.getLogger(__name__)

# Work that has not reported progress for this long died with its worker (or no worker is
# running): it is shown as failed and may be started again.
STALE_AFTER = timedelta(minutes=5)
# How many recent runs of a task `latest_result` looks through.
RECENT_RUNS = 200


def task_failed(task_id):
    """True when the backend reports the task as failed; False when it is unknown, pending,
    running or done, or the backend keeps no results (the immediate backend in tests)."""
    if not task_id or not default_task_backend.supports_get_result:
        return False
    try:
        result = default_task_backend.get_result(task_id)
    except (TaskResultDoesNotExist, ValueError):
        return False
    return result.status == TaskResultStatus.FAILED


def task_died(task_id, alive_at, stale_after=STALE_AFTER):
    """True when unfinished work will never finish: its task failed, or it has shown no sign
    of life since `alive_at` for `stale_after`. The caller marks it failed and offers a retry;
    the task itself must refuse work that was marked failed meanwhile."""
    return alive_at < timezone.now() - stale_after or task_failed(task_id)


def waiting(task):
    """True when a run of `task` is queued and not yet started (the database backend; other
    backends do not tell), so periodic work is queued once, not once per caller."""
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if not isinstance(task.get_backend(), DatabaseBackend):
        return False
    return DBTaskResult.objects.filter(
        status=TaskResultStatus.READY, task_path=task.module_path
    ).exists()


def latest_result(task, *args):
    """The last queued run of `task` with these arguments (the database backend; None with
    others), for pages that show work no model row records."""
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if not isinstance(task.get_backend(), DatabaseBackend):
        return None
    runs = DBTaskResult.objects.filter(task_path=task.module_path).order_by("-enqueued_at")
    for found in runs[:RECENT_RUNS]:
        if found.args_kwargs["args"] == list(args):
            return found.task_result
    return None


# What each task is called in the admin's 后台任务 list, by task path; apps fill it in their
# tasks modules with `describe`.
TASK_LABELS = {}


def describe(task, label):
    TASK_LABELS[task.module_path] = label
    return task


# Work recorded nowhere but in the task backend (reminders, catalogue files, the outbox
# replay): by task path, how long a run may take. One still "running" after that died with
# its worker (killed, out of memory, host gone): it is marked failed and queued again.
RESTARTED_AFTER = {}


class WorkerDied(Exception):
    """Stored as the error of a run taken for dead."""


def restart_when_dead(task, after=timedelta(minutes=30)):
    """Register `task`, which must be safe to run again: a run taken for dead may have done
    part of its work, and one taken for dead wrongly finishes beside its replacement."""
    RESTARTED_AFTER[task.module_path] = after
    return task


def restart_dead_runs():
    """Mark failed each registered run that has been running longer than its limit, and queue
    it again unless a run of its task is waiting; returns the task paths restarted. Called by
    the admin's task list and whenever a worker starts a task (cms_pages.apps)."""
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if not isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend):
        return []
    now = timezone.now()
    restarted = []
    running = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=now - STALE_AFTER
    )
    for run in running:
        try:
            task = run.task  # imports the task's module, which registers it
        except (ImportError, SuspiciousOperation):
            continue
        after = RESTARTED_AFTER.get(run.task_path)
        if after is None or run.started_at >= now - after:
            continue
        error = WorkerDied(
            _("执行超过 %(minutes)d 分钟仍未结束，视为执行它的进程已退出，任务将重新执行")
            % {"minutes": after.total_seconds() // 60}
        )
        marked = DBTaskResult.objects.filter(pk=run.pk, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.FAILED, finished_at=now,
            exception_class_path=get_module_path(WorkerDied),
            traceback=get_exception_traceback(error),
        )  # fmt: skip
        if marked and not waiting(task):
            task.enqueue(*run.args_kwargs["args"], **run.args_kwargs["kwargs"])
            restarted.append(run.task_path)
    return restarted


def restart_dead_runs_before_task(sender, **kwargs):
    """A worker starting a task first restarts the dead runs (a worker restarted by systemd
    after its predecessor died finds them). Never fails the task it precedes."""
    try:
        restart_dead_runs()
    except Exception:
        logger.exception("Could not restart dead task runs")
