"""The Wagtail site a request is for, looked up once per publish generation.

Wagtail asks the database which site answers a host on every request (a query whose CASE
ordering is the dearest of a page's queries to compile), then loads the site's root page as
its own type. Sites change rarely and each change advances the generation (connect()), so a
process keeps the answer for each site hostname and port until then; every host no site names
gets the default site, as Wagtail's own lookup gives it, under one entry.
"""

import copy

from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port
from wagtail.models import Site
from wagtail.views import serve

from .page_cache import advance_generation, remembered


def site_for(request):
    known = remembered(
        "sites", lambda: {"hostnames": set(Site.objects.values_list("hostname", flat=True))}
    )
    hostname = split_domain_port(request._get_raw_host())[0]
    key = (hostname, request.get_port()) if hostname in known["hostnames"] else "elsewhere"
    if key not in known:
        site = Site.find_for_request(request)
        if site is not None:
            site.root_page.specific  # noqa: B018  (kept loaded as its type with the site)
        known[key] = site
    return copy.copy(known[key])


def site_root_paths():
    """Wagtail's table for turning a page's url_path into its URL, which it reads from the
    shared cache once per request; a site or root page change advances the generation."""
    return remembered("site-root-paths", Site.get_site_root_paths)


class KnownSiteMiddleware:
    """Gives Wagtail the request's site (`request._wagtail_site`) and the sites' root paths
    from the process's copies: its page view, and the views that link to a page (a poster
    scan, a short link), would otherwise ask the database and the shared cache each time."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        if view is serve or getattr(view, "links_to_pages", False):
            request._wagtail_site = site_for(request)
            request._wagtail_cached_site_root_paths = site_root_paths()


def links_to_pages(view):
    """Marks a view that builds page URLs (KnownSiteMiddleware)."""
    view.links_to_pages = True
    return view


def connect():
    for signal in (post_save, post_delete):
        signal.connect(advance_generation, sender=Site, dispatch_uid=f"sites-{signal}")
