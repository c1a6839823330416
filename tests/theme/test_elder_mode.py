"""长者模式 works without JavaScript: a link, a cookie, and back to the same page."""

import pytest

from cms_pages.models import MatterPage
from theme.elder_mode import COOKIE

pytestmark = pytest.mark.django_db


def test_every_page_links_to_elder_mode_returning_to_itself(site_client):
    for path in ("/", "/departments/", "/search/?q=出生", "/no-such-page/"):
        html = site_client.get(path).content.decode()
        assert 'class="elder-toggle" href="/elder-mode/?on=1&amp;next=' in html, path
        assert "长者模式" in html


def test_switching_on_sets_a_lasting_cookie_and_returns_to_the_page(site_client):
    response = site_client.get("/elder-mode/", {"on": "1", "next": "/departments/?page=2"})
    assert response.status_code == 302
    assert response["Location"] == "/departments/?page=2"
    cookie = response.cookies[COOKIE]
    assert cookie.value == "1" and cookie["max-age"] >= 30 * 24 * 3600
    html = site_client.get("/departments/").content.decode()
    assert '<html lang="zh-Hans" class="elder">' in html
    assert "theme/css/elder.css" in html
    assert "退出长者模式" in html and "?on=0&amp;next=/departments/" in html


def test_switching_off_forgets_the_mode(site_client):
    site_client.get("/elder-mode/", {"on": "1", "next": "/"})
    response = site_client.get("/elder-mode/", {"on": "0", "next": "/themes/"})
    assert response["Location"] == "/themes/"
    html = site_client.get("/themes/").content.decode()
    assert 'class="elder"' not in html and "elder.css" not in html


@pytest.mark.parametrize(
    "target",
    ["https://evil.example/", "//evil.example/", "/\\evil.example/", "javascript:alert(1)",
     "evil.example", "", "http://localhost/"],
)  # fmt: skip
def test_return_target_stays_on_this_site(site_client, target):
    response = site_client.get("/elder-mode/", {"on": "1", "next": target})
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_page_cache_keeps_the_modes_apart(site_client):
    matter = MatterPage.objects.get(title="出生登记")
    assert 'class="elder"' not in site_client.get(matter.url).content.decode()
    site_client.cookies[COOKIE] = "1"
    elder_html = site_client.get(matter.url).content.decode()
    assert 'class="elder"' in elder_html
    assert 'class="elder"' in site_client.get(matter.url).content.decode()
    del site_client.cookies[COOKIE]
    assert 'class="elder"' not in site_client.get(matter.url).content.decode()


def test_figures_page_cache_keeps_the_modes_apart(site_client):
    assert 'class="elder"' not in site_client.get("/complaints/figures/").content.decode()
    site_client.cookies[COOKIE] = "1"
    assert 'class="elder"' in site_client.get("/complaints/figures/").content.decode()


def test_html_responses_vary_on_cookie(site_client):
    assert "Cookie" in site_client.get("/").headers["Vary"]
