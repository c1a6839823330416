"""The interface language, chosen by a plain link and remembered in a cookie.

Chinese unless the visitor picked English: the choice is the cookie alone (not the browser's
Accept-Language), so a printed poster's URL shows the same page to everyone who has not
chosen, and the page caches need only the cookie to tell the versions apart.
"""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from .catalogue_lookup import remember_lookups
from .elder_mode import COOKIE_MAX_AGE, safe_next

# BCP 47 spelling for <html lang>, which screen readers use to pick a voice.
HTML_LANG = {"zh-hans": "zh-Hans", "en": "en"}


def chosen_language(request):
    """The language a request is shown in: the cookie's if it names one the site offers.
    Page caches and any cache in front of the views compute their variant from this."""
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if code in dict(settings.LANGUAGES):
        return code
    return settings.LANGUAGE_CODE


@require_GET
def switch(request):
    """Show the site in `to` from now on, then go back to the page the visitor was reading."""
    response = HttpResponseRedirect(safe_next(request.GET.get("next")))
    code = request.GET.get("to")
    if code in dict(settings.LANGUAGES) and code != settings.LANGUAGE_CODE:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME, code, max_age=COOKIE_MAX_AGE, samesite="Lax",
            httponly=True,
        )  # fmt: skip
    else:
        response.delete_cookie(settings.LANGUAGE_COOKIE_NAME, samesite="Lax")
    return response


class LanguageMiddleware:
    """Activates the chosen language for the request and sets `request.LANGUAGE_CODE`.
    The Wagtail admin still switches to each staff member's own preference inside its views."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        code = chosen_language(request)
        translation.activate(code)
        remember_lookups(code)
        request.LANGUAGE_CODE = code
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", code)
        if response.get("Content-Type", "").startswith("text/html"):
            patch_vary_headers(response, ["Cookie"])
        return response


def language(request):
    """The current language for <html lang> and the switch to the other one."""
    code = translation.get_language() or settings.LANGUAGE_CODE
    others = [(other, name) for other, name in settings.LANGUAGES if other != code]
    other, other_name = others[0] if others else (code, "")
    return {
        "html_lang": HTML_LANG.get(code, code),
        "other_language": other,
        "other_language_name": other_name,
        "other_html_lang": HTML_LANG.get(other, other),
    }
