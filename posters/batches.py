"""Batch PDFs: one page per matter of a source, built once per content and kept until it changes.

A request fingerprints what the batch would print now. The same fingerprint returns the batch
already built (or being built); a different one means a member changed, and a new batch is
built in the background while the editor watches its progress."""

import hashlib
import logging
import threading
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, connections, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .content import posters_for
from .models import PosterBatch
from .rendering import LAYOUT, SIZES, render_pdf
from .sources import get_source

logger = logging.getLogger(__name__)
# A build that has not reported progress for this long died with its process; start it again.
STALE_AFTER = timedelta(minutes=5)
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
        start(batch.pk, posters)
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


def start(batch_id, posters):
    """Build in a background thread (after the request's transaction commits), or right away
    when settings.POSTERS_BUILD_IN_BACKGROUND is False."""
    if not getattr(settings, "POSTERS_BUILD_IN_BACKGROUND", True):
        build(batch_id, posters)
        return

    def run():
        try:
            build(batch_id, posters)
        finally:
            connections.close_all()

    transaction.on_commit(
        lambda: threading.Thread(target=run, name=f"poster-batch-{batch_id}", daemon=True).start()
    )


def build(batch_id, posters, progress=None):
    """Render the batch PDF, reporting progress to the database (and to `progress`)."""
    batch = PosterBatch.objects.get(pk=batch_id)
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
