"""Syncing department files into the page tree: what changes, what is reported, what is kept."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page, Workflow

from cms_pages.models import DepartmentPage, MatterFAQ, MatterPage
from importers.models import MatterSyncState
from importers.sync import sync_sheet
from spreadsheets.reader import read_sheet
from tests.support.accounts import department_user
from tests.support.imports import DEPARTMENTS, matter_tables_digest

from .sheet_files import csv_bytes, edit, sample_rows, xlsx_bytes

pytestmark = pytest.mark.django_db


def sync(data, name="gongan.xlsx", **options):
    return sync_sheet(read_sheet(data, name=name), **options)


def statuses(result):
    return {p.code: p.status for p in result.plans}


def admin():
    return get_user_model().objects.create_superuser("boss", "boss@example.invalid", "pw")


@pytest.mark.parametrize("path", sorted(DEPARTMENTS.iterdir()), ids=lambda p: p.name)
def test_every_sample_file_syncs_as_unchanged_and_writes_no_content(path):
    before = matter_tables_digest()
    result = sync_sheet(read_sheet(path), dry_run=False)
    counts = result.status_counts()
    assert counts["unchanged"] == len(result.plans) > 0
    assert counts["withdrawn"] == 0 and not result.base_errors
    assert MatterSyncState.objects.count() == len(result.plans)
    # Only the sync fingerprints were recorded; a second run takes the fast path.
    MatterSyncState.objects.all().delete()
    assert matter_tables_digest() == before


def test_resync_after_edits_reports_and_writes_exactly_those_edits():
    header, rows = sample_rows("gongan")
    first, second = rows[0], rows[1]
    edit(rows, header, 0, "承诺办结时限", "1")
    edit(
        rows,
        header,
        1,
        "申请材料",
        rows[1][header.index("申请材料")] + "\n9. 委托书（原件1份；非必要；申请人自备）",
    )
    removed = rows.pop(2)
    added = list(rows[0])
    added[header.index("实施编码")] = "11379981MB15341194-010199001000-0-01"
    added[header.index("事项名称")] = "临时身份证明开具"
    rows.append(added)
    data = xlsx_bytes(header, rows)

    preview = sync(data)
    code = header.index("实施编码")
    assert statuses(preview) == {
        first[code]: "changed", second[code]: "changed", added[code]: "new",
        **{r[code]: "unchanged" for r in rows[2:-1]},
    }  # fmt: skip
    assert [w.code for w in preview.withdrawn] == [removed[code]]
    changed = {p.code: p.changes for p in preview.plans if p.status == "changed"}
    promised = MatterPage.objects.get(code=first[code]).promised_days
    assert changed[first[code]] == [("承诺办结时限", str(promised), "1")]
    assert [c[0] for c in changed[second[code]]] == ["申请材料"]
    assert MatterPage.objects.filter(code=added[code]).count() == 0  # a preview writes nothing

    result = sync(data, dry_run=False)
    assert result.written
    new = MatterPage.objects.get(code=added[code])
    assert new.get_parent().specific == DepartmentPage.objects.get(slug="gongan")
    assert (new.live, new.has_unpublished_changes, new.title) == (False, True, "临时身份证明开具")
    assert new.latest_revision is not None and new.materials.count() >= 3
    assert new.department.slug == "gongan"
    edited = MatterPage.objects.get(code=first[code])
    assert edited.live and edited.promised_days == promised  # the live page is untouched
    assert edited.get_latest_revision_as_object().promised_days == 1
    materials = MatterPage.objects.get(code=second[code]).get_latest_revision_as_object().materials
    assert materials.all()[len(materials.all()) - 1].necessity == "非必要"
    assert MatterPage.objects.filter(code=removed[code], live=True).exists()  # never deleted
    assert Page.find_problems() == ([], [], [], [], [])

    again = sync(data, dry_run=False)
    assert set(statuses(again).values()) == {"unchanged"}


def test_only_the_reform_office_may_publish_directly(reform_officer):
    header, rows = sample_rows("gongan")
    edit(rows, header, 0, "备注", "导入时直接发布。")
    data = xlsx_bytes(header, rows)
    code = rows[0][header.index("实施编码")]

    before = matter_tables_digest()
    for department_staff in (department_user("gongan"), department_user("gongan", reviewer=True)):
        refused = sync(data, user=department_staff, publish=True, dry_run=False)
        assert not refused.written and matter_tables_digest() == before
        assert "没有直接发布" in refused.plans[0].errors["实施主体"]

    published = sync(data, user=reform_officer, publish=True, dry_run=False)
    assert published.written
    matter = MatterPage.objects.get(code=code)
    assert matter.notes == "导入时直接发布。" and not matter.has_unpublished_changes


def test_department_editor_cannot_import_another_department(gongan_editor):
    before = matter_tables_digest()
    result = sync_sheet(read_sheet(DEPARTMENTS / "minzheng.xlsx"), user=gongan_editor,
                        dry_run=False)  # fmt: skip
    assert {p.status for p in result.plans} == {"error"}
    assert all("没有导入“青山市民政局”事项的权限" in p.errors["实施主体"] for p in result.plans)
    assert not result.written and matter_tables_digest() == before


def test_rows_of_other_departments_are_errors_when_one_department_is_chosen():
    header, rows = sample_rows("gongan")
    other_header, other_rows = sample_rows("weijian")
    result = sync(xlsx_bytes(header, rows + other_rows),
                  department=DepartmentPage.objects.get(slug="gongan"))  # fmt: skip
    errors = [p for p in result.plans if p.status == "error"]
    assert len(errors) == len(other_rows)
    assert "本次只导入“青山市公安局”的事项" in errors[0].errors["实施主体"]


def test_file_without_department_column_imports_into_the_chosen_department():
    header, rows = sample_rows("gongan")
    column = header.index("实施主体")
    header = [h for i, h in enumerate(header) if i != column]
    rows = [[v for i, v in enumerate(r) if i != column] for r in rows]
    result = sync(csv_bytes(header, rows), name="gongan.csv",
                  department=DepartmentPage.objects.get(slug="gongan"))  # fmt: skip
    assert set(statuses(result).values()) == {"unchanged"}


def test_someones_unpublished_draft_is_a_conflict_and_is_left_alone():
    header, rows = sample_rows("gongan")
    code = rows[0][header.index("实施编码")]
    matter = MatterPage.objects.get(code=code)
    editor = department_user("gongan", username="xiaowang")
    matter.title = matter.title + "（编辑中）"
    draft = matter.save_revision(user=editor)
    edit(rows, header, 0, "备注", "表格里的新备注")
    edit(rows, header, 1, "备注", "另一行的新备注")

    result = sync(xlsx_bytes(header, rows), dry_run=False)
    plans = {p.code: p for p in result.plans}
    assert plans[code].status == "conflict"
    assert "xiaowang" in plans[code].notes[0] and "草稿尚未发布" in plans[code].notes[0]
    assert plans[rows[1][header.index("实施编码")]].status == "changed"
    matter.refresh_from_db()
    assert matter.latest_revision_id == draft.pk
    assert matter.get_latest_revision_as_object().notes != "表格里的新备注"


def test_matter_in_a_review_workflow_is_a_conflict():
    header, rows = sample_rows("gongan")
    matter = MatterPage.objects.get(code=rows[0][header.index("实施编码")])
    boss = admin()
    matter.save_revision(user=boss)
    Workflow.objects.get(name__startswith="公安局").start(matter, boss)
    edit(rows, header, 0, "备注", "审核中仍想改")
    result = sync(xlsx_bytes(header, rows))
    assert result.plans[0].status == "conflict"
    assert "审核" in result.plans[0].notes[0]


def test_one_bad_row_blocks_the_run_unless_valid_rows_are_applied():
    header, rows = sample_rows("gongan")
    edit(rows, header, 0, "承诺办结时限", "-1")
    edit(rows, header, 1, "备注", "只导入无误的行")
    data = xlsx_bytes(header, rows)
    before = matter_tables_digest()

    blocked = sync(data, dry_run=False)
    assert not blocked.written and matter_tables_digest() == before
    assert blocked.plans[0].errors == {"承诺办结时限": "不能为负数，实际为-1。"}

    partial = sync(data, dry_run=False, apply_valid=True)
    assert partial.written
    changed = MatterPage.objects.get(code=rows[1][header.index("实施编码")])
    assert changed.get_latest_revision_as_object().notes == "只导入无误的行"


def test_changed_rows_keep_what_only_the_admin_holds():
    header, rows = sample_rows("gongan")
    matter = MatterPage.objects.get(code=rows[0][header.index("实施编码")])
    matter.common_names = "身份证补办"
    matter.faqs = [MatterFAQ(question="能代办吗？", answer="可以，需委托书。")]
    matter.save_revision(user=admin()).publish()
    edit(rows, header, 0, "办理时间", "周一至周日 9:00-17:00")
    sync(xlsx_bytes(header, rows), dry_run=False)
    latest = MatterPage.objects.get(pk=matter.pk).get_latest_revision_as_object()
    assert latest.hours == "周一至周日 9:00-17:00"
    assert latest.common_names == "身份证补办"
    assert [f.question for f in latest.faqs.all()] == ["能代办吗？"]
