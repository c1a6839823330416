"""Poster actions for editors: on each live matter (explorer row and page header), batch printing
for a department, and the scan reports."""

from django.urls import include, path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button, ButtonWithDropdown

from cms_pages.models import DepartmentPage, MatterPage

from . import urls


@hooks.register("register_admin_urls")
def register_urls():
    return [path("posters/", include(urls, namespace="posters_admin"))]


def poster_buttons(page, priority):
    page = page.specific_deferred
    if isinstance(page, MatterPage) and page.live:
        url = page.get_url()
        yield Button(_("海报 A4（PDF）"), f"{url}poster.pdf?size=A4", icon_name="doc-full",
                           priority=priority, attrs={"target": "_blank"})  # fmt: skip
        yield Button(_("海报 A3（PDF）"), f"{url}poster.pdf?size=A3", icon_name="doc-full",
                           priority=priority + 1, attrs={"target": "_blank"})  # fmt: skip
        yield Button(_("海报预览图"), f"{url}poster.png", icon_name="image",
                           priority=priority + 2, attrs={"target": "_blank"})  # fmt: skip
    elif isinstance(page, DepartmentPage) and page.live:
        query = urlencode({"source": f"department:{page.pk}"})
        yield Button(_("批量打印本部门海报"), f"{reverse('posters_admin:print')}?{query}",
                           icon_name="doc-full", priority=priority)  # fmt: skip


@hooks.register("register_page_listing_buttons")
def listing_poster_buttons(page, user, next_url=None):
    buttons = list(poster_buttons(page, 10))
    if buttons:
        label = _("“%(title)s”的海报") % {"title": page.get_admin_display_title()}
        yield ButtonWithDropdown(_("海报"), buttons=buttons, icon_name="doc-full", priority=45,
                                 attrs={"aria-label": label})  # fmt: skip


@hooks.register("register_page_header_buttons")
def header_poster_buttons(page, user, view_name, next_url=None):
    yield from poster_buttons(page, 80)


@hooks.register("register_admin_menu_item")
def batch_print_menu_item():
    return MenuItem(_("海报打印"), reverse("posters_admin:print"), icon_name="doc-full",
                    order=450, name="posters")  # fmt: skip


@hooks.register("register_reports_menu_item")
def matter_scans_menu_item():
    return MenuItem(_("海报扫码（按事项）"), reverse("posters_admin:scans"),
                    icon_name="view", order=1100, name="poster-scans")  # fmt: skip


@hooks.register("register_reports_menu_item")
def department_scans_menu_item():
    return MenuItem(_("海报扫码（按部门）"), reverse("posters_admin:department_scans"),
                    icon_name="group", order=1110, name="poster-department-scans")  # fmt: skip


@hooks.register("construct_homepage_panels")
def outdated_posters_panel(request, panels):
    """过期海报, on the reform office's admin home: matters whose wall posters were scanned
    after the matter changed (the poster shows old content and needs reprinting)."""
    from django.db.models import Sum

    from cms_pages.dashboard import SummaryPanel
    from cms_pages.departments import is_reform_office
    from cms_pages.models import MatterPage

    from .scans import recent_since

    if not is_reform_office(request.user):
        return
    matters = (
        MatterPage.objects.filter(poster_scans__day__gte=recent_since(),
                                  poster_scans__outdated_scans__gt=0)
        .annotate(outdated=Sum("poster_scans__outdated_scans"))
        .select_related("department")
        .order_by("-outdated")[:8]
    )  # fmt: skip
    rows = [
        (f"{matter.title}（{matter.department.title if matter.department else ''}）",
         _("%(n)d 次扫到过期海报") % {"n": matter.outdated},
         reverse("posters_admin:print") + f"?source=department:{matter.department_id}")
        for matter in matters
    ]  # fmt: skip
    more = (_("海报扫码统计"), reverse("posters_admin:scans"))
    empty = _("近期没有扫到过期海报。")
    panels.append(SummaryPanel("outdated-posters", _("过期海报（请重印）"), rows, 150, empty, more))
