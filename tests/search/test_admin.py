"""Editors' side of search: Wagtail's admin search in Chinese, synonyms, the zero-result report."""

import csv
import io

import pytest
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
