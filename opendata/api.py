"""`/api/v2/matters/`: the public catalogue as structured data, read-only.

Only public pages (live, not private or password-protected, in the requested site) are
listed, from the live page rows, so a pending draft never shows. Filters are validated and a
bad value answers 400 with a Chinese message naming it.
"""

import datetime
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _
from rest_framework.filters import BaseFilterBackend
from wagtail.api.querysets import get_public_pages_queryset
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.serializers import PageHtmlUrlField, PageSerializer
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet

from cms_pages.models import MatterPage
from cms_pages.page_cache import content_generation
from cms_pages.taxonomy import CARE_TAG_ALIASES, CARE_TAGS, LEVELS, MATTER_TYPES

from .public_urls import page_public_url

ORDERINGS = ("code", "title", "visits", "promised_days", "first_published_at",
             "last_published_at")  # fmt: skip
COUNT_TTL = 3600
RELATIONS = ("themes", "care_tags", "materials", "legal_bases", "fee_items")
FILTERS = ("department", "theme", "level", "care", "matter_type", "visits", "max_visits",
           "online_depth", "max_days", "code", "updated_since")  # fmt: skip


def _number(name, raw, maximum=10**6):
    if not (raw.isdigit() and len(raw) < 8 and int(raw) <= maximum):
        raise BadRequestError(
            _("参数 %(name)s 应为 0 到 %(max)s 之间的整数，收到“%(value)s”。")
            % {"name": name, "max": maximum, "value": raw[:30]}
        )
    return int(raw)


def _choice(name, raw, choices):
    if raw not in choices:
        raise BadRequestError(
            _("参数 %(name)s 只能是：%(choices)s；收到“%(value)s”。")
            % {"name": name, "choices": "、".join(choices), "value": raw[:30]}
        )
    return raw


def _date(name, raw):
    try:
        return datetime.date.fromisoformat(raw)
    except ValueError:
        raise BadRequestError(
            _("参数 %(name)s 应为日期，如 2026-01-31；收到“%(value)s”。")
            % {"name": name, "value": raw[:30]}
        ) from None


class MatterFilterBackend(BaseFilterBackend):
    """?department=<id>&theme=<id>&level=县级&care=老年人&matter_type=行政许可&visits=0
    &max_visits=1&online_depth=4&max_days=5&code=…&updated_since=2026-01-01&order=-visits"""

    def filter_queryset(self, request, queryset, view):
        params = {k: v.strip() for k, v in request.GET.items()}
        if raw := params.get("department"):
            queryset = queryset.filter(department_id=_number("department", raw, 10**9))
        if raw := params.get("theme"):
            queryset = queryset.filter(themes__id=_number("theme", raw, 10**9))
        if raw := params.get("level"):
            queryset = queryset.filter(level=_choice("level", raw, LEVELS))
        if raw := params.get("care"):
            name = _choice("care", CARE_TAG_ALIASES.get(raw, raw), CARE_TAGS)
            queryset = queryset.filter(care_tags__name=name)
        if raw := params.get("matter_type"):
            queryset = queryset.filter(matter_type=_choice("matter_type", raw, MATTER_TYPES))
        if raw := params.get("visits"):
            queryset = queryset.filter(visits=_number("visits", raw, 9))
        if raw := params.get("max_visits"):
            queryset = queryset.filter(visits__lte=_number("max_visits", raw, 9))
        if raw := params.get("online_depth"):
            queryset = queryset.filter(online_depth=_choice("online_depth", raw, "1234"))
        if raw := params.get("max_days"):
            queryset = queryset.filter(promised_days__lte=_number("max_days", raw))
        if raw := params.get("code"):
            queryset = queryset.filter(code=raw[:64])
        if raw := params.get("updated_since"):
            queryset = queryset.filter(last_published_at__date__gte=_date("updated_since", raw))
        return queryset.order_by(*self._ordering(params.get("order")), "path")

    @staticmethod
    def _ordering(raw):
        if not raw:
            return []
        allowed = [*ORDERINGS, *(f"-{name}" for name in ORDERINGS)]
        return [_choice("order", raw, allowed)]


class MatterPagination(WagtailPagination):
    """Wagtail's limit/offset paging with Chinese errors; the total of a filter is counted
    once per publish (paging through 12,000 matters asks for it on every page)."""

    def paginate_queryset(self, queryset, request, view=None):
        limit_max = getattr(settings, "WAGTAILAPI_LIMIT_MAX", 20)
        numbers = {}
        for name, default, maximum in (("offset", 0, 10**7), ("limit", 20, limit_max)):
            raw = (request.GET.get(name) or "").strip()
            numbers[name] = _number(name, raw, maximum) if raw else min(default, limit_max)
        filters = sorted((k, v) for k, v in request.GET.items() if k in FILTERS or k == "site")
        digest = hashlib.sha256(repr(filters).encode()).hexdigest()[:32]
        key = f"opendata:api-count:{content_generation()}:{digest}"
        self.view = view
        self.total_count = cache.get_or_set(key, queryset.count, COUNT_TTL)
        start = numbers["offset"]
        return queryset[start : start + numbers["limit"]]


class PublicHtmlUrlField(PageHtmlUrlField):
    def to_representation(self, page):
        return page_public_url(page, self.context.get("request"))


class MatterSerializer(PageSerializer):
    html_url = PublicHtmlUrlField(read_only=True)


class MatterAPIViewSet(PagesAPIViewSet):
    """Matters with their structured fields (MatterPage.api_fields)."""

    name = "matters"
    model = MatterPage
    base_serializer_class = MatterSerializer
    filter_backends = [MatterFilterBackend]
    pagination_class = MatterPagination
    known_query_parameters = frozenset(
        ["limit", "offset", "fields", "order", "format", "site", *FILTERS]
    )
    listing_default_fields = PagesAPIViewSet.listing_default_fields + [
        "code", "matter_type", "level", "department", "visits", "online_depth",
        "statutory_days", "promised_days", "time_unit", "short_url",
    ]  # fmt: skip

    def get_queryset(self):
        # The public pages of the requested site, as MatterPage rows directly (no subquery
        # over all pages); .public() also leaves out pages a session has the password for.
        try:
            matters = get_public_pages_queryset(self.request, model=MatterPage).public()
        except ValueError as error:
            raise BadRequestError(str(error)) from error
        return matters.select_related("department").prefetch_related(*self._relations())

    def _relations(self):
        """A list page shows no relation unless ?fields= asks for it (prefetching every
        matter's materials was most of a list request's time)."""
        if self.action != "listing_view":
            return RELATIONS
        wanted = self.request.GET.get("fields", "")
        return [name for name in RELATIONS if "*" in wanted or name in wanted]

    def check_query_parameters(self, queryset):
        unknown = sorted(set(self.request.GET) - self.known_query_parameters)
        if unknown:
            raise BadRequestError(
                _("不认识的参数：%(names)s。可用的参数：%(known)s。")
                % {"names": "、".join(unknown)[:100],
                   "known": "、".join(sorted(self.known_query_parameters))}
            )  # fmt: skip

    def handle_exception(self, exc):
        # i18n: data
        if isinstance(exc, BadRequestError) and not any(
            "\u4e00" <= ch <= "\u9fff" for ch in str(exc)
        ):
            exc = BadRequestError(_("请求参数有误：%(detail)s") % {"detail": exc})
        return super().handle_exception(exc)
