"""Addresses on the configured public host (PUBLIC_BASE_URL), whatever host a request or the
Wagtail Site record names: crawlers, feeds and open data must point at the real site."""

from django.conf import settings
from wagtail.models import Site


def public_url(path):
    return settings.PUBLIC_BASE_URL.rstrip("/") + path


def page_public_url(page, request=None):
    parts = page.get_url_parts(request)
    if parts is None or parts[2] is None:
        return None
    return public_url(parts[2])


class SitePaths:
    """Page paths relative to the default site's root, from url_path alone (no query per page)."""

    def __init__(self):
        site = Site.objects.select_related("root_page").filter(is_default_site=True).first()
        self.root = site.root_page.url_path if site else "/"

    def path(self, url_path):
        if not url_path.startswith(self.root):
            return None
        return "/" + url_path[len(self.root) :]
