"""English pages: Chinese content is marked lang="zh-Hans" (WCAG 3.1.2, language of parts),
English content is not; the national catalogue's values are shown in English while what is
stored, exported and served by the API stays Chinese."""

import pytest
from django.conf import settings
from django.urls import reverse

from cms_pages.models import BundlePage, DepartmentPage, MainItem, MatterPage
from tests.support.language_of_parts import language_of, texts, unmarked_chinese

from .test_language import public_paths, publish_english

pytestmark = pytest.mark.django_db

COOKIE = settings.LANGUAGE_COOKIE_NAME
TYPES_TABLE = "/opendata/tables/catalogue-by-type/"


def english(client, path):
    client.cookies[COOKIE] = "en"
    return client.get(path).content.decode()


def chinese(client, path):
    client.cookies.pop(COOKIE, None)
    return client.get(path).content.decode()


def more_paths():
    item = MainItem.objects.create(name="居民身份证")
    variants = MatterPage.objects.live().filter(title__startswith="居民身份证")
    variants.update(main_item=item)
    bundle = BundlePage.objects.live().first()
    return [
        bundle.url, bundle.url + "print/", item.get_absolute_url(),
        f"/q/{variants.first().code}/", reverse("complaints:rectifications"), TYPES_TABLE,
    ]  # fmt: skip


def test_every_piece_of_chinese_on_english_pages_is_marked(site_client):
    found = {}
    for path in public_paths() + more_paths():
        site_client.cookies[COOKIE] = "en"
        response = site_client.get(path, follow=True)
        assert response.status_code in (200, 404), path
        unmarked = unmarked_chinese(response.content.decode())
        if unmarked:
            found[path] = unmarked[:8]
    assert not found, found


def test_chinese_pages_carry_no_marks(site_client):
    for path in public_paths():
        html = chinese(site_client, path)
        assert '<html lang="zh-Hans"' in html
        assert 'lang="zh-Hans">' not in html.split("</head>", 1)[1].replace(
            'lang="zh-Hans" hreflang', ""
        ), path


def test_english_matter_page_marks_the_chinese_and_not_the_english(site_client):
    matter = MatterPage.objects.live().get(title="出生登记")
    publish_english(matter, "Birth registration", "Register a newborn child's birth.")
    html = english(site_client, matter.url)
    assert set(language_of(html, "Birth registration")) == {"en"}
    # The department, a material, a step, the place: content without an English version.
    for written in [matter.get_parent().title, "出生医学证明", "户政管理大队", "受理"]:
        assert set(language_of(html, written)) == {"zh-Hans"}, written
    assert '<span lang="zh-Hans">出生医学证明</span>' in html
    assert "<h1>Birth registration</h1>" in html


def test_interface_text_is_read_in_the_page_language(site_client):
    html = english(site_client, MatterPage.objects.live().get(title="出生登记").url)
    assert set(language_of(html, "Application materials")) == {"en"}
    assert all(lang == "en" for text, lang in texts(html) if text == "Skip to main content")


def test_catalogue_values_follow_the_interface_language(site_client):
    matter = MatterPage.objects.live().get(title="出生登记")
    assert (matter.matter_type, matter.level, matter.time_unit) == ("行政确认", "县级", "工作日")
    html = english(site_client, matter.url)
    assert "Administrative confirmation · County level" in html
    assert "Handled on the spot" in html and "Level 4 (fully online)" in html
    assert ">Required</span>" in html and "Retrieved from the e-licence library" in html
    assert "行政确认" not in html and "县级" not in html

    html = chinese(site_client, matter.url)
    assert "行政确认 · 县级" in html and "即办件" in html and "四级" in html
    assert "Administrative confirmation" not in html


def test_catalogue_values_in_listings_and_statistics(site_client):
    html = english(site_client, "/themes/")
    assert "Township level" in html and "Older people" in html
    html = english(site_client, TYPES_TABLE)
    assert "Administrative licensing" in html and "行政许可" not in html
    assert "行政许可" in chinese(site_client, TYPES_TABLE)


def test_the_api_serves_the_stored_values_in_any_language(site_client):
    site_client.cookies[COOKIE] = "en"
    body = site_client.get(
        "/api/v2/matters/", {"matter_type": "行政许可", "fields": "level"}
    ).json()
    assert body["items"]
    assert {item["level"] for item in body["items"]} <= {"市级", "县级", "乡镇级"}
    assert site_client.get("/api/v2/matters/", {"level": "County level"}).status_code == 400


def test_english_department_names_are_not_marked(site_client):
    department = DepartmentPage.objects.get(slug="gongan")
    publish_english(department, "Public Security Bureau", "")
    html = english(site_client, "/departments/")
    assert set(language_of(html, "Public Security Bureau")) == {"en"}
    other = DepartmentPage.objects.exclude(slug="gongan").first()
    assert set(language_of(html, other.title)) == {"zh-Hans"}
