"""The case queue in the Wagtail admin: lights, filters, the overdue report, a case's page with
its steps, notes and attachments. Department staff see only the cases sent to them."""

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView

from cms_pages.models import DepartmentPage
from spreadsheets.formulas import FormulaSafeExport

from . import flow
from .deadlines import LIGHT_LABELS, RED, YELLOW, Lights
from .intake import suggested_department
from .models import Attachment, Case, Category
from .privacy import has_case_access, may_see_contact, visible_cases

OPEN = "open"
STATUS_FILTER = [(OPEN, gettext_lazy("未办结（默认）"))] + Case.STATUS_CHOICES


class CaseAccessMixin:
    def dispatch(self, request, *args, **kwargs):
        if not has_case_access(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class CaseFilterSet(WagtailFilterSet):
    light = django_filters.ChoiceFilter(
        label=gettext_lazy("时限"),
        method="filter_light",
        empty_label=gettext_lazy("全部"),
        choices=[(RED, LIGHT_LABELS[RED]), (YELLOW, LIGHT_LABELS[YELLOW])],
    )
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("状态"),
        method="filter_status",
        choices=STATUS_FILTER,
        empty_label=gettext_lazy("全部状态"),
    )
    kind = django_filters.ChoiceFilter(label=gettext_lazy("类型"), choices=Case.KIND_CHOICES)
    department = django_filters.ModelChoiceFilter(
        label=gettext_lazy("承办部门"), queryset=DepartmentPage.objects.order_by("path")
    )
    category = django_filters.ModelChoiceFilter(
        label=gettext_lazy("类别"), queryset=Category.objects.all()
    )

    class Meta:
        model = Case
        fields = ["light", "status", "kind", "department", "category"]

    def filter_light(self, queryset, name, value):
        return Lights().filter(queryset, value) if value else queryset

    def filter_status(self, queryset, name, value):
        if value == OPEN:
            return queryset.exclude(status__in=Case.FINISHED)
        return queryset.filter(status=value) if value else queryset


class LightColumn(Column):
    cell_template_name = "complaints/admin/light_cell.html"


class CaseQueueView(FormulaSafeExport, CaseAccessMixin, ReportView):
    page_title = gettext_lazy("投诉与整改工单")
    header_icon = "warning"
    index_url_name = "complaints_admin:queue"
    index_results_url_name = "complaints_admin:queue_results"
    filterset_class = CaseFilterSet
    paginate_by = 50
    columns = [
        LightColumn("light", label=gettext_lazy("时限")),
        TitleColumn(
            "code",
            label=gettext_lazy("编号"),
            get_url=lambda case: reverse("complaints_admin:case", args=[case.pk]),
        ),
        Column("kind", label=gettext_lazy("类型"), accessor="get_kind_display"),
        Column("category", label=gettext_lazy("类别")),
        Column("place", label=gettext_lazy("涉及")),
        Column("department", label=gettext_lazy("承办部门")),
        Column("status", label=gettext_lazy("状态"), accessor="get_status_display"),
        DateColumn("due_on", label=gettext_lazy("答复期限"), sort_key="due_on"),
        Column("masked_contact", label=gettext_lazy("联系方式")),
    ]
    list_export = [
        "code",
        "kind",
        "status",
        "category",
        "place",
        "department",
        "submitted_at",
        "due_on",
        "light_label",
        "masked_contact",
    ]
    export_headings = {
        "code": _("编号"),
        "kind": _("类型"),
        "status": _("状态"),
        "category": _("类别"),
        "place": _("涉及"),
        "department": _("承办部门"),
        "submitted_at": _("提交时间"),
        "due_on": _("答复期限"),
        "light_label": _("时限"),
        "masked_contact": _("联系方式（已脱敏）"),
    }
    custom_field_preprocess = {
        "kind": {"csv": lambda v: v, "xlsx": lambda v: v},
    }
    export_filename = "complaint-cases"
    no_results_message = gettext_lazy("没有符合条件的工单。")

    def get_filterset_kwargs(self):
        kwargs = super().get_filterset_kwargs()
        if "status" not in self.request.GET:
            data = kwargs["data"].copy() if kwargs.get("data") is not None else {}
            data["status"] = OPEN
            kwargs["data"] = data
        return kwargs

    def get_queryset(self):
        return visible_cases(
            self.request.user,
            Case.objects.select_related("department", "category", "matter", "window", "hall"),
        ).order_by("due_on", "id")

    @cached_property
    def lights(self):
        return Lights()

    def decorate_paginated_queryset(self, object_list):
        for case in object_list:
            case.light = self.lights.light(case)
            case.light_label = LIGHT_LABELS.get(case.light, "")
        return object_list

    def to_row_dict(self, item):
        item.light = self.lights.light(item)
        item.light_label = str(LIGHT_LABELS.get(item.light, ""))
        row = super().to_row_dict(item)
        row["kind"], row["status"] = item.get_kind_display(), item.get_status_display()
        return row


class OverdueReportView(CaseQueueView):
    page_title = gettext_lazy("超期工单报告")
    header_icon = "warning"
    index_url_name = "complaints_admin:overdue"
    index_results_url_name = "complaints_admin:overdue_results"
    filterset_class = None
    export_filename = "overdue-cases"
    no_results_message = gettext_lazy("没有超期未答复的工单。")
    columns = CaseQueueView.columns + [Column("days_overdue", label=gettext_lazy("超期工作日"))]

    def get_queryset(self):
        return self.lights.filter(super().get_queryset(), RED)

    def decorate_paginated_queryset(self, object_list):
        object_list = super().decorate_paginated_queryset(object_list)
        for case in object_list:
            case.days_overdue = -self.lights.working_days_left(case)
        return object_list


class StepForm(forms.Form):
    """The inputs one step needs (flow.Transition.needs), nothing more."""

    department = forms.ModelChoiceField(
        label=gettext_lazy("承办部门"),
        required=False,
        queryset=DepartmentPage.objects.order_by("path"),
    )
    reply = forms.CharField(
        label=gettext_lazy("公开答复（投诉人可见，公开整改时发布）"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    resolution = forms.ChoiceField(
        label=gettext_lazy("整改结果"),
        required=False,
        choices=[("", "—")] + Case.RESOLUTION_CHOICES[:2],
    )
    note = forms.CharField(
        label=gettext_lazy("说明"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    appeal_reason = forms.CharField(
        label=gettext_lazy("申诉理由"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    decision_reason = forms.CharField(
        label=gettext_lazy("复核意见（公开）"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, step, *args, **kwargs):
        super().__init__(*args, prefix=step.name, **kwargs)
        self.step = step
        self.fields = {name: field for name, field in self.fields.items() if name in step.needs}
        for field in self.fields.values():
            field.required = True
            field.error_messages["required"] = _("请填写“%(label)s”。") % {"label": field.label}


class CaseView(CaseAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "complaints/admin/case.html"
    header_icon = "warning"

    def get_page_title(self):
        return str(self.case)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("complaints_admin:queue"), "label": _("投诉与整改工单")},
            {"url": "", "label": self.case.code},
        ]

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        queryset = Case.objects.select_related(
            "department", "category", "matter", "window", "hall", "rating"
        )
        self.case = get_object_or_404(visible_cases(request.user, queryset), pk=kwargs["pk"])

    def step_forms(self, data=None):
        forms_ = []
        for step in flow.available(self.case, self.request.user):
            initial = {}
            if "department" in step.needs:
                initial["department"] = self.case.department or suggested_department(self.case)
            if "reply" in step.needs:
                initial["reply"] = self.case.public_reply
            forms_.append(StepForm(step, data, initial=initial))
        return forms_

    def post(self, request, pk):
        action = request.POST.get("action", "")
        if action == "note":
            try:
                flow.add_note(self.case, request.user, request.POST.get("note", "")[:4000])
                messages.success(request, _("备注已保存。"))
            except flow.FlowError as error:
                messages.error(request, str(error))
            return redirect("complaints_admin:case", pk)
        step_form = next((f for f in self.step_forms(request.POST) if f.step.name == action), None)
        if step_form is None:
            messages.error(request, _("该操作现在不可用，工单可能已被他人处理，请刷新后重试。"))
            return redirect("complaints_admin:case", pk)
        if not step_form.is_valid():
            return self.render_to_response(self.get_context_data(failed=step_form))
        try:
            flow.apply(self.case, action, request.user, **step_form.cleaned_data)
        except flow.FlowError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("已%(step)s。") % {"step": step_form.step.label})
        return redirect("complaints_admin:case", pk)

    def get_context_data(self, failed=None, **kwargs):
        context = super().get_context_data(**kwargs)
        case = self.case
        forms_ = self.step_forms()
        if failed is not None:
            forms_ = [failed if f.step.name == failed.step.name else f for f in forms_]
        lights = Lights()
        context.update(
            case=case,
            light=lights.light(case),
            light_label=LIGHT_LABELS.get(lights.light(case), ""),
            contact_visible=may_see_contact(self.request.user, case),
            step_forms=forms_,
            events=case.events.select_related("user", "department"),
            attachments=case.attachments.all(),
            appeals=case.appeals.all(),
            blocked=[
                flow.blocked(case, step)
                for step in flow.FLOWS[case.kind]
                if case.status in step.sources and flow.blocked(case, step)
            ],
        )
        return context


def attachment_download(request, pk):
    """Attachments may show faces, ID cards, receipts: only for those who may see the contact."""
    attachment = get_object_or_404(Attachment.objects.select_related("case"), pk=pk)
    visible = visible_cases(request.user, Case.objects.filter(pk=attachment.case_id)).exists()
    if not visible or not may_see_contact(request.user, attachment.case):
        raise Http404
    if attachment.case.purged_at:
        raise Http404
    response = FileResponse(
        attachment.file.open("rb"),
        content_type=attachment.content_type,
        as_attachment=True,
        filename=f"{attachment.case.code}-{attachment.pk}."
        f"{attachment.file.name.rsplit('.', 1)[-1]}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
