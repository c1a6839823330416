"""Admin: the departments sheet (导入部门表) — upload, then the same preview, confirm and
report pages as a matter import."""

from urllib.parse import quote

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from . import runs
from .departments import may_import, template_xlsx
from .exports import XLSX_TYPE
from .forms import ACCEPTED, UploadForm
from .models import ImportRun


class DepartmentSheetForm(forms.Form):
    file = forms.FileField(
        label=_("部门表"),
        help_text=_(
            "列：名称、简称、统一社会信用代码、地址、咨询电话、监督投诉电话、办公时间、"
            "窗口（多个用“；”分隔）。Excel 或 CSV。"
        ),  # fmt: skip
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ACCEPTED)}),
    )
    clean_file = UploadForm.clean_file


def upload(request):
    if not may_import(request.user):
        raise PermissionDenied
    form = DepartmentSheetForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        sheet = form.cleaned_data["file"]
        data = sheet.read()
        run = runs.new_run(
            data, sheet.name, user=request.user, dry_run=True, kind=ImportRun.DEPARTMENTS,
            stored_file=runs.store_upload(data, sheet.name),
        )  # fmt: skip
        runs.start(run, data)
        return redirect("importers:run", run.pk)
    return render(request, "importers/departments_upload.html", {"form": form})


def template(request):
    if not may_import(request.user):
        raise PermissionDenied
    response = HttpResponse(template_xlsx(), content_type=XLSX_TYPE)
    # i18n: data
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote('部门表.xlsx')}"
    return response
