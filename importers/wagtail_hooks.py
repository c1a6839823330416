from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies.pages import PagePermissionPolicy

from . import urls


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("imports/", include(urls, namespace="importers"))]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return PagePermissionPolicy().user_has_permission(request.user, "add")


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(_("表格导入"), reverse("importers:index"), name="imports",
                          icon_name="upload", order=250)  # fmt: skip


@hooks.register("construct_homepage_panels")
def recent_imports_panel(request, panels):
    """最近导入, on the admin home of everyone who imports."""
    from cms_pages.dashboard import SummaryPanel

    from .access import importable_departments
    from .views import visible_runs

    if not importable_departments(request.user):
        return
    runs = visible_runs(request.user).select_related("department")[:5]
    rows = [
        (f"{run.file_name}（{run.created_at:%m-%d %H:%M}）",
         f"{run.get_kind_display()}{_('预览') if run.dry_run else _('导入')}："
         f"{run.get_status_display()}",
         reverse("importers:run", args=[run.pk]))
        for run in runs
    ]  # fmt: skip
    panels.append(SummaryPanel("recent-imports", _("最近导入"), rows, order=130,
                               empty=_("还没有导入记录。"),
                               more=(_("全部导入记录"), reverse("importers:index"))))  # fmt: skip
