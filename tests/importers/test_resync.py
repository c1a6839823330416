"""Re-syncing a department's file keeps what editors added in the admin."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from cms_pages.models import MatterPage
from importers.runs import build_report
from importers.sync import sync_sheet
from spreadsheets.reader import read_sheet

from . import corpus

pytestmark = pytest.mark.django_db
PERMIT = "010232001000-0-01"  # 危险化学品经营许可（不带储存设施）, six materials


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def sync(rows, **options):
    return sync_sheet(read_sheet(corpus.xlsx(rows), name="yingji.xlsx"), **options)


def edited_by_editors(matter):
    """What an editor adds in the admin: a blank form and a note on every material, the
    text of each article, a result type of their choosing; then publishes."""
    Document = get_document_model()
    materials, bases = list(matter.materials.all()), list(matter.legal_bases.all())
    for number, material in enumerate(materials, start=1):
        material.blank_form = Document.objects.create(
            title=f"空白表格{number}", file=ContentFile(b"%PDF-1.4\n", name=f"form{number}.pdf")
        )
        material.notes = f"编辑备注{number}"
    for basis in bases:
        basis.excerpt = f"{basis.name}{basis.article}的条文。"
    matter.materials, matter.legal_bases = materials, bases
    matter.result_type = "批文"
    matter.save_revision().publish()
    return {m.pk: (m.name, m.blank_form_id, m.notes) for m in matter.materials.all()}


def test_resync_with_one_material_removed_removes_exactly_that_one(corpus_departments, media):
    rows = corpus.catalogue(["yingji"])
    sync(rows, dry_run=False, publish=True)
    matter = MatterPage.objects.get(code__endswith=PERMIT)
    before = edited_by_editors(matter)
    excerpts = dict(matter.legal_bases.values_list("name", "excerpt"))

    lines = rows[0]["申请材料"].split("\n")
    rows[0]["申请材料"] = "\n".join(lines[:4] + lines[5:])  # 委托书 dropped
    rows[0]["结果名称"] = "危险化学品经营许可证（正副本）"
    preview = sync(rows)
    [plan] = [p for p in preview.plans if p.status == "changed"]
    assert plan.child_diffs["materials"] == {
        "added": [], "removed": ["委托书（委托他人办理的）"], "changed": []}  # fmt: skip
    report_row = next(r for r in build_report(read_sheet(corpus.xlsx(rows)), preview)["rows"])
    assert report_row["children"]["materials"]["removed"] == ["委托书（委托他人办理的）"]

    sync(rows, dry_run=False, publish=True)
    matter = MatterPage.objects.get(code__endswith=PERMIT)
    after = {m.pk: (m.name, m.blank_form_id, m.notes) for m in matter.materials.all()}
    removed = [pk for pk, (name, _, _) in before.items() if name.startswith("委托书")]
    assert after == {pk: kept for pk, kept in before.items() if pk not in removed}
    assert all(blank_form for _, blank_form, _ in after.values())
    assert dict(matter.legal_bases.values_list("name", "excerpt")) == excerpts
    assert (matter.result_name, matter.result_type) == ("危险化学品经营许可证（正副本）", "批文")


def test_material_level_diff_names_added_removed_and_changed(corpus_departments, media):
    rows = corpus.catalogue(["yingji"])
    sync(rows, dry_run=False)
    matter = MatterPage.objects.get(code__endswith=PERMIT)
    edited_by_editors(matter)
    rows[0]["申请材料"] = (
        "1. 危险化学品经营许可证申请书（原件1份；必要；申请人自备）\n"
        "2. 营业执照(副本)（复印件1份；必要；调取电子证照库）\n"  # ASCII brackets: same material
        "3. 经营场所产权证明（不动产权证书、房屋所有权证或租赁合同）"
        "（复印件1份；必要；申请人自备）\n"
        "4. 安全评价报告（原件2份；非必要；中介机构出具）\n"
        "5. 委托书（委托他人办理的）（原件1份；非必要；申请人自备）\n"
        "6. 主要负责人安全生产知识和管理能力考核合格证（复印件1份；容缺后补；政府部门核发）\n"
        "7. 从业人员培训合格证明（复印件1份；必要；申请人自备）"
    )
    rows[0]["设定依据"] = "《危险化学品安全管理条例》第三十三条；《安全生产许可证条例》第二条"
    [plan] = [p for p in sync(rows).plans if p.status == "changed"]
    assert plan.child_diffs["materials"] == {
        "added": ["从业人员培训合格证明"],
        "removed": [],
        "changed": [["营业执照(副本)", [["名称", "营业执照（副本）", "营业执照(副本)"]]],
                    ["安全评价报告", [["份数与形式", "原件1份", "原件2份"],
                                     ["必要性", "必要", "非必要"]]]],
    }  # fmt: skip
    assert plan.child_diffs["legal_bases"] == {
        "added": ["《安全生产许可证条例》"], "removed": ["《危险化学品经营许可证管理办法》"],
        "changed": []}  # fmt: skip
