"""/sitemap.xml lists every public page on the configured public host; /robots.txt points at
it and keeps crawlers off the admin, poster scans and endless filter pages."""

import xml.etree.ElementTree as ET

import pytest

from cms_pages.models import MatterPage
from opendata import crawlers

pytestmark = pytest.mark.django_db

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
HOST = "https://zwfw.qingshan.example"


@pytest.fixture(autouse=True)
def public_host(settings):
    settings.PUBLIC_BASE_URL = HOST


def locations(response):
    assert response["Content-Type"].startswith("application/xml")
    return [loc.text for loc in ET.fromstring(response.content).iter(f"{NS}loc")]


def test_sitemap_lists_every_public_matter_on_the_public_host(small_catalogue, site_client):
    urls = locations(site_client.get("/sitemap.xml"))
    assert all(url.startswith(HOST + "/") for url in urls)
    assert not any("localhost" in url or "testserver" in url for url in urls)
    matters = {url for url in urls if "/jia/t-" in url or "/yi/t-" in url}
    expected = {
        HOST + m.url for m in MatterPage.objects.live().public().filter(code__startswith="T-")
    }
    assert matters == expected and len(expected) == 5
    assert not any(small_catalogue.private.slug in url or small_catalogue.draft.slug in url
                   for url in urls)  # fmt: skip
    assert HOST + "/statistics/" in urls


def test_large_sitemaps_are_split_under_an_index(small_catalogue, site_client, monkeypatch):
    monkeypatch.setattr(crawlers, "SITEMAP_LIMIT", 10)
    index = ET.fromstring(site_client.get("/sitemap.xml").content)
    assert index.tag == f"{NS}sitemapindex"
    pages = [loc.text for loc in index.iter(f"{NS}loc")]
    assert pages[0] == HOST + "/sitemap.xml?p=1"
    total = sum(len(locations(site_client.get(f"/sitemap.xml?p={n}"))) for n in
                range(1, len(pages) + 1))  # fmt: skip
    assert total == len(crawlers.sitemap_entries())
    for bad in ("99", "0", "abc"):
        assert site_client.get(f"/sitemap.xml?p={bad}").status_code == 404


def test_robots_txt(site_client):
    text = site_client.get("/robots.txt").content.decode()
    assert f"Sitemap: {HOST}/sitemap.xml" in text
    for path in ("/admin/", "/q/", "/search/"):
        assert f"Disallow: {path}\n" in text
