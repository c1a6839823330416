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


class KnownSiteMiddleware:
    """Gives Wagtail's page view its site (`request._wagtail_site`) from the process's copy;
    other views never ask."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        if view is serve:
            request._wagtail_site = site_for(request)


def connect():
    for signal in (post_save, post_delete):
        signal.connect(advance_generation, sender=Site, dispatch_uid=f"sites-{signal}")
