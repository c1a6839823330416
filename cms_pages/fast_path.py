"""Cached public pages answered before routing, sessions or the page tree are touched.

A stored page costs two cache reads (the broad generation with the path's stamp, then the
response), the second one from this process's memory when it served that copy lately
(local_copies.py); everything a normal response carries (cache headers, CSP, frame options,
Vary) was stored with it, and the middleware outside this one (request id, security headers) still
runs. The key holds both: a broad advance (page_cache.py) retires every stored copy, a matter
republished with its card unchanged only the copies under its own paths.

A visitor with any cookie besides the form token and the ones that select a rendering (a
session, a flash message) goes the normal way: signed-in editors never get a stored copy.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers, get_conditional_response
from django.utils.http import parse_http_date_safe

from .compression import accepts_gzip
from .local_copies import LocalCopies
from .page_cache import PAGE_TTL, display_variant, generation_and_stamp, rendering_cookies

# Set per response on the way out, never replayed.
_NOT_STORED = {"x-request-id", "set-cookie", "date"}
# A page, or a stable link's redirect to one (cms_pages.views.matter_short_link).
_STORED_STATUSES = {200, 302}


def fast_path_key(request):
    """The stored copy this request may get, or None when it must go the normal way."""
    if request.method != "GET" or request.META.get("QUERY_STRING"):
        return None
    if request.path_info.startswith(_skipped_prefixes()):
        return None
    shareable = {settings.CSRF_COOKIE_NAME} | rendering_cookies()
    if not shareable.issuperset(request.COOKIES):
        return None
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    # The site's gzip (inside this one) compresses for some clients and not for others.
    encoding = "gz" if accepts_gzip(request.headers.get("Accept-Encoding")) else "id"
    # Hashed: a hostile path must not make a key too long or odd for the cache backend.
    address = hashlib.sha256(f"{host}{request.path}".encode()).hexdigest()
    versions = generation_and_stamp(request.path_info)
    if versions is None:
        return None
    current, stamp = versions
    return f"fast:{current}:{stamp}:{display_variant(request)}:{encoding}:{address}"


def _skipped_prefixes():
    return (settings.STATIC_URL, settings.MEDIA_URL, "/admin/")


class CachedPageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.local = LocalCopies(settings.PAGE_CACHE_LOCAL_BYTES)

    def __call__(self, request):
        key = fast_path_key(request)
        if key is None:
            return kept_by_no_cache_if_personal(request, self.get_response(request))
        stored = self.local.get(key)
        if stored is None:
            stored = cache.get(key)
            if stored is not None:
                self.local.put(key, stored, len(stored[1]))
        if stored is not None:
            return replay(request, *stored)
        response = self.get_response(request)
        if (
            getattr(response, "shared_page", False)
            and response.status_code in _STORED_STATUSES
            and not response.streaming
            and not response.cookies
        ):
            headers = [(k, v) for k, v in response.items() if k.lower() not in _NOT_STORED]
            stored = (headers, response.content, response.status_code)
            cache.set(key, stored, PAGE_TTL)
            self.local.put(key, stored, len(response.content))
        return kept_by_no_cache_if_personal(request, response)


def kept_by_no_cache_if_personal(request, response):
    """A page for a signed-in user or carrying a form token (a cookie): no shared cache and
    no browser history may keep it, whichever view made it."""
    if response.has_header("Cache-Control") or not response.get("Content-Type", "").startswith(
        "text/html"
    ):
        return response
    user = getattr(request, "user", None)
    if response.cookies or (user is not None and user.is_authenticated):
        add_never_cache_headers(response)
    return response


def replay(request, headers, content, status=200):
    # Copies kept before redirects were (no status) are pages.
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
    return get_conditional_response(
        request, etag=response.get("ETag"), last_modified=last_modified, response=response
    )
