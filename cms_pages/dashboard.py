"""The admin home per role (Wagtail's homepage panels).

A department editor sees the department's drafts not yet submitted and the submissions sent
back for changes; a department reviewer sees, in 等待你的审查, what waits for their step (with
a 部门 column); the reform office sees what waits for 审改办审核 and any department whose
groups or review are out of place. Other apps add their own panels from their wagtail_hooks
(recent import runs, batches in progress, outdated posters, overdue complaints).
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from wagtail.admin.ui.components import Component
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.models import Page, TaskState, WorkflowState

from .departments import (
    REFORM_OFFICE_TASK,
    audit_departments,
    is_reform_office,
    reform_office,
    staffed_departments,
)
from .models import DepartmentPage, MatterPage

LISTED = 10


def department_of(page):
    if isinstance(page, DepartmentPage):
        return page
    if isinstance(page, MatterPage):
        return page.department
    return None


class AwaitingReviewPanel(WorkflowObjectsToModeratePanel):
    """Wagtail's 等待你的审查, with the department of each matter."""

    template_name = "cms_pages/admin/awaiting_review.html"

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        for state in context["states"]:
            department = department_of(state["obj"])
            state["department"] = department.title if department else ""
        return context


def workflow_states(pages, status):
    """Workflow states of the given pages (WorkflowState keeps page ids as text)."""
    keys = pages.annotate(key=Cast("pk", output_field=CharField())).values("key")
    return WorkflowState.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        status=status,
        object_id__in=keys,
    )


class DepartmentWorkPanel(Component):
    """本部门的事项: drafts waiting to be submitted and submissions sent back for changes."""

    name = "department_work"
    template_name = "cms_pages/admin/department_work.html"
    order = 120

    def __init__(self, departments):
        self.departments = departments

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        matters = MatterPage.objects.filter(department__in=self.departments)
        in_workflow = workflow_states(matters, WorkflowState.STATUS_IN_PROGRESS)
        drafts = (
            matters.filter(has_unpublished_changes=True)
            .exclude(pk__in=[int(i) for i in in_workflow.values_list("object_id", flat=True)])
            .select_related("department")
            .order_by("-latest_revision_created_at")
        )
        rejected = list(
            workflow_states(matters, WorkflowState.STATUS_NEEDS_CHANGES)
            .select_related("current_task_state", "current_task_state__finished_by")
            .order_by("-current_task_state__finished_at")[:LISTED]
        )
        pages = MatterPage.objects.select_related("department").in_bulk(
            [int(state.object_id) for state in rejected]
        )
        context.update(
            departments=list(self.departments),
            draft_count=drafts.count(),
            drafts=drafts[:LISTED],
            rejected=[
                {"page": pages[int(s.object_id)], "task_state": s.current_task_state}
                for s in rejected
                if int(s.object_id) in pages
            ],
            request=parent_context["request"],
        )
        return context


class ReformOfficePanel(Component):
    """审改办: how many matters wait for 审改办审核 or for a department's review, and any
    department whose groups or review are out of place (the system check, in the admin)."""

    name = "reform_office"
    template_name = "cms_pages/admin/reform_office.html"
    order = 110

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        office = reform_office(create=False)
        matters = workflow_states(MatterPage.objects.all(), WorkflowState.STATUS_IN_PROGRESS)
        in_progress = TaskState.objects.filter(
            status=TaskState.STATUS_IN_PROGRESS, workflow_state__in=matters
        )
        at_office = in_progress.filter(task=office.task) if office else in_progress.none()
        departments = list(DepartmentPage.objects.order_by("path"))
        problems = audit_departments(departments)
        context.update(
            waiting_for_office=at_office.count(),
            waiting_for_departments=in_progress.count() - at_office.count(),
            office_task=REFORM_OFFICE_TASK,
            broken=[(d, problems[d.pk]) for d in departments if problems[d.pk]][:LISTED],
        )
        return context


def role_panels(request, panels):
    """construct_homepage_panels: what each role sees on the admin home."""
    panels[:] = [
        AwaitingReviewPanel() if type(panel) is WorkflowObjectsToModeratePanel else panel
        for panel in panels
    ]
    user = request.user
    if is_reform_office(user):
        panels.append(ReformOfficePanel())
    edits, reviews = staffed_departments(user)
    departments = DepartmentPage.objects.filter(
        Q(pk__in=edits.values("pk")) | Q(pk__in=reviews.values("pk"))
    ).order_by("path")
    if departments.exists():
        panels.append(DepartmentWorkPanel(departments))


class SummaryPanel(Component):
    """A dashboard panel other apps fill from their own construct_homepage_panels hooks: a
    heading and rows of (what, how many or which, link)."""

    template_name = "cms_pages/admin/summary_panel.html"

    def __init__(self, name, heading, rows, order=200, empty="", more=None):
        self.name, self.heading, self.rows, self.order = name, heading, rows, order
        self.empty, self.more = empty, more

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context.update(panel=self)
        return context
