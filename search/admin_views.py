"""Admin: the weekly zero-result review (list → preview → add a synonym or an alias)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.permission_policies import ModelPermissionPolicy

from cms_pages.models import MatterPage

from . import review
from .models import Synonym, ZeroResultQuery

# Whoever may edit synonyms reviews what citizens searched for in vain.
synonym_permissions = ModelPermissionPolicy(Synonym)


def _entry(request, pk):
    if not synonym_permissions.user_has_permission(request.user, "change"):
        raise PermissionDenied
    return get_object_or_404(ZeroResultQuery, pk=pk)


def index(request):
    if not synonym_permissions.user_has_permission(request.user, "change"):
        raise PermissionDenied
    return render(request, "search/zero_result_review.html", {
        "entries": review.this_week()[:100], "days": review.REVIEW_DAYS,
    })  # fmt: skip


def preview(request, pk):
    entry = _entry(request, pk)
    term = request.GET.get("term", "")
    try:
        shown = review.preview(entry.query, term)
    except review.ReviewError as error:
        messages.error(request, str(error))
        return redirect("search_review:index")
    return render(request, "search/zero_result_preview.html", {"entry": entry, "preview": shown})


@require_POST
def add_synonym(request, pk):
    entry = _entry(request, pk)
    try:
        synonym = review.add_synonym(entry, request.POST.get("term", ""), request.user)
    except review.ReviewError as error:
        messages.error(request, str(error))
        return redirect("search_review:index")
    messages.success(request, _("已添加同义词：%(synonym)s") % {"synonym": synonym})
    return redirect("search_review:index")


@require_POST
def add_alias(request, pk):
    entry = _entry(request, pk)
    matter = get_object_or_404(MatterPage.objects.live(), pk=request.POST.get("matter") or 0)
    try:
        review.add_alias(entry, matter, request.user)
    except review.ReviewError as error:
        messages.error(request, str(error))
        return redirect("search_review:index")
    messages.success(request, _("已把“%(query)s”发布为“%(title)s”的别名。")
                     % {"query": entry.query, "title": matter.title})  # fmt: skip
    return redirect("search_review:index")
