"""Staff from a department's admin page (the reform office adds and removes editors and
reviewers); a per-department activity view on Wagtail's log entries; a department's staff
see only their department's matters, activity, reports and posters."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import PageLogEntry

from cms_pages.departments import editor_group_name, reviewer_group_name
from cms_pages.models import DepartmentPage, MatterPage
from tests.support.accounts import department_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def gongan():
    return DepartmentPage.objects.get(slug="gongan")


def test_reform_office_adds_and_removes_department_staff(client, reform_officer, gongan):
    client.force_login(reform_officer)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[gongan.pk])).content.decode()
    url = reverse("department_staff", args=[gongan.pk])
    assert url in edit  # 部门人员, from the department's admin page

    response = client.post(url, {"role": "editors", "username": "wangfang", "name": "王芳",
                                 "email": "wangfang@example.invalid",
                                 "password": "Qingshan-2026-xyz"}, follow=True)  # fmt: skip
    assert "已将 wangfang 加入“公安局·编辑”" in response.content.decode()
    wang = get_user_model().objects.get(username="wangfang")
    assert wang.check_password("Qingshan-2026-xyz") and wang.first_name == "王芳"
    assert wang.groups.filter(name=editor_group_name(gongan)).exists()

    existing = get_user_model().objects.create_user("lisi", password="pw")
    client.post(url, {"role": "reviewers", "username": "lisi"})
    assert existing.groups.filter(name=reviewer_group_name(gongan)).exists()
    page = client.get(url).content.decode()
    assert "wangfang" in page and "lisi" in page

    group = wang.groups.get()
    client.post(url, {"remove": f"editors:{wang.pk}"})
    assert not wang.groups.filter(pk=group.pk).exists()
    actions = list(PageLogEntry.objects.filter(page=gongan).values_list("action", flat=True))
    assert actions.count("cms_pages.staff.add") == 2 and "cms_pages.staff.remove" in actions


def test_new_person_needs_a_name_and_a_good_password(client, reform_officer, gongan):
    client.force_login(reform_officer)
    url = reverse("department_staff", args=[gongan.pk])
    html = client.post(url, {"role": "editors", "username": "zhaoliu", "password": "123"})
    assert "新用户请填写姓名" in html.content.decode()
    assert not get_user_model().objects.filter(username="zhaoliu").exists()


def test_department_staff_cannot_manage_staff(client, gongan):
    for reviewer in (False, True):
        client.force_login(department_user("gongan", reviewer=reviewer,
                                           username=f"staff-{reviewer}"))  # fmt: skip
        response = client.get(reverse("department_staff", args=[gongan.pk]))
        assert response.status_code in (302, 403)
        edit = client.get(reverse("wagtailadmin_pages:edit", args=[gongan.pk]))
        assert reverse("department_staff", args=[gongan.pk]) not in edit.content.decode()


def edit_as(user, matter, notes):
    draft = matter.get_latest_revision_as_object()
    draft.notes = notes
    draft.save_revision(user=user, log_action=True)


def test_activity_per_department_filterable_and_downloadable(client, reform_officer):
    editor = department_user("gongan")
    own = MatterPage.objects.filter(department__slug="gongan").first()
    other = MatterPage.objects.filter(department__slug="minzheng").first()
    edit_as(editor, own, "公安局的修改")
    edit_as(reform_officer, other, "民政局的修改")

    client.force_login(editor)
    url = reverse("department_activity")
    html = client.get(url).content.decode()
    assert own.title in html and other.title not in html
    export = client.get(url, {"export": "csv"})
    text = b"".join(export.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["时间", "操作人", "操作", "页面", "部门"]
    assert {row[4] for row in rows[1:]} == {"青山市公安局"}

    client.force_login(reform_officer)
    minzheng = DepartmentPage.objects.get(slug="minzheng")
    html = client.get(url, {"department": minzheng.pk, "action": "wagtail.edit"}).content.decode()
    assert other.title in html and own.title not in html


def test_department_staff_see_only_their_department(client):
    client.force_login(department_user("gongan"))
    other = MatterPage.objects.filter(department__slug="minzheng").first()
    minzheng = DepartmentPage.objects.get(slug="minzheng")
    for url in (
        "/admin/pages/search/?q=登记",
        "/admin/reports/site-history/",
        "/admin/reports/aging-pages/",
        "/admin/posters/scans/",
        "/admin/imports/",
    ):
        response = client.get(url)
        assert response.status_code in (200, 302, 403), url
        assert other.title not in response.content.decode(), url
    printing = client.get("/admin/posters/").content.decode()
    assert "青山市公安局" in printing and minzheng.title not in printing
