"""Whole-page cache for anonymous views of public pages, and the HTTP caching headers.

A matter page pulls in the tree, its department, themes, materials and history: dozens of
queries. Citizens read the same published content thousands of times between edits, so the
rendered page is cached under its URL and live revision plus the site-wide (broad)
generation. The broad generation advances on whatever may change what one page shows about
another: a first publish, unpublish, move, a publish of any page but a matter, a snippet or
setting change, and a matter republish that changes its card (what listings show about it,
models/cards.py). A republish that leaves the card as it was advances only the every-publish
content generation (feeds, statistics and counts of opendata key on it) and retires the
matter's own paths: its live revision is in this cache's key, and the fast path (fast_path.py)
reads a stamp per path beside the generation. Every advance happens at once and again once
the transaction has committed: a worker that read the old rows in between cannot keep them
under the new generation.

The same key gives browsers and proxies an ETag, and the later of the generation and the
page's last publish a Last-Modified: a revisit within PUBLIC_PAGE_MAX_AGE (none by default)
needs no request, a later one is answered 304. Proxies may keep a page
PUBLIC_PAGE_PROXY_MAX_AGE seconds; purge.py purges them on changes.
"""

import hashlib
import threading
import time
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.urls import get_script_prefix
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.http import http_date
from wagtail.models import PageViewRestriction

from . import versions

GENERATION_KEY = "published-content-generation"
CONTENT_GENERATION_KEY = "every-publish-generation"
PAGE_TTL = 24 * 3600
versions.register(GENERATION_KEY)
versions.register(CONTENT_GENERATION_KEY)
# A page that changes on its own schedule (statistics) is not purged: proxies keep it a minute.
BRIEF_PROXY_AGE = 60


def generation():
    """The broad generation: pages, the fast path and per-process facts key on it."""
    return versions.current(GENERATION_KEY)


def content_generation():
    """Advances on every publish, unpublish, move or change: for what shows every matter's
    content or publish date (opendata's feed, statistics, sitemap, API counts)."""
    return versions.current(CONTENT_GENERATION_KEY)


_batch = threading.local()
_remembered = {}


def remembered(name, compute):
    """`compute()`'s answer, kept by this process until the generation next advances: for
    site-wide facts every page reads (the centre's settings, whether any page is private)
    whose every change goes through a signal that advances it (signals.py)."""
    current = generation()
    held = _remembered.get(name)
    if held is not None and held[0] == current:
        return held[1]
    value = compute()
    _remembered[name] = (current, value)
    return value


def in_batch():
    return getattr(_batch, "active", False)


def _now_and_once_committed(change):
    """At once, for this transaction's own reads, and again after the commit: a worker that
    read the old rows in between stored them under the key the first change made."""
    change()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(change, robust=True)


def _advance_both():
    now = time.time_ns()
    versions.changed({GENERATION_KEY: now, CONTENT_GENERATION_KEY: now})


def advance_generation(**kwargs):
    """The broad advance (the content generation moves with it)."""
    if in_batch():
        _batch.pending = True
        return
    _now_and_once_committed(_advance_both)


def republished_matter(paths):
    """A matter republished with its card unchanged: its own paths and the content generation."""
    if in_batch():
        _batch.pending = True
        return

    def retire():
        now = time.time_ns()
        versions.changed({CONTENT_GENERATION_KEY: now})
        cache.set_many({stamp_key(path): now for path in paths}, PAGE_TTL)

    _now_and_once_committed(retire)


@contextmanager
def one_generation():
    """Publishing thousands of pages in one go (an import, a batch release): one broad
    advance at the end instead of one per page."""
    if in_batch():
        yield
        return
    _batch.active, _batch.pending = True, False
    try:
        yield
    finally:
        _batch.active = False
        if _batch.pending:
            advance_generation()


def path_identity(path):
    """A path as Wagtail routes it, empty segments ignored: `…/flowchart.svg` and the
    `flowchart.svg/` route that answers it (cms_pages.views.page_file) share one stamp."""
    return "/".join(part for part in path.split("/") if part)


def stamp_key(path):
    return "path-stamp:" + hashlib.sha256(path_identity(path).encode()).hexdigest()[:32]


def generation_and_stamp(path):
    """(broad generation, the path's stamp) in one cache read, or None when no stamp can be
    had. A path without a stamp (never retired, expired or evicted) gets a new one: going back
    to a missing stamp's key could find what was stored before a retire. Stamps live as long
    as the pages under them, so paths asked for once (a crawler's, a hostile client's) do not
    pile up in the cache."""
    key = stamp_key(path)
    found = versions.read_with(key)
    current = found[GENERATION_KEY]
    stamp = found.get(key)
    if stamp is None:
        stamp = time.time_ns()
        if not cache.add(key, stamp, PAGE_TTL):
            stamp = cache.get(key)
    return None if stamp is None else (current, stamp)


def own_paths(page):
    """The paths (below the script prefix) of the page and its routes, or None when they
    cannot all be listed (a route taking parameters, a page no site routes to)."""
    routes = getattr(page, "get_subpage_urls", list)()
    if any("<" in str(route.pattern) for route in routes):
        return None
    parts = page.get_url_parts()
    if parts is None or parts[2] is None:
        return None
    prefix = get_script_prefix()
    base = parts[2][len(prefix) - 1 :] if parts[2].startswith(prefix) else parts[2]
    return [base + path.lstrip("/") for path in page.get_cached_paths()]


def _language(request):
    """The cookie's language if the site offers it, else Chinese: the rule theme.language's
    middleware renders by (the browser's Accept-Language does not count), so the fast path,
    which runs before that middleware, keys a page the same way."""
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


# What besides the content shapes the HTML, as (cookie it reads or None, request → text).
# Apps add theirs in AppConfig.ready() (theme: 长者模式); the fast path (fast_path.py) serves
# a stored copy only to visitors whose other cookies are none of a page's business.
RENDERING_SELECTORS = [(settings.LANGUAGE_COOKIE_NAME, _language)]


def add_rendering_selector(cookie, select):
    if (cookie, select) not in RENDERING_SELECTORS:
        RENDERING_SELECTORS.append((cookie, select))


def display_variant(request):
    """The reader's language, 长者模式 and whatever else apps registered, as one key part."""
    return ":".join(select(request) for _cookie, select in RENDERING_SELECTORS)


def rendering_cookies():
    return {cookie for cookie, _select in RENDERING_SELECTORS if cookie}


def is_cacheable(request, page=None):
    return (
        request.method == "GET"
        and not request.GET
        and not getattr(request, "is_preview", False)
        and not request.user.is_authenticated
        and (page is None or not page.get_view_restrictions().exists())
    )


def cached_page(page, request, render):
    """Serve `render()`'s response from the cache when a visitor may share it."""
    if not is_cacheable(request, page):
        return personal(request, render())
    current = generation()
    route = hashlib.sha256(request.path.encode()).hexdigest()[:32]  # paths can be long
    # The live revision, not the latest: a draft changes nothing public, and a scheduled
    # publish may put an older revision live.
    key = f"page:{page.pk}:{page.live_revision_id}:{current}:{display_variant(request)}:{route}"
    etag = f'"{hashlib.sha256(key.encode()).hexdigest()[:32]}"'
    # A republish that keeps the matter's card leaves the generation as it was.
    published = page.last_published_at.timestamp() if page.last_published_at else 0
    last_modified = max(current // 1_000_000_000, int(published))
    not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if not_modified is not None:
        return _public(not_modified, etag, last_modified)
    stored = cache.get(key)
    if stored is not None:
        content_type, content = stored
        return _public(HttpResponse(content, content_type=content_type), etag, last_modified)
    response = render()
    if hasattr(response, "render"):
        response.render()
    if response.status_code != 200 or response.streaming or response.cookies:
        # A page that sets a cookie (a form's token) is this visitor's own.
        return personal(request, response)
    cache.set(key, (response["Content-Type"], response.content), PAGE_TTL)
    return _public(response, etag, last_modified)


def personal(request, response):
    """A signed-in editor's view or a page carrying a form token: no cache may keep it."""
    if request.user.is_authenticated or response.cookies:
        add_never_cache_headers(response)
    return response


def _public(response, etag, last_modified):
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    _shared(response, settings.PUBLIC_PAGE_PROXY_MAX_AGE)
    response.shared_page = True  # the fast path may keep it (fast_path.py)
    return response


def _shared(response, proxy_age):
    patch_cache_control(
        response, public=True, max_age=settings.PUBLIC_PAGE_MAX_AGE, s_maxage=proxy_age
    )
    # The language and 长者模式 (a cookie) change the HTML under the same URL.
    patch_vary_headers(response, ["Cookie", "Accept-Language"])


def briefly_public(page, request, response):
    """A page that changes on its own schedule: browsers and proxies keep it a short while
    and revalidate against a hash of the content."""
    if not is_cacheable(request, page) or response.status_code != 200 or response.cookies:
        return personal(request, response)
    if hasattr(response, "render"):
        response.render()
    set_response_etag(response)
    _shared(response, BRIEF_PROXY_AGE)
    return get_conditional_response(request, etag=response["ETag"], response=response)


def any_view_restriction():
    """Whether any page is private (a restriction's save or delete advances the generation)."""
    return remembered("any-view-restriction", PageViewRestriction.objects.exists)


class SharedPageMixin:
    """Anonymous visitors share one rendering of each of the page's URLs (its routes too)
    until the next publish; pages that change on their own schedule say so."""

    shared_until_publish = True

    def get_view_restrictions(self):
        # Wagtail checks the page and its ancestors on every view (two queries); while no
        # page anywhere is private there is nothing to find.
        if not any_view_restriction():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def get_cached_paths(self):
        """What a proxy may hold for this page: "/" and every route without parameters."""
        routes = getattr(self, "get_subpage_urls", list)()
        fixed = {f"/{route.pattern}" for route in routes if "<" not in str(route.pattern)}
        return ["/", *sorted(fixed - {"/"})]

    def serve(self, request, *args, **kwargs):
        render = lambda: super(SharedPageMixin, self).serve(request, *args, **kwargs)  # noqa: E731
        if self.shared_until_publish:
            return cached_page(self, request, render)
        return briefly_public(self, request, render())
