"""Editors' side of search: Wagtail's admin search in Chinese, synonyms, the zero-result report."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from cms_pages.models import DepartmentPage, MatterPage
from search.models import Synonym, ZeroResultQuery
from tests.support.pages import MATTER_DEFAULTS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("engine", [None, "http://127.0.0.1:9"], ids=["embedded", "engine-set"])
def test_admin_page_search_finds_a_chinese_fragment_in_a_draft(admin_client, settings, engine):
    settings.OPENSEARCH_URL = engine  # the admin search does not depend on the engine
    department = DepartmentPage.objects.get(slug="xingzheng-shenpi")
    draft = MatterPage(title="个体工商户营业执照核发", slug="yyzz-hefa", code="TEST-YYZZ-HEFA",
                       live=False, **MATTER_DEFAULTS)  # fmt: skip
    department.add_child(instance=draft)
    response = admin_client.get("/admin/pages/search/", {"q": "营业执照"})
    assert response.status_code == 200
    assert "个体工商户营业执照核发" in response.content.decode()
    other = admin_client.get("/admin/pages/search/", {"q": "宅基地"}).content.decode()
    assert "农村村民宅基地审批" in other and "个体工商户营业执照核发" not in other


def test_admin_search_finds_a_fragment_in_the_page_chooser(admin_client):
    response = admin_client.get("/admin/choose-page/search/", {"q": "住房公积金"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "购买自住住房提取住房公积金" in html and "单位住房公积金缴存登记" in html


def test_editor_adds_a_synonym_and_gets_a_chinese_error_for_a_bad_one(admin_client):
    response = admin_client.post(
        "/admin/snippets/matter_search/synonym/add/",
        {"colloquial": "办狗牌", "official": "养犬登记、犬只登记", "note": ""},
    )
    assert response.status_code == 302
    synonym = Synonym.objects.get(colloquial="办狗牌")
    assert synonym.official_terms == ["养犬登记", "犬只登记"]
    bad = admin_client.post(
        "/admin/snippets/matter_search/synonym/add/", {"colloquial": "办狗牌2", "official": "、，"}
    )
    assert "请至少填写一个规范用语。" in bad.content.decode()
    same = admin_client.post(
        "/admin/snippets/matter_search/synonym/add/",
        {"colloquial": "办狗牌2", "official": "办狗牌2"},
    )
    assert "规范用语不能与群众说法完全相同。" in same.content.decode()
    assert not Synonym.objects.filter(colloquial="办狗牌2").exists()
    duplicate = admin_client.post(
        "/admin/snippets/matter_search/synonym/add/", {"colloquial": "开饭店", "official": "餐饮"}
    )
    assert "这个说法已经有同义词条目" in duplicate.content.decode()


def test_synonym_list_is_searchable_in_the_admin(admin_client):
    html = admin_client.get("/admin/snippets/matter_search/synonym/", {"q": "饭店"}).content
    assert "开饭店" in html.decode()


def test_zero_result_report_lists_what_citizens_searched_in_vain(admin_client, site_client):
    site_client.get("/search/", {"q": "无人机飞行备案"})
    site_client.get("/search/", {"q": "无人机飞行备案"})
    report = admin_client.get("/admin/reports/zero-result-searches/")
    html = report.content.decode()
    assert report.status_code == 200
    assert "无人机飞行备案" in html
    assert ZeroResultQuery.objects.get(query="无人机飞行备案").count == 2
    export = admin_client.get("/admin/reports/zero-result-searches/", {"export": "csv"})
    assert "无人机飞行备案" in b"".join(export.streaming_content).decode("utf-8-sig")
    menu = admin_client.get("/admin/").content.decode()
    assert "/admin/reports/zero-result-searches/" in menu


def _zero(site_client, query, times=1):
    for _ in range(times):
        site_client.get("/search/", {"q": query})
    return ZeroResultQuery.objects.get(query=query)


def test_weekly_review_lists_this_weeks_queries_most_asked_first(admin_client, site_client):
    _zero(site_client, "无人机飞行备案", times=3)
    _zero(site_client, "宠物芯片")
    old = _zero(site_client, "上个月的搜索词")
    ZeroResultQuery.objects.filter(pk=old.pk).update(last_seen=timezone.now() - timedelta(days=10))
    html = admin_client.get("/admin/search-review/").content.decode()
    assert html.index("无人机飞行备案") < html.index("宠物芯片")
    assert "上个月的搜索词" not in html
    menu = admin_client.get("/admin/").content.decode()
    assert "/admin/search-review/" in menu


def test_a_zero_result_query_becomes_a_synonym_after_a_preview(admin_client, site_client):
    entry = _zero(site_client, "宠物芯片")
    preview = admin_client.get(f"/admin/search-review/{entry.pk}/preview/", {"term": "养犬登记"})
    html = preview.content.decode()
    assert "搜索“宠物芯片”将找到" in html and "养犬登记（青山市公安局）" in html
    assert not Synonym.objects.filter(colloquial="宠物芯片").exists()  # a preview changes nothing
    response = admin_client.post(f"/admin/search-review/{entry.pk}/synonym/", {"term": "养犬登记"})
    assert response.status_code == 302
    assert Synonym.objects.get(colloquial="宠物芯片").official_terms == ["养犬登记"]
    listed = admin_client.get("/admin/search-review/").content.decode()
    assert f"/admin/search-review/{entry.pk}/preview/" not in listed
    found = site_client.get("/search/", {"q": "宠物芯片"}).content.decode()
    assert 'class="matter-link"' in found and "养犬登记" in found


def test_a_zero_result_query_becomes_an_alias_of_the_previewed_matter(admin_client,
                                                                       site_client):  # fmt: skip
    entry = _zero(site_client, "宠物芯片")
    preview = admin_client.get(f"/admin/search-review/{entry.pk}/preview/", {"term": "养犬登记"})
    matter = MatterPage.objects.get(title="养犬登记")
    assert f'name="matter" value="{matter.pk}"' in preview.content.decode()
    admin_client.post(f"/admin/search-review/{entry.pk}/alias/", {"matter": matter.pk})
    matter.refresh_from_db()
    assert "宠物芯片" in matter.common_names and not matter.has_unpublished_changes
    assert not Synonym.objects.filter(colloquial="宠物芯片").exists()
    found = site_client.get("/search/", {"q": "宠物芯片"}).content.decode()
    assert "别名：</span><mark>宠物芯片</mark>" in found


def test_the_review_explains_what_it_cannot_do(admin_client, site_client, gongan_editor):
    entry = _zero(site_client, "宠物芯片")
    preview = admin_client.get(f"/admin/search-review/{entry.pk}/preview/", {"term": "飞行器"})
    assert "目录中搜不到“飞行器”" in preview.content.decode()
    empty = admin_client.get(f"/admin/search-review/{entry.pk}/preview/", {"term": " "},
                             follow=True)  # fmt: skip
    assert "请填写规范用语或事项名称。" in empty.content.decode()
    matter = MatterPage.objects.get(title="养犬登记")
    matter.handling_office = "治安管理大队（草稿）"
    matter.save_revision()
    refused = admin_client.post(f"/admin/search-review/{entry.pk}/alias/", {"matter": matter.pk},
                                follow=True)  # fmt: skip
    assert "有尚未发布的修改" in refused.content.decode()
    assert "宠物芯片" not in MatterPage.objects.get(pk=matter.pk).common_names
    assert gongan_editor.get("/admin/search-review/").status_code in (302, 403)


def test_zero_result_export_writes_what_citizens_typed_as_text(admin_client, site_client):
    """A citizen's search text reaches an editor's spreadsheet: it must never run there."""
    typed = ['=HYPERLINK("http://x.invalid","点此")', "@SUM(A1)", "-2+3", "+x"]
    for query in typed:
        ZeroResultQuery.objects.create(query=query, count=1)
    url = "/admin/reports/zero-result-searches/"

    export = admin_client.get(url, {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))))
    assert {"'" + query for query in typed} <= {row[0] for row in rows}
    workbook = load_workbook(io.BytesIO(b"".join(admin_client.get(url, {"export": "xlsx"}))))
    cells = {c.value: c for c in workbook.active["A"]}
    assert all(cells[q].data_type == "s" and cells[q].quotePrefix for q in typed)
