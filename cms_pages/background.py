"""What the task backend knows about a piece of background work (django-tasks).

Runs, batches and downloads record the id of the task doing their work and a time at which
the work last showed a sign of life (progress). Whether a run died is decided in one place:
`run_died` for work a model row records (poster batches, import runs; their apps register
how to settle a run with `settled_by`), `restart_when_dead` for work nothing but the backend
records (reminders, catalogue files, the outbox replay, scheduled releases). A run taken for
dead is marked failed in the task backend too, with the reason, so the admin's 后台任务 list
and the work's own page always say the same thing; `restart_dead_runs` applies both rules to
every run still waiting or running, and `sweep` (run by every worker, cms_pages.worker) does
that and starts overdue scheduled work without anyone opening a page."""

import logging
from datetime import timedelta

from django.core.exceptions import SuspiciousOperation, ValidationError
from django.db.models import Q
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


def run_died(task_id, alive_at, reason, mark=True):
    """The rule for work a model row records: `task_died`; when it did and `mark`, the run is
    marked failed in the task backend with `reason` (unless it failed already), so that
    后台任务 shows what the work's page shows. The caller marks its row failed."""
    if not task_died(task_id, alive_at):
        return False
    if mark:
        minutes = int(STALE_AFTER.total_seconds() // 60)
        mark_dead(
            task_id,
            _("超过 %(minutes)d 分钟没有进展，视为执行它的进程已退出：%(reason)s")
            % {"minutes": minutes, "reason": reason},
        )
    return True


def settle_task_record(task_id, act, record, failure, missing):
    """For the task list: settle the task `task_id` by the record its run works on (an import,
    a poster batch). `failure(record, act)` is the record's failure reason once settled, or
    None while its run may still finish; `missing` is the reason when the record is gone.
    True when the task died."""
    if record is None:
        return not act or mark_dead(task_id, missing)
    reason = failure(record, act)
    if reason is None:
        return False
    if act:
        mark_dead(task_id, reason)  # failed before this page looked: the task agrees now
    return True


def mark_dead(task_id, reason):
    """Record that the run `task_id`, still waiting or running, will never finish: failed with
    a `WorkerDied` error carrying `reason`. A worker takes only waiting runs, so one marked
    failed before it started never starts. True when this call marked it."""
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if not task_id or not isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend):
        return False
    try:
        return bool(
            DBTaskResult.objects.filter(
                pk=task_id, status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]
            ).update(
                status=TaskResultStatus.FAILED,
                finished_at=timezone.now(),
                exception_class_path=get_module_path(WorkerDied),
                traceback=get_exception_traceback(WorkerDied(reason)),
            )  # fmt: skip
        )
    except (ValueError, ValidationError):  # not an id this backend gave out
        return False


def waiting(task, args=None):
    """True when a run of `task` (with these arguments, when given) is queued and not yet
    started (the database backend; other backends do not tell), so work is queued once, not
    once per caller."""
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if not isinstance(task.get_backend(), DatabaseBackend):
        return False
    queued = DBTaskResult.objects.filter(status=TaskResultStatus.READY, task_path=task.module_path)
    if args is None:
        return queued.exists()
    return any(run.args_kwargs["args"] == list(args) for run in queued[:RECENT_RUNS])


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
# replay, scheduled releases): by task path, how long a run may take. One still "running"
# after that died with its worker (killed, out of memory, host gone): it is marked failed and
# queued again.
RESTARTED_AFTER = {}

# Work a model row records (poster batches, import runs): by task path, the app's function
# `settle(task_id, act)` that settles the row of a run through `run_died` (which marks the run
# failed when it died) and returns whether it died; with act=False it only tells. A run no
# row records any more died with nobody to show it.
SETTLED_BY = {}

# Periodic work of other apps, run by `sweep` (cms_pages imports no sibling app).
SWEEPS = []


class WorkerDied(Exception):
    """Stored as the error of a run taken for dead."""


def restart_when_dead(task, after=timedelta(minutes=30)):
    """Register `task`, which must be safe to run again: a run taken for dead may have done
    part of its work, and one taken for dead wrongly finishes beside its replacement."""
    RESTARTED_AFTER[task.module_path] = after
    return task


def settled_by(task, settle):
    """Register `task` as work whose row `settle(task_id, act)` settles: failed, not run again
    by itself (the editor starts it again from its page, with what it shows now)."""
    SETTLED_BY[task.module_path] = settle
    return task


def swept(function):
    """Register `function` to run at every `sweep`; it must be safe to run on several workers
    at once."""
    SWEEPS.append(function)
    return function


def _database_backend():
    from django_tasks_db.backend import DatabaseBackend

    return isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend)


def unsettled_runs():
    """Runs that may have died: running past the shortest limit, or (work a row records)
    waiting that long after they were due."""
    from django_tasks_db.models import DBTaskResult, get_date_max

    cut = timezone.now() - STALE_AFTER
    overdue = Q(
        status=TaskResultStatus.READY, task_path__in=list(SETTLED_BY), enqueued_at__lt=cut
    ) & (Q(run_after__lt=cut) | Q(run_after=get_date_max()))
    return DBTaskResult.objects.filter(
        Q(status=TaskResultStatus.RUNNING, started_at__lt=cut) | overdue
    )


def settle_run(run, now=None, act=True):
    """The one decision whether the run `run` (a DBTaskResult waiting or running) died, by
    the rule of its kind. With `act`, acted on: marked failed with the reason, and queued
    again for work that is restarted. True when it died (with `act`: when this call found it
    dead; a page or worker that settled it first wins)."""
    try:
        task = run.task  # imports the task's module, which registers it
    except (ImportError, SuspiciousOperation):
        return False
    settle = SETTLED_BY.get(run.task_path)
    if settle is not None:
        return bool(settle(str(run.pk), act))
    after = RESTARTED_AFTER.get(run.task_path)
    now = now or timezone.now()
    if after is None or run.status != TaskResultStatus.RUNNING or run.started_at >= now - after:
        return False
    if not act:
        return True
    reason = _("执行超过 %(minutes)d 分钟仍未结束，视为执行它的进程已退出，任务将重新执行") % {
        "minutes": after.total_seconds() // 60
    }
    if not mark_dead(run.pk, reason):
        return False
    args, kwargs = run.args_kwargs["args"], run.args_kwargs["kwargs"]
    if not waiting(task, args):
        task.enqueue(*args, **kwargs)
    return True


def dead_runs():
    """How many runs died and are not yet marked failed or restarted (for /healthz: more
    than a few means no worker sweeps)."""
    if not _database_backend():
        return 0
    now = timezone.now()
    return sum(settle_run(run, now, act=False) for run in unsettled_runs())


def settle_task(task_id):
    """`settle_run` for the run `task_id`, for a page that shows that run."""
    from django_tasks_db.models import DBTaskResult

    if not _database_backend():
        return False
    run = DBTaskResult.objects.filter(
        pk=task_id, status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]
    ).first()
    return run is not None and settle_run(run)


def restart_dead_runs():
    """Settle each run that may have died (`settle_run`); returns the task paths of those
    found dead. Called by the admin's task list, whenever a worker starts a task
    (cms_pages.apps) and by every worker's `sweep`."""
    if not _database_backend():
        return []
    now = timezone.now()
    return [run.task_path for run in unsettled_runs() if settle_run(run, now)]


def sweep():
    """What every worker does every few minutes (cms_pages.worker): dead runs are failed or
    restarted, and each app's periodic work (overdue scheduled releases) is started."""
    restart_dead_runs()
    for function in SWEEPS:
        function()


def restart_dead_runs_before_task(sender, **kwargs):
    """A worker starting a task first restarts the dead runs (a worker restarted by systemd
    after its predecessor died finds them). Never fails the task it precedes."""
    try:
        restart_dead_runs()
    except Exception:
        logger.exception("Could not restart dead task runs")
