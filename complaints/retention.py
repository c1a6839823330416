"""Retention: personal data of finished cases is removed after COMPLAINTS_RETENTION_DAYS.

What stays is what the published figures need (category, matter, department, dates, the
public reply, the grade); what goes is everything that could identify or describe a person:
contact details, the complaint text, attachments, internal notes and rating comments."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Case, CaseEvent, Rating


def purgeable(days=None, now=None):
    days = settings.COMPLAINTS_RETENTION_DAYS if days is None else days
    cutoff = (now or timezone.now()) - timedelta(days=days)
    return Case.objects.filter(status__in=Case.FINISHED, closed_at__lt=cutoff, purged_at=None)


def purge(cases):
    """Remove personal data of the given cases; returns how many were purged."""
    count = 0
    for case in cases.iterator():
        with transaction.atomic():
            for attachment in case.attachments.all():
                attachment.file.delete(save=False)
                attachment.delete()
            CaseEvent.objects.filter(case=case).exclude(note="").update(note="")
            ratings = Rating.objects.filter(pk__in=[case.rating_id]) | Rating.objects.filter(
                complaint=case
            )
            ratings.update(contact_name="", contact_phone="", comment="")
            Case.objects.filter(pk=case.pk).update(
                contact_name="",
                contact_phone="",
                contact_email="",
                text=_("（已按保存期限清除）"),
                purged_at=timezone.now(),
            )
        count += 1
    return count
