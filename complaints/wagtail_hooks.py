"""The complaint queue, the overdue report and the lists the handlers keep, in the admin."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_urls
from .models import CalendarDay, Category, ComplaintChannel
from .privacy import has_case_access


@hooks.register("register_admin_urls")
def register_urls():
    return [path("complaints/", include(admin_urls, namespace="complaints_admin"))]


class CaseMenuItem(MenuItem):
    def is_shown(self, request):
        return has_case_access(request.user)


@hooks.register("register_admin_menu_item")
def case_queue_menu_item():
    return CaseMenuItem(
        _("投诉工单"),
        reverse("complaints_admin:queue"),
        icon_name="warning",
        order=460,
        name="complaint-cases",
    )


@hooks.register("register_reports_menu_item")
def overdue_report_menu_item():
    return CaseMenuItem(
        _("超期工单"),
        reverse("complaints_admin:overdue"),
        icon_name="warning",
        order=1200,
        name="overdue-cases",
    )


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "tag"
    list_display = ["name", "reply_days", "active"]


class CalendarDayViewSet(SnippetViewSet):
    model = CalendarDay
    icon = "date"
    list_display = ["day", "kind", "name"]
    list_filter = ["kind"]


class ComplaintChannelViewSet(SnippetViewSet):
    model = ComplaintChannel
    icon = "mail"
    list_display = ["label", "value", "kind", "department"]
    list_filter = ["kind"]
    search_fields = ["label", "value"]


class ComplaintSetupGroup(SnippetViewSetGroup):
    items = (CategoryViewSet, CalendarDayViewSet, ComplaintChannelViewSet)
    menu_icon = "cog"
    menu_label = _("投诉设置")
    menu_name = "complaint-setup"
    menu_order = 470


register_snippet(ComplaintSetupGroup)


@hooks.register("construct_homepage_panels")
def overdue_cases_panel(request, panels):
    """超期工单, on the admin home of whoever handles or oversees complaints (department
    staff see their own department's)."""
    from cms_pages.dashboard import SummaryPanel

    from .deadlines import RED, Lights
    from .models import Case
    from .privacy import visible_cases

    if not has_case_access(request.user):
        return
    cases = visible_cases(request.user, Case.objects.awaiting_answer())
    overdue = Lights().filter(cases, RED).count()
    rows = [(_("超过答复期限、尚未答复的工单"), overdue, reverse("complaints_admin:overdue"))]
    panels.append(SummaryPanel("overdue-cases", _("超期工单"), rows, order=160))
