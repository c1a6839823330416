"""长者模式: large text, strong contrast and big targets, switched by a plain link.

The choice lives in a cookie the server reads, so the mode works without JavaScript and the
first byte of every page is already in the right mode (no flash of small text).
"""

from django.http import HttpResponseRedirect
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

COOKIE = "elder"
COOKIE_MAX_AGE = 365 * 24 * 3600


def safe_next(target):
    """A path on this site to return to; anything else (other hosts, schemes) goes home."""
    if (
        target
        and target.startswith("/")
        and url_has_allowed_host_and_scheme(target, allowed_hosts=set())
    ):
        return target
    return "/"


@require_GET
def switch(request):
    """Turn the mode on (`on=1`) or off, then go back to the page the visitor was reading."""
    response = HttpResponseRedirect(safe_next(request.GET.get("next")))
    if request.GET.get("on") == "1":
        response.set_cookie(COOKIE, "1", max_age=COOKIE_MAX_AGE, samesite="Lax", httponly=True)
    else:
        response.delete_cookie(COOKIE, samesite="Lax")
    return response


class ElderModeMiddleware:
    """Sets `request.elder_mode`, which templates and page caches key on."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.elder_mode = request.COOKIES.get(COOKIE) == "1"
        response = self.get_response(request)
        if response.get("Content-Type", "").startswith("text/html"):
            patch_vary_headers(response, ["Cookie"])
        return response


def rendering(request):
    return "elder" if request.COOKIES.get(COOKIE) == "1" else "normal"


def elder_mode(request):
    return {"elder_mode": getattr(request, "elder_mode", False)}
