"""What a poster says about a matter: gathered from the live page, one query per set of matters.

The poster's fingerprint is the hash of everything printed on it, so a cached PDF stays valid
exactly as long as nothing on the poster would change."""

import hashlib
import json
import re
from dataclasses import asdict, dataclass

from django.conf import settings
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cms_pages.models import CentreSettings, MatterPage
from cms_pages.params import is_code


@dataclass(frozen=True)
class Poster:
    code: str
    revision: int
    centre: str
    hotline: str
    title: str
    department: str
    badges: tuple[tuple[str, str], ...]  # (kind, label): kind picks the colour
    time_limit: str
    fee: str
    fee_detail: str
    materials: int
    visits: int
    window: str
    hours: str
    scan_url: str
    short_url: str
    published: str

    @property
    def fingerprint(self):
        data = json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(data.encode()).hexdigest()

    @property
    def text(self):
        return json.dumps(asdict(self), ensure_ascii=False)


def poster_revision(matter):
    """The revision a poster printed now carries; pages loaded without revisions count as 0."""
    return matter.live_revision_id or 0


def public_url(path):
    return settings.PUBLIC_BASE_URL.rstrip("/") + path


def scan_url(code, revision):
    return public_url(reverse("poster-scan", args=[code])) + f"?v={revision}"


def posters_for(matters):
    """Posters for a queryset of matter pages, in its order."""
    centre = CentreSettings.load()
    rows = matters.select_related("department", "window").annotate(
        material_count=Count("materials", distinct=True)
    )
    return [_poster(matter, centre) for matter in rows]


def poster_for(matter):
    return posters_for(MatterPage.objects.filter(pk=matter.pk))[0]


def _poster(matter, centre):
    # Posters hang in the hall: Chinese, whatever language the person printing them reads.
    with translation.override(settings.LANGUAGE_CODE):
        return _printed_poster(matter, centre)


def _printed_poster(matter, centre):
    revision = poster_revision(matter)
    published = matter.last_published_at
    return Poster(
        code=matter.code,
        revision=revision,
        centre=centre.name,
        hotline=centre.hotline,
        title=matter.title,
        department=matter.department.title if matter.department else "",
        badges=tuple(matter.rule_badges),
        time_limit=time_limit(matter),
        fee=_("收费") if matter.fee_charged else _("不收费"),
        fee_detail=first_clause(matter.fee_standard) if matter.fee_charged else "",
        materials=matter.material_count,
        visits=matter.visits,
        window=matter.window_text or (matter.window.name if matter.window else matter.place),
        hours=matter.hours,
        scan_url=scan_url(matter.code, revision)
        if is_code(matter.code)
        else public_url(matter.url),
        short_url=re.sub(r"^https?://", "", public_url(matter.short_url)),
        published=timezone.localtime(published).date().isoformat() if published else "",
    )


def time_limit(matter):
    if matter.promised_days == 0:
        return _("当场办结")
    return _("%(days)s个%(unit)s") % {"days": matter.promised_days, "unit": matter.time_unit}


def first_clause(text):
    return re.split(r"[；;。\n]", text.strip(), maxsplit=1)[0]
