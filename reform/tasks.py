"""Scheduled batch releases as background tasks (django-tasks; `manage.py db_worker` runs
them). A batch approved ahead of its go-live time gets a task held until that time; every
worker's sweep (cms_pages.worker) restarts a release whose worker died and starts a due one
that no task holds; Wagtail's `publish_scheduled` from cron does the same where no worker
runs."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import TaskResultStatus, default_task_backend, task
from wagtail.models import Revision

from cms_pages.background import (
    describe,
    latest_result,
    restart_when_dead,
    settle_task,
    swept,
    waiting,
)

# A release of thousands of matters reports no progress: a running release task is taken
# for dead only after this long.
RELEASE_STALE_AFTER = timedelta(minutes=30)


@task()
def release_scheduled_batch(revision_id):
    from .models import ReformBatchPage
    from .release import SCHEDULED, latest_refusal

    revision = Revision.objects.filter(pk=revision_id, approved_go_live_at__isnull=False).first()
    if revision is None:  # released already, unscheduled, or refused
        return {"released": False}
    if revision.approved_go_live_at > timezone.now():  # planned for later meanwhile
        schedule_release(revision)
        return {"released": False, "planned": revision.approved_go_live_at.isoformat()}
    revision.publish(log_action=SCHEDULED)
    batch = ReformBatchPage.objects.get(pk=revision.object_id)
    refusal = latest_refusal(batch)
    return {"released": batch.live, "refused": refusal.data["message"] if refusal else ""}


# Safe to run again: a release whose worker died rolled back with its transaction, and a
# revision released meanwhile is no longer scheduled.
restart_when_dead(describe(release_scheduled_batch, _("改革批次定时发布")), RELEASE_STALE_AFTER)


def due_releases(before=None):
    """Approved batch revisions whose go-live time (or `before`) has passed: not released yet."""
    from django.contrib.contenttypes.models import ContentType

    from .models import ReformBatchPage

    return Revision.objects.filter(
        content_type=ContentType.objects.get_for_model(ReformBatchPage),
        approved_go_live_at__lte=before or timezone.now(),
    )


@swept
def start_due_releases():
    """Queue the release of each due revision that no release task ever held: approved while
    the backend could not hold a task, or its task was lost. One whose task died is restarted
    by the sweep's dead-run rule; one whose task failed waits for the reform office, whose
    batch page shows the failure and queues it again."""
    if not default_task_backend.supports_defer:
        return
    for revision in due_releases():
        if latest_result(release_scheduled_batch, revision.pk) is None:
            release_scheduled_batch.enqueue(revision.pk)


def schedule_release(revision):
    """After commit, a task held until the revision's go-live time (backends that cannot hold
    a task leave it to `publish_scheduled`)."""
    if not default_task_backend.supports_defer:
        return
    transaction.on_commit(
        lambda: release_scheduled_batch.using(run_after=revision.approved_go_live_at).enqueue(
            revision.pk
        ),
        robust=True,
    )


STATES = {
    TaskResultStatus.READY: _("等待发布时间，到时由后台任务发布"),
    TaskResultStatus.RUNNING: _("后台任务正在发布"),
    TaskResultStatus.SUCCESSFUL: _("后台任务已完成"),
    TaskResultStatus.FAILED: _("后台任务失败"),
}


def release_task(batch):
    """What the task releasing the batch's scheduled revision is doing, for its status page:
    (state, requeued). One whose worker died is queued again: its release rolled back with
    its transaction and the revision is still scheduled."""
    revision = batch.revisions.filter(approved_go_live_at__isnull=False).order_by("-pk").first()
    result = revision and latest_result(release_scheduled_batch, revision.pk)
    if not result:
        return None
    died = result.status == TaskResultStatus.RUNNING and settle_task(result.id)
    if result.status == TaskResultStatus.FAILED and not waiting(
        release_scheduled_batch, [revision.pk]
    ):
        release_scheduled_batch.enqueue(revision.pk)
        died = True
    if died:
        result = latest_result(release_scheduled_batch, revision.pk)
    return {"state": STATES[result.status], "requeued": died}
