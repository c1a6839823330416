"""Admin: the synonym list editors maintain, and the report of searches that found nothing."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from spreadsheets.formulas import FormulaSafeExport

from . import admin_urls
from .admin_views import synonym_permissions
from .models import Synonym, ZeroResultQuery


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "search"
    menu_label = _("搜索同义词")
    menu_name = "search-synonyms"
    add_to_admin_menu = True
    menu_order = 900
    list_display = ["colloquial", "official", "two_way", "updated_at"]
    list_filter = ["two_way"]
    search_fields = ["colloquial", "official"]
    ordering = ["colloquial"]


register_snippet(SynonymViewSet)


class ZeroResultReport(FormulaSafeExport, ReportView):
    page_title = _("无结果搜索词")
    header_icon = "search"
    index_url_name = "search_zero_results"
    index_results_url_name = "search_zero_results_results"
    permission_policy = synonym_permissions
    permission_required = "change"
    model = ZeroResultQuery
    columns = [
        Column("query", label=_("搜索词")),
        Column("count", label=_("次数")),
        DateColumn("first_seen", label=_("首次出现")),
        DateColumn("last_seen", label=_("最近出现")),
    ]
    list_export = ["query", "count", "first_seen", "last_seen"]
    export_headings = {
        "query": _("搜索词"),
        "count": _("次数"),
        "first_seen": _("首次出现"),
        "last_seen": _("最近出现"),
    }

    def get_queryset(self):
        return ZeroResultQuery.objects.order_by("-count", "-last_seen")

    def get_filename(self):
        return "zero-result-searches"


class ZeroResultMenuItem(MenuItem):
    def is_shown(self, request):
        return synonym_permissions.user_has_permission(request.user, "change")


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("reports/zero-result-searches/", ZeroResultReport.as_view(),
             name="search_zero_results"),
        path("reports/zero-result-searches/results/",
             ZeroResultReport.as_view(results_only=True), name="search_zero_results_results"),
        path("search-review/", include(admin_urls, namespace="search_review")),
    ]  # fmt: skip


@hooks.register("register_admin_menu_item")
def register_review_menu_item():
    return ZeroResultMenuItem(
        _("无结果搜索审核"), reverse("search_review:index"), name="zero-result-review",
        icon_name="search", order=901,
    )  # fmt: skip


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return ZeroResultMenuItem(
        _("无结果搜索词"), reverse("search_zero_results"), name="zero-result-searches",
        icon_name="search", order=1000,
    )  # fmt: skip
