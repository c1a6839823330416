"""Citizens get cached matter pages, but never stale ones."""

import pytest

from cms_pages.models import CentreSettings, MatterPage, Theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def matter():
    return MatterPage.objects.get(title="出生登记")


def test_department_rename_reaches_cached_matter_page(site_client, matter):
    assert "青山市公安局" in site_client.get(matter.url).content.decode()
    department = matter.get_parent().specific
    department.title = "青山市公安局（更名）"
    department.save_revision().publish()
    assert "青山市公安局（更名）" in site_client.get(matter.url).content.decode()


def test_centre_settings_change_reaches_cached_matter_page(site_client, matter):
    site_client.get(matter.url)
    centre = CentreSettings.load()
    centre.name = "青山市为民服务中心"
    centre.save()
    assert "青山市为民服务中心" in site_client.get(matter.url).content.decode()


def test_a_deleted_theme_leaves_its_cached_matter_pages(site_client, matter):
    theme = Theme.objects.create(audience="natural", name="新生儿落户")
    matter.themes.add(theme)
    matter.save_revision().publish()
    assert "新生儿落户" in site_client.get(matter.url).content.decode()
    theme.delete()
    assert "新生儿落户" not in site_client.get(matter.url).content.decode()


def test_unpublished_matter_is_gone_even_when_cached(site_client, matter):
    assert site_client.get(matter.url).status_code == 200
    matter.unpublish()
    assert site_client.get(matter.url).status_code == 404


def test_editors_see_fresh_page_with_userbar(admin_client, matter):
    admin_client.defaults["HTTP_HOST"] = "localhost"
    admin_client.get(matter.url)
    html = admin_client.get(matter.url).content.decode()
    assert "wagtail-userbar" in html or "w-userbar" in html


def test_anonymous_matter_page_is_publicly_cacheable_and_revalidates_with_304(
    site_client, matter, settings
):
    settings.PUBLIC_PAGE_MAX_AGE = 45
    first = site_client.get(matter.url)
    assert first.status_code == 200
    assert "public" in first["Cache-Control"] and "max-age=45" in first["Cache-Control"]
    etag, last_modified = first["ETag"], first["Last-Modified"]

    again = site_client.get(matter.url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    since = site_client.get(matter.url, HTTP_IF_MODIFIED_SINCE=last_modified)
    assert since.status_code == 304


def test_publish_changes_the_etag_so_revalidation_gets_the_new_page(site_client, matter):
    etag = site_client.get(matter.url)["ETag"]
    matter.save_revision().publish()  # a new live revision: a new key, whatever the generation
    fresh = site_client.get(matter.url, HTTP_IF_NONE_MATCH=etag)
    assert fresh.status_code == 200 and fresh["ETag"] != etag


def test_logged_in_and_query_string_pages_are_never_public(admin_client, site_client, matter):
    admin_client.defaults["HTTP_HOST"] = "localhost"
    editor = admin_client.get(matter.url)
    assert "public" not in editor.get("Cache-Control", "") and not editor.has_header("ETag")
    queried = site_client.get(matter.url + "?from=search")
    assert "public" not in queried.get("Cache-Control", "") and not queried.has_header("ETag")
    etag = site_client.get(matter.url)["ETag"]
    assert admin_client.get(matter.url, HTTP_IF_NONE_MATCH=etag).status_code == 200
