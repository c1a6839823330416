"""Wagtail admin: upload → preview → confirm, the run records, the template and exports."""

import re

from diff_match_patch import diff_match_patch
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import F, Q
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page, WorkflowState

from cms_pages.bulk_actions import refused_message, submit_for_review
from cms_pages.models import DepartmentPage, MatterPage

from . import runs
from .access import DepartmentRights, importable_departments
from .batches import assemblable_batches
from .departments import may_import as may_import_departments
from .exports import CSV_TYPE, XLSX_TYPE, export_matters, matters_for, template_xlsx
from .forms import ConfirmForm, ExportForm, HeaderMapForm, UploadForm
from .models import ERROR, STATUS_LABELS, ImportRun
from .report import error_report

ROWS_PER_PAGE = 50
# Columns whose change is shown row by row (by name) rather than as a text diff.
# i18n: data
CHILD_COLUMNS = {"申请材料": "materials", "设定依据": "legal_bases"}


def _departments(user):
    ids = [d.pk for d in importable_departments(user)]
    if not ids:
        raise PermissionDenied
    return DepartmentPage.objects.filter(pk__in=ids).order_by("path")


def _can_publish_any(user, departments):
    rights = DepartmentRights(user)
    return any(rights.can_publish(d) for d in departments)


def visible_runs(user):
    if user.is_superuser:
        return ImportRun.objects.all()
    mine = [d.pk for d in importable_departments(user)]
    return ImportRun.objects.filter(Q(user=user) | Q(department__in=mine))


def _run_for(user, pk):
    visible = visible_runs(user).select_related("user", "department", "batch")
    return get_object_or_404(visible, pk=pk)


def _download(data, content_type, filename):
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(filename)}"
    return response


def _quote(filename):
    from urllib.parse import quote

    return quote(filename)


def index(request):
    departments = importable_departments(request.user)
    imports_departments = may_import_departments(request.user)
    if not (departments or imports_departments):
        raise PermissionDenied
    page = Paginator(visible_runs(request.user).select_related("user", "department"), 30)
    shown = page.get_page(request.GET.get("p"))
    for run in shown:
        runs.settle(run)
    return render(request, "importers/index.html", {
        "runs": shown,
        "departments": departments,
        "imports_departments": imports_departments,
    })  # fmt: skip


def upload(request):
    departments = _departments(request.user)
    form = UploadForm(request.POST or None, request.FILES or None, departments=departments,
                      can_publish=_can_publish_any(request.user, departments),
                      batches=assemblable_batches(request.user),
                      can_create_departments=may_import_departments(request.user))  # fmt: skip
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        attachments = _stored_attachments(form.cleaned_data.get("attachments"))
        run = runs.new_run(
            data, upload.name, user=request.user, department=form.cleaned_data["department"],
            publish=form.cleaned_data.get("publish", False), dry_run=True,
            batch=form.cleaned_data.get("batch"), stored_file=runs.store_upload(data, upload.name),
            create_departments=form.cleaned_data.get("create_departments", False), **attachments,
        )  # fmt: skip
        runs.start(run, data)
        return redirect("importers:run", run.pk)
    return render(request, "importers/upload.html", {"form": form})


def _stored_attachments(upload):
    """The zip beside the sheet, kept in the work folder for the task and the confirmation."""
    if upload is None:
        return {}
    data = upload.read()
    return {"attachments": data, "attachments_name": upload.name,
            "attachments_file": runs.store_upload(data, upload.name)}  # fmt: skip


def run_detail(request, pk):
    run = runs.settle(_run_for(request.user, pk))
    rows = run.report.get("rows", [])
    status = request.GET.get("status", "")
    if status:
        rows = [r for r in rows if r["status"] == status]
    page = Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("p"))
    for row in page:
        children = row.get("children", {})
        row["diffs"] = [
            (column, _diff_html(old, new), children.get(CHILD_COLUMNS.get(column)))
            for column, old, new in row["changes"]
        ]
        row["status_label"] = STATUS_LABELS[row["status"]]
    context = {
        "run": run,
        "page": page,
        "status": status,
        "statuses": [(k, label, run.counts.get(k, 0)) for k, label in STATUS_LABELS.items()],
        "withdrawn": run.report.get("withdrawn", []),
        "progress": runs.read_progress(run),
        "confirm_form": _confirm_form(request, run),
        "map_form": _map_form(request, run),
        "application": run.applications.order_by("-created_at").first(),
        "drafts": len(_run_drafts(run)) if run.wrote and not run.publish else 0,
        "may_run_again": _may_run_again(request, run),
    }
    return render(request, "importers/run.html", context)


def _may_run_again(request, run):
    """A preview whose task died, for the user who uploaded it (a confirmation is run again
    from its preview, which reopens)."""
    return (
        run.status == ImportRun.FAILED and run.dry_run and bool(run.task_id)
        and bool(run.stored_file) and (run.user_id == request.user.pk or request.user.is_superuser)
    )  # fmt: skip


@require_POST
def run_again(request, pk):
    run = _run_for(request.user, pk)
    if not _may_run_again(request, run):
        messages.error(request, _("这次导入不能重新运行，请重新上传。"))
        return redirect("importers:run", run.pk)
    try:
        retry = runs.again(run)
    except OSError:
        messages.error(request, _("存档文件已不存在，请重新上传。"))
        return redirect("importers:run", run.pk)
    return redirect("importers:run", retry.pk)


def _confirm_form(request, run, data=None):
    # A confirmation that wrote nothing (errors, a refused batch) leaves the preview open.
    if (
        run.status != ImportRun.PREVIEWED
        or run.applications.exclude(status__in=[ImportRun.REJECTED, ImportRun.FAILED]).exists()
    ):
        return None
    if run.user_id != request.user.pk and not request.user.is_superuser:
        return None
    if run.kind == ImportRun.DEPARTMENTS:
        can_publish = False  # departments are published as they are imported
    else:
        departments = [run.department] if run.department else _departments(request.user)
        can_publish = run.batch_id is None and _can_publish_any(request.user, departments)
    return ConfirmForm(
        data, has_errors=run.counts.get(ERROR, 0) > 0, can_publish=can_publish,
        initial={"publish": run.publish},
    )  # fmt: skip


def _map_form(request, run, data=None):
    """Unknown headers of a finished preview, for the user who uploaded it."""
    report = run.report
    if run.status != ImportRun.PREVIEWED or not run.stored_file:
        return None
    if run.user_id != request.user.pk and not request.user.is_superuser:
        return None
    unknown = report.get("unknown_columns", [])
    mapped = {header: column for header, column, _how in report.get("mapped_columns", [])}
    if not unknown and not mapped:
        return None
    present = set(report.get("columns", [])) - set(mapped.values())
    return HeaderMapForm(data, unknown=unknown, mapped=mapped, present=present)


@require_POST
def map_columns(request, pk):
    """Preview the same file again with the headers mapped as chosen (and remembered)."""
    preview = _run_for(request.user, pk)
    form = _map_form(request, preview, request.POST)
    if form is None or not form.is_valid():
        messages.error(
            request,
            _("表头对应未保存：%(errors)s")
            % {"errors": " ".join(form.non_field_errors()) if form else _("这次预览不能再修改。")},
        )
        return redirect("importers:run", preview.pk)
    data = runs.stored_bytes(preview)
    run = runs.new_run(
        data, preview.file_name, user=request.user, department=preview.department,
        dry_run=True, publish=preview.publish, batch=preview.batch,
        stored_file=preview.stored_file, header_map={**preview.header_map, **form.mapping()},
        create_departments=preview.create_departments, **runs.carried(preview),
    )  # fmt: skip
    runs.start(run, data)
    return redirect("importers:run", run.pk)


# i18n: data
SCALAR = re.compile(r"-?\d+(\.\d+)?|是|否")


def _diff_html(old, new):
    if all(SCALAR.fullmatch(value) or not value for value in (old, new)):
        # A figure or a yes/no reads as "15 → 10"; a character diff would show "1510".
        return format_html("<del>{}</del> → <ins>{}</ins>", old or "—", new or "—")
    engine = diff_match_patch()
    diffs = engine.diff_main(old, new)
    engine.diff_cleanupSemantic(diffs)
    # diff_prettyHtml escapes the text it is given; only its own <ins>/<del> are markup.
    return mark_safe(engine.diff_prettyHtml(diffs))


@require_POST
def confirm(request, pk):
    preview = _run_for(request.user, pk)
    form = _confirm_form(request, preview, request.POST)
    if form is None or not form.is_valid():
        messages.error(request, _("这次预览不能再确认导入（已确认过，或不是你上传的）。"))
        return redirect("importers:run", preview.pk)
    if preview.batch is None and "batch" in preview.report:
        messages.error(request, _("预览时选定的改革批次已被删除，请重新上传。"))
        return redirect("importers:run", preview.pk)
    data = runs.stored_bytes(preview)
    if runs.sha256(data) != preview.file_sha256:
        messages.error(request, _("存档文件与预览时不一致，请重新上传。"))
        return redirect("importers:run", preview.pk)
    run = runs.new_run(
        data, preview.file_name, user=request.user, department=preview.department,
        dry_run=False, publish=form.cleaned_data.get("publish", False), kind=preview.kind,
        apply_valid=form.cleaned_data.get("apply_valid", False), preview_of=preview,
        batch=preview.batch, header_map=preview.header_map, stored_file=preview.stored_file,
        create_departments=preview.create_departments, **runs.carried(preview),
    )  # fmt: skip
    runs.start(run, data)
    return redirect("importers:run", run.pk)


def _run_drafts(run):
    """The matters whose latest revision is still the draft this run wrote, not in review."""
    in_review = WorkflowState.objects.filter(
        status=WorkflowState.STATUS_IN_PROGRESS,
        base_content_type=ContentType.objects.get_for_model(Page),
    ).values_list("object_id", flat=True)
    return (
        MatterPage.objects.filter(
            sync_state__run=run, sync_state__revision_id=F("latest_revision_id"),
            has_unpublished_changes=True,
        )
        .exclude(pk__in=[int(pk) for pk in in_review])
        .order_by("path")
    )  # fmt: skip


@require_POST
def submit_drafts(request, pk):
    """本次导入的草稿提交审核: every draft of the run to its department's review."""
    run = _run_for(request.user, pk)
    submitted, refused = submit_for_review(list(_run_drafts(run)), request.user)
    if submitted:
        messages.success(request, _("已把 %(n)d 个草稿提交审核。") % {"n": len(submitted)})
    if refused:
        messages.warning(request, refused_message(refused))
    return redirect("importers:run", run.pk)


def progress(request, pk):
    run = runs.settle(_run_for(request.user, pk))
    return JsonResponse({"status": run.status, "finished": run.finished, **runs.read_progress(run)})


def report(request, pk):
    run = _run_for(request.user, pk)
    return _download(*error_report(run, request.GET.get("format", "xlsx")))


def template(request):
    _departments(request.user)
    # i18n: data
    return _download(template_xlsx(), XLSX_TYPE, "政务服务事项导入模板.xlsx")


def export(request):
    departments = _departments(request.user)
    all_allowed = request.user.is_superuser or departments.count() == DepartmentPage.objects.count()
    form = ExportForm(request.GET or None, departments=departments, all_allowed=all_allowed)
    if request.GET and form.is_valid():
        department, theme = form.cleaned_data["department"], form.cleaned_data["theme"]
        batch = form.cleaned_data["batch"]
        matters = matters_for(department=department, theme=theme, batch=batch)
        if department is None and not all_allowed:
            matters = matters.filter(department__in=departments)
        file_format = form.cleaned_data["file_format"]
        # i18n: data
        name = "-".join(filter(None, ["事项清单", department and department.title,
                                      theme and theme.name, batch and batch.title]))  # fmt: skip
        return _download(export_matters(matters, file_format),
                         CSV_TYPE if file_format == "csv" else XLSX_TYPE,
                         f"{name}.{file_format}")  # fmt: skip
    return render(request, "importers/export.html", {"form": form})
