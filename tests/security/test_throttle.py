"""Per-address limits on search, suggest, poster rendering and scan counting."""

import pytest
from django.test import RequestFactory
from django.utils import timezone

from cms_pages.models import MatterPage
from cms_pages.throttle import client_address
from posters.models import ScanCount

pytestmark = pytest.mark.django_db


DAY = 24 * 3600  # long windows: a test never straddles two of them


@pytest.fixture
def limits(settings):
    settings.RATE_LIMITS = {"search": (3, DAY), "suggest": (3, DAY), "poster": (2, DAY),
                            "scan": (3, DAY)}  # fmt: skip
    return settings.RATE_LIMITS


def search(client, address):
    return client.get("/search/", {"q": "户籍"}, REMOTE_ADDR=address)


def test_search_answers_429_in_chinese_past_the_limit(site_client, limits):
    for _ in range(3):
        assert search(site_client, "192.0.2.1").status_code == 200
    response = search(site_client, "192.0.2.1")
    assert response.status_code == 429
    assert response["Retry-After"] == str(DAY)
    assert "请求过于频繁，请稍后再试。" in response.content.decode()
    assert search(site_client, "192.0.2.2").status_code == 200


def test_poster_rendering_is_limited(site_client, limits):
    matter = MatterPage.objects.live().first()
    # With a query string the fast path does not answer, so each request reaches the renderer
    # (a copy the fast path keeps costs nothing and is not counted).
    statuses = [site_client.get(matter.url + "poster.png", {"size": "A4"},
                                REMOTE_ADDR="192.0.2.3").status_code for _ in range(3)]  # fmt: skip
    assert statuses == [200, 200, 429]


def test_scans_past_the_limit_still_reach_the_page_but_are_not_counted(site_client, limits):
    matter = MatterPage.objects.get(title="出生登记")
    for _ in range(5):
        response = site_client.get(f"/q/{matter.code}/", {"v": matter.live_revision_id},
                                   REMOTE_ADDR="192.0.2.4")  # fmt: skip
        assert response.status_code == 302
    assert ScanCount.objects.get(matter=matter, day=timezone.localdate()).scans == 3


def test_the_address_is_the_sockets_unless_proxies_are_trusted(settings):
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.5",
                                   HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7")  # fmt: skip
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(request) == "10.0.0.5"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request) == "198.51.100.7"  # not the spoofable left-most entry
