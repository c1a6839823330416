"""Every department gets its editor and reviewer groups, subtree permissions and the two-step
review; the system check reports a department without them; repair_permissions restores."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import GroupPagePermission, WorkflowPage

from cms_pages.checks import departments_are_staffed
from cms_pages.departments import (
    REFORM_OFFICE_TASK,
    department_problems,
    onboard_department,
)
from cms_pages.models import DepartmentIndexPage, DepartmentPage

pytestmark = pytest.mark.django_db


def bare_department(title="青山市审计局", short_name="审计局", slug="shenji"):
    """A department page as it would be without onboarding (raw tree insert)."""
    index = DepartmentIndexPage.objects.get()
    page = DepartmentPage(title=title, short_name=short_name, slug=slug)
    index.add_child(instance=page)
    # Whatever the save did for it is taken away again: the state of an old database.
    WorkflowPage.objects.filter(page=page).delete()
    GroupPagePermission.objects.filter(page=page).delete()
    return DepartmentPage.objects.get(pk=page.pk)


def page_permissions(group, page):
    return set(
        GroupPagePermission.objects.filter(group=group, page=page).values_list(
            "permission__codename", flat=True
        )
    )


def test_onboarding_gives_groups_permissions_and_two_step_workflow():
    department = bare_department()
    staff = onboard_department(department)
    assert staff.editors.name == "审计局·编辑"
    assert staff.reviewers.name == "审计局·审核"
    for group in (staff.editors, staff.reviewers):
        assert page_permissions(group, department) == {"add_page", "change_page"}
        assert group.permissions.filter(codename="access_admin").exists()
    workflow = department.get_workflow()
    assert [t.name for t in workflow.tasks] == ["审计局审核", REFORM_OFFICE_TASK]
    assert list(workflow.tasks[0].specific.groups.all()) == [staff.reviewers]
    assert department_problems(department) == []


def test_onboarding_twice_changes_nothing():
    department = bare_department()
    onboard_department(department)
    counts = (Group.objects.count(), GroupPagePermission.objects.count(),
              WorkflowPage.objects.count())  # fmt: skip
    onboard_department(department)
    assert counts == (Group.objects.count(), GroupPagePermission.objects.count(),
                      WorkflowPage.objects.count())  # fmt: skip


def test_rename_renames_groups_task_and_workflow():
    department = bare_department()
    staff = onboard_department(department)
    department.short_name = "审计监督局"
    department.title = "青山市审计监督局"
    department.save()
    onboard_department(department)
    staff.editors.refresh_from_db()
    staff.reviewers.refresh_from_db()
    assert (staff.editors.name, staff.reviewers.name) == ("审计监督局·编辑", "审计监督局·审核")
    workflow = DepartmentPage.objects.get(pk=department.pk).get_workflow()
    assert workflow.name == "审计监督局事项发布流程"
    assert workflow.tasks[0].name == "审计监督局审核"


def test_check_reports_a_department_without_groups_and_repair_restores():
    department = bare_department()
    warnings = [w for w in departments_are_staffed() if "审计局" in w.msg]
    assert len(warnings) == 1
    assert "没有指定审核流程" in warnings[0].msg and "没有编辑组" in warnings[0].msg
    assert warnings[0].id == "cms_pages.W001"

    out = io.StringIO()
    call_command("repair_permissions", stdout=out)
    assert "青山市审计局" in out.getvalue()
    assert department_problems(department) == []
    assert not [w for w in departments_are_staffed() if "审计局" in w.msg]


def test_check_reports_a_department_group_that_may_publish():
    department = bare_department()
    staff = onboard_department(department)
    GroupPagePermission.objects.create(
        group=staff.reviewers, page=department, permission_type="publish"
    )
    assert any("可以直接发布" in p for p in department_problems(department))
    onboard_department(department)
    assert page_permissions(staff.reviewers, department) == {"add_page", "change_page"}
