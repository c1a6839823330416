"""The matters behind a figure: which matters are public, and the query-string filters a
figure's link carries (`/opendata/matters/?level=县级&visits=0`).

Every figure on the statistics page is computed over `public_matters()` and links to the
same queryset narrowed by a MatterQuery, so a number and the list behind it always agree.
"""

import functools
from dataclasses import dataclass, fields
from urllib.parse import urlencode as _urlencode

from django.db.models import Q
from django.urls import get_script_prefix
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cms_pages.service_rules import AT_MOST_ONCE, FULLY_ONLINE, IMMEDIATE, ZERO_VISITS
from cms_pages.taxonomy import LEVELS, MATTER_TYPES

FAST_DAYS = 5  # "done within 5 days" counts promised time limits up to this many days

VISIT_CHOICES = {"0": ZERO_VISITS.label, "1": AT_MOST_ONCE.label, "2": _("跑动两次及以上")}
MAX_DAYS_LIMIT = 3650


def public_matters():
    """Matters a visitor may see: published and not behind a privacy or password restriction."""
    from cms_pages.models import MatterPage

    return MatterPage.objects.live().public()


def _int(raw, maximum=10**9):
    return int(raw) if raw.isdigit() and len(raw) < 10 and int(raw) <= maximum else None


def _one_of(choices):
    return lambda raw: raw if raw in choices else None


def _flag(raw):
    return "1" if raw == "1" else None


@dataclass(frozen=True)
class MatterQuery:
    """Filters from a query string; unknown values are reported, never a server error."""

    department: int | None = None
    theme: int | None = None
    level: str | None = None
    type: str | None = None
    visits: str | None = None
    online: str | None = None
    immediate: str | None = None
    max_days: int | None = None
    reformed: str | None = None
    batch: int | None = None

    CLEANERS = {
        "department": _int,
        "theme": _int,
        "level": _one_of(LEVELS),
        "type": _one_of(MATTER_TYPES),
        "visits": _one_of(VISIT_CHOICES),
        "online": _flag,
        "immediate": _flag,
        "max_days": lambda raw: _int(raw, MAX_DAYS_LIMIT),
        "reformed": _flag,
        "batch": _int,
    }

    @classmethod
    def names(cls):
        return [f.name for f in fields(cls)]

    @classmethod
    def from_params(cls, params):
        """(query, names of parameters whose values were not understood)."""
        values, invalid = {}, []
        for name in cls.names():
            raw = (params.get(name) or "").strip()
            if not raw:
                continue
            value = cls.CLEANERS[name](raw)
            if value is None:
                invalid.append(name)
            else:
                values[name] = value
        return cls(**values), invalid

    @property
    def is_empty(self):
        return all(getattr(self, name) is None for name in self.names())

    def apply(self, matters):
        if self.department is not None:
            matters = matters.filter(department_id=self.department)
        if self.theme is not None:
            matters = matters.filter(themes__id=self.theme)
        if self.level is not None:
            matters = matters.filter(level=self.level)
        if self.type is not None:
            matters = matters.filter(matter_type=self.type)
        if self.visits == "0":
            matters = matters.filter(ZERO_VISITS.q())
        elif self.visits == "1":
            matters = matters.filter(AT_MOST_ONCE.q())
        elif self.visits == "2":
            matters = matters.exclude(AT_MOST_ONCE.q())
        if self.online:
            matters = matters.filter(FULLY_ONLINE.q())
        if self.immediate:
            matters = matters.filter(IMMEDIATE.q())
        if self.max_days is not None:
            matters = matters.filter(promised_days__lte=self.max_days)
        if self.reformed:
            matters = matters.filter(reformed_condition())
        if self.batch is not None:
            matters = matters.filter(id__in=batch_matter_ids(self.batch))
        return matters.distinct() if self.theme is not None else matters

    def matters(self):
        return self.apply(public_matters())

    def querystring(self):
        return urlencode(
            {name: getattr(self, name) for name in self.names() if getattr(self, name) is not None}
        )

    def describe(self):
        """The filters in words, for the heading of the list: ["行使层级：县级", …]."""
        from cms_pages.models import DepartmentPage, Theme

        words = []
        if self.department is not None:
            title = DepartmentPage.objects.filter(pk=self.department).values_list("title")
            words.append(_("实施主体：%(v)s") % {"v": next(iter(title), [_("（不存在）")])[0]})
        if self.theme is not None:
            theme = Theme.objects.filter(pk=self.theme).first()
            words.append(_("主题：%(v)s") % {"v": theme or _("（不存在）")})
        if self.level is not None:
            words.append(_("行使层级：%(v)s") % {"v": self.level})
        if self.type is not None:
            words.append(_("事项类型：%(v)s") % {"v": self.type})
        if self.visits is not None:
            words.append(VISIT_CHOICES[self.visits])
        if self.online:
            words.append(FULLY_ONLINE.label)
        if self.immediate:
            words.append(IMMEDIATE.label)
        if self.max_days is not None:
            words.append(_("承诺时限不超过%(n)s天") % {"n": self.max_days})
        if self.reformed:
            words.append(_("有改革前数据"))
        if self.batch is not None:
            words.append(_("改革批次：%(v)s") % {"v": batch_title(self.batch)})
        return [str(w) for w in words]


def link(**filters):
    """The URL of the matter list behind a figure."""
    unknown = set(filters) - set(QUERY_NAMES)
    if unknown:
        raise TypeError(f"unknown matter filters: {sorted(unknown)}")
    return MatterLink(
        tuple((name, filters[name]) for name in QUERY_NAMES if filters.get(name) is not None)
    )


@dataclass(frozen=True)
class MatterLink:
    """A figure's link, made into a URL only when shown: a city's statistics carry tens of
    thousands of figures (every department row) and a page shows a few hundred."""

    filters: tuple

    def __str__(self):
        base = _list_url(get_script_prefix(), get_language())
        return base + (f"?{_urlencode(self.filters)}" if self.filters else "")

    def __html__(self):
        return escape(str(self))


@functools.lru_cache(maxsize=64)
def _list_url(_script_prefix, _language):
    from django.urls import reverse

    return reverse("opendata:matters")


QUERY_NAMES = tuple(MatterQuery.names())


def reformed_condition():
    """Matters that state at least one pre-reform figure."""
    condition = Q()
    for name in BEFORE_FIELDS.values():
        condition |= Q(**{f"{name}__isnull": False})
    return condition


# Pre-reform figure → the MatterPage field that holds it.
BEFORE_FIELDS = {
    "visits": "before_visits",
    "steps": "before_steps",
    "materials": "before_materials",
    "statutory_days": "before_statutory_days",
    "promised_days": "before_promised_days",
}


def active_releases():
    """{batch id: release}: each live batch's newest release that was not rolled back."""
    from reform.models import BatchRelease

    active = {}
    for release in (
        BatchRelease.objects.filter(rolled_back_at__isnull=True, batch__live=True)
        .select_related("batch")
        .order_by("released_at", "pk")
    ):
        active[release.batch_id] = release
    return active


def batch_matter_ids(batch_id):
    from reform.models import ReleasedMatter

    release = active_releases().get(batch_id)
    return ReleasedMatter.objects.filter(release=release).values("matter_id")


def batch_title(batch_id):
    from reform.models import ReformBatchPage

    return next(
        iter(ReformBatchPage.objects.filter(pk=batch_id).values_list("title", flat=True)),
        _("（不存在）"),
    )
