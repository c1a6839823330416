from django.contrib import messages
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import compare  # noqa: F401  (registers the review screens' comparisons)
from .dashboard import role_panels
from .flowchart import time_limit_warnings
from .models import Hall, MainItem, MatterPage, ServiceWindow, Theme
from .review import after_approval_in_editor


class HallViewSet(SnippetViewSet):
    model = Hall
    icon = "home"
    list_display = ["name", "address", "hours"]
    search_fields = ["name", "address"]


class ServiceWindowViewSet(SnippetViewSet):
    model = ServiceWindow
    icon = "tasks"
    list_display = ["name", "hall", "department"]
    list_filter = ["hall"]
    search_fields = ["name"]


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    list_display = ["name", "audience", "sort_order"]
    list_filter = ["audience"]
    search_fields = ["name"]


class MainItemViewSet(SnippetViewSet):
    model = MainItem
    icon = "folder-open-inverse"
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


class HallGroup(SnippetViewSetGroup):
    items = (HallViewSet, ServiceWindowViewSet, ThemeViewSet, MainItemViewSet)
    menu_icon = "home"
    menu_label = _("大厅与主题")
    menu_name = "halls"


register_snippet(HallGroup)


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_when_procedure_exceeds_time_limit(request, page):
    if isinstance(page.specific, MatterPage):
        for warning in time_limit_warnings(page.specific):
            messages.warning(request, warning)


hooks.register("construct_homepage_panels", role_panels)
hooks.register("after_edit_page", after_approval_in_editor)
