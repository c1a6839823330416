"""Citizen-facing filters for matter listings (theme and department pages)."""

from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _

from .service_rules import ONLINE_OPTIONS, VISIT_OPTIONS
from .taxonomy import CARE_TAG_ALIASES, CARE_TAGS, LEGAL_PERSON, LEVELS, NATURAL_PERSON

PAGE_SIZE = 20

SERVICE_OBJECT_OPTIONS = [(NATURAL_PERSON, _("个人")), (LEGAL_PERSON, _("法人"))]


class MatterFilter:
    """Applies the query-string filters a citizen picked to a queryset of live matters."""

    def __init__(self, params, queryset, with_department=False, with_theme=False):
        self.params = params
        self.base = queryset
        self.with_department = with_department
        self.with_theme = with_theme
        self.selected = {
            key: params.get(key, "")
            for key in ("department", "object", "visits", "online", "theme", "level", "care")
        }
        care = self.selected["care"]
        self.selected["care"] = CARE_TAG_ALIASES.get(care, care)
        self.queryset = self._apply(queryset)

    def _apply(self, queryset):
        s = self.selected
        if s["department"].isdigit():
            queryset = queryset.filter(department_id=int(s["department"]))
        if s["theme"].isdigit():
            queryset = queryset.filter(themes__id=int(s["theme"]))
        if s["object"] in (NATURAL_PERSON, LEGAL_PERSON):
            queryset = queryset.filter(service_object__in=[s["object"], "both"])
        if s["level"] in LEVELS:
            queryset = queryset.filter(level=s["level"])
        if s["care"] in CARE_TAGS:
            queryset = queryset.filter(care_tags__name=s["care"])
        for value, options in ((s["visits"], VISIT_OPTIONS), (s["online"], ONLINE_OPTIONS)):
            if value in options:
                queryset = queryset.filter(options[value].q())
        return queryset.distinct().order_by("path")

    @property
    def department_options(self):
        if not self.with_department:
            return []
        from .models import DepartmentPage

        ids = self.base.values_list("department_id", flat=True).distinct()
        return DepartmentPage.objects.filter(id__in=ids).order_by("path")

    @property
    def theme_options(self):
        if not self.with_theme:
            return []
        from .models import Theme

        return Theme.objects.filter(matters__in=self.base).distinct()

    @property
    def level_options(self):
        """The levels the listing's matters are at, when there is a choice."""
        found = set(self.base.values_list("level", flat=True).distinct().order_by())
        return [level for level in LEVELS if level in found] if len(found) > 1 else []

    @property
    def care_options(self):
        """特别关爱 tags of the listing's matters (empty when none carries one)."""
        from .models import CareTag

        return list(CareTag.objects.filter(matters__in=self.base).distinct().order_by("sort_order"))

    service_object_options = SERVICE_OBJECT_OPTIONS
    visit_options = [(value, rule.label) for value, rule in VISIT_OPTIONS.items()]

    @property
    def is_active(self):
        return any(self.selected.values())

    def page(self, number):
        return Paginator(
            self.queryset.select_related("department").only(
                "id",
                "title",
                "url_path",
                "code",
                "visits",
                "online_depth",
                "promised_days",
                "time_unit",
                "fee_charged",
                "matter_type",
                "department__title",
                "department__id",
                "department__path",
                "department__url_path",
                "depth",
                "path",
                "live",
                "content_type_id",
            ),
            PAGE_SIZE,
        ).get_page(number)

    def querystring_without_page(self):
        params = self.params.copy()
        params.pop("page", None)
        return params.urlencode()
