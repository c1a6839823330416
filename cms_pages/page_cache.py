"""Whole-page cache for anonymous views of matter pages.

A matter page pulls in the tree, its department, themes, materials and history: dozens of
queries. Citizens read the same published content thousands of times between edits, so the
rendered page is cached under its revision plus a site-wide generation that every publish,
unpublish, move or snippet change advances (a department rename must reach its matters).
"""

import time

from django.core.cache import cache
from django.http import HttpResponse

GENERATION_KEY = "published-content-generation"
PAGE_TTL = 24 * 3600


def generation():
    return cache.get_or_set(GENERATION_KEY, time.time_ns, None)


def advance_generation(**kwargs):
    cache.set(GENERATION_KEY, time.time_ns(), None)


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
    key = f"page:{page.pk}:{page.latest_revision_id}:{generation()}:{display_variant(request)}"
    content = cache.get(key)
    if content is not None:
        return HttpResponse(content)
    response = render()
    response.render()
    if response.status_code == 200:
        cache.set(key, response.content, PAGE_TTL)
    return response
