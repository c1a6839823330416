"""National 办事指南 elements beyond the template's columns: imported, shown, exported back;
main items with their variants side by side."""

import pytest

from cms_pages.models import MainItem, MatterPage
from importers.exports import export_matters, matters_for
from importers.sync import sync_sheet
from spreadsheets.reader import read_sheet

from . import corpus

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(corpus_departments):
    result = sync_sheet(read_sheet(corpus.xlsx(corpus.catalogue()), name="yunxi.xlsx"),
                        dry_run=False, publish=True)  # fmt: skip
    assert result.written, [p.errors for p in result.plans if p.errors]
    return corpus_departments


def matter(catalogue_code, department="yingji"):
    return MatterPage.objects.get(code=corpus.code(department, catalogue_code))


def test_guide_elements_are_imported_and_shown_on_the_page(published, site_client):
    permit = matter("010232001000")
    fields = (permit.online_url, permit.handling_forms, permit.service_scope, permit.power_source)
    assert fields == ("https://zwfw.yunxi.example.cn/yj/010232001000",
                      "窗口办理、网上办理、快递申请", "全市通办", "法定本级行使")  # fmt: skip
    assert [(s.name, s.required, s.fee) for s in permit.intermediary_services.all()] == [
        ("安全评价", True, "按市场价格收费，申请人自主选择评价机构"),
        ("经营场所消防设计审查", False, "")]  # fmt: skip
    html = site_client.get(permit.url).content.decode()
    for text in ("全市通办", "无数量限制", "法定本级行使", "云溪县消防救援大队", "安全评价",
                 "一年内不得再次申请", 'href="https://zwfw.yunxi.example.cn/yj/010232001000"',
                 'href="tel:08746120117"', 'href="mailto:jdts@yunxi.example.cn"',
                 'href="https://zwfw.yunxi.example.cn/zx"', "云溪县滨河路66号云溪县政务服务管理局",
                 "窗口办理、网上办理、快递申请"):  # fmt: skip
        assert text in html, text
    library = matter("200234002000", "wenlv")
    assert [(i.name, i.amount, i.basis) for i in library.fee_items.all()] == [
        ("读者证工本费", "5元/张", "《云溪县行政事业性收费目录清单》")]  # fmt: skip
    html = site_client.get(library.url).content.decode()
    assert "老年人、残疾人免收工本费。" in html
    # The 全程网办 badge takes the citizen to where they apply.
    assert '<a class="badge badge-online" href="https://lib.yunxi.example.cn/card"' in html


def test_no_visit_reads_fully_online_only_at_full_online_depth(published, site_client):
    online = site_client.get(matter("010232002000").url).content.decode()  # 0 visits, 四级
    assert "无需到现场，全程网上办理。" in online
    filing = site_client.get(matter("000732003000").url).content.decode()  # 0 visits, 三级
    assert "无需到现场，全程网上办理。" not in filing and "无需到办事现场。" in filing


def test_variants_of_a_main_item_side_by_side_and_once_in_listings(published, site_client):
    item = MainItem.objects.get(code="000123020000")
    assert item.name == corpus.ENTERTAINMENT
    assert sorted(v.title[-4:] for v in item.variants.all()) == ["（变更）", "（延续）", "（新办）"]
    html = site_client.get(f"/items/{item.pk}/").content.decode()
    assert html.count('<th scope="col"><a href=') == 3
    assert "原娱乐经营许可证" in html  # a material only the 变更 variant asks for
    variant = item.variants.first()
    assert f'href="/items/{item.pk}/"' in site_client.get(variant.url).content.decode()
    listing = site_client.get(published["wenlv"].url).content.decode()
    assert listing.count(f'href="/items/{item.pk}/"') == 1
    assert site_client.get("/items/99999999999999999999/").status_code == 404


def test_export_writes_the_guide_columns_and_imports_back_unchanged(published):
    exported = export_matters(matters_for().filter(department__in=published.values()), "xlsx")
    sheet = read_sheet(exported, name="export.xlsx")
    row = next(r.values for r in sheet.rows if r.values["实施编码"].endswith("010234001002-0-01"))
    assert (row["主项名称"], row["基本编码"]) == (corpus.ENTERTAINMENT, "000123020000")
    result = sync_sheet(sheet)
    assert {p.status for p in result.plans} == {"unchanged"}


@pytest.mark.parametrize(
    ("column", "value", "named", "message"),
    [("网上办理地址", "javascript:alert(1)", "网上办理地址", "应为以 http:// 或 https://"),
     ("收费项目", "工本费5元", "收费项目", "应写作“收费项目：收费标准”"),
     ("基本编码", "000999999999", "主项名称", "没有基本编码为“000999999999”的主项")],
)  # fmt: skip
def test_bad_guide_cells_name_their_column(corpus_departments, column, value, named, message):
    rows = corpus.catalogue(["yingji"])
    rows[0][column] = value
    plan = sync_sheet(read_sheet(corpus.xlsx(rows), name="yingji.xlsx")).plans[0]
    assert message in plan.errors[named]


def test_handling_kind_is_kept_as_stated(corpus_departments, site_client):
    rows = corpus.catalogue(["yingji"])
    rows[0]["办件类型"], rows[1]["办件类型"] = "联办件", "即办件"  # promised 12 and 5 days
    result = sync_sheet(read_sheet(corpus.xlsx(rows), name="yingji.xlsx"), dry_run=False,
                        publish=True)  # fmt: skip
    note = "【办件类型】即办件指当场办结，但承诺办结时限为5个工作日，请核对。"
    assert note in result.plans[1].notes
    permit, fireworks = matter("010232001000"), matter("010232002000")
    assert (permit.handling_kind, fireworks.handling_kind) == ("联办件", "即办件")
    assert "<dd>联办件</dd>" in site_client.get(permit.url).content.decode()
    exported = read_sheet(export_matters(matters_for().filter(pk=permit.pk), "xlsx"), name="e.xlsx")
    assert exported.rows[0].values["办件类型"] == "联办件"
