"""Engine updates that survive the engine being down.

`record` runs inside the transaction that published (or unpublished, moved, deleted) pages:
it updates the database backend at once and, when an engine is configured, writes one
outbox row per matter. After commit the rows are delivered; rows the engine could not take
stay pending until a replay task (search/tasks.py, queued when a delivery fails) or
`manage.py search_index replay` takes them, or the next successful delivery.

Kept search answers (results_cache.py) are dropped only for a change that can alter them: a
republish that leaves the matter's document as it was (documents.fingerprint) still writes and
delivers its row, but neither its commit nor its delivery advances the results generation.
"""

import threading
from contextlib import contextmanager
from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from . import results_cache
from .backends import DatabaseBackend, OpenSearchBackend
from .client import EngineUnavailable, engine_configured
from .models import OutboxEntry

BATCH = 500
KEEP_DELIVERED = timedelta(days=1)
REBUILD_MARGIN = timedelta(minutes=1)


_gathering = threading.local()


@contextmanager
def gathered():
    """Inside this block `record` only gathers page ids; they are recorded once at the end.
    A reform batch publishes thousands of matters in one transaction: one index update for
    all of them instead of one per page."""
    if getattr(_gathering, "ids", None) is not None:
        yield
        return
    _gathering.ids = set()
    try:
        yield
        ids = _gathering.ids
    finally:
        _gathering.ids = None
    record(ids)


def record(page_ids):
    page_ids = set(page_ids)
    if not page_ids:
        return
    if getattr(_gathering, "ids", None) is not None:
        _gathering.ids |= page_ids
        return
    changed = DatabaseBackend().update(page_ids)
    if changed:
        results_cache.advance_after_commit()
    if not engine_configured():
        return
    entries = OutboxEntry.objects.bulk_create(
        [OutboxEntry(page_id=pk, alters_answers=pk in changed) for pk in page_ids]
    )
    entry_ids = [e.pk for e in entries]
    transaction.on_commit(lambda: _deliver_then_catch_up(entry_ids), robust=True)


def pending():
    return OutboxEntry.objects.filter(delivered_at__isnull=True)


def deliver(entries):
    """Send these entries' matters to the engine; True when the engine took them all."""
    entries = list(entries)
    if not entries:
        return True
    ids = [e.pk for e in entries]
    try:
        OpenSearchBackend().update({e.page_id for e in entries})
    except EngineUnavailable as error:
        OutboxEntry.objects.filter(pk__in=ids).update(
            attempts=F("attempts") + 1, last_error=str(error)[:300]
        )
        return False
    OutboxEntry.objects.filter(pk__in=ids).update(delivered_at=timezone.now())
    if _alters_answers(entries):
        results_cache.advance()
    return True


def _alters_answers(entries):
    """Whether the engine's answers may have changed with this delivery: an entry carried a
    change, or a matter it sent has an older change still pending (the engine was down then),
    which the current document it just took includes."""
    if any(e.alters_answers for e in entries):
        return True
    return pending().filter(page_id__in={e.page_id for e in entries}, alters_answers=True).exists()


def _deliver_then_catch_up(entry_ids):
    if deliver(pending().filter(pk__in=entry_ids)):
        # The engine answers again: take one batch of what piled up while it did not.
        deliver(pending().order_by("pk")[:BATCH])
    if pending().exists():
        from .tasks import schedule_replay

        schedule_replay()


def replay(progress=None):
    """Deliver everything pending, oldest first. Returns (delivered, still pending)."""
    delivered = 0
    while True:
        batch = list(pending().order_by("pk")[:BATCH])
        if not batch or not deliver(batch):
            break
        delivered += len(batch)
        if progress:
            progress(len(batch))
    OutboxEntry.objects.filter(delivered_at__lt=timezone.now() - KEEP_DELIVERED).delete()
    return delivered, pending().count()


def after_rebuild(started):
    """A rebuild read the database from `started` on: what was pending before is in the new
    index; what was recorded since may have gone to the old one, so it is delivered again.
    A margin covers publishes that began before `started` but committed after it."""
    since = started - REBUILD_MARGIN
    pending().filter(created_at__lt=since).update(delivered_at=timezone.now())
    recent = OutboxEntry.objects.filter(created_at__gte=since)
    page_ids = set(recent.values_list("page_id", flat=True))
    if page_ids:
        OpenSearchBackend().update(page_ids)
        recent.filter(delivered_at__isnull=True).update(delivered_at=timezone.now())
    return len(page_ids)
