"""Public poster URLs: the scan `/q/<实施编码>/?v=<revision>` and a matter's poster files."""

from django.core.cache import cache
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseNotModified
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from cms_pages import params, throttle
from cms_pages.models import public_matter_by_code
from cms_pages.sites import links_to_pages

from .content import poster_for
from .rendering import LAYOUT, SIZES, render_pdf, render_png
from .scans import is_outdated, parse_revision, record_scan

FORMATS = {"pdf": ("application/pdf", render_pdf), "png": ("image/png", render_png)}
POSTER_CACHE_SECONDS = 24 * 3600


@links_to_pages
def scan(request, code):
    """Count the scan, then send the phone to the live page; an unknown code gets search."""
    matter = None
    if params.is_code(code):
        matter = public_matter_by_code(code)
    if matter is None:
        return render(request, "cms_pages/matter_not_found.html", {"code": code}, status=404)
    revision = parse_revision(request.GET.get("v"))
    outdated = is_outdated(revision, matter)
    if request.method == "GET" and throttle.allow(request, "scan"):
        record_scan(matter, outdated)
    url = matter.get_url(request)
    if outdated:
        # The page shows the outdated-poster notice; a current poster gets the plain
        # (cacheable) page.
        url += "?" + urlencode({"poster": revision})
    response = redirect(url)
    # Every scan must reach the server to be counted, so no cache may answer for it.
    add_never_cache_headers(response)
    return response


def matter_poster(request, matter, fmt):
    """`<matter page>poster.pdf?size=A4|A3` and `poster.png`, rendered once per content."""
    size = params.choice(request.GET.get("size", "A4").upper(), SIZES)
    if size is None:
        return HttpResponseBadRequest(
            _("纸张尺寸只能是 A4 或 A3。"), content_type="text/plain; charset=utf-8"
        )
    content_type, renderer = FORMATS[fmt]
    poster = poster_for(matter)
    etag = f'"{poster.fingerprint[:40]}-{LAYOUT}-{size}"'
    if request.headers.get("If-None-Match") == etag:
        return HttpResponseNotModified()
    key = f"posters:{LAYOUT}:{fmt}:{size}:{poster.fingerprint}"
    data = cache.get(key)
    if data is None:
        data = renderer([poster], size)
        cache.set(key, data, POSTER_CACHE_SECONDS)
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="poster-{matter.code}-{size}.{fmt}"'
    response["ETag"] = etag
    # Printers should always get the current poster: revalidate, never reuse blindly.
    patch_cache_control(response, no_cache=True)
    return response
