"""A department import whose drafts join a reform batch, and exports of a batch (issues 3 and 5)."""

import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from cms_pages.models import MatterPage
from importers.models import ImportRun
from reform.assembly import add_matters
from reform.release import publish_batch_revision
from spreadsheets.reader import read_sheet
from tests.support.accounts import department_user
from tests.support.imports import matter_tables_digest
from tests.support.pages import members_of, reload

from .sheet_files import edit, sample_rows, xlsx_bytes

pytestmark = pytest.mark.django_db

NEW_CODE = "11379981MB15341194-070201099000-0-01"
NEW_HOURS = "周一至周日 8:30-18:00"


def exported_rows(path):
    sheet = load_workbook(path).active
    rows = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    return rows[0], rows[1:]


def sync(*args):
    out = io.StringIO()
    call_command("sync_department", *map(str, args), stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.fixture
def gongan_file(tmp_path):
    """gongan.xlsx with one matter changed (办理时间) and one new matter; three unchanged."""
    header, rows = sample_rows("gongan")
    edit(rows, header, 0, "办理时间", NEW_HOURS)
    added = list(rows[1])
    added[header.index("实施编码")] = NEW_CODE
    added[header.index("事项名称")] = "户口迁入登记（网上预约）"
    rows.append(added)
    path = tmp_path / "gongan.xlsx"
    path.write_bytes(xlsx_bytes(header, rows))
    return path, rows[0][header.index("实施编码")]


def test_imported_drafts_join_the_batch_and_go_live_only_with_its_release(gongan_file, new_batch):
    path, changed_code = gongan_file
    batch = new_batch(4)
    before = MatterPage.objects.get(code=changed_code)

    preview = sync(path, "--batch", "第4批", "--dry-run")
    assert "2 个新增或变更事项的草稿将加入改革批次" in preview
    assert members_of(batch) == []
    output = sync(path, "--batch", "4")

    assert "已加入改革批次" in output and "新增 2 项" in output
    changed = MatterPage.objects.get(code=changed_code)
    added = MatterPage.objects.get(code=NEW_CODE)
    assert {(m.matter_id, m.revision_id) for m in members_of(batch)} == {
        (changed.pk, changed.latest_revision_id),
        (added.pk, added.latest_revision_id),
    }
    # Nothing is published one by one: the live page is as before, the new matter is offline.
    assert changed.hours == before.hours and changed.live_revision_id == before.live_revision_id
    assert not added.live
    run = ImportRun.objects.get(dry_run=False)
    assert run.batch == batch and (run.report["batch"]["added"], run.publish) == (2, False)

    publish_batch_revision(reload(batch).get_latest_revision())

    changed, added = reload(changed), reload(added)
    assert changed.hours == NEW_HOURS and not changed.has_unpublished_changes
    assert added.live and added.title == "户口迁入登记（网上预约）"
    assert reload(batch).live
    # After the release the file is in sync: nothing new, nothing changed.
    assert "新增 0  变更 0  未变 6" in sync(path, "--dry-run")


def test_a_batch_in_review_or_released_is_refused_and_nothing_is_written(
    gongan_file, new_batch, reform_officer
):
    path, _code = gongan_file
    batch = new_batch(4)
    batch.get_workflow().start(batch, reform_officer)
    before = matter_tables_digest()

    with pytest.raises(CommandError, match="批次正在审核中"):
        sync(path, "--batch", batch.pk)
    with pytest.raises(CommandError, match="已经发布"):
        sync(path, "--batch", "第1批")  # a demo batch, released

    assert matter_tables_digest() == before
    assert ImportRun.objects.filter(status=ImportRun.REJECTED).count() == 2


def test_batch_with_publish_is_refused_before_anything_runs(gongan_file, new_batch):
    path, _code = gongan_file
    new_batch(4)
    with pytest.raises(CommandError, match="--batch 与 --publish 不能同时使用"):
        sync(path, "--batch", "4", "--publish")
    assert not ImportRun.objects.exists()


def test_an_error_row_writes_nothing_and_leaves_the_batch_unchanged(tmp_path, new_batch):
    header, rows = sample_rows("gongan")
    edit(rows, header, 0, "办理时间", NEW_HOURS)
    edit(rows, header, 2, "承诺办结时限", "-2")
    path = tmp_path / "gongan.xlsx"
    path.write_bytes(xlsx_bytes(header, rows))
    batch = new_batch(4)
    revisions = batch.revisions.count()
    before = matter_tables_digest()

    with pytest.raises(CommandError, match="什么也没有写入"):
        sync(path, "--batch", "4")

    assert matter_tables_digest() == before
    assert members_of(batch) == [] and batch.revisions.count() == revisions


def test_a_department_editor_who_cannot_edit_the_batch_is_refused(gongan_file, new_batch):
    path, _code = gongan_file
    new_batch(4)
    editor = department_user("gongan")
    before = matter_tables_digest()
    with pytest.raises(CommandError, match="没有编辑改革批次"):
        sync(path, "--batch", "4", "--user", editor.username)
    assert matter_tables_digest() == before


def test_batch_export_imports_back_unchanged_and_an_edited_row_replaces_its_member(
    tmp_path, new_batch
):
    batch = new_batch(4)
    matters = list(MatterPage.objects.filter(department__slug="minzheng").order_by("path")[:3])
    add_matters(batch, matters)
    exported = tmp_path / "batch.xlsx"
    call_command("export_matters", str(exported), "--batch", "4", stdout=io.StringIO())

    output = sync(exported, "--dry-run")
    assert "新增 0  变更 0  未变 3  疑似撤销" in output and "错误 0  冲突 0" in output

    header, rows = exported_rows(exported)
    assert [r[header.index("实施编码")] for r in rows] == [m.code for m in matters]
    edit(rows, header, 1, "备注", "并入第四批改革")
    edited = tmp_path / "batch-edited.xlsx"
    edited.write_bytes(xlsx_bytes(header, rows))
    joined = {m.matter_id: m.revision_id for m in members_of(batch)}

    assert "更新版本 1 项，未变 0 项" in sync(edited, "--batch", "4")

    now = {m.matter_id: m.revision_id for m in members_of(batch)}
    assert now.keys() == joined.keys()
    assert now[matters[1].pk] == reload(matters[1]).latest_revision_id != joined[matters[1].pk]
    assert now[matters[0].pk] == joined[matters[0].pk]


def test_admin_upload_offers_open_batches_and_the_confirmed_import_joins_one(
    client, gongan_file, new_batch, reform_officer
):
    path, changed_code = gongan_file
    batch = new_batch(4)
    client.force_login(reform_officer)
    form = client.get("/admin/imports/upload/").content.decode()
    assert batch.title in form and "第一批" not in form  # released batches are not offered

    with path.open("rb") as upload:
        refused = client.post("/admin/imports/upload/",
                              {"file": upload, "batch": batch.pk, "publish": "on"})  # fmt: skip
    assert "不能同时勾选" in refused.content.decode() and not ImportRun.objects.exists()
    with path.open("rb") as upload:
        client.post("/admin/imports/upload/", {"file": upload, "batch": batch.pk})
    preview = ImportRun.objects.get()
    page = client.get(f"/admin/imports/runs/{preview.pk}/").content.decode()
    assert "2 个新增或变更事项的草稿将加入改革批次" in page and 'name="publish"' not in page

    client.post(f"/admin/imports/runs/{preview.pk}/confirm/", {"publish": "on"})

    applied = ImportRun.objects.exclude(pk=preview.pk).get()
    assert (applied.status, applied.batch, applied.publish) == ("applied", batch, False)
    assert len(members_of(batch)) == 2
    assert MatterPage.objects.get(code=changed_code).hours != NEW_HOURS
    result = client.get(f"/admin/imports/runs/{applied.pk}/").content.decode()
    assert "草稿已加入改革批次" in result and f"/admin/reform/batches/{batch.pk}/" in result
    export = client.get("/admin/imports/export/", {"batch": batch.pk, "file_format": "csv"})
    codes = {row.values["实施编码"] for row in read_sheet(export.content, name="batch.csv").rows}
    assert codes == {changed_code, NEW_CODE}
