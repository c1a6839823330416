"""The public search page and the autocomplete endpoint (embedded database backend)."""

import re
from html import unescape

import pytest
from django.conf import settings

from cms_pages.models import DepartmentPage, MatterPage
from search import results_cache
from search.models import SearchDocument, ZeroResultQuery
from tests.support.pages import publish_matter

pytestmark = pytest.mark.django_db


def get(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response.content.decode()


def text(html):
    return unescape(re.sub(r"<[^>]+>", "", html))


def links(html, css_class):
    return re.findall(rf'<a class="{css_class}" href="([^"]+)">(.*?)</a>', html)


def facet_links(html, facet):
    section = re.search(rf'<section class="facet" aria-labelledby="facet-{facet}">(.*?)</section>',
                        html, re.S).group(1)  # fmt: skip
    return [(unescape(href), text(label)) for href, label in
            re.findall(r'<a href="([^"]+)"[^>]*>(.*?)</a>', section, re.S)]  # fmt: skip


def test_results_page_shows_count_highlights_and_links(site_client):
    html = get(site_client, q="个体户")
    assert "找到 1 个与“个体户”相关的事项" in text(html)
    [(href, title)] = links(html, "matter-link")
    assert href == MatterPage.objects.get(title="个体工商户设立登记").url
    assert title == "<mark>个体工商户</mark>设立登记"
    assert "办理结果：" in text(html)


def test_a_facet_link_narrows_the_results_and_can_be_removed(site_client):
    html = get(site_client, q="登记")
    total = int(re.search(r"找到 (\d+) 个", text(html)).group(1))
    police = DepartmentPage.objects.get(slug="gongan")
    href, label = next(link for link in facet_links(html, "department") if "公安局" in link[1])
    count = int(re.search(r"\((\d+)\)", label).group(1))
    assert count < total
    narrowed = site_client.get("/search/" + href)
    narrowed_html = narrowed.content.decode()
    assert f"department={police.pk}" in href
    assert f"找到 {count} 个" in text(narrowed_html)
    assert len(links(narrowed_html, "matter-link")) == min(count, 10)
    assert "实施部门：青山市公安局" in text(narrowed_html)
    remove = next(h for h, label in facet_links(narrowed_html, "department") if "✓" in label)
    assert f"找到 {total} 个" in text(site_client.get("/search/" + remove).content.decode())


def test_sorting_and_paging_links_keep_the_query(site_client):
    html = get(site_client, q="登记", sort="days")
    assert re.search(r'<a href="\?[^"]*sort=days[^"]*" aria-current="true">承诺时限最短', html)
    next_link = unescape(re.search(r'<a href="([^"]+)" rel="next">', html).group(1))
    assert (
        "q=%E7%99%BB%E8%AE%B0" in next_link and "sort=days" in next_link and "page=2" in next_link
    )
    page_two = site_client.get("/search/" + next_link).content.decode()
    assert "第 2 / " in text(page_two)
    assert not set(links(html, "matter-link")) & set(links(page_two, "matter-link"))


def test_a_title_with_markup_stays_text(site_client):
    publish_matter("<script>alert(1)</script>古树名木迁移审批")
    html = get(site_client, q="古树名木")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<mark>古树名木</mark>迁移审批" in html


def test_nothing_found_is_logged_for_editors(site_client):
    html = get(site_client, q="无人机飞行备案")
    assert "没有找到相关事项" in text(html)
    get(site_client, q="无人机飞行备案")
    assert ZeroResultQuery.objects.get(query="无人机飞行备案").count == 2
    get(site_client, q="个体户")
    assert not ZeroResultQuery.objects.filter(query="个体户").exists()


def test_approximate_results_say_so(site_client):
    html = get(site_client, q="农村宅基地修猪圈图纸")
    assert "没有与“农村宅基地修猪圈图纸”完全相符的事项" in text(html)
    assert links(html, "matter-link")[0][1] == "<mark>农村</mark>村民<mark>宅基地</mark>审批"
    assert not ZeroResultQuery.objects.filter(query="农村宅基地修猪圈图纸").exists()
    assert "完全相符" not in text(get(site_client, q="个体户"))


def test_a_bundle_named_by_the_query_is_shown_above_its_matters(site_client):
    html = get(site_client, q="开饭店")
    bundle = re.search(r'<a class="bundle-link" href="([^"]+)">(.*?)</a>', html)
    assert bundle and text(bundle.group(2)) == "开办餐饮店一件事"
    assert html.index("bundle-link") < html.index("matter-link")
    assert "个体工商户设立登记、食品经营许可（新办）、发票领用" in text(html)


def test_bad_input_gets_a_clear_message_and_still_answers(site_client):
    html = get(site_client, q="营业执照", department="abc", visits="7", page="x")
    assert "有筛选条件无法识别，已忽略。" in text(html)
    assert "个体工商户设立登记" in text(html)
    long_query = "营业执照" + "啊" * 200
    assert "搜索词太长" in text(get(site_client, q=long_query))


def test_an_empty_search_offers_examples(site_client):
    html = get(site_client)
    assert "大家都在搜" in text(html)
    assert 'href="?q=%E5%BC%80%E9%A5%AD%E5%BA%97"' in html  # 开饭店


def test_browsing_by_theme_without_a_query(site_client):
    birth = MatterPage.objects.get(title="出生登记")
    theme = birth.themes.get(name="生育收养")
    html = get(site_client, theme=theme.pk)
    expected = MatterPage.objects.live().filter(themes=theme).count()
    assert f"共 {expected} 个事项" in text(html)


def test_suggest_returns_titles_for_pinyin_prefixes(site_client):
    response = site_client.get("/search/suggest/", {"q": "geti"})
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["degraded"] is False
    assert data["suggestions"][0] == {
        "title": "个体工商户设立登记",
        "url": MatterPage.objects.get(title="个体工商户设立登记").url,
        "department": "青山市行政审批服务局",
    }
    assert site_client.get("/search/suggest/", {"q": ""}).json()["suggestions"] == []


def test_results_are_kept_until_the_index_changes(site_client, settings, on_commit):
    settings.SEARCH_RESULTS_CACHE = True
    results_cache.clear()
    with on_commit():
        publish_matter("古树名木迁移审批")
    assert links(get(site_client, q="古树名木"), "matter-link")
    # Behind the publishing machinery's back: the page kept for this query does not change.
    SearchDocument.objects.filter(title="古树名木迁移审批").update(title="古树名木移植审批")
    assert "古树名木迁移审批" in text(get(site_client, q="古树名木"))
    with on_commit():
        publish_matter("古树名木保护")  # a new document advances the index generation
    html = text(get(site_client, q="古树名木"))
    assert "古树名木移植审批" in html and "古树名木保护" in html
    results_cache.clear()


def test_another_worker_serves_the_page_one_worker_kept(site_client, settings):
    settings.SEARCH_RESULTS_CACHE = True
    results_cache.clear()
    assert "出生登记" in text(get(site_client, q="出生登记"))
    SearchDocument.objects.filter(title="出生登记").update(title="出生申报登记")
    # Another worker process: nothing of its own kept, the host's cache shared.
    for kept in (results_cache.answers, results_cache.pages, results_cache.suggestions):
        kept.clear()
    assert "出生申报登记" not in text(get(site_client, q="出生登记"))
    results_cache.clear()
    assert "出生申报登记" in text(get(site_client, q="出生登记"))
    results_cache.clear()


def test_a_page_kept_from_the_database_is_not_served_when_the_engine_is_on(site_client, settings):
    settings.SEARCH_RESULTS_CACHE = True
    results_cache.clear()
    assert "备用检索" not in text(get(site_client, q="出生登记"))
    settings.OPENSEARCH_URL = "http://127.0.0.1:9"  # configured, and not answering
    assert "搜索引擎暂时不可用" in text(get(site_client, q="出生登记"))
    results_cache.clear()


def test_browsing_by_care_tag_and_level_from_the_query_string(site_client):
    response = site_client.get("/search/", {"care": "老人", "level": "县级"})
    assert response.status_code == 200
    results = response.context["results"]
    assert results.total > 0
    assert ("特别关爱", "老年人") in [(label, option) for label, option, _url
                                 in response.context["active_filters"]]  # fmt: skip
    assert ("行使层级", "县级") in [(label, option) for label, option, _url
                               in response.context["active_filters"]]  # fmt: skip
    bad = site_client.get("/search/", {"care": "外星人"})
    assert "有筛选条件无法识别，已忽略。" in bad.content.decode()


def test_english_readers_see_english_titles_and_chinese_marked(site_client):
    birth = MatterPage.objects.get(title="出生登记")
    birth.title_en, birth.summary_en = "Birth registration", "Register a newborn child's birth."
    birth.save_revision().publish()
    site_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = get(site_client, q="出生")
    found = dict((title, href) for href, title in links(html, "matter-link"))
    assert found["Birth registration"] == birth.url
    assert '<p class="summary">Register a newborn child&#x27;s birth.</p>' in html
    other = next(title for title in found if title != "Birth registration")
    assert other.startswith('<span lang="zh-Hans">')  # Chinese content, read in Chinese
    assert "Administrative confirmation" in html and "County level" in html

    # The English title picked from a suggestion finds the matter it names.
    suggestion = site_client.get("/search/suggest/", {"q": "出生"}).json()["suggestions"][0]
    assert suggestion["title"] == "Birth registration"
    html = get(site_client, q=suggestion["title"])
    assert [title for _, title in links(html, "matter-link")][0] == "Birth registration"

    del site_client.cookies[settings.LANGUAGE_COOKIE_NAME]
    html = get(site_client, q="出生")
    assert "Birth registration" not in html and '<span lang="zh-Hans">' not in html
    assert site_client.get("/search/suggest/", {"q": "出生"}).json()["suggestions"][0][
        "title"] == "出生登记"  # fmt: skip
