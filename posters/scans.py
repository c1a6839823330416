"""Counting poster scans and telling an outdated poster from a current one."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import F, Sum
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
    increments = {"scans": F("scans") + 1}
    if outdated:
        increments["outdated_scans"] = F("outdated_scans") + 1
    counts = ScanCount.objects.filter(matter=matter, day=today)
    if counts.update(**increments):
        return
    try:
        with transaction.atomic():
            ScanCount.objects.create(
                matter=matter, day=today, scans=1, outdated_scans=int(outdated)
            )
    except IntegrityError:
        counts.update(**increments)


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
