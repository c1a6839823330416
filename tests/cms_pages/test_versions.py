"""The shared versions (page-cache generations, the search index's) are read in one round trip
per request, and never held past it: a change from elsewhere shows on the next request."""

import pytest
from django.core.cache import cache
from django.test import RequestFactory

from cms_pages import versions
from cms_pages.models import MatterPage
from cms_pages.page_cache import GENERATION_KEY, advance_generation, generation

pytestmark = pytest.mark.django_db


class CountingCache:
    """The shared cache, counting the reads that fetch versions."""

    def __init__(self):
        self.reads = 0

    def get_many(self, keys):
        if any(key in versions.VERSION_KEYS for key in keys):
            self.reads += 1
        return cache.get_many(keys)

    def get_or_set(self, key, default, timeout):
        self.reads += 1
        return cache.get_or_set(key, default, timeout)

    def __getattr__(self, name):
        return getattr(cache, name)


@pytest.fixture
def counted(monkeypatch):
    counting = CountingCache()
    monkeypatch.setattr(versions, "cache", counting)
    return counting


@pytest.mark.parametrize("url", ["/search/?q=出生", "matter", "/"])
def test_an_uncached_page_reads_the_versions_once(site_client, counted, url):
    if url == "matter":
        url = MatterPage.objects.get(title="出生登记").url
    site_client.get(url)
    # A running site: the versions exist, the page and its pieces are not kept yet.
    held = cache.get_many(versions.VERSION_KEYS)
    cache.clear()
    cache.set_many(held, None)
    counted.reads = 0
    response = site_client.get(url)
    assert response.status_code == 200
    assert counted.reads == 1


def test_a_version_changed_elsewhere_shows_on_the_next_request(site_client):
    matter = MatterPage.objects.get(title="出生登记")
    site_client.get(matter.url)
    MatterPage.objects.filter(pk=matter.pk).update(title="出生医学登记")
    # Another host advanced the generation after a change this process did not see.
    cache.set(GENERATION_KEY, generation() + 1, None)
    assert "出生医学登记" in site_client.get(matter.url).content.decode()


def test_a_change_made_by_the_request_itself_is_seen_by_the_rest_of_it():
    seen = []

    def view(request):
        seen.append(generation())
        advance_generation()
        seen.append(generation())
        return None

    versions.VersionsPerRequestMiddleware(view)(RequestFactory().get("/"))
    assert seen[0] != seen[1] == cache.get(GENERATION_KEY)
