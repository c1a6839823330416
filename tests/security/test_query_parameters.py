"""Regression cases from the hardening report: query strings that used to give 500."""

import re

import pytest

from cms_pages import params
from cms_pages.models import DepartmentPage, MatterPage, ThemePage

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999999"
SUPERSCRIPT_TWO = "\u00b2"  # "²": str.isdigit() says yes, int() says no


@pytest.mark.parametrize("name", ["page", "theme", "department"])
def test_search_ignores_a_superscript_digit(site_client, name):
    response = site_client.get("/search/", {"q": "个体户", name: SUPERSCRIPT_TWO})
    assert response.status_code == 200
    assert "个体工商户设立登记" in re.sub(r"<[^>]+>", "", response.content.decode())


def test_search_says_an_unusable_filter_was_ignored(site_client):
    html = site_client.get("/search/", {"q": "登记", "department": HUGE}).content.decode()
    assert "有筛选条件无法识别，已忽略。" in html


@pytest.mark.parametrize("value", [HUGE, SUPERSCRIPT_TWO, "-1", "0x10", "٣"])
def test_department_page_ignores_a_department_or_theme_it_cannot_use(site_client, value):
    matters = MatterPage.objects.live().filter(department__slug="gongan")
    for name in ("department", "theme", "page"):
        response = site_client.get("/departments/gongan/", {name: value})
        assert response.status_code == 200
        html = response.content.decode()
        assert f"共 {matters.count()} 个事项" in html


def test_theme_page_ignores_a_huge_department(site_client):
    page = ThemePage.objects.get(theme__audience="natural", theme__name="社会保障")
    response = site_client.get(page.url, {"department": HUGE, "theme": HUGE})
    assert response.status_code == 200


def test_an_existing_department_still_filters_a_theme_page(site_client):
    page = ThemePage.objects.get(theme__audience="natural", theme__name="户籍办理")
    police = DepartmentPage.objects.get(slug="gongan")
    html = site_client.get(page.url, {"department": str(police.pk)}).content.decode()
    in_theme = MatterPage.objects.live().filter(themes=page.theme)
    assert f"共 {in_theme.filter(department=police).count()} 个事项" in html


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_live_list_and_its_downloads_ignore_huge_and_odd_numbers(site_client, fmt):
    for value in (HUGE, SUPERSCRIPT_TWO):
        query = {"department": value, "theme": value, "page": value}
        assert site_client.get("/batches/lists/at-most-once/", query).status_code == 200
        download = site_client.get(f"/batches/lists/at-most-once/download/{fmt}/", query)
        assert download.status_code == 200


def test_download_of_a_filtered_list_keeps_only_the_valid_filters(site_client):
    html = site_client.get(
        "/batches/lists/at-most-once/", {"visits": "0", "department": HUGE}
    ).content.decode()
    assert 'download/csv/?visits=0"' in html  # the huge department is not carried along


@pytest.mark.parametrize(
    "url",
    ["/search/?q=%00abc", "/search/?q=abc%00", "/search/suggest/?q=%00a",
     "/search/?q=%E6%88%B7%00%E7%B1%8D&theme=%00", "/departments/gongan/?object=%00natural"],
)  # fmt: skip
def test_nul_in_a_query_value_is_dropped(site_client, url):
    assert site_client.get(url).status_code == 200


def test_search_with_nul_finds_what_it_finds_without(site_client):
    with_nul = site_client.get("/search/", {"q": "户\x00籍"}).content.decode()
    assert "找到" in with_nul


@pytest.mark.parametrize("url", ["/m/%00/", "/q/%00/", "/departments/%00/", "/%00/"])
def test_nul_in_a_path_is_not_found(site_client, url):
    assert site_client.get(url).status_code == 404


@pytest.mark.parametrize("code", ["GA%2F2026%2F001", "a%20b", "%E4%B8%AD%E6%96%87", "x" * 65])
def test_short_link_and_scan_of_an_impossible_code_are_not_found(site_client, code):
    assert site_client.get(f"/m/{code}/").status_code == 404
    assert site_client.get(f"/q/{code}/").status_code == 404


@pytest.mark.parametrize("size", ["a5", "\u00b2", "A4" * 100])
def test_poster_of_an_unknown_size_is_a_clean_400(site_client, size):
    matter = MatterPage.objects.live().first()
    response = site_client.get(matter.url + "poster.pdf", {"size": size})
    assert response.status_code == 400
    assert "纸张尺寸只能是 A4 或 A3。" in response.content.decode()


@pytest.mark.parametrize(
    ("value", "expected"),
    [("7", 7), ("007", 7), (" 7 ", 7), ("999999999", 999999999), ("1000000000", None),
     ("\u00b2", None), ("٣", None), ("-1", None), ("1e3", None), ("", None), (None, None)],
)  # fmt: skip
def test_integers_are_ascii_digits_only(value, expected):
    assert params.integer(value) == expected


def test_text_loses_nul_controls_and_lone_surrogates():
    assert params.clean_text("a\x00b\x0bc\ud800d\te\n") == "abcd\te\n"


@pytest.mark.parametrize(
    ("code", "ok"),
    [("11379981MB15340631-010105001000-0-01", True), ("TEST_01", True), ("GA/2026/001", False),
     ("-leading", False), ("a b", False), ("中文", False), ("x" * 64, True), ("x" * 65, False)],
)  # fmt: skip
def test_code_format(code, ok):
    assert params.is_code(code) is ok
    assert (params.code_error(code) == "") is ok


@pytest.mark.parametrize("endpoint", ["pages", "matters", "documents"])
@pytest.mark.parametrize("value", [SUPERSCRIPT_TWO, HUGE, "1.5"])
def test_api_find_with_an_id_that_is_no_number_is_a_clean_400(site_client, endpoint, value):
    response = site_client.get(f"/api/v2/{endpoint}/find/", {"id": value})
    assert response.status_code in (400, 404)
