"""部门动态: who changed, submitted, approved, published what, and when, department by
department, from Wagtail's page log entries; filterable and downloadable (CSV, Excel). A
department's staff see their departments; the reform office sees every department."""

import django_filters
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn, UserColumn
from wagtail.admin.views.reports import ReportView
from wagtail.log_actions import registry as log_actions
from wagtail.models import PageLogEntry

from .departments import is_reform_office, staffed_departments
from .models import DepartmentPage


def visible_departments(user):
    if is_reform_office(user):
        return DepartmentPage.objects.order_by("path")
    edits, reviews = staffed_departments(user)
    return DepartmentPage.objects.filter(
        Q(pk__in=edits.values("pk")) | Q(pk__in=reviews.values("pk"))
    ).order_by("path")


def within(departments):
    """Log entries of the departments' pages (the department page and its matters)."""
    condition = Q(pk__in=[])
    for path in departments.values_list("path", flat=True):
        condition |= Q(page__path__startswith=path)
    return condition


class ActivityFilterSet(WagtailFilterSet):
    department = django_filters.ModelChoiceFilter(
        label=_("部门"), queryset=DepartmentPage.objects.none(), method="filter_department"
    )
    action = django_filters.MultipleChoiceFilter(label=_("操作"), choices=[])
    user = django_filters.ModelChoiceFilter(
        label=_("操作人"), queryset=get_user_model().objects.none()
    )
    timestamp = django_filters.DateFromToRangeFilter(label=_("日期"), widget=DateRangePickerWidget)
    label = django_filters.CharFilter(label=_("页面名称"), lookup_expr="icontains")

    class Meta:
        model = PageLogEntry
        fields = []

    def __init__(self, *args, departments=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["department"].queryset = departments
        self.filters["action"].extra["choices"] = log_actions.get_choices()
        users = self.queryset.exclude(user__isnull=True).values("user_id")
        self.filters["user"].queryset = get_user_model().objects.filter(pk__in=users)

    def filter_department(self, queryset, name, value):
        return queryset.filter(page__path__startswith=value.path) if value else queryset


class DepartmentColumn(Column):
    def get_value(self, instance):
        return instance.department_title


class DepartmentActivityReport(ReportView):
    page_title = _("部门动态")
    header_icon = "history"
    index_url_name = "department_activity"
    index_results_url_name = "department_activity_results"
    filterset_class = ActivityFilterSet
    columns = [
        DateColumn("timestamp", label=_("时间")),
        UserColumn("user", label=_("操作人")),
        Column("action_label", label=_("操作")),
        TitleColumn("label", label=_("页面"), get_url=lambda entry: entry.page_url),  # fmt: skip
        DepartmentColumn("department", label=_("部门")),
    ]
    list_export = ["timestamp", "user_display_name", "action_label", "label", "department_title"]
    export_headings = {"timestamp": _("时间"), "user_display_name": _("操作人"),
                       "action_label": _("操作"), "label": _("页面"),
                       "department_title": _("部门")}  # fmt: skip
    no_results_message = _("所选范围内没有操作记录。")

    def dispatch(self, request, *args, **kwargs):
        self.departments = visible_departments(request.user)
        if not request.user.is_active or not self.departments.exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filterset_kwargs(self):
        return {**super().get_filterset_kwargs(), "departments": self.departments}

    def get_filename(self):
        return _("部门动态")

    def get_queryset(self):
        return (
            PageLogEntry.objects.filter(within(self.departments))
            .select_related("user", "page")
            .order_by("-timestamp", "-pk")
        )

    def decorate_paginated_queryset(self, object_list):
        titles = {d.path: d.title for d in self.departments}
        steplen = DepartmentPage.steplen
        depth = self.departments.first().depth
        entries = list(object_list)
        for entry in entries:
            path = entry.page.path[: steplen * depth] if entry.page_id and entry.page else ""
            entry.department_title = titles.get(path, "")
            entry.action_label = force_str(log_actions.get_action_label(entry.action))
            entry.page_url = (
                f"/admin/pages/{entry.page_id}/edit/" if entry.page_id and entry.page else None
            )
        return entries
