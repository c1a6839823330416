"""The Python API that collects matter revisions into a batch (the department importer's
entry point), the catalogue filter and the batch spreadsheet reader."""

from pathlib import Path

import pytest
from django.conf import settings

from cms_pages.models import MatterPage
from cms_pages.service_rules import AT_MOST_ONCE, FULLY_ONLINE, IMMEDIATE
from reform.assembly import MatterCriteria, add_matters, add_revision_to_batch, join_batch
from reform.batch_sheet import BatchSheetError, read_batch_sheet, resolve
from reform.release import BatchReleaseError
from tests.support.pages import matter, members_of, reload, save_draft

pytestmark = pytest.mark.django_db

BATCHES = Path(settings.BASE_DIR) / "demo_data" / "batches"


def test_import_drafts_join_a_batch_and_newer_ones_replace_them(new_batch):
    relief, household = matter("临时救助"), matter("户口迁入登记")
    batch = new_batch()
    first = save_draft(relief, visits=0, visit_reason="")

    result = join_batch(batch, [first, save_draft(household, notes="导入")], note="第四批")
    assert (result.added, result.updated) == (2, 0)
    second = save_draft(relief, visits=0, visit_reason="", notes="再次导入")
    result = add_revision_to_batch(batch, second)

    assert (result.added, result.updated, result.unchanged) == (0, 1, 0)
    members = {m.matter_id: m for m in members_of(batch)}
    assert members[relief.pk].revision_id == second.pk
    assert members[household.pk].note == "第四批"
    assert not reload(relief).live_revision_id == second.pk


def test_only_matter_revisions_can_join(new_batch):
    batch = new_batch()
    other_batch = new_batch(number=5)
    with pytest.raises(ValueError):
        join_batch(batch, [other_batch.get_latest_revision()])


def test_a_released_batch_takes_no_more_matters(new_batch):
    batch = new_batch()
    add_matters(batch, [matter("临时救助")])
    reload(batch).get_latest_revision().publish()

    with pytest.raises(BatchReleaseError, match="批次已经发布"):
        add_matters(batch, [matter("户口迁入登记")])


def test_matters_without_any_revision_get_a_snapshot_when_added(new_batch):
    relief = matter("临时救助")
    relief.revisions.all().delete()
    MatterPage.objects.filter(pk=relief.pk).update(latest_revision=None, live_revision=None)

    add_matters(new_batch(), [relief])

    snapshot = reload(relief).latest_revision
    assert snapshot.content["title"] == "临时救助"
    assert not reload(relief).has_unpublished_changes


def test_filter_judges_pending_drafts_on_what_they_would_publish():
    household = matter("户口迁入登记")
    gongan = household.department_id
    expected = set(
        MatterPage.objects.live().filter(department_id=gongan, visits__lte=1)
        .values_list("id", flat=True)
    )  # fmt: skip
    assert household.pk in expected
    save_draft(household, visits=2)

    found = MatterCriteria(department=gongan, rules=(AT_MOST_ONCE,)).matching_ids()

    assert set(found) == expected - {household.pk}


def test_filter_on_theme_online_and_immediate():
    criteria = MatterCriteria(rules=(FULLY_ONLINE, IMMEDIATE))
    expected = MatterPage.objects.live().filter(online_depth=4, promised_days__lte=1)
    assert set(criteria.matching_ids()) == set(expected.values_list("id", flat=True))
    theme = matter("出生登记").themes.first()
    by_theme = MatterCriteria(theme=theme.pk).matching_ids()
    assert set(by_theme) == set(theme.matters.live().values_list("id", flat=True))


def test_read_the_demo_batch_sheet():
    sheet = read_batch_sheet(BATCHES / "batch-03.xlsx")
    assert sheet.title == "青山市第三批“最多跑一次”事项清单"
    assert len(sheet.rows) == 9
    assert sheet.published.isoformat() == "2026-09-22"
    assert [row.line for row in sheet.rows[:2]] == [3, 4]


def test_unknown_code_in_a_batch_sheet_names_the_row(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["测试清单"])
    sheet.append(["序号", "实施编码", "事项名称", "实施主体", "到办事现场次数", "公布日期", "备注"])
    sheet.append([1, matter("临时救助").code, "临时救助", "柳泉镇", 1, None, ""])
    sheet.append([2, "NO-SUCH-CODE", "不存在的事项", "某部门", 0, None, ""])
    sheet.append([3, matter("临时救助").code, "临时救助", "柳泉镇", 1, None, ""])
    path = tmp_path / "清单.xlsx"
    workbook.save(path)

    with pytest.raises(BatchSheetError) as error:
        resolve(read_batch_sheet(path))

    assert "第4行" in str(error.value) and "NO-SUCH-CODE" in str(error.value)
    assert "第5行" in str(error.value) and "重复" in str(error.value)
