"""Purging the caching proxy in front of the site (deploy/nginx) when public content changes.

Wagtail's frontend_cache app connects one purge per published page. That is one task per
matter for a reform batch release or an import, and it misses what lists the page (the
department, the home page's counts, theme pages), moves, renames and snippet changes. So the
app is not installed; its backends and purge task are used here instead: every change made in
one database transaction becomes one batch, sent once the transaction commits (or at once
outside one). Nothing happens unless WAGTAILFRONTENDCACHE is configured.
"""

import threading
from urllib.error import HTTPError, URLError
from urllib.parse import quote, urlsplit, urlunsplit
from urllib.request import urlopen

from django.conf import settings
from django.db import transaction
from wagtail.contrib.frontend_cache.backends.http import HTTPBackend, PurgeRequest, logger
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page

# Functions (changed page → more pages to purge) that apps add from AppConfig.ready():
# the pages that list the changed one.
LISTINGS = []
_pending = threading.local()


def enabled():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def _state():
    if not hasattr(_pending, "urls"):
        _pending.urls, _pending.page_ids, _pending.paths = set(), set(), set()
        _pending.everything = False
    return _pending


def page_urls(page):
    """The full URLs a proxy may hold for the page, its routes included."""
    url = page.get_full_url()
    if url is None:
        return []
    return [url + path.lstrip("/") for path in page.specific_deferred.get_cached_paths()]


def page_changed(instance, **kwargs):
    """A page published, unpublished or deleted: it, its ancestors and its listings."""
    if not enabled():
        return
    state = _state()
    state.urls.update(page_urls(instance))
    state.paths.update(instance.path[:end] for end in range(8, len(instance.path), 4))
    for listings in LISTINGS:
        state.page_ids.update(page.pk for page in listings(instance))
    _send_on_commit()


def page_moved(instance, url_path_before, url_path_after, **kwargs):
    """Its old URLs (and its descendants') answer 404 now; the new ones may have been cached
    as 404s. Both parents' listings change too."""
    if not enabled() or url_path_before == url_path_after:
        return
    page_changed(instance)
    state = _state()
    for page in [instance, *instance.get_descendants().specific()]:
        old = url_path_before + page.url_path[len(url_path_after) :]
        state.urls.update(_moved_urls(page, old))
        state.urls.update(page_urls(page))
    parent_before = kwargs.get("parent_page_before")
    if parent_before is not None:
        path = parent_before.path
        state.paths.update(path[:end] for end in range(8, len(path) + 1, 4))
    _send_on_commit()


def slug_changed(instance, instance_before, **kwargs):
    page_moved(instance, instance_before.url_path, instance.url_path)


def _moved_urls(page, old_url_path):
    url = page.get_full_url()
    if url is None:
        return []
    scheme, netloc, path, _query, _fragment = urlsplit(url)
    site_root = page.url_path[: len(page.url_path) - len(path)]
    old = urlunsplit((scheme, netloc, old_url_path[len(site_root) :], "", ""))
    return [old + p.lstrip("/") for p in page.specific_deferred.get_cached_paths()]


def pages_changed(pages):
    """A snippet that some pages show changed: those pages and their listings."""
    for page in pages:
        page_changed(page)


def everything_changed(**kwargs):
    """A setting shown on every page (the centre's name, a complaint channel)."""
    if not enabled():
        return
    _state().everything = True
    _send_on_commit()


def _send_on_commit():
    # One callback per change: the first to run after the commit sends everything pending,
    # the others find nothing. A rolled-back change is sent with the next batch (harmless).
    transaction.on_commit(_send)


def _send():
    state = _state()
    if not (state.urls or state.page_ids or state.paths or state.everything):
        return
    batch = PurgeBatch(urls=state.urls)
    if state.everything:
        batch.add_pages(Page.objects.live().specific().iterator())
    else:
        related = Page.objects.live().filter(pk__in=state.page_ids) | Page.objects.live().filter(
            path__in=state.paths, depth__gt=1
        )
        batch.add_pages(related.specific())
    del _pending.urls
    batch.purge()


class VariantHTTPBackend(HTTPBackend):
    """Wagtail's PURGE sender, under LOCATION's path (http://127.0.0.1/purge + page path),
    once per rendering the proxy keeps apart (长者模式 is a cookie: the nginx of deploy/
    keys on it), and quiet about pages it did not hold."""

    def __init__(self, params):
        self.variant_cookies = params.pop("VARIANT_COOKIES", [""])
        self.path_prefix = urlsplit(params["LOCATION"]).path.rstrip("/")
        super().__init__(params)

    def purge(self, url):
        parts = urlsplit(url)
        path = self.path_prefix + quote(parts.path, safe="/%")
        target = urlunsplit((self.cache_scheme, self.cache_netloc, path, parts.query, ""))
        for cookie in self.variant_cookies:
            headers = {"Host": parts.netloc, "User-Agent": "OneVisit-purge"}
            if cookie:
                headers["Cookie"] = cookie
            try:
                urlopen(PurgeRequest(url=target, headers=headers), timeout=10)  # noqa: S310
            except HTTPError as error:
                if error.code != 404:  # 404: the proxy held no copy
                    logger.error("无法清除代理缓存 %s：HTTP %d", url, error.code)
            except URLError as error:
                logger.error("无法清除代理缓存 %s：%s", url, error.reason)
