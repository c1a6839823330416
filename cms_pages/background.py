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
