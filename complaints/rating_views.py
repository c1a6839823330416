"""好差评 pages: 一事一评 for a matter (online, or in person from a poster scan) and the hall
tablet's 一次一评 for a window."""

from django import forms
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from cms_pages.content_language import ContentSelect
from cms_pages.models import MatterPage, ServiceWindow

from . import codes, ratings, throttle
from .forms import RatingForm
from .models import Rating
from .views import private

VISITOR = "complaints:visitor"
CHANNELS = {"online": Rating.ONLINE, "in_person": Rating.IN_PERSON}


def visitor_token(request):
    token = request.session.get(VISITOR)
    if not token:
        token = request.session[VISITOR] = codes.new_secret()
    return token


@require_http_methods(["GET", "POST"])
def rate_matter(request, code):
    code = code.replace("\x00", "")[:64]
    matter = (
        MatterPage.objects.live().public().filter(code=code).select_related("department").first()
    )
    if matter is None:
        return render(request, "cms_pages/matter_not_found.html", {"code": code}, status=404)
    channel = CHANNELS.get(request.GET.get("channel") or request.POST.get("channel"), Rating.ONLINE)
    return _rating_page(request, channel, matter=matter)


class WindowForm(forms.Form):
    window = forms.ModelChoiceField(
        label=gettext_lazy("办事窗口"),
        queryset=ServiceWindow.objects.select_related("hall"),
        empty_label=gettext_lazy("请选择为您服务的窗口"),
        widget=ContentSelect,
        error_messages={
            "required": gettext_lazy("请选择为您服务的窗口。"),
            "invalid_choice": gettext_lazy("请从列表中选择窗口。"),
        },
    )


@require_http_methods(["GET", "POST"])
def rate_hall(request):
    """The hall tablet: one visitor after another, so each rating starts a fresh visitor."""
    window_form = WindowForm(request.POST or None, initial={"window": request.GET.get("window")})
    return _rating_page(request, Rating.IN_PERSON, window_form=window_form, kiosk=True)


def _rating_page(request, channel, matter=None, window_form=None, kiosk=False):
    token = visitor_token(request)
    context = {"matter": matter, "channel": channel, "window_form": window_form, "kiosk": kiosk}
    if request.method == "GET":
        context["form"] = RatingForm(channel=channel)
        return private(render(request, "complaints/rating_form.html", context))
    form = context["form"] = RatingForm(request.POST, channel=channel)
    status, error = 200, None
    if not throttle.allow(request, "rate"):
        status, error = 429, _("评价过于频繁，请稍后再试。")
    elif form.is_spam:
        status, error = 400, _("提交未被接受，请刷新页面后重新评价。")
    elif not form.is_valid() or (window_form is not None and not window_form.is_valid()):
        status = 400
    else:
        data = form.cleaned_data
        try:
            rating = ratings.submit_rating(
                channel=channel,
                grade=data["grade"],
                dimensions=data["dimensions"],
                comment=data["comment"],
                matter=matter,
                window=window_form.cleaned_data["window"] if window_form else None,
                visitor_token=token,
                contact_name=data["contact_name"],
                contact_phone=data["contact_phone"],
            )
        except ratings.RatingError as error_message:
            status, error = 409, str(error_message)
        else:
            if kiosk:
                request.session[VISITOR] = codes.new_secret()
            context.update(rating=rating, rectification=getattr(rating, "rectification", None))
            return private(render(request, "complaints/rating_thanks.html", context))
    context["error"] = error
    return private(render(request, "complaints/rating_form.html", context, status=status))
