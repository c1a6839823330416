"""Whole-page cache for anonymous views of matter pages.

A matter page pulls in the tree, its department, themes, materials and history: dozens of
queries. Citizens read the same published content thousands of times between edits, so the
rendered page is cached under its revision plus a site-wide generation that every publish,
unpublish, move or snippet change advances (a department rename must reach its matters).

The same key gives browsers and proxies an ETag, and the generation's time a Last-Modified:
a revisit within PUBLIC_PAGE_MAX_AGE needs no request, a later one is answered 304.
"""

import hashlib
import threading
import time
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

GENERATION_KEY = "published-content-generation"
PAGE_TTL = 24 * 3600


def generation():
    return cache.get_or_set(GENERATION_KEY, time.time_ns, None)


_batch = threading.local()


def advance_generation(**kwargs):
    if getattr(_batch, "active", False):
        _batch.pending = True
        return
    cache.set(GENERATION_KEY, time.time_ns(), None)


@contextmanager
def one_generation():
    """Publishing thousands of pages in one go (an import, a batch release): the generation
    advances once at the end instead of once a page."""
    if getattr(_batch, "active", False):
        yield
        return
    _batch.active, _batch.pending = True, False
    try:
        yield
    finally:
        _batch.active = False
        if _batch.pending:
            advance_generation()


def is_cacheable(request):
    return (
        request.method == "GET"
        and not request.GET
        and not getattr(request, "is_preview", False)
        and not request.user.is_authenticated
    )


def display_variant(request):
    """What besides the content shapes the HTML: the reader's language and 长者模式."""
    mode = "elder" if getattr(request, "elder_mode", False) else "normal"
    return f"{getattr(request, 'LANGUAGE_CODE', '')}:{mode}"


def cached_page(page, request, render):
    """Serve `render()`'s response from the cache when a visitor may share it."""
    if not is_cacheable(request):
        return render()
    current = generation()
    key = f"page:{page.pk}:{page.latest_revision_id}:{current}:{display_variant(request)}"
    etag = f'"{hashlib.sha256(key.encode()).hexdigest()[:32]}"'
    last_modified = current // 1_000_000_000
    not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if not_modified is not None:
        return _public(not_modified, etag, last_modified)
    content = cache.get(key)
    if content is not None:
        return _public(HttpResponse(content), etag, last_modified)
    response = render()
    response.render()
    if response.status_code != 200:
        return response
    cache.set(key, response.content, PAGE_TTL)
    if response.cookies:  # a page that sets a cookie (a form's token) is this visitor's own
        return response
    return _public(response, etag, last_modified)


def _public(response, etag, last_modified):
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    patch_cache_control(response, public=True, max_age=settings.PUBLIC_PAGE_MAX_AGE)
    # The language and 长者模式 (a cookie) change the HTML under the same URL.
    patch_vary_headers(response, ["Cookie", "Accept-Language"])
    return response
