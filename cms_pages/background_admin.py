"""后台任务 (admin → 报告, superusers): the recent background tasks with their state and result,
so that work started by cron or a publish (reminders, catalogue files, replays) is visible."""

import json

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from .background import TASK_LABELS, restart_dead_runs

SHOWN = 100
STATES = {
    TaskResultStatus.READY: _("排队中"),
    TaskResultStatus.RUNNING: _("执行中"),
    TaskResultStatus.SUCCESSFUL: _("已完成"),
    TaskResultStatus.FAILED: _("失败"),
}


def _row(result):
    name = result.task_name  # imports the task's module, which describes its tasks
    failed = result.status == TaskResultStatus.FAILED
    outcome = result.traceback.strip().splitlines()[-1] if failed and result.traceback else ""
    if not failed and result.return_value is not None:
        outcome = json.dumps(result.return_value, ensure_ascii=False)
    return {
        "label": TASK_LABELS.get(result.task_path, name),
        "status": result.status,
        "state": STATES.get(result.status, result.status),
        "enqueued_at": result.enqueued_at,
        "run_after": None if result.run_after == get_date_max() else result.run_after,
        "started_at": result.started_at,
        "finished_at": result.finished_at,
        "outcome": outcome[:300],
    }


def background_tasks(request):
    if not request.user.is_superuser:
        raise PermissionDenied
    restart_dead_runs()
    results = DBTaskResult.objects.order_by("-enqueued_at")[:SHOWN]
    return render(request, "cms_pages/admin/background_tasks.html",
                  {"rows": [_row(r) for r in results], "shown": SHOWN})  # fmt: skip
