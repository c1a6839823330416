"""一件事 bundles: merged checklist, critical path across matters, pages and print notice."""

import re
import xml.etree.ElementTree as ET

import pytest

from cms_pages.bundles import BundlePlan, material_key, merge_checklist
from cms_pages.flowchart import Days
from cms_pages.models import BundlePage, MatterMaterial, MatterPage, ThemePage

BUNDLES = ("开办餐饮店一件事", "新生儿出生一件事", "企业开办一件事", "退休一件事")


def material(name, originals=0, copies=0, necessity="必要", source="申请人自备", form=""):
    return MatterMaterial(name=name, originals=originals, copies=copies, necessity=necessity,
                          source=source, form=form)  # fmt: skip


def matter(title, materials, result_name="", promised_days=0, time_unit="工作日", visits=0):
    page = MatterPage(title=title, result_name=result_name, promised_days=promised_days,
                      time_unit=time_unit, visits=visits)  # fmt: skip
    page.materials = materials
    return page


@pytest.fixture
def shop():
    """A hand-checked 3-matter bundle: 登记 first, then 许可 and 备案 together."""
    registration = matter("个体工商户登记", [
        material("身份证", originals=1, copies=1),
        material("委托代理人身份证明及授权委托书", originals=1, necessity="非必要"),
        material("登记申请书", originals=1),
    ], result_name="个体工商户营业执照")  # fmt: skip
    licence = matter("食品经营许可", [
        material("居民身份证", originals=1, copies=2),
        material("营业执照", source="调取电子证照库", form="电子证照"),
        material("健康证明", copies=1, necessity="容缺后补"),
        material("授权委托书及代理人身份证明", originals=1, necessity="非必要"),
    ])  # fmt: skip
    filing = matter("卫生备案", [
        material("居民 身份证", originals=1, necessity="容缺后补"),
        material("健康证明", copies=1),
        material("营业执照复印件", copies=1),
    ])  # fmt: skip
    return [(1, [registration]), (2, [licence, filing])]


def test_material_names_are_normalised_before_merging():
    assert material_key("身份证") == material_key("居民身份证") == material_key("居民 身份证")
    assert material_key("授权委托书及代理人身份证明") == material_key(
        "委托代理人身份证明及授权委托书"
    )
    assert material_key("营业执照复印件") == material_key("营业执照")
    assert material_key("出生医学证明") != material_key("居民身份证")


def test_checklist_lists_a_shared_material_once_with_every_matter(shop):
    checklist = merge_checklist(shop)
    names = [item.name for item in checklist]
    assert names == [
        "身份证",
        "委托代理人身份证明及授权委托书",
        "登记申请书",
        "营业执照",
        "健康证明",
    ]
    identity = checklist[0]
    assert [m.title for m in identity.matters] == ["个体工商户登记", "食品经营许可", "卫生备案"]
    # One original shown at the window (max of 1, 1, 1); copies are kept by each office: 1+2+0.
    assert (identity.originals, identity.copies) == (1, 3)
    assert identity.form_label == "原件1份，复印件3份"
    # 卫生备案 accepts it later, the others need it now: required, with the 容缺 kept.
    assert identity.necessity == "必要"
    assert [m.title for m in identity.deferrable_for] == ["卫生备案"]


def test_checklist_keeps_deferrable_marks_and_strongest_necessity(shop):
    health = merge_checklist(shop)[4]
    assert health.copies == 2
    assert health.necessity == "必要"
    assert [m.title for m in health.deferrable_for] == ["食品经营许可"]
    proxy = merge_checklist(shop)[1]
    assert proxy.necessity == "非必要" and proxy.originals == 1 and len(proxy.needs) == 2


def test_material_produced_by_an_earlier_stage_need_not_be_submitted(shop):
    licence = merge_checklist(shop)[3]
    assert licence.provided_by.title == "个体工商户登记"
    assert not licence.submit
    assert licence.copies == 1  # 卫生备案 still files a copy of it
    # Within one stage nothing is provided: the result does not exist yet.
    same_stage = [(1, shop[0][1] + shop[1][1])]
    assert merge_checklist(same_stage)[3].provided_by is None


@pytest.mark.django_db
def test_demo_newborn_bundle_merges_birth_certificate(site_client):
    plan = BundlePlan(BundlePage.objects.get(title="新生儿出生一件事"))
    births = [item for item in plan.checklist if item.name == "出生医学证明"]
    assert len(births) == 1
    assert [m.title for m in births[0].matters] == ["出生登记", "城乡居民基本医疗保险参保登记"]
    assert births[0].necessity == "必要"  # 必要 for 出生登记, 非必要 for 医保
    separate = sum(m.materials.count() for m in plan.matters)
    assert plan.separate_material_count == separate
    assert len(plan.checklist) == separate - 1


def test_bundle_days_follow_the_critical_path_across_stages():
    stages = [
        (1, [matter("设立登记", [], promised_days=5)]),
        (2, [matter("许可", [], promised_days=3), matter("公告", [], promised_days=14,
                                                         time_unit="自然日")]),
        (3, [matter("领证", [], promised_days=1)]),
    ]  # fmt: skip
    plan = BundlePlan(BundlePage(title="测试一件事"), stages)
    # 14 natural days outlast 3 working days, so stage 2 takes 14 自然日.
    assert plan.total_days == Days(working=6, natural=14)
    assert plan.separate_days == Days(working=9, natural=14)


@pytest.mark.django_db
def test_demo_restaurant_bundle_figures():
    plan = BundlePlan(BundlePage.objects.get(title="开办餐饮店一件事"))
    assert [[m.title for m in ms] for _n, ms in plan.stages] == [
        ["个体工商户设立登记"],
        ["食品经营许可（新办）", "发票领用"],
    ]
    assert plan.total_days == Days(working=3)  # 0, then max(3, 0)
    assert plan.visits == 0
    licence = next(item for item in plan.checklist if item.name == "营业执照")
    assert licence.provided_by.title == "个体工商户设立登记"


def section(html, anchor):
    return re.search(rf'<section id="{anchor}"[^>]*>(.*?)</section>', html, re.S).group(1)


@pytest.mark.django_db
@pytest.mark.parametrize("title", BUNDLES)
def test_each_demo_bundle_page_print_view_and_flowchart(site_client, title):
    bundle = BundlePage.objects.get(title=title)
    plan = BundlePlan(bundle)
    html = site_client.get(bundle.url).content.decode()
    for matter in plan.matters:
        assert matter.title in section(html, "steps")
    materials = section(html, "materials")
    for item in plan.checklist:
        assert len(re.findall(rf"<td>{re.escape(item.name)}(?:<br>|</td>)", materials)) == 1
    svg = ET.fromstring(site_client.get(bundle.url + "flowchart.svg").content)
    drawn = "".join(t.text or "" for t in svg.iter("{http://www.w3.org/2000/svg}text"))
    for matter in plan.matters:
        assert matter.title in drawn
    notice = site_client.get(bundle.url + "print/")
    assert notice.status_code == 200
    text = notice.content.decode()
    assert "一次性告知单" in text and '<svg role="img"' in text
    for item in plan.to_submit:
        assert item.name in text


@pytest.mark.django_db
def test_bundle_is_reachable_from_member_matters_themes_and_index(site_client):
    bundle = BundlePage.objects.get(title="开办餐饮店一件事")
    for member in bundle.members.all():
        html = site_client.get(member.matter.url).content.decode()
        assert "属于以下一件事" in html and f'href="{bundle.url}"' in html
    theme = ThemePage.objects.get(theme__audience="legal", theme__name="准营准办")
    assert f'href="{bundle.url}"' in site_client.get(theme.url).content.decode()
    index = site_client.get("/bundles/").content.decode()
    for title in BUNDLES:
        assert title in index
    lonely = MatterPage.objects.get(title="养犬登记")
    assert "属于以下一件事" not in site_client.get(lonely.url).content.decode()


@pytest.mark.django_db
def test_unpublished_member_drops_out_of_the_bundle(site_client):
    bundle = BundlePage.objects.get(title="企业开办一件事")
    MatterPage.objects.get(title="发票领用").unpublish()
    plan = BundlePlan(bundle)
    assert [m.title for m in plan.matters] == ["有限责任公司设立登记", "单位住房公积金缴存登记"]
    assert "发票领用" not in section(site_client.get(bundle.url).content.decode(), "steps")
