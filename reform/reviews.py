"""Whether a batch member carries reviewed content.

Releasing a batch publishes every member revision without another look at each matter, so a
member must be a revision someone responsible has seen (审管分离): one the department's
review approved (a workflow step approved while it was the matter's latest revision), one
already published once, or one the reform office wrote itself (its members, superusers, or the
server operator running manage.py, which saves revisions without a user). Anything else, such
as a department editor's import draft nobody reviewed, is flagged in the member tables and
stops the release.
"""

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, PageLogEntry, Revision, TaskState

from cms_pages.departments import reform_office_members

from .bulk_publish import chunks

APPROVED = "approved"
PUBLISHED = "published"
REFORM_OFFICE = "reform_office"
UNREVIEWED = "unreviewed"
LABELS = {
    APPROVED: _("部门已审核"),
    PUBLISHED: _("已发布过的版本"),
    REFORM_OFFICE: _("审改办修改"),
    UNREVIEWED: _("未经部门审核"),
}
PUBLISH_ACTIONS = ("wagtail.publish", "wagtail.publish.scheduled")


def review_states(members):
    """{revision id: state} for (matter id, revision id) pairs; see the module docstring."""
    pairs = [(matter_id, revision_id) for matter_id, revision_id in members if revision_id]
    ids = [revision_id for _matter, revision_id in pairs]
    authors = {}
    for part in chunks(ids):
        authors.update(Revision.objects.filter(id__in=part).values_list("id", "user_id"))
    office = set(reform_office_members().values_list("id", flat=True))
    published = set()
    for part in chunks(ids):
        published.update(
            PageLogEntry.objects.filter(
                revision_id__in=part, action__in=PUBLISH_ACTIONS
            ).values_list("revision_id", flat=True)
        )
        published.update(
            Page.objects.filter(live_revision_id__in=part).values_list(
                "live_revision_id", flat=True
            )
        )
    states = {}
    pending = []
    for matter_id, revision_id in pairs:
        if revision_id not in authors:
            continue
        if revision_id in published:
            states[revision_id] = PUBLISHED
        elif authors[revision_id] is None or authors[revision_id] in office:
            states[revision_id] = REFORM_OFFICE
        else:
            states[revision_id] = UNREVIEWED
            pending.append((matter_id, revision_id))
    for revision_id in approved_revisions(pending):
        states[revision_id] = APPROVED
    return states


def approved_revisions(pairs):
    """The revisions among (matter id, revision id) that a workflow step approved: the
    matter's latest revision when the step was approved (a reviewer's own edits, saved with
    the approval, included)."""
    wanted = {str(matter_id): revision_id for matter_id, revision_id in pairs}
    if not wanted:
        return set()
    page_type = ContentType.objects.get_for_model(Page)
    approvals = {}
    for part in chunks(wanted):
        for object_id, finished_at in TaskState.objects.filter(
            status=TaskState.STATUS_APPROVED,
            workflow_state__base_content_type=page_type,
            workflow_state__object_id__in=part,
            finished_at__isnull=False,
        ).values_list("workflow_state__object_id", "finished_at"):
            approvals.setdefault(object_id, []).append(finished_at)
    approved = set()
    for part in chunks(approvals):
        history = {}
        for object_id, revision_id, created_at in (
            Revision.objects.filter(base_content_type=page_type, object_id__in=part)
            .order_by("created_at", "id")
            .values_list("object_id", "id", "created_at")
        ):
            history.setdefault(object_id, []).append((created_at, revision_id))
        for object_id in part:
            for finished_at in approvals[object_id]:
                in_force = [
                    rid for created, rid in history.get(object_id, ()) if created <= finished_at
                ]
                if in_force and in_force[-1] == wanted[object_id]:
                    approved.add(wanted[object_id])
    return approved


def unreviewed_members(members):
    """The members (with .matter_id and .revision_id) whose revision nobody reviewed."""
    states = review_states([(m.matter_id, m.revision_id) for m in members])
    return [m for m in members if states.get(m.revision_id) == UNREVIEWED]
