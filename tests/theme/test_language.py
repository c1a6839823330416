"""The interface in English on request: a plain link, a cookie, and back to the same page;
page caches keep the languages apart; content stays Chinese."""

import re
from html import unescape

import pytest
from django.conf import settings
from django.utils.encoding import iri_to_uri

from cms_pages.models import CentreSettings, MatterPage, ThemePage
from reform.models import ReformBatchPage

pytestmark = pytest.mark.django_db

COOKIE = settings.LANGUAGE_COOKIE_NAME
HAN = re.compile(r"[\u3400-\u9fff]")


def public_paths():
    matter = MatterPage.objects.live().get(title="出生登记")
    batch = ReformBatchPage.objects.live().first()
    return [
        "/", "/themes/", "/themes/geren-sheng-yu-shou-yang/", "/departments/",
        "/departments/gongan/", matter.url, matter.url + "print/", "/search/",
        "/search/?q=出生", "/search/?q=zzqqxx", "/bundles/", "/batches/", batch.url,
        "/batches/lists/at-most-once/", "/statistics/", "/complaints/", "/complaints/new/",
        "/complaints/status/", "/complaints/figures/", "/ratings/hall/", "/no-such-page/",
    ]  # fmt: skip


def chrome(html):
    """The header and footer every page shares, without the centre's own name and address."""
    centre = CentreSettings.load()
    parts = re.findall(r"<header class=\"site-header\">.*?</header>|<footer.*?</footer>", html,
                       re.S)  # fmt: skip
    text = re.sub(r"<[^>]+>", " ", " ".join(parts))
    for own in (centre.name, centre.address):
        text = text.replace(own, "")
    return text.replace("中文", "")


def test_every_page_links_to_english_returning_to_itself(site_client):
    for path in map(iri_to_uri, public_paths()):  # as a browser sends it
        html = site_client.get(path).content.decode()
        assert '<html lang="zh-Hans"' in html, path
        switch = re.search(r'<a[^>]*href="(/language/\?to=en&amp;[^"]*)"[^>]*>English</a>', html)
        assert switch, path
        response = site_client.get(unescape(switch.group(1)))
        assert response["Location"] == path
        del site_client.cookies[COOKIE]


def test_every_page_type_renders_in_english(site_client):
    site_client.cookies[COOKIE] = "en"
    for path in public_paths():
        response = site_client.get(path)
        html = response.content.decode()
        assert response.status_code in (200, 404), path
        assert '<html lang="en"' in html, path
        assert 'lang="zh-Hans" hreflang="zh-Hans">中文</a>' in html, path
        if path.endswith("/print/"):  # the 告知单 has no site header
            assert "One-time checklist" in html
            continue
        assert "Skip to main content" in html and "Large-text mode" in html, path
        assert not HAN.search(chrome(html)), (path, HAN.findall(chrome(html)))


def test_switching_sets_a_lasting_cookie_and_returns_to_the_page(site_client):
    response = site_client.get("/language/", {"to": "en", "next": "/departments/?page=2"})
    assert response.status_code == 302 and response["Location"] == "/departments/?page=2"
    cookie = response.cookies[COOKIE]
    assert cookie.value == "en" and cookie["max-age"] >= 30 * 24 * 3600
    html = site_client.get("/departments/").content.decode()
    assert '<html lang="en"' in html and "Services by department" in html
    assert "/language/?to=zh-hans&amp;next=/departments/" in html


def test_switching_back_forgets_the_choice(site_client):
    site_client.get("/language/", {"to": "en", "next": "/"})
    response = site_client.get("/language/", {"to": "zh-hans", "next": "/themes/"})
    assert response["Location"] == "/themes/"
    html = site_client.get("/themes/").content.decode()
    assert '<html lang="zh-Hans"' in html and "主题服务" in html


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "javascript:x"])
def test_return_target_stays_on_this_site(site_client, target):
    assert site_client.get("/language/", {"to": "en", "next": target})["Location"] == "/"


def test_unknown_language_shows_chinese(site_client):
    site_client.cookies[COOKIE] = "fr"
    assert '<html lang="zh-Hans"' in site_client.get("/").content.decode()
    response = site_client.get("/language/", {"to": "fr", "next": "/"})
    assert response.cookies[COOKIE].value == ""


def test_browser_language_alone_does_not_switch(site_client):
    """Posters' QR codes open the same page for everyone who has not chosen."""
    html = site_client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").content.decode()
    assert '<html lang="zh-Hans"' in html


@pytest.mark.parametrize("path", ["matter", "/search/?q=出生", "/complaints/figures/",
                                  "/statistics/"])  # fmt: skip
def test_page_caches_keep_the_languages_apart(site_client, path):
    if path == "matter":
        path = MatterPage.objects.live().get(title="出生登记").url
    assert '<html lang="zh-Hans"' in site_client.get(path).content.decode()
    site_client.cookies[COOKIE] = "en"
    english = site_client.get(path).content.decode()
    assert '<html lang="en"' in english and "Skip to main content" in english
    del site_client.cookies[COOKIE]
    chinese = site_client.get(path).content.decode()
    assert '<html lang="zh-Hans"' in chinese and "跳到主要内容" in chinese


def test_statistics_figures_follow_the_language(site_client):
    site_client.cookies[COOKIE] = "en"
    assert "Published services" in site_client.get("/statistics/").content.decode()
    del site_client.cookies[COOKIE]
    assert "公开事项" in site_client.get("/statistics/").content.decode()


def publish_english(page, title, summary):
    page.title_en, page.summary_en = title, summary
    page.save_revision().publish()


def test_english_title_and_summary_replace_the_chinese_where_filled(site_client):
    matter = MatterPage.objects.live().get(title="出生登记")
    publish_english(matter, "Birth registration", "Register a newborn child's birth.")
    department = matter.get_parent().specific
    publish_english(department, "Public Security Bureau", "Police and household registration.")
    theme = ThemePage.objects.live().get(slug="geren-sheng-yu-shou-yang")
    publish_english(theme, "Having a baby", "Pregnancy, birth and adoption.")

    site_client.cookies[COOKIE] = "en"
    html = site_client.get(matter.url).content.decode()
    assert "<h1>Birth registration</h1>" in html and "<title>Birth registration ·" in html
    assert '<meta name="description" content="Register a newborn child&#x27;s birth.' in html
    assert ">Public Security Bureau</a>" in html  # the department link and the breadcrumbs
    html = site_client.get(department.url).content.decode()
    assert "<h1>Public Security Bureau</h1>" in html and "Police and household" in html
    assert ">Birth registration</a>" in html  # its matter list
    html = site_client.get(theme.url).content.decode()
    assert "<h1>Having a baby</h1>" in html and "Pregnancy, birth and adoption." in html
    assert "Having a baby" in site_client.get("/themes/").content.decode()
    assert "Public Security Bureau" in site_client.get("/departments/").content.decode()

    del site_client.cookies[COOKIE]
    html = site_client.get(matter.url).content.decode()
    assert "<h1>出生登记</h1>" in html and "Birth registration" not in html
    assert f"<h1>{department.title}</h1>" in site_client.get(department.url).content.decode()


def test_content_stays_chinese_where_no_english_is_filled(site_client):
    matter = MatterPage.objects.live().get(title="出生登记")
    site_client.cookies[COOKIE] = "en"
    html = site_client.get(matter.url).content.decode()
    assert '<h1><span lang="zh-Hans">出生登记</span></h1>' in html  # read with a Chinese voice
    assert "Application materials" in html
