"""Public complaint pages: the form, the one-time code and secret, the status lookup."""

import logging

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cms_pages import params
from cms_pages.models import MatterPage

from . import codes, ratings, throttle
from .forms import ComplaintForm, RatingForm, StatusForm, matter_candidates
from .intake import file_complaint, find_by_code
from .models import GRADE_CHOICES, Case, ComplaintChannel, Rating

logger = logging.getLogger(__name__)
SESSION_NEW_CASE = "complaints:new-case"
GRADE_LABELS = [label for _value, label in GRADE_CHOICES]
FIGURES_PAGE_KEY = "complaints:figures-page"
PUBLIC_ACTIONS = {
    "submit",
    "accept",
    "reject",
    "dispatch",
    "open",
    "start",
    "reply",
    "supervise",
    "close",
    "revisit",
    "rate",
    "appeal",
    "uphold",
    "dismiss",
}


def private(response):
    """Pages with forms, codes or secrets: never stored by a browser or proxy cache."""
    add_never_cache_headers(response)
    response["Cache-Control"] += ", no-store"
    return response


def _too_large(request):
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length > settings.COMPLAINTS_MAX_REQUEST_BYTES


@require_http_methods(["GET", "POST"])
def complaint_form(request):
    request.session.setdefault("complaints:visitor", codes.new_secret())
    if request.method == "GET":
        return _form_page(request, ComplaintForm(initial=matter_named_in(request)))
    if _too_large(request):
        # The body is not read at all: refusing is cheaper than parsing a flood.
        return _form_page(
            request,
            ComplaintForm(),
            status=413,
            error=_("提交的内容过大（附件合计不能超过20 MB），请减少或压缩附件后重试。"),
        )
    form = ComplaintForm(request.POST, request.FILES)
    if not throttle.allow(request, "submit"):
        form.is_valid()
        return _form_page(
            request,
            form,
            status=429,
            error=_("提交过于频繁，请稍后再试。紧急情况请拨打12345热线。"),
        )
    if form.is_spam:
        logger.info("complaint form honeypot filled; submission dropped")
        return _form_page(
            request, ComplaintForm(), status=400, error=_("提交未被接受，请刷新页面后重新填写。")
        )
    if not form.is_valid():
        return _form_page(request, form, status=400)
    data = form.cleaned_data
    case, secret = file_complaint(
        category=data["category"],
        text=data["text"].strip(),
        matter=data["matter_page"],
        hall=data["hall"],
        window=data["window"],
        contact_name=data["contact_name"].strip(),
        contact_phone=data["contact_phone"],
        contact_email=data["contact_email"],
        uploads=data["attachments"],
    )
    logger.info("complaint %s filed", case.code)
    request.session[SESSION_NEW_CASE] = {"code": case.code, "secret": secret}
    return redirect("complaints:submitted")


def matter_named_in(request):
    """A matter page's 在线投诉 link names its matter: the form starts with it filled in."""
    code = request.GET.get("matter", "")
    if not params.is_code(code):
        return {}
    matter = MatterPage.objects.live().public().filter(code=code).only("title", "code").first()
    return {"matter": f"{matter.title}（{matter.code}）"} if matter else {}


def _form_page(request, form, status=200, error=None):
    context = {"form": form, "error": error, "centre_channels": centre_channels()}
    return private(render(request, "complaints/complaint_form.html", context, status=status))


def centre_channels():
    return list(ComplaintChannel.objects.filter(department=None))


@require_GET
def complaint_submitted(request):
    """The code and the secret, shown this once: only their hash is kept."""
    new_case = request.session.pop(SESSION_NEW_CASE, None)
    if new_case is None:
        return redirect("complaints:status")
    context = {"code": new_case["code"], "secret": codes.display_secret(new_case["secret"])}
    return private(render(request, "complaints/complaint_submitted.html", context))


@require_http_methods(["GET", "POST"])
def complaint_status(request):
    if request.method == "GET":
        return _status_page(request, StatusForm())
    form = StatusForm(request.POST)
    if not throttle.allow(request, "lookup"):
        return _status_page(request, form, status=429, error=_("查询过于频繁，请稍后再试。"))
    if not form.is_valid():
        return _status_page(request, form, status=400)
    case = find_by_code(form.cleaned_data["code"], form.cleaned_data["secret"])
    if case is None:
        # One answer for an unknown code and a wrong secret: codes cannot be probed.
        return _status_page(
            request, form, status=404, error=_("查询码或查询密码不正确，请核对后重试。")
        )
    return _status_page(request, form, case=case)


def _status_page(request, form, status=200, error=None, case=None, rating_form=None):
    context = {"form": form, "error": error, "case": case}
    if case is not None:
        context["timeline"] = case.events.filter(action__in=PUBLIC_ACTIONS).select_related(
            "department"
        )
        context["may_rate"] = case.status in (Case.CLOSED, Case.REVISITED)
        context["rating_form"] = rating_form or RatingForm(channel=Rating.COMPLAINT)
        context["rating"] = (
            getattr(case, "complainant_rating", None) if case.status == (Case.RATED) else None
        )
    return private(render(request, "complaints/complaint_status.html", context, status=status))


@require_http_methods(["POST"])
def rate_complaint(request):
    """The complainant rates a closed complaint; the code and secret prove who they are."""
    form = StatusForm(request.POST)
    if not throttle.allow(request, "lookup") or not form.is_valid():
        return _status_page(
            request,
            form,
            status=429 if form.is_valid() else 400,
            error=_("请重新输入查询码和查询密码。"),
        )
    case = find_by_code(form.cleaned_data["code"], form.cleaned_data["secret"])
    if case is None:
        return _status_page(
            request, form, status=404, error=_("查询码或查询密码不正确，请核对后重试。")
        )
    rating_form = RatingForm(request.POST, channel=Rating.COMPLAINT)
    if not rating_form.is_valid():
        return _status_page(request, form, status=400, case=case, rating_form=rating_form)
    data = rating_form.cleaned_data
    try:
        ratings.submit_rating(
            channel=Rating.COMPLAINT,
            grade=data["grade"],
            dimensions=data["dimensions"],
            comment=data["comment"],
            complaint=case,
            contact_name=case.contact_name,
            contact_phone=case.contact_phone,
        )
    except ratings.RatingError as error:
        return _status_page(request, form, status=409, case=case, error=str(error))
    case.refresh_from_db()
    return _status_page(request, form, case=case)


@require_GET
def matter_search(request):
    """Suggestions for the matter field: at most eight live matters, JSON."""
    matters = matter_candidates(request.GET.get("q"))[:8]
    results = [
        {
            "code": m.code,
            "title": m.title,
            "department": m.department.title if m.department_id else "",
        }
        for m in matters
    ]
    return JsonResponse({"results": results})


@require_GET
def figures_page(request):
    """The figures are recomputed every few minutes; so is the page, for anonymous visitors."""
    from django.core.cache import cache
    from django.http import HttpResponse

    from cms_pages.page_cache import display_variant

    from .figures import CACHE_SECONDS, public_figures

    anonymous = not request.user.is_authenticated
    key = f"{FIGURES_PAGE_KEY}:{display_variant(request)}"
    if anonymous and (content := cache.get(key)) is not None:
        return HttpResponse(content)
    context = {
        "figures": public_figures(),
        "grade_labels": GRADE_LABELS,
        "refresh_minutes": CACHE_SECONDS // 60,
    }
    response = render(request, "complaints/figures.html", context)
    if anonymous:
        cache.set(key, response.content, CACHE_SECONDS)
    return response


@require_GET
def rectifications_page(request):
    from django.core.paginator import Paginator

    from .figures import published_rectifications

    page = Paginator(published_rectifications(), 30).get_page(request.GET.get("page"))
    return render(request, "complaints/rectifications.html", {"page_obj": page})
