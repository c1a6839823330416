from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import compare  # noqa: F401  (registers the review screens' comparisons)
from .activity import DepartmentActivityReport, visible_departments
from .background_admin import background_tasks
from .bulk_actions import SubmitForReviewBulkAction
from .dashboard import role_panels
from .flowchart import time_limit_warnings
from .models import Hall, MainItem, MatterPage, ServiceWindow, Theme
from .review import after_approval_in_editor, review_already_ended
from .staff import ADDED, REMOVED, DepartmentStaffView, staff_buttons


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


@hooks.register("before_copy_page")
def matters_are_not_copied(request, page):
    """A copy would carry the matter's 实施编码, which must stay unique."""
    if isinstance(page.specific, MatterPage):
        messages.error(
            request,
            _("事项不能复制：实施编码必须唯一。请在部门下“添加子页面”新建事项，或用表格导入。"),
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_when_procedure_exceeds_time_limit(request, page):
    if isinstance(page.specific, MatterPage):
        for warning in time_limit_warnings(page.specific):
            messages.warning(request, warning)


hooks.register("construct_homepage_panels", role_panels)
hooks.register("after_edit_page", after_approval_in_editor)
hooks.register("before_edit_page", review_already_ended)
hooks.register("register_bulk_action", SubmitForReviewBulkAction)


@hooks.register("register_admin_urls")
def department_admin_urls():
    activity = DepartmentActivityReport
    return [
        path("departments/<int:pk>/staff/", DepartmentStaffView.as_view(), name="department_staff"),
        path("departments/activity/", activity.as_view(), name="department_activity"),
        path("departments/activity/results/", activity.as_view(results_only=True),
             name="department_activity_results"),
        path("background-tasks/", background_tasks, name="background_tasks"),
    ]  # fmt: skip


class ActivityMenuItem(MenuItem):
    def is_shown(self, request):
        return visible_departments(request.user).exists()


@hooks.register("register_reports_menu_item")
def department_activity_menu_item():
    return ActivityMenuItem(_("部门动态"), reverse("department_activity"), icon_name="history",
                            order=1050, name="department-activity")  # fmt: skip


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_reports_menu_item")
def background_tasks_menu_item():
    return SuperuserMenuItem(_("后台任务"), reverse("background_tasks"), icon_name="cogs",
                             order=1060, name="background-tasks")  # fmt: skip


@hooks.register("register_page_header_buttons")
def department_header_buttons(page, user, view_name, next_url=None):
    yield from staff_buttons(page, 14)


@hooks.register("register_page_listing_more_buttons")
def department_listing_buttons(page, user, next_url=None):
    yield from staff_buttons(page, 4)


@hooks.register("register_log_actions")
def register_staff_log_actions(actions):
    class StaffChange(LogFormatter):
        def format_message(self, log_entry):
            return _("%(role)s：%(user)s") % {
                "role": log_entry.data.get("role", ""),
                "user": log_entry.data.get("username", ""),
            }

    @actions.register_action(ADDED)
    class StaffAdded(StaffChange):
        label = _("添加部门人员")

    @actions.register_action(REMOVED)
    class StaffRemoved(StaffChange):
        label = _("移除部门人员")
