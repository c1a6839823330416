import pytest

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
