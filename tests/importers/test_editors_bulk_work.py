"""An editor's bulk work: an import's drafts go to review in one action (and from a listing's
bulk actions, which offer only what the user may do); a failed confirm keeps its preview;
导出事项 starts at the editor's own department."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cms_pages.models import DepartmentPage, MatterPage
from importers.models import ImportRun
from tests.support.accounts import department_user

from .sheet_files import edit, sample_rows, xlsx_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    client.force_login(department_user("gongan"))
    return client


def upload_and_confirm(client, header, rows, **confirm):
    data = xlsx_bytes(header, rows)
    department = DepartmentPage.objects.get(slug="gongan")
    upload = {"file": SimpleUploadedFile("gongan.xlsx", data), "department": department.pk}
    client.post("/admin/imports/upload/", upload)
    preview = ImportRun.objects.latest("pk")
    client.post(f"/admin/imports/runs/{preview.pk}/confirm/", confirm)
    return preview, ImportRun.objects.latest("pk")


def test_an_imports_drafts_go_to_review_in_one_action(editor):
    header, rows = sample_rows("gongan")
    for line in (0, 1):
        edit(rows, header, line, "备注", f"批量提交测试{line}")
    _preview, applied = upload_and_confirm(editor, header, rows)
    assert applied.status == ImportRun.APPLIED
    page = editor.get(f"/admin/imports/runs/{applied.pk}/").content.decode()
    assert "本次导入的 2 个草稿提交审核" in page

    response = editor.post(f"/admin/imports/runs/{applied.pk}/submit/", follow=True)
    assert "已把 2 个草稿提交审核" in response.content.decode()
    codes = [rows[line][header.index("实施编码")] for line in (0, 1)]
    for matter in MatterPage.objects.filter(code__in=codes):
        assert matter.current_workflow_task.name == "公安局审核"
        assert not matter.live_revision_id == matter.latest_revision_id
    page = editor.get(f"/admin/imports/runs/{applied.pk}/").content.decode()
    assert "草稿提交审核" not in page  # nothing left to submit


def test_a_failed_confirm_keeps_its_preview(editor):
    header, rows = sample_rows("gongan")
    edit(rows, header, 0, "事项类型", "行政审批")  # an error row
    edit(rows, header, 1, "备注", "无误的一行")
    preview, failed = upload_and_confirm(editor, header, rows)
    assert failed.status == ImportRun.REJECTED
    page = editor.get(f"/admin/imports/runs/{failed.pk}/").content.decode()
    assert "返回预览，重新确认" in page
    page = editor.get(f"/admin/imports/runs/{preview.pk}/").content.decode()
    assert 'id="confirm-import"' in page and 'name="apply_valid"' in page

    editor.post(f"/admin/imports/runs/{preview.pk}/confirm/", {"apply_valid": "on"})
    assert ImportRun.objects.latest("pk").status == ImportRun.APPLIED
    matter = MatterPage.objects.get(code=rows[1][header.index("实施编码")])
    assert matter.get_latest_revision_as_object().notes == "无误的一行"


def test_export_starts_at_the_editors_own_department(editor):
    html = editor.get("/admin/imports/export/").content.decode()
    gongan = DepartmentPage.objects.get(slug="gongan")
    assert f'<option value="{gongan.pk}" selected>' in html


def test_listing_bulk_actions_offer_only_what_the_user_may_do(editor, client, reform_officer):
    department = DepartmentPage.objects.get(slug="gongan")
    html = editor.get(f"/admin/pages/{department.pk}/").content.decode()
    footer = html[html.index("bulk-actions-buttons") :]
    assert "submit_for_review" in footer
    assert "/publish/" not in footer and "/unpublish/" not in footer
    client.force_login(reform_officer)
    html = client.get(f"/admin/pages/{department.pk}/").content.decode()
    assert "/bulk/wagtailcore/page/publish/" in html


def test_bulk_submit_from_a_listing(editor):
    matters = list(MatterPage.objects.filter(department__slug="gongan")[:2])
    draft = matters[0].get_latest_revision_as_object()
    draft.notes = "列表中批量提交"
    draft.save_revision()
    ids = "&".join(f"id={m.pk}" for m in matters)
    url = f"/admin/bulk/wagtailcore/page/submit_for_review/?{ids}"
    confirm = editor.get(url).content.decode()
    assert matters[0].title in confirm and "没有待审核的修改" in confirm  # the other has no draft
    editor.post(url, {})
    assert MatterPage.objects.get(pk=matters[0].pk).current_workflow_task.name == "公安局审核"
    assert MatterPage.objects.get(pk=matters[1].pk).current_workflow_task is None
