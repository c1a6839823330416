"""Admin: print a batch of posters for a department, theme, hall window or reform batch."""

from django import forms
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms_pages.departments import is_reform_office, staffed_departments

from .batches import BatchError, request_batch, settle
from .models import PosterBatch
from .rendering import SIZES
from .sources import all_sources

RECENT_BATCHES = 10


class BatchForm(forms.Form):
    source = forms.ChoiceField(label=_("打印范围"), help_text=_("每个已发布事项一页，按部门排序。"))
    size = forms.ChoiceField(label=_("纸张"), choices=[(size, size) for size in SIZES],
                             initial="A4", widget=forms.RadioSelect)  # fmt: skip

    def __init__(self, *args, departments=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = [("", _("请选择"))] + [
            (source.label, [(f"{source.kind}:{pk}", name) for pk, name in source.choices()
                            if departments is None or pk in departments])
            for source in all_sources()
            if departments is None or source.kind == "department"
        ]  # fmt: skip


def own_departments(user):
    """A department's staff print their own departments' posters; None means every source
    (the reform office)."""
    if is_reform_office(user):
        return None
    edits, reviews = staffed_departments(user)
    return {str(pk) for pk in [*edits.values_list("pk", flat=True),
                               *reviews.values_list("pk", flat=True)]}  # fmt: skip


class BatchPrintView(WagtailAdminTemplateMixin, FormView):
    template_name = "posters/admin/batch_form.html"
    page_title = _("海报批量打印")
    header_icon = "doc-full"
    form_class = BatchForm

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_initial(self):
        return {"source": self.request.GET.get("source", ""), "size": "A4"}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "departments": own_departments(self.request.user)}

    def form_valid(self, form):
        kind, source_id = form.cleaned_data["source"].split(":", 1)
        try:
            batch = request_batch(kind, source_id, form.cleaned_data["size"])
        except BatchError as error:
            form.add_error("source", str(error))
            return self.form_invalid(form)
        return redirect("posters_admin:batch", batch.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        recent = PosterBatch.objects.filter(status=PosterBatch.READY)
        departments = own_departments(self.request.user)
        if departments is not None:
            recent = recent.filter(source="department", source_id__in=departments)
        context["recent"] = recent[:RECENT_BATCHES]
        return context


class BatchView(WagtailAdminTemplateMixin, TemplateView):
    """A batch's progress while it is built, then its download."""

    template_name = "posters/admin/batch.html"
    page_title = _("海报批量打印")
    header_icon = "doc-full"

    def get_page_subtitle(self):
        return str(self.batch)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("posters_admin:print"), "label": self.page_title},
            {"url": "", "label": self.get_page_subtitle()},
        ]

    def get(self, request, pk):
        self.batch = settle(get_object_or_404(PosterBatch, pk=pk))
        return super().get(request, pk=pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["batch"] = self.batch
        context["progress_url"] = reverse("posters_admin:batch_progress", args=[self.batch.pk])
        context["download_url"] = reverse("posters_admin:batch_download", args=[self.batch.pk])
        context["print_url"] = reverse("posters_admin:print")
        context["retry_url"] = (
            context["print_url"]
            + "?"
            + urlencode({"source": f"{self.batch.source}:{self.batch.source_id}"})
        )
        return context


def batch_progress(request, pk):
    batch = settle(get_object_or_404(PosterBatch, pk=pk))
    return JsonResponse(
        {
            "status": batch.status,
            "status_label": batch.get_status_display(),
            "done": batch.done,
            "total": batch.total,
            "percent": batch.percent,
            "error": batch.error,
        }  # fmt: skip
    )


def batch_download(request, pk):
    batch = get_object_or_404(PosterBatch, pk=pk)
    if batch.status != PosterBatch.READY or not batch.file:
        raise Http404(_("这批海报还没有生成。"))
    return FileResponse(
        batch.file.open("rb"), as_attachment=True, content_type="application/pdf",
        filename=_("海报-%(title)s-%(size)s.pdf") % {"title": batch.title, "size": batch.size},
    )  # fmt: skip
