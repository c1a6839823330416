"""What search engines read: `/sitemap.xml` (every public page on the configured public host)
and `/robots.txt` (keeping crawlers off the admin, poster scans and endless filter pages)."""

from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail.models import Page

from cms_pages.page_cache import content_generation

from .public_urls import SitePaths, public_url

SITEMAP_LIMIT = 50_000  # URLs per file, as the sitemap protocol allows
CACHE_TTL = 24 * 3600
NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
DISALLOWED = ["/admin/", "/django-admin/", "/q/", "/search/", "/opendata/matters/", "/api/"]


def sitemap_entries():
    """[(url, lastmod date)] of live public pages of the default site, in tree order."""
    key = f"opendata:sitemap:{content_generation()}"
    entries = cache.get(key)
    if entries is None:
        paths = SitePaths()
        pages = (
            Page.objects.live().public().filter(url_path__startswith=paths.root)
            .order_by("path").values_list("url_path", "last_published_at")
        )  # fmt: skip
        entries = [
            (public_url(paths.path(url_path)), published.date().isoformat() if published else "")
            for url_path, published in pages.iterator(chunk_size=2000)
        ]
        cache.set(key, entries, CACHE_TTL)
    return entries


def _xml(body):
    return HttpResponse('<?xml version="1.0" encoding="UTF-8"?>\n' + body,
                        content_type="application/xml; charset=utf-8")  # fmt: skip


def _urlset(entries):
    lines = [f'<urlset xmlns="{NAMESPACE}">']
    for url, lastmod in entries:
        stamp = f"<lastmod>{lastmod}</lastmod>" if lastmod else ""
        lines.append(f"<url><loc>{escape(url)}</loc>{stamp}</url>")
    lines.append("</urlset>\n")
    return "\n".join(lines)


@require_GET
def sitemap(request):
    """One urlset, or an index of `?p=N` pages when there are more than SITEMAP_LIMIT URLs."""
    entries = sitemap_entries()
    pages = max(1, -(-len(entries) // SITEMAP_LIMIT))
    raw = request.GET.get("p")
    if raw is None and pages > 1:
        items = "".join(
            f"<sitemap><loc>{escape(public_url(f'/sitemap.xml?p={n}'))}</loc></sitemap>"
            for n in range(1, pages + 1)
        )
        return _xml(f'<sitemapindex xmlns="{NAMESPACE}">{items}</sitemapindex>\n')
    number = int(raw) if raw and raw.isdigit() and len(raw) < 6 else (1 if raw is None else 0)
    if not 1 <= number <= pages:
        raise Http404(_("网站地图没有这一页。"))
    start = (number - 1) * SITEMAP_LIMIT
    return _xml(_urlset(entries[start : start + SITEMAP_LIMIT]))


@require_GET
def robots(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in DISALLOWED), "",
             f"Sitemap: {public_url('/sitemap.xml')}", ""]  # fmt: skip
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
