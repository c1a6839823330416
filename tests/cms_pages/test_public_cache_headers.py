"""Every public page tells browsers and proxies how long they may keep it, and answers a
revalidation with 304; nothing a signed-in editor sees is public."""

import pytest
from django.conf import settings

from cms_pages import page_cache
from cms_pages.models import (
    DepartmentIndexPage,
    DepartmentPage,
    HomePage,
    MatterPage,
    StatisticsPage,
    ThemeIndexPage,
    ThemePage,
)
from reform.lists import LIVE_LISTS
from reform.models import BatchIndexPage, ReformBatchPage

pytestmark = pytest.mark.django_db


def public_urls():
    matter = MatterPage.objects.live().get(title="出生登记")
    batches = BatchIndexPage.objects.live().get()
    return {
        "home": HomePage.objects.get().url,
        "departments": DepartmentIndexPage.objects.get().url,
        "department": DepartmentPage.objects.live().first().url,
        "themes": ThemeIndexPage.objects.get().url,
        "theme": ThemePage.objects.live().first().url,
        "matter": matter.url,
        "print": matter.url + "print/",
        "batches": batches.url,
        "live list": f"{batches.url}lists/{LIVE_LISTS[0].slug}/",
        "batch": ReformBatchPage.objects.live().first().url,
    }


@pytest.mark.parametrize(
    "name", ["home", "departments", "department", "themes", "theme", "matter", "print",
             "batches", "live list", "batch"],
)  # fmt: skip
def test_public_page_is_kept_by_proxies_until_a_purge_and_revalidates(site_client, name):
    url = public_urls()[name]
    first = site_client.get(url)
    assert first.status_code == 200, url
    cache_control = first["Cache-Control"]
    assert "public" in cache_control
    assert f"max-age={settings.PUBLIC_PAGE_MAX_AGE}" in cache_control
    assert f"s-maxage={settings.PUBLIC_PAGE_PROXY_MAX_AGE}" in cache_control
    assert first["Last-Modified"]
    assert site_client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    since = site_client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304


def test_statistics_are_kept_briefly_and_revalidate_against_their_content(site_client):
    url = StatisticsPage.objects.get().url
    first = site_client.get(url)
    cache_control = first["Cache-Control"]
    assert "public" in cache_control
    assert f"s-maxage={page_cache.BRIEF_PROXY_AGE}" in cache_control
    assert site_client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


@pytest.mark.parametrize("name", ["home", "theme", "matter", "batch"])
def test_editors_pages_are_kept_by_no_cache(admin_client, name):
    admin_client.defaults["HTTP_HOST"] = "localhost"
    response = admin_client.get(public_urls()[name])
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "public" not in response["Cache-Control"]
    assert not response.has_header("ETag")
