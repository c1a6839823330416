"""A department import whose results join a reform batch instead of being published one by one.

The rows are planned and written exactly as in any import (drafts, never published here);
then the revisions of the new and changed matters join the batch through
`reform.assembly.join_batch`, inside the import's transaction, so the import and the
batch's new revision are written together or not at all. The batch is checked before
anything is read (the user may edit it, it is neither in moderation nor released); the join
checks again under a lock, and a refusal there undoes the whole import.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from wagtail.models import Page, Revision, WorkflowState

from reform.assembly import batch_draft, join_batch
from reform.models import BatchRelease, ReformBatchPage
from reform.release import BatchReleaseError, latest_draft
from spreadsheets.text import normalise

from .models import CHANGED, NEW

CHUNK = 500


class BatchJoinError(Exception):
    """The batch cannot take the import's revisions; nothing was read or written."""


def check_batch(batch, user, publish=False):
    """Raise BatchJoinError unless `user` (None: the server operator) may add to `batch` now."""
    if publish:
        raise BatchJoinError(
            _("加入改革批次的事项随批次一起发布，不能同时选择“直接发布”；请去掉直接发布后再导入。")
        )
    if user is not None and not batch.permissions_for_user(user).can_edit():
        raise BatchJoinError(
            _("你没有编辑改革批次“%(title)s”的权限，不能把事项加入该批次。")
            % {"title": batch.title}
        )
    try:
        with transaction.atomic():
            batch_draft(batch)
    except BatchReleaseError as error:
        raise BatchJoinError(
            _("不能加入改革批次“%(title)s”：%(message)s")
            % {"title": batch.title, "message": error.message}
        ) from error


def assemblable_batches(user):
    """Batches still being assembled (not released, not in moderation) that `user` may edit."""
    released = BatchRelease.objects.filter(rolled_back_at__isnull=True).values("batch_id")
    in_review = WorkflowState.objects.active().filter(
        base_content_type=ContentType.objects.get_for_model(Page)
    )
    reviewed = {int(i) for i in in_review.values_list("object_id", flat=True)}
    candidates = ReformBatchPage.objects.exclude(pk__in=released).exclude(pk__in=reviewed)
    ids = [b.pk for b in candidates
           if user is None or b.permissions_for_user(user).can_edit()]  # fmt: skip
    return ReformBatchPage.objects.filter(pk__in=ids).order_by("-number", "-pk")


def find_batch(text):
    """The batch a command line names by page id, number (4, 第4批) or title."""
    if not text:
        return None
    text = normalise(text)
    # i18n: data
    number = text.removeprefix("第").removesuffix("批")
    lookup = Q(title=text)
    if number.isdigit():
        lookup |= Q(pk=int(number)) | Q(number=int(number))
    found = list(ReformBatchPage.objects.filter(lookup).order_by("pk"))
    if len(found) > 1:
        open_ones = {b.pk for b in assemblable_batches(None).filter(pk__in=[b.pk for b in found])}
        found = [b for b in found if b.pk in open_ones] or found
    if not found:
        raise CommandError(
            _("没有改革批次“%(text)s”（可用页面 ID、批次序号或标题）。") % {"text": text}
        )
    if len(found) > 1:
        listed = "；".join(f"ID {b.pk}：{b.title}" for b in found)
        raise CommandError(
            _("“%(text)s”可指多个改革批次（%(listed)s），请改用标题。")
            % {"text": text, "listed": listed}
        )
    return found[0]


def join_plans(batch, plans, user):
    """Add the revisions the import wrote for new and changed rows to the batch, in file
    order; returns reform's JoinResult. Call inside the import's transaction."""
    ids = [p.revision_id for p in plans if p.status in (NEW, CHANGED) and p.revision_id]
    found = {}
    for start in range(0, len(ids), CHUNK):
        part = ids[start : start + CHUNK]
        fields = ("id", "content_type_id", "object_id")
        found.update(Revision.objects.only(*fields).in_bulk(part))
    return join_batch(batch, [found[i] for i in ids], user=user)


def member_ids(batch):
    """Ids of the matters the batch's latest revision lists."""
    return [member.matter_id for member in latest_draft(batch).members.all()]


def batch_report(batch, plans, joined=None):
    """What the run record says about the batch: which one, and what joined (or would)."""
    report = {"id": batch.pk, "title": batch.title,
              "pending": sum(1 for p in plans if p.status in (NEW, CHANGED))}  # fmt: skip
    if joined is not None:
        report.update(added=joined.added, updated=joined.updated, unchanged=joined.unchanged)
    return report
