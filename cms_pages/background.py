"""What the task backend knows about a piece of background work (django-tasks).

Runs, batches and downloads record the id of the task doing their work and a time at which
the work last showed a sign of life (progress). A page showing them asks `task_died`, the one
test every app uses, so nothing stays "processing" after its worker is gone."""

from datetime import timedelta

from django.utils import timezone
from django_tasks import TaskResultStatus, default_task_backend
from django_tasks.exceptions import TaskResultDoesNotExist

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
