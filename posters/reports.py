"""Admin reports: poster scans per matter and per department, limited to what the editor edits."""

import django_filters
from django.db.models import IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permissions import policy_registry

from cms_pages.models import DepartmentPage, MatterPage
from spreadsheets.formulas import FormulaSafeExport

from .models import ScanCount
from .scans import RECENT_DAYS, recent_since

RECENT_LABEL = _("近%(days)s天扫码") % {"days": RECENT_DAYS}
OUTDATED_LABEL = _("近%(days)s天扫过期海报") % {"days": RECENT_DAYS}


class MatterScanFilterSet(WagtailFilterSet):
    department = django_filters.ModelChoiceFilter(
        label=_("部门"), queryset=DepartmentPage.objects.order_by("path")
    )

    class Meta:
        model = MatterPage
        fields = ["department"]


class ScanReport(FormulaSafeExport, ReportView):
    any_permission_required = ["add", "change", "publish"]
    default_ordering = "-recent_scans"

    @cached_property
    def permission_policy(self):
        return policy_registry.get_by_type(Page)

    def editable_pages(self):
        user = self.request.user
        return self.permission_policy.instances_user_has_permission_for(user, "change")


class MatterScanReport(ScanReport):
    page_title = _("海报扫码统计（按事项）")
    header_icon = "view"
    index_url_name = "posters_admin:scans"
    index_results_url_name = "posters_admin:scans_results"
    filterset_class = MatterScanFilterSet
    columns = [
        TitleColumn("title", label=_("事项"), url_name="wagtailadmin_pages:edit"),
        Column("department", label=_("部门")),
        Column("recent_scans", label=RECENT_LABEL, sort_key="recent_scans"),
        Column("outdated_scans", label=OUTDATED_LABEL, sort_key="outdated_scans"),
        Column("total_scans", label=_("累计扫码"), sort_key="total_scans"),
    ]
    list_export = ["code", "title", "department", "recent_scans", "outdated_scans", "total_scans"]
    export_headings = {"code": _("实施编码"), "title": _("事项"), "department": _("部门"),
                       "recent_scans": RECENT_LABEL, "outdated_scans": OUTDATED_LABEL,
                       "total_scans": _("累计扫码")}  # fmt: skip
    no_results_message = _("还没有海报扫码记录。")

    def get_queryset(self):
        recent = Q(poster_scans__day__gte=recent_since())
        self.queryset = (
            MatterPage.objects.filter(pk__in=self.editable_pages().values("pk"))
            .select_related("department")
            .annotate(
                total_scans=Sum("poster_scans__scans"),
                recent_scans=Coalesce(Sum("poster_scans__scans", filter=recent), 0),
                outdated_scans=Coalesce(Sum("poster_scans__outdated_scans", filter=recent), 0),
            )
            .filter(total_scans__gt=0)
        )
        return super().get_queryset()


def _department_sum(field, since=None):
    counts = ScanCount.objects.filter(matter__department=OuterRef("pk"))
    if since:
        counts = counts.filter(day__gte=since)
    total = counts.values("matter__department").annotate(total=Sum(field)).values("total")
    return Coalesce(Subquery(total, output_field=IntegerField()), 0)


class DepartmentScanReport(ScanReport):
    page_title = _("海报扫码统计（按部门）")
    header_icon = "group"
    index_url_name = "posters_admin:department_scans"
    index_results_url_name = "posters_admin:department_scans_results"
    columns = [
        TitleColumn("title", label=_("部门"), get_url=lambda department: (
            reverse("posters_admin:scans") + f"?department={department.pk}")),
        Column("recent_scans", label=RECENT_LABEL, sort_key="recent_scans"),
        Column("outdated_scans", label=OUTDATED_LABEL, sort_key="outdated_scans"),
        Column("total_scans", label=_("累计扫码"), sort_key="total_scans"),
    ]  # fmt: skip
    list_export = ["title", "recent_scans", "outdated_scans", "total_scans"]
    export_headings = {"title": _("部门"), "recent_scans": RECENT_LABEL,
                       "outdated_scans": OUTDATED_LABEL, "total_scans": _("累计扫码")}  # fmt: skip
    no_results_message = _("还没有海报扫码记录。")

    def get_queryset(self):
        since = recent_since()
        self.queryset = (
            DepartmentPage.objects.filter(pk__in=self.editable_pages().values("pk"))
            .annotate(
                total_scans=_department_sum("scans"),
                recent_scans=_department_sum("scans", since),
                outdated_scans=_department_sum("outdated_scans", since),
            )
            .filter(total_scans__gt=0)
        )
        return super().get_queryset()
