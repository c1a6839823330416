"""What the task backend knows about a piece of background work (django-tasks).

Runs, batches and downloads record the id of the task doing their work; a page showing them
asks here whether that task has died, so nothing stays "processing" after its worker is gone."""

from django_tasks import TaskResultStatus, default_task_backend
from django_tasks.exceptions import TaskResultDoesNotExist


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
