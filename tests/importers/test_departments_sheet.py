"""The departments sheet through the import machinery: preview with errors by row and column,
all or nothing (or only the valid rows), every new department onboarded and published, a
rename renaming its groups; only the reform office imports departments."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from cms_pages.departments import department_problems, editor_group_name
from cms_pages.models import DepartmentPage, ServiceWindow
from importers.departments import LAYOUT
from importers.models import ImportRun
from tests.support.accounts import department_user

from .sheet_files import csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db

HEADER = list(LAYOUT.columns)
AUDIT = ["青山市审计局", "审计局", "11379981MB1534077E", "青山市文昌路200号", "0536-5550300",
         "0536-5550301；12345", "周一至周五 9:00-17:00", "综合受理8号窗口"]  # fmt: skip
LAND = ["青山市自然资源和规划局", "自然资源局", "", "青山市文昌路210号", "0536-5550310", "12345",
        "周一至周五 9:00-17:00", ""]  # fmt: skip
BAD = ["青山市统计局", "统计局", "11379981MB15340779", "", "", "", "", ""]


@pytest.fixture
def office(client, reform_officer):
    client.force_login(reform_officer)
    return client


def gongan_row(**changes):
    gongan = DepartmentPage.objects.get(slug="gongan")
    row = [gongan.title, gongan.short_name, gongan.credit_code, gongan.address, gongan.phone,
           gongan.complaint_phone, gongan.hours, ""]  # fmt: skip
    for column, value in changes.items():
        row[HEADER.index(column)] = value
    return row


def upload(client, rows, name="departments.xlsx"):
    data = xlsx_bytes(HEADER, rows, title="青山市部门名录") if name.endswith("xlsx") else (
        csv_bytes(HEADER, rows)
    )  # fmt: skip
    client.post("/admin/imports/departments/", {"file": SimpleUploadedFile(name, data)})
    return ImportRun.objects.latest("pk")


def test_preview_names_errors_by_row_and_column_and_writes_nothing(office):
    before = DepartmentPage.objects.count()
    preview = upload(office, [AUDIT, BAD, gongan_row(**{"咨询电话": "0536-5550999"})])
    assert preview.kind == ImportRun.DEPARTMENTS and preview.status == ImportRun.PREVIEWED
    assert preview.counts == {"new": 1, "changed": 1, "unchanged": 0, "error": 1}
    page = office.get(f"/admin/imports/runs/{preview.pk}/").content.decode()
    assert "【统一社会信用代码】校验位应为“E”" in page
    assert "1301</del>" in page and "0999</ins>" in page
    assert DepartmentPage.objects.count() == before


def test_all_or_nothing_then_only_the_valid_rows(office):
    before = DepartmentPage.objects.count()
    preview = upload(office, [AUDIT, LAND, BAD])
    office.post(f"/admin/imports/runs/{preview.pk}/confirm/", {})
    assert ImportRun.objects.latest("pk").status == ImportRun.REJECTED
    assert DepartmentPage.objects.count() == before

    office.post(f"/admin/imports/runs/{preview.pk}/confirm/", {"apply_valid": "on"})
    assert ImportRun.objects.latest("pk").status == ImportRun.APPLIED
    audit = DepartmentPage.objects.get(credit_code="11379981MB1534077E")
    land = DepartmentPage.objects.get(title="青山市自然资源和规划局")
    assert audit.live and land.live and not DepartmentPage.objects.filter(title="青山市统计局")
    for department in (audit, land):
        assert department_problems(department) == []
    assert Group.objects.filter(name="审计局·编辑").exists()
    assert ServiceWindow.objects.get(name="综合受理8号窗口").department_id == audit.pk


def test_a_rename_by_credit_code_renames_the_groups(office):
    gongan = DepartmentPage.objects.get(slug="gongan")
    editors = Group.objects.get(name=editor_group_name(gongan))
    preview = upload(office, [gongan_row(**{"名称": "青山市公安分局", "简称": "公安分局"})],
                     name="departments.csv")  # fmt: skip
    office.post(f"/admin/imports/runs/{preview.pk}/confirm/", {})
    gongan = DepartmentPage.objects.get(pk=gongan.pk)
    assert (gongan.title, gongan.short_name) == ("青山市公安分局", "公安分局")
    editors.refresh_from_db()
    assert editors.name == "公安分局·编辑"
    assert gongan.get_workflow().name == "公安分局事项发布流程"


def test_only_the_reform_office_imports_departments(client, tmp_path):
    for reviewer in (False, True):
        client.force_login(department_user("gongan", reviewer=reviewer,
                                           username=f"staff-{reviewer}"))  # fmt: skip
        assert client.get("/admin/imports/departments/").status_code in (302, 403)
    path = tmp_path / "departments.xlsx"
    path.write_bytes(xlsx_bytes(HEADER, [AUDIT]))
    editor = department_user("gongan")
    with pytest.raises(CommandError, match="只有审改办"):
        call_command("import_departments", str(path), "--user", editor.username,
                     stdout=io.StringIO())  # fmt: skip
    assert not DepartmentPage.objects.filter(title="青山市审计局").exists()


def test_command_line_import(tmp_path):
    path = tmp_path / "departments.xlsx"
    path.write_bytes(xlsx_bytes(HEADER, [AUDIT, LAND]))
    out = io.StringIO()
    call_command("import_departments", str(path), "--dry-run", stdout=out)
    assert "已预览" in out.getvalue() and not DepartmentPage.objects.filter(title="青山市审计局")
    call_command("import_departments", str(path), stdout=out)
    assert DepartmentPage.objects.filter(title__in=["青山市审计局", "青山市自然资源和规划局"],
                                         live=True).count() == 2  # fmt: skip
