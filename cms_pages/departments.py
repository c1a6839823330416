"""Every department's staff and review, set up the moment the department exists.

A department (DepartmentPage) owns an editor group and a reviewer group, both with add and
change permission on its subtree, and a two-step workflow: its own review (部门审核, the
reviewer group) then 审改办审核 (the reform office, the only group that holds publish
permission). 审管分离: the department checks, the reform office approves and publishes.

`onboard_department(page)` makes it so, is idempotent and renames everything after the
department; DepartmentPage.save() calls it inside the same transaction, `manage.py
repair_permissions` calls it for every department, and the system check (checks.py) reports
departments that lack any of it.

The links are Wagtail's own records: the workflow assigned to the department page, that
workflow's first task, the task's groups (the reviewers) and the other group holding page
permissions on the department page (the editors). The reform office is found by name.
"""

from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

# i18n: data (names of groups, tasks and workflows stored in the database, found by name)
REFORM_OFFICE = "审改办"
# i18n: data
REFORM_OFFICE_TASK = "审改办审核"
DEPARTMENT_PERMISSIONS = ("add_page", "change_page")
REFORM_OFFICE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page",
                             "unlock_page")  # fmt: skip
# What only the reform office may do on a department's subtree.
RESERVED_PERMISSIONS = ("publish_page", "bulk_delete_page", "unlock_page")


def department_label(department):
    return department.short_name or department.title


# i18n: data
def editor_group_name(department):
    return f"{department_label(department)}·编辑"


# i18n: data
def reviewer_group_name(department):
    return f"{department_label(department)}·审核"


# i18n: data
def review_task_name(department):
    return f"{department_label(department)}审核"


# i18n: data
def workflow_name(department):
    return f"{department_label(department)}事项发布流程"


def page_permission(codename):
    return Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)


def admin_access():
    return Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")


def grant(group, page, codenames):
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=page_permission(codename)
        )


@dataclass
class ReformOffice:
    group: Group
    task: GroupApprovalTask


def reform_office(create=True):
    """The reform office's group and its approval task (None when missing and not created)."""
    group = Group.objects.filter(name=REFORM_OFFICE).first()
    if group is None:
        if not create:
            return None
        group = Group.objects.create(name=REFORM_OFFICE)
    if create:
        group.permissions.add(admin_access())
    task = (
        GroupApprovalTask.objects.filter(name=REFORM_OFFICE_TASK, groups=group)
        .order_by("pk")
        .first()
    )
    if task is None:
        if not create:
            return None
        task = GroupApprovalTask.objects.create(name=REFORM_OFFICE_TASK)
        task.groups.add(group)
    if create and not task.active:
        task.active = True
        task.save(update_fields=["active"])
    return ReformOffice(group, task)


def reform_office_members():
    """Users who act for the reform office (its group, and superusers)."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(Q(is_superuser=True) | Q(groups__name=REFORM_OFFICE), is_active=True)
        .distinct()
    )


def is_reform_office(user):
    if user is None or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=REFORM_OFFICE).exists()


def reform_office_can_publish(department, office):
    ancestors = department.get_ancestors(inclusive=True)
    return GroupPagePermission.objects.filter(
        group=office.group, page__in=ancestors, permission__codename="publish_page"
    ).exists()


@dataclass
class DepartmentStaff:
    """What a department has now, found through Wagtail's records; None where missing."""

    department: Page
    workflow: Workflow = None
    review_task: GroupApprovalTask = None
    reviewers: Group = None
    editors: Group = None


def department_staff(department, office=None):
    office = office or reform_office(create=False)
    staff = DepartmentStaff(department)
    assignment = WorkflowPage.objects.filter(page=department).select_related("workflow").first()
    if assignment is not None:
        staff.workflow = assignment.workflow
        first = (
            WorkflowTask.objects.filter(workflow=staff.workflow)
            .order_by("sort_order")
            .select_related("task")
            .first()
        )
        task = first.task.specific if first else None
        if isinstance(task, GroupApprovalTask) and (office is None or task.pk != office.task.pk):
            staff.review_task = task
            staff.reviewers = task.groups.exclude(name=REFORM_OFFICE).order_by("pk").first()
    holders = Group.objects.filter(
        page_permissions__page=department, page_permissions__permission__codename="change_page"
    ).exclude(name=REFORM_OFFICE)
    if staff.reviewers is not None:
        holders = holders.exclude(pk=staff.reviewers.pk)
    holders = list(holders.distinct().order_by("pk"))
    named = [g for g in holders if g.name == editor_group_name(department)]
    staff.editors = (named or holders or [None])[0]
    return staff


def _named(instance, name, field="name"):
    """Rename `instance` to `name` unless another object of its kind already has it."""
    if getattr(instance, field) == name:
        return instance
    model = type(instance)
    if not model.objects.filter(**{field: name}).exclude(pk=instance.pk).exists():
        setattr(instance, field, name)
        instance.save(update_fields=[field])
    return instance


def _group(existing, name, department):
    if existing is not None:
        return _named(existing, name)
    group = Group.objects.filter(name=name).first()
    if group is not None and group.page_permissions.exclude(page=department).exists():
        # Another department's group (two departments with one name): never share it.
        name = f"{name}（{department.slug}）"
        group = Group.objects.filter(name=name).first()
    return group or Group.objects.create(name=name)


@transaction.atomic
def onboard_department(department):
    """Give `department` (a saved DepartmentPage) its editor and reviewer groups, their page
    permissions on its subtree, and its two-step workflow; rename them after it. Idempotent.
    Returns the DepartmentStaff."""
    office = reform_office()
    staff = department_staff(department, office)
    access = admin_access()
    staff.editors = _group(staff.editors, editor_group_name(department), department)
    staff.reviewers = _group(staff.reviewers, reviewer_group_name(department), department)
    for group in (staff.editors, staff.reviewers):
        group.permissions.add(access)
        grant(group, department, DEPARTMENT_PERMISSIONS)
    _strip_reserved(department, office)
    if not reform_office_can_publish(department, office):
        grant(office.group, department.get_parent(), REFORM_OFFICE_PERMISSIONS)

    task = staff.review_task
    if task is None:
        task = GroupApprovalTask.objects.create(name=review_task_name(department))
    _named(task, review_task_name(department))
    if not task.active:
        task.active = True
        task.save(update_fields=["active"])
    task.groups.set([staff.reviewers])
    staff.review_task = task

    workflow = staff.workflow
    shared = (
        workflow is not None
        and WorkflowPage.objects.filter(workflow=workflow).exclude(page=department).exists()
    )
    if workflow is None or shared:
        workflow = Workflow.objects.create(name=workflow_name(department))
    _named(workflow, workflow_name(department))
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    wanted = [task.pk, office.task.pk]
    current = list(
        WorkflowTask.objects.filter(workflow=workflow)
        .order_by("sort_order")
        .values_list("task_id", flat=True)
    )
    if current != wanted:
        WorkflowTask.objects.filter(workflow=workflow).delete()
        for order, task_id in enumerate(wanted):
            WorkflowTask.objects.create(workflow=workflow, task_id=task_id, sort_order=order)
    WorkflowPage.objects.update_or_create(page=department, defaults={"workflow": workflow})
    staff.workflow = workflow
    return staff


def _strip_reserved(department, office):
    """Publishing is the reform office's: no other group keeps it on the department's subtree."""
    GroupPagePermission.objects.filter(
        page__path__startswith=department.path,
        permission__codename__in=RESERVED_PERMISSIONS,
    ).exclude(group=office.group).delete()


def audit_departments(departments):
    """{department id: [what it lacks, in words for the reform office]} for every department
    given, empty lists where all is in place; a few queries for any number of departments."""
    departments = list(departments)
    office = reform_office(create=False)
    if office is None:
        missing = _("没有“%(name)s”用户组及其“%(task)s”审核任务。") % {
            "name": REFORM_OFFICE, "task": REFORM_OFFICE_TASK}  # fmt: skip
        return {d.pk: [missing] for d in departments}
    ids = [d.pk for d in departments]
    workflows = dict(
        WorkflowPage.objects.filter(page_id__in=ids).values_list("page_id", "workflow_id")
    )
    active_workflows = set(
        Workflow.objects.filter(pk__in=workflows.values(), active=True).values_list("pk", flat=True)
    )
    steps = {}
    for workflow_id, task_id in (
        WorkflowTask.objects.filter(workflow_id__in=workflows.values(), task__active=True)
        .order_by("workflow_id", "sort_order")
        .values_list("workflow_id", "task_id")
    ):
        steps.setdefault(workflow_id, []).append(task_id)
    reviewer_groups = {}
    for task_id, group_id in GroupApprovalTask.groups.through.objects.filter(
        groupapprovaltask_id__in=[s[0] for s in steps.values() if s]
    ).values_list("groupapprovaltask_id", "group_id"):
        reviewer_groups.setdefault(task_id, set()).add(group_id)
    held = {}
    for page_id, group_id, codename in GroupPagePermission.objects.filter(
        page_id__in=ids
    ).values_list("page_id", "group_id", "permission__codename"):
        held.setdefault(page_id, {}).setdefault(group_id, set()).add(codename)
    publishers = list(
        GroupPagePermission.objects.filter(permission__codename="publish_page")
        .select_related("group", "page")
        .only("group__id", "group__name", "page__path")
    )
    result = {}
    for department in departments:
        problems = result[department.pk] = []
        workflow_id = workflows.get(department.pk)
        tasks = steps.get(workflow_id, [])
        review_task = tasks[0] if tasks and tasks[0] != office.task.pk else None
        reviewers = reviewer_groups.get(review_task, set()) - {office.group.pk}
        groups = held.get(department.pk, {})
        complete = {g for g, codes in groups.items() if set(DEPARTMENT_PERMISSIONS) <= codes}
        if workflow_id is None:
            problems.append(_("部门页面没有指定审核流程。"))
        else:
            if workflow_id not in active_workflows:
                problems.append(_("部门的审核流程已停用。"))
            if review_task is None or tasks != [review_task, office.task.pk]:
                problems.append(
                    _("审核流程不是“部门审核 → %(office)s”两步。") % {"office": REFORM_OFFICE_TASK}
                )
        if not reviewers & complete:
            problems.append(
                _("没有审核组（部门审核任务的用户组，且有本部门页面的添加、修改权限）。")
            )
        if not (complete - reviewers - {office.group.pk}):
            problems.append(_("没有编辑组（有本部门页面添加、修改权限的用户组）。"))
        office_publishes = False
        for permission in publishers:
            covers = department.path.startswith(permission.page.path)
            below = permission.page.path.startswith(department.path)
            if permission.group_id == office.group.pk:
                office_publishes = office_publishes or covers
            elif covers or below:
                problems.append(
                    _("用户组“%(group)s”可以直接发布本部门事项（只有审改办可以发布）。")
                    % {"group": permission.group.name}
                )
        if not office_publishes:
            problems.append(_("审改办没有本部门事项的发布权限。"))
    return result


def department_problems(department):
    return audit_departments([department])[department.pk]


def staffed_departments(user):
    """(departments the user edits for, departments whose review step the user takes), as
    DepartmentPage querysets; the reform office's own group counts for neither."""
    from .models import DepartmentPage

    groups = user.groups.exclude(name=REFORM_OFFICE).values("pk")
    edits = DepartmentPage.objects.filter(
        group_permissions__group__in=groups,
        group_permissions__permission__codename="change_page",
    ).distinct()
    reviews = DepartmentPage.objects.filter(
        workflowpage__workflow__workflow_tasks__sort_order=0,
        workflowpage__workflow__workflow_tasks__task__groupapprovaltask__groups__in=groups,
    ).distinct()
    return edits.order_by("path"), reviews.order_by("path")
