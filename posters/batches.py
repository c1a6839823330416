"""Batch PDFs: one page per matter of a source, built once per content and kept until it changes.

A request fingerprints what the batch would print now. The same fingerprint returns the batch
already built (or being built); a different one means a member changed, and a new batch is
built by a background task (django-tasks) while the editor watches its progress."""

import hashlib
import logging

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cms_pages.background import STALE_AFTER, run_died, settle_task_record

from .content import posters_for
from .models import PosterBatch
from .rendering import LAYOUT, SIZES, render_pdf
from .sources import get_source

logger = logging.getLogger(__name__)
PROGRESS_EVERY = 10


class BatchError(ValueError):
    """A request that cannot become a batch; the message is for the editor."""


def batch_key(kind, source_id, size, posters):
    digest = hashlib.sha256(f"{LAYOUT}|{kind}|{source_id}|{size}".encode())
    for poster in posters:
        digest.update(poster.fingerprint.encode())
    return digest.hexdigest()


def resolve(kind, pick):
    """(source, id, name) of a pick of a source, given by its id or its name."""
    try:
        source = get_source(kind)
    except KeyError:
        raise BatchError(_("未知的打印范围：%(kind)s。") % {"kind": kind}) from None
    for source_id, name in source.choices():
        if str(pick) in (source_id, name):
            return source, source_id, name
    raise BatchError(_("所选范围不存在或没有已发布的事项。"))


def request_batch(kind, source_id, size):
    """The batch for this source as it is now; starts building it if it is not built yet."""
    if size not in SIZES:
        raise BatchError(_("纸张尺寸只能是 A4 或 A3。"))
    source, source_id, title = resolve(kind, source_id)
    posters = posters_for(source.matters(source_id))
    key = batch_key(kind, source_id, size, posters)
    values = {"source": kind, "source_id": str(source_id), "title": title, "size": size,
              "total": len(posters)}  # fmt: skip
    try:
        with transaction.atomic():
            batch, _created = PosterBatch.objects.get_or_create(key=key, defaults=values)
    except IntegrityError:  # another editor asked for the same batch at the same moment
        batch = PosterBatch.objects.get(key=key)
    if claim(batch):
        start(batch.pk)
        batch.refresh_from_db()
    return batch


def claim(batch):
    """Mark the batch as building unless it is built or a live build already has it."""
    now = timezone.now()
    startable = Q(status__in=[PosterBatch.PENDING, PosterBatch.FAILED]) | Q(
        status=PosterBatch.BUILDING, updated_at__lt=now - STALE_AFTER
    )
    return bool(
        PosterBatch.objects.filter(startable, pk=batch.pk).update(
            status=PosterBatch.BUILDING, done=0, error="", updated_at=now
        )
    )


def start(batch_id):
    """Hand the build to a background task; its id is kept to notice when the task dies.
    Enqueued in the request's transaction, so a worker sees the task only with the batch."""
    from .tasks import build_poster_batch

    result = build_poster_batch.enqueue(batch_id)
    PosterBatch.objects.filter(pk=batch_id).update(task_id=result.id)


def settle(batch, act=True):
    """The batch as the editor should see it: a build whose task died is marked failed, in
    the task list too (`run_died`), so that it can be started again. With act=False only
    tells: the batch as it would be."""
    if batch.status not in (PosterBatch.PENDING, PosterBatch.BUILDING):
        return batch
    interrupted = _("后台任务已中断，请重新生成。")
    if run_died(batch.task_id, batch.updated_at, interrupted, mark=act):
        if not act:
            batch.status = PosterBatch.FAILED
            return batch
        PosterBatch.objects.filter(pk=batch.pk, status=batch.status).update(
            status=PosterBatch.FAILED, error=interrupted, updated_at=timezone.now()
        )
        batch.refresh_from_db()
    return batch


def settle_task_run(task_id, act=True):
    """For the task list: settle the batch a build run works on; True when the run died.
    A run whose batch was discarded, or started again by a newer run, has nothing left to do."""
    batch = PosterBatch.objects.filter(task_id=task_id).first()
    missing = _("它生成的海报批次已被删除或已重新生成。")
    return settle_task_record(task_id, act, batch, _failure, missing)


def _failure(batch, act):
    batch = settle(batch, act)
    return batch.error if batch.status == PosterBatch.FAILED else None


def posters_of(batch):
    source = get_source(batch.source)
    return posters_for(source.matters(batch.source_id))


def build(batch_id, posters=None, progress=None):
    """Render the batch PDF, reporting progress to the database (and to `progress`)."""
    batch = PosterBatch.objects.get(pk=batch_id)
    if posters is None:
        posters = posters_of(batch)
    rows = PosterBatch.objects.filter(pk=batch_id)

    def report(done):
        if progress:
            progress(done)
        if done % PROGRESS_EVERY == 0 or done == len(posters):
            rows.update(done=done, updated_at=timezone.now())

    try:
        data = render_pdf(posters, batch.size, report)
        name = default_storage.save(
            f"posters/batches/{slugify(batch.source)}-{batch.source_id}-{batch.size}-"
            f"{batch.key[:12]}.pdf",
            ContentFile(data),
        )
    except Exception as error:
        logger.exception("poster batch %s failed", batch_id)
        rows.update(status=PosterBatch.FAILED, error=str(error), updated_at=timezone.now())
        return
    if not rows.update(status=PosterBatch.READY, file=name, done=len(posters),
                       updated_at=timezone.now()):  # fmt: skip
        default_storage.delete(name)  # the batch was discarded while it was being built
        return
    discard_superseded(batch)


def discard_superseded(batch):
    """Older finished batches of the same source and size, with their files."""
    older = PosterBatch.objects.filter(
        source=batch.source, source_id=batch.source_id, size=batch.size,
        status__in=[PosterBatch.READY, PosterBatch.FAILED], created_at__lte=batch.created_at,
    ).exclude(pk=batch.pk)  # fmt: skip
    for old in older:
        if old.file:
            old.file.delete(save=False)
        old.delete()
