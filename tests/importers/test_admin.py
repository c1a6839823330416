"""The Wagtail admin journey: upload → preview → confirm, records, reports, limits by department."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from cms_pages.models import DepartmentPage, MatterPage
from importers.models import ImportRun
from tests.support.accounts import department_user
from tests.support.imports import DEPARTMENTS

from .sheet_files import edit, sample_rows, xlsx_bytes

pytestmark = pytest.mark.django_db


def upload(client, data, name="gongan.xlsx", **fields):
    return client.post("/admin/imports/upload/",
                       {"file": SimpleUploadedFile(name, data), **fields})  # fmt: skip


def edited_gongan():
    header, rows = sample_rows("gongan")
    edit(rows, header, 0, "办理时间", "周一至周日 8:30-18:00")
    return xlsx_bytes(header, rows), rows[0][header.index("实施编码")]


def test_upload_preview_confirm_writes_a_draft_revision(admin_client):
    data, code = edited_gongan()
    response = upload(admin_client, data)
    preview = ImportRun.objects.get()
    assert response.status_code == 302 and response.url == f"/admin/imports/runs/{preview.pk}/"
    assert preview.status == ImportRun.PREVIEWED and preview.counts["changed"] == 1

    page = admin_client.get(response.url).content.decode()
    assert "办理时间" in page and "<del" in page and "<ins" in page  # field-level diff
    assert "8:30-18:00" in page and 'id="confirm-import"' in page
    matter = MatterPage.objects.get(code=code)
    assert matter.get_latest_revision_as_object().hours != "周一至周日 8:30-18:00"

    confirmed = admin_client.post(f"/admin/imports/runs/{preview.pk}/confirm/", {})
    applied = ImportRun.objects.exclude(pk=preview.pk).get()
    assert confirmed.url == f"/admin/imports/runs/{applied.pk}/"
    assert (applied.status, applied.preview_of, applied.dry_run) == ("applied", preview, False)
    matter = MatterPage.objects.get(code=code)
    assert matter.get_latest_revision_as_object().hours == "周一至周日 8:30-18:00"
    assert matter.has_unpublished_changes and matter.hours != "周一至周日 8:30-18:00"  # a draft
    # A preview can be confirmed once.
    admin_client.post(f"/admin/imports/runs/{preview.pk}/confirm/", {})
    assert ImportRun.objects.count() == 2


def test_errors_need_an_explicit_choice_to_apply_the_valid_rows(admin_client):
    header, rows = sample_rows("gongan")
    edit(rows, header, 0, "事项类型", "行政审批")
    edit(rows, header, 1, "备注", "只导这一行")
    upload(admin_client, xlsx_bytes(header, rows))
    preview = ImportRun.objects.get()
    page = admin_client.get(f"/admin/imports/runs/{preview.pk}/").content.decode()
    assert "【事项类型】“行政审批”不在允许的取值中" in page and 'name="apply_valid"' in page
    admin_client.post(f"/admin/imports/runs/{preview.pk}/confirm/", {"apply_valid": "on"})
    applied = ImportRun.objects.exclude(pk=preview.pk).get()
    assert applied.status == ImportRun.APPLIED and applied.apply_valid
    matter = MatterPage.objects.get(code=rows[1][header.index("实施编码")])
    assert matter.get_latest_revision_as_object().notes == "只导这一行"


def test_error_report_downloads_name_row_and_column(admin_client):
    header, rows = sample_rows("gongan")
    edit(rows, header, 3, "承诺办结时限", "-2")
    upload(admin_client, xlsx_bytes(header, rows))
    run = ImportRun.objects.get()
    workbook = admin_client.get(f"/admin/imports/runs/{run.pk}/report/?format=xlsx")
    assert workbook["Content-Disposition"].startswith("attachment;")
    lines = [[c.value for c in row] for row in load_workbook(io.BytesIO(workbook.content)).active]
    assert [
        "5",
        rows[3][1],
        rows[3][2],
        "青山市公安局",
        "错误",
        "承诺办结时限",
        "不能为负数，实际为-2。",
    ] in lines
    text = admin_client.get(f"/admin/imports/runs/{run.pk}/report/?format=csv").content
    assert "承诺办结时限,不能为负数，实际为-2。" in text.decode("utf-8-sig")
    progress = admin_client.get(f"/admin/imports/runs/{run.pk}/progress/").json()
    assert progress["finished"] and progress["status"] == "previewed"


def test_department_editor_sees_and_imports_only_their_department(client):
    editor = department_user("gongan")
    client.force_login(editor)
    form = client.get("/admin/imports/upload/").content.decode()
    assert "青山市公安局" in form and "青山市民政局" not in form
    other = DepartmentPage.objects.get(slug="minzheng")
    response = upload(client, (DEPARTMENTS / "minzheng.xlsx").read_bytes(), "minzheng.xlsx",
                      department=other.pk)  # fmt: skip
    assert response.status_code == 200 and not ImportRun.objects.exists()  # not a valid choice
    gongan = DepartmentPage.objects.get(slug="gongan")
    upload(client, (DEPARTMENTS / "minzheng.xlsx").read_bytes(), "minzheng.xlsx",
           department=gongan.pk)  # fmt: skip
    run = ImportRun.objects.get()
    assert run.counts["error"] == 4 and run.counts.get("new", 0) == 0
    assert 'name="publish"' not in form  # editors cannot publish directly

    client.force_login(department_user("minzheng"))
    assert client.get(f"/admin/imports/runs/{run.pk}/").status_code == 404


def test_import_menu_and_pages_need_page_permissions(client):
    nobody = get_user_model().objects.create_user("clerk", password="pw")
    group = Group.objects.create(name="只读后台")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    nobody.groups.add(group)
    client.force_login(nobody)
    # The sidebar is rendered from JSON in the page; the item's URL shows whether it is there.
    assert "/admin/imports/" not in client.get("/admin/").content.decode()
    assert client.get("/admin/imports/").status_code in (302, 403)  # Wagtail redirects home
    client.force_login(department_user("gongan"))
    assert "/admin/imports/" in client.get("/admin/").content.decode()
    assert client.get("/admin/imports/").status_code == 200


def test_export_and_template_downloads(client):
    client.force_login(department_user("gongan"))
    gongan = DepartmentPage.objects.get(slug="gongan")
    response = client.get(
        "/admin/imports/export/", {"department": gongan.pk, "file_format": "xlsx"}
    )
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert len(rows) == 1 + gongan.get_children().count()
    minzheng = DepartmentPage.objects.get(slug="minzheng")
    refused = client.get(
        "/admin/imports/export/", {"department": minzheng.pk, "file_format": "csv"}
    )
    assert refused["Content-Type"].startswith("text/html")  # the form, with an invalid choice
    template = client.get("/admin/imports/template.xlsx")
    assert load_workbook(io.BytesIO(template.content)).sheetnames == ["事项清单", "填写说明"]
