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
