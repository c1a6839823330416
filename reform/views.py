"""Admin views for assembling, inspecting and rolling back a batch."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms_pages.taxonomy import ONLINE_DEPTHS

from .admin_summary import batch_summary
from .assembly import add_matters, remove_matters
from .batch_sheet import (
    BatchSheetError,
    member_baselines,
    read_uploaded_batch_sheet,
    resolve,
)
from .capture import revisions_by_id
from .forms import BatchSheetForm, CriteriaForm
from .models import ReformBatchPage
from .release import BatchReleaseError, latest_draft, matter_rows, rollback_batch
from .reviews import LABELS, review_states
from .tasks import release_task

PAGE_SIZE = 50


class BatchView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "list-ul"
    breadcrumbs_items = []
    requires = "edit"

    def dispatch(self, request, pk, *args, **kwargs):
        self.batch = get_object_or_404(ReformBatchPage, pk=pk)
        permissions = self.batch.permissions_for_user(request.user)
        allowed = permissions.can_publish() if self.requires == "publish" else (
            permissions.can_edit()
        )  # fmt: skip
        if not allowed:
            raise PermissionDenied
        self.draft = latest_draft(self.batch)
        return super().dispatch(request, pk, *args, **kwargs)

    def get_page_subtitle(self):
        return self.batch.title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            batch=self.batch,
            edit_url=reverse("wagtailadmin_pages:edit", args=[self.batch.pk]),
            status_url=reverse("reform_admin:status", args=[self.batch.pk]),
        )
        return context

    def back_to_editor(self):
        return redirect("wagtailadmin_pages:edit", self.batch.pk)


def matter_page(matter_ids, number, in_batch=(), revisions=None):
    """One page of matters for an admin table, with the figures of the revision each row is
    about: the one that joined the batch (`revisions`: matter id → revision id), else the
    matter's latest revision (what adding it would join)."""
    page_obj = Paginator(matter_ids, PAGE_SIZE).get_page(number)
    rows = matter_rows(page_obj.object_list)
    chosen = {i: (revisions or {}).get(i) or row["latest_revision_id"] for i, row in rows.items()}
    contents = revisions_by_id(chosen.values())
    states = review_states(chosen.items())
    page_obj.rows = []
    for matter_id in page_obj.object_list:
        if matter_id not in rows:
            continue
        row, revision = rows[matter_id], contents.get(chosen[matter_id])
        content = revision.content if revision is not None else {}
        state = states.get(chosen[matter_id])
        page_obj.rows.append({
            **row,
            "title": content.get("title", row["title"]),
            "visits": content.get("visits"),
            "online_depth": ONLINE_DEPTHS.get(content.get("online_depth"), ""),
            "promised_days": content.get("promised_days"),
            "time_unit": content.get("time_unit", ""),
            "pending": row["latest_revision_id"] != row["live_revision_id"] or not row["live"],
            "in_batch": matter_id in in_batch,
            "review": state,
            "review_label": LABELS.get(state, ""),
        })  # fmt: skip
    return page_obj


class StatusView(BatchView):
    page_title = gettext_lazy("批次事项与发布")
    template_name = "reform/admin/status.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        members = list(self.draft.members.all())
        notes = {m.matter_id: m.note for m in members}
        page_obj = matter_page(
            [m.matter_id for m in members], self.request.GET.get("p"),
            revisions={m.matter_id: m.revision_id for m in members},
        )  # fmt: skip
        for row in page_obj.rows:
            row["note"] = notes.get(row["id"], "")
        permissions = self.batch.permissions_for_user(self.request.user)
        context.update(
            batch_summary(self.draft),
            page_obj=page_obj,
            releases=self.batch.releases.all(),
            can_publish=permissions.can_publish(),
            release_task=release_task(self.batch),
        )
        return context


class AddMattersView(BatchView):
    page_title = gettext_lazy("按条件或逐项添加事项")
    template_name = "reform/admin/add.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = kwargs.get("form") or CriteriaForm(self.request.GET or None)
        context["form"] = form
        if form.is_bound and form.is_valid() and form.has_condition():
            ids = form.criteria().matching_ids()
            in_batch = {m.matter_id for m in self.draft.members.all()}
            context["page_obj"] = matter_page(ids, self.request.GET.get("p"), in_batch)
            context["match_count"] = len(ids)
            context["query"] = self.request.GET.urlencode()
        return context

    def post(self, request, *args, **kwargs):
        form = CriteriaForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        if "add_all" in request.POST:
            if not form.has_condition():
                messages.error(request, _("请至少选择一个筛选条件，不能把整个目录加入批次。"))
                return self.render_to_response(self.get_context_data(form=form))
            ids = form.criteria().matching_ids()
        else:
            ids = [int(v) for v in request.POST.getlist("matter") if v.isdigit()]
        if not ids:
            messages.error(request, _("没有选中任何事项。"))
            return self.render_to_response(self.get_context_data(form=form))
        try:
            result = add_matters(self.batch, ids, user=request.user,
                                 note=form.cleaned_data["note"] or None)  # fmt: skip
        except BatchReleaseError as error:
            messages.error(request, error.message)
            return redirect("reform_admin:status", self.batch.pk)
        messages.success(request, _("已加入批次：%(result)s") % {"result": result})
        return self.back_to_editor()


class ImportSheetView(BatchView):
    page_title = gettext_lazy("导入批次清单表格")
    template_name = "reform/admin/import.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = kwargs.get("form") or BatchSheetForm()
        return context

    def post(self, request, *args, **kwargs):
        form = BatchSheetForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                sheet = read_uploaded_batch_sheet(form.cleaned_data["sheet"])
                entries = resolve(sheet)
                result = add_matters(
                    self.batch, [matter_id for matter_id, _note in entries], user=request.user,
                    notes={matter_id: note for matter_id, note in entries},
                    baselines=member_baselines(sheet, entries),
                )  # fmt: skip
            except (BatchSheetError, BatchReleaseError) as error:
                form.add_error("sheet", getattr(error, "message", str(error)))
            else:
                messages.success(
                    request,
                    _("已导入“%(title)s”：%(result)s")
                    % {"title": sheet.title or form.cleaned_data["sheet"].name, "result": result},
                )
                return self.back_to_editor()
        return self.render_to_response(self.get_context_data(form=form))


class RemoveMattersView(BatchView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        ids = [int(v) for v in request.POST.getlist("matter") if v.isdigit()]
        try:
            removed = remove_matters(self.batch, ids, user=request.user)
        except BatchReleaseError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("已从批次中移除 %(n)d 个事项。") % {"n": removed})
        return redirect("reform_admin:status", self.batch.pk)


class RollbackView(BatchView):
    page_title = gettext_lazy("撤回批次")
    template_name = "reform/admin/rollback.html"
    requires = "publish"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        release = self.batch.active_release
        context["release"] = release
        if release is not None:
            context["new_count"] = release.matters.filter(previous_revision__isnull=True).count()
            context["count"] = release.matters.count()
        return context

    def post(self, request, *args, **kwargs):
        try:
            rollback_batch(self.batch, user=request.user)
        except BatchReleaseError as error:
            messages.error(request, error.message)
            return redirect("reform_admin:rollback", self.batch.pk)
        messages.success(request, _("“%(title)s”已整体撤回。") % {"title": self.batch.title})
        return redirect("reform_admin:status", self.batch.pk)
