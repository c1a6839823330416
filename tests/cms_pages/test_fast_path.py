"""Cached public pages are answered before routing and sessions, and never to the wrong
reader: a publish retires them, editors and 长者模式 readers get their own rendering."""

import time

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cms_pages import fast_path
from cms_pages.local_copies import LocalCopies
from cms_pages.models import MatterPage
from cms_pages.page_cache import GENERATION_KEY
from tests.support.cache_reads import shared_cache_reads
from theme.elder_mode import COOKIE as ELDER

pytestmark = pytest.mark.django_db
FAST_PATH = "cms_pages.fast_path.CachedPageMiddleware"


@pytest.fixture
def matter():
    return MatterPage.objects.get(title="出生登记")


def served(client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    return response, len(queries)


def test_second_anonymous_visit_needs_no_database(site_client, matter):
    first, first_queries = served(site_client, matter.url)
    again, again_queries = served(site_client, matter.url)
    assert first.status_code == again.status_code == 200
    assert first_queries > 0 and again_queries == 0
    assert again.content == first.content


def test_publish_retires_the_stored_copy(site_client, matter):
    served(site_client, matter.url)
    served(site_client, matter.url)
    matter.title = "出生登记（更新）"
    matter.save_revision().publish()
    response, _queries = served(site_client, matter.url)
    assert "出生登记（更新）" in response.content.decode()


def test_home_page_counts_follow_a_new_matter_at_once(site_client, matter):
    served(site_client, "/")
    assert served(site_client, "/")[1] == 0
    matter.unpublish()
    response, queries = served(site_client, "/")
    assert queries > 0 and response.status_code == 200


def test_signed_in_editor_never_gets_the_stored_copy(site_client, admin_client, matter):
    served(site_client, matter.url)
    served(site_client, matter.url)
    admin_client.defaults["HTTP_HOST"] = "localhost"
    editor, queries = served(admin_client, matter.url)
    html = editor.content.decode()
    assert queries > 0 and ("wagtail-userbar" in html or "w-userbar" in html)
    assert "no-store" in editor["Cache-Control"] and "private" in editor["Cache-Control"]


def test_elder_mode_and_normal_readers_get_their_own_copies(site_client, matter):
    normal, _ = served(site_client, matter.url)
    site_client.cookies[ELDER] = "1"
    elder, elder_queries = served(site_client, matter.url)
    elder_again, again_queries = served(site_client, matter.url)
    assert elder_queries > 0 and again_queries == 0
    assert 'class="elder"' in elder_again.content.decode()
    del site_client.cookies[ELDER]
    normal_again, normal_queries = served(site_client, matter.url)
    assert normal_queries == 0 and 'class="elder"' not in normal_again.content.decode()
    assert normal_again.content == normal.content


def test_stored_copy_carries_the_same_headers_as_a_rendered_page(site_client, matter, settings):
    served(site_client, matter.url)
    fast, queries = served(site_client, matter.url)
    assert queries == 0
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != FAST_PATH]
    slow, slow_queries = served(Client(HTTP_HOST="localhost"), matter.url)
    assert slow_queries > 0
    expected = {k: v for k, v in slow.items() if k != "X-Request-ID"}
    assert {k: v for k, v in fast.items() if k != "X-Request-ID"} == expected
    for header in ("Content-Security-Policy", "Cache-Control", "ETag", "Last-Modified",
                   "X-Frame-Options", "Vary"):  # fmt: skip
        assert fast[header], header
    assert fast["X-Request-ID"] and fast["X-Request-ID"] != slow["X-Request-ID"]


def test_stored_copy_answers_revalidation_with_304(site_client, matter):
    etag = served(site_client, matter.url)[0]["ETag"]
    response, queries = served(site_client, matter.url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304 and queries == 0 and response.content == b""


def test_visitors_with_a_session_or_a_query_go_the_normal_way(site_client, matter):
    served(site_client, matter.url)
    assert served(site_client, matter.url + "?from=search")[1] > 0
    site_client.cookies[settings.SESSION_COOKIE_NAME] = "someone"
    assert served(site_client, matter.url)[1] > 0


def test_form_with_a_token_is_kept_by_no_cache(site_client):
    response, _ = served(site_client, "/complaints/new/")
    assert response.status_code == 200 and settings.CSRF_COOKIE_NAME in response.cookies
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    again, queries = served(site_client, "/complaints/new/")
    assert queries > 0 and "public" not in again["Cache-Control"]


def test_a_client_refusing_gzip_never_gets_the_gzipped_copy(site_client, matter):
    site_client.get(matter.url, HTTP_ACCEPT_ENCODING="gzip")
    kept = site_client.get(matter.url, HTTP_ACCEPT_ENCODING="gzip")
    refused, queries = served(site_client, matter.url, HTTP_ACCEPT_ENCODING="gzip;q=0")
    assert kept["Content-Encoding"] == "gzip"
    assert not refused.has_header("Content-Encoding") and queries > 0
    assert "出生登记" in refused.content.decode()


def test_a_page_this_process_served_is_not_fetched_from_the_shared_cache_again(
    site_client, matter, monkeypatch
):
    first, _ = served(site_client, matter.url)
    reads = shared_cache_reads(monkeypatch, fast_path)
    again, queries = served(site_client, matter.url)
    assert queries == 0 and again.content == first.content
    assert reads == []


def test_without_local_copies_every_visit_reads_the_shared_cache(matter, monkeypatch, settings):
    settings.PAGE_CACHE_LOCAL_BYTES = 0
    visitor = Client(HTTP_HOST="localhost")
    served(visitor, matter.url)
    reads = shared_cache_reads(monkeypatch, fast_path)
    again, queries = served(visitor, matter.url)
    assert queries == 0 and again.status_code == 200
    assert len(reads) == 1


def test_a_local_copy_is_not_served_once_another_host_advanced_the_generation(site_client, matter):
    served(site_client, matter.url)
    assert served(site_client, matter.url)[1] == 0
    # Another host's publish reaches this one only as a new generation in the shared cache.
    cache.set(GENERATION_KEY, time.time_ns(), None)
    response, queries = served(site_client, matter.url)
    assert queries > 0 and response.status_code == 200


def test_local_copies_keep_to_their_budget_dropping_the_least_recently_used():
    copies = LocalCopies(budget=25)
    for key in ("a", "b"):
        copies.put(key, ([], b"x" * 10, 200), 10)
    copies.get("a")  # "b" is now the least recently used
    copies.put("c", ([], b"x" * 10, 200), 10)
    copies.put("huge", ([], b"x" * 26, 200), 26)
    assert copies.get("b") is None and copies.get("huge") is None
    assert copies.get("a") and copies.get("c")
    assert copies.used == 20
