import re

import pytest

from cms_pages.models import MatterPage

pytestmark = pytest.mark.django_db

EIGHT_DISCLOSURES = {
    "subject": "办理主体",
    "basis": "办理依据",
    "conditions": "办理条件",
    "procedure": "办理程序",
    "time-limit": "办理时限",
    "result": "办理结果",
    "fee-basis": "收费依据",
    "fee-standard": "收费标准",
}


@pytest.fixture
def charged_matter():
    return MatterPage.objects.get(title="居民身份证换领")


def section(html, anchor):
    match = re.search(rf'<section id="{anchor}"[^>]*>(.*?)</section>', html, re.S)
    assert match, f"section #{anchor} missing"
    return match.group(1)


def test_each_disclosure_has_its_anchor_heading_and_content(site_client, charged_matter):
    html = site_client.get(charged_matter.url).content.decode()
    for anchor, heading in EIGHT_DISCLOSURES.items():
        assert f"<h2>{heading}</h2>" in section(html, anchor)
    assert charged_matter.handling_office in section(html, "subject")
    assert charged_matter.legal_bases.first().name in section(html, "basis")
    assert charged_matter.condition_lines[0] in section(html, "conditions")
    assert "受理" in section(html, "procedure")
    assert f"{charged_matter.statutory_days} {charged_matter.time_unit}" in section(
        html, "time-limit"
    )
    assert charged_matter.result_name in section(html, "result")
    assert charged_matter.fee_basis.splitlines()[0][:10] in section(html, "fee-basis")
    assert charged_matter.fee_standard[:10] in section(html, "fee-standard")


def test_free_matter_says_no_fee_in_both_fee_disclosures(site_client):
    matter = MatterPage.objects.filter(fee_charged=False).first()
    html = site_client.get(matter.url).content.decode()
    assert "不收费" in section(html, "fee-basis")
    assert "不收费" in section(html, "fee-standard")


def test_materials_checklist_lists_necessity_and_source(site_client):
    matter = MatterPage.objects.get(title="有限责任公司设立登记")
    html = section(site_client.get(matter.url).content.decode(), "materials")
    for material in matter.materials.all():
        assert material.name in html
    assert "容缺后补" in html
    assert "调取电子证照库" in html


def test_time_limit_shows_saving_and_badges(site_client):
    matter = MatterPage.objects.get(title="有限责任公司设立登记")
    html = site_client.get(matter.url).content.decode()
    assert "比法定时限提速" in section(html, "time-limit")
    assert "全程网办" in html and "零跑腿" in html and "即办件" in html


def test_matter_with_visits_explains_why(site_client):
    matter = MatterPage.objects.filter(visits__gte=1).first()
    html = section(site_client.get(matter.url).content.decode(), "procedure")
    assert matter.visit_reason[:10] in html


def test_complaint_channels_and_history(site_client, charged_matter):
    html = site_client.get(charged_matter.url).content.decode()
    assert 'href="tel:12345"' in section(html, "complaints")
    assert "最近更新" in section(html, "history")


def test_print_view_is_a_one_sheet_notice_with_every_material(site_client, charged_matter):
    response = site_client.get(charged_matter.url + "print/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "一次性告知单" in html
    for material in charged_matter.materials.all():
        assert material.name in html
    assert charged_matter.short_url in html


def test_html_in_content_is_escaped(site_client, charged_matter):
    charged_matter.conditions = "<script>alert(1)</script>"
    charged_matter.save_revision().publish()
    html = site_client.get(charged_matter.url).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_public_history_shows_published_change_notes(site_client, charged_matter):
    charged_matter.change_summary = "调整收费标准说明"
    charged_matter.save_revision(log_action=True).publish()
    html = section(site_client.get(charged_matter.url).content.decode(), "history")
    assert "调整收费标准说明" in html
