"""Citizens get cached matter pages, but never stale ones."""

import pytest

from cms_pages.models import CentreSettings, MatterPage

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


def test_unpublished_matter_is_gone_even_when_cached(site_client, matter):
    assert site_client.get(matter.url).status_code == 200
    matter.unpublish()
    assert site_client.get(matter.url).status_code == 404


def test_editors_see_fresh_page_with_userbar(admin_client, matter):
    admin_client.defaults["HTTP_HOST"] = "localhost"
    admin_client.get(matter.url)
    html = admin_client.get(matter.url).content.decode()
    assert "wagtail-userbar" in html or "w-userbar" in html
