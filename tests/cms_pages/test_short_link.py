import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from cms_pages.models import DepartmentPage, MatterPage

pytestmark = pytest.mark.django_db


def test_short_link_redirects_to_live_page(site_client):
    matter = MatterPage.objects.get(title="个体工商户设立登记")
    response = site_client.get(f"/m/{matter.code}/")
    assert response.status_code == 302
    assert response["Location"] == matter.url


def test_short_link_survives_move_and_slug_change(site_client):
    matter = MatterPage.objects.get(title="个体工商户设立登记")
    code, old_url = matter.code, matter.url
    matter.move(DepartmentPage.objects.get(slug="shichang-jianguan"), pos="last-child")
    matter = MatterPage.objects.get(code=code)
    matter.slug = "getihu-dengji"
    matter.save_revision().publish()

    response = site_client.get(f"/m/{code}/", follow=True)
    assert response.redirect_chain[-1][0] == "/departments/shichang-jianguan/getihu-dengji/"
    assert response.status_code == 200
    assert "个体工商户设立登记" in response.content.decode()
    assert old_url != matter.url
    assert matter.department.slug == "shichang-jianguan"
    assert "青山市市场监督管理局" in response.content.decode()


def test_unknown_code_is_a_friendly_404_with_search(site_client):
    response = site_client.get("/m/NO-SUCH-CODE/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "NO-SUCH-CODE" in html
    assert 'action="/search/"' in html


def test_unpublished_matter_is_not_reachable_by_short_link(site_client):
    matter = MatterPage.objects.get(title="个体工商户设立登记")
    matter.unpublish()
    assert site_client.get(f"/m/{matter.code}/").status_code == 404


def test_moved_matter_is_listed_under_its_new_department_without_republishing(site_client):
    matter = MatterPage.objects.get(title="个体工商户设立登记")
    target = DepartmentPage.objects.get(slug="shichang-jianguan")
    matter.move(target, pos="last-child")
    theme = matter.themes.first().page
    html = site_client.get(f"{theme.url}?department={target.pk}").content.decode()
    assert "个体工商户设立登记" in html


def _followed(client, code):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/m/{code}/")
    return response, len(queries)


def test_a_short_link_asked_again_is_answered_from_the_kept_redirect(site_client):
    matter = MatterPage.objects.get(title="个体工商户设立登记")
    first, first_queries = _followed(site_client, matter.code)
    again, again_queries = _followed(site_client, matter.code)
    assert first.status_code == again.status_code == 302
    assert again["Location"] == first["Location"] == matter.url
    assert first_queries > 0 and again_queries == 0


def test_a_kept_short_link_follows_a_rename_and_an_unpublish_at_once(site_client):
    matter = MatterPage.objects.get(title="个体工商户设立登记")
    code = matter.code
    assert site_client.get(f"/m/{code}/")["Location"] == matter.url
    matter.slug = "getihu-dengji"
    matter.save_revision().publish()
    assert site_client.get(f"/m/{code}/")["Location"].endswith("/getihu-dengji/")
    MatterPage.objects.get(code=code).unpublish()
    assert site_client.get(f"/m/{code}/").status_code == 404


def test_a_code_not_found_leads_to_its_matter_once_published(site_client):
    matter = MatterPage.objects.get(title="个体工商户设立登记")
    matter.unpublish()
    assert site_client.get(f"/m/{matter.code}/").status_code == 404
    matter.save_revision().publish()
    assert site_client.get(f"/m/{matter.code}/")["Location"] == matter.url


def test_a_short_link_asks_the_database_only_for_its_matter(site_client):
    # The process's first link learns the sites and whether any page is private, once.
    site_client.get(f"/m/{MatterPage.objects.get(title='出生登记').code}/")
    matter = MatterPage.objects.get(title="个体工商户设立登记")
    with CaptureQueriesContext(connection) as queries:
        response = site_client.get(f"/m/{matter.code}/")
    assert response.status_code == 302 and response["Location"] == matter.url
    assert len(queries) == 1


def test_a_matter_made_private_is_not_reachable_by_short_link(site_client):
    matter = MatterPage.objects.get(title="个体工商户设立登记")
    assert _followed(site_client, matter.code)[0].status_code == 302
    PageViewRestriction.objects.create(page=matter, restriction_type="login")
    assert _followed(site_client, matter.code)[0].status_code == 404
