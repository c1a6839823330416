"""Counting poster scans and telling an outdated poster from a current one."""

import functools
from datetime import timedelta

from django.db import IntegrityError, connection, transaction
from django.db.models import Sum
from django.utils import timezone
from wagtail.models import Revision

from cms_pages import params

from .content import poster_revision
from .models import ScanCount

RECENT_DAYS = 30


def parse_revision(value):
    """The revision a scanned poster carries, or None when the link has none or a broken one."""
    return params.integer(value)


def is_outdated(revision, matter):
    """Only a real earlier revision of this very matter makes a poster outdated: any other
    number is a hand-typed or foreign link, and counting it would let anyone inflate the
    outdated-poster figures."""
    if revision is None or revision >= poster_revision(matter):
        return False
    return Revision.page_revisions.filter(object_id=str(matter.pk), pk=revision).exists()


def record_scan(matter, outdated):
    """Add one scan to today's count for the matter (safe under concurrent scans)."""
    today = timezone.localdate()
    if _add_to_count(matter.pk, today, outdated):
        return
    try:
        with transaction.atomic():
            ScanCount.objects.create(
                matter=matter, day=today, scans=1, outdated_scans=int(outdated)
            )
    except IntegrityError:
        _add_to_count(matter.pk, today, outdated)


@functools.cache
def _add_statement():
    # Written once: compiling the ORM's update for every scan took longer than running it.
    quote = connection.ops.quote_name
    field = ScanCount._meta.get_field
    scans, outdated = quote(field("scans").column), quote(field("outdated_scans").column)
    return (
        f"UPDATE {quote(ScanCount._meta.db_table)} SET {scans} = {scans} + 1, "
        f"{outdated} = {outdated} + %s "
        f"WHERE {quote(field('matter').column)} = %s AND {quote(field('day').column)} = %s"
    )


def _add_to_count(matter_id, day, outdated):
    """The number of rows counted (0 when the matter has no count for `day` yet)."""
    with connection.cursor() as cursor:
        day = connection.ops.adapt_datefield_value(day)
        cursor.execute(_add_statement(), [int(outdated), matter_id, day])
        return cursor.rowcount


def recent_since():
    return timezone.localdate() - timedelta(days=RECENT_DAYS - 1)


def scan_figures():
    """Totals for the statistics page: all time and the last RECENT_DAYS days."""
    all_time = ScanCount.objects.aggregate(scans=Sum("scans"))
    recent = ScanCount.objects.filter(day__gte=recent_since()).aggregate(
        scans=Sum("scans"), outdated=Sum("outdated_scans")
    )
    return {
        "total": all_time["scans"] or 0,
        "recent": recent["scans"] or 0,
        "recent_outdated": recent["outdated"] or 0,
        "days": RECENT_DAYS,
    }
