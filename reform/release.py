"""Release and rollback of a reform batch: every member revision and the batch page go live in
one database transaction, or nothing does.

Wagtail 8 has per-page scheduling and bulk actions but no multi-page atomic publish. The hook
used here is ReformBatchPage.publish(), which Revision.publish() calls on every path that
publishes a stored revision: workflow approval, `manage.py publish_scheduled`, the create
view and code. The edit view's "发布" button builds Wagtail's action directly, so a
`before_publish_page` hook (wagtail_hooks.py) routes it here too. A page_published receiver
was not used: it runs after the batch page is already saved live, outside any transaction
the caller may not have opened, so it cannot make the release all-or-nothing.

The member revisions are published by bulk_publish (Wagtail's semantics, a few queries per
chunk instead of some forty per page), the batch page by Wagtail's own action.
"""

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from modelcluster.models import model_from_serializable_data
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.log_actions import log
from wagtail.models import ReferenceIndex, Revision
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.signal_handlers import disable_reference_index_auto_update

from cms_pages.wagtail_internals import HookedPagePublish
from search import outbox as search_outbox

from .bulk_publish import MatterPublishError, publish_revisions
from .capture import capture, revisions_by_id
from .figures import live_figures
from .reviews import unreviewed_members
from .tasks import schedule_release

SCHEDULED = "wagtail.publish.scheduled"
REFUSED = "reform.release_refused"
SHOWN_PROBLEMS = 20


class BatchReleaseError(Exception):
    """A release or rollback that was refused; nothing was changed. `matters` names the
    matters at fault as dicts with code, title and reason."""

    def __init__(self, message, matters=()):
        self.matters = list(matters)
        if self.matters:
            listed = "；".join(
                f"{m['title']}（{m['code']}）：{m['reason']}" for m in self.matters[:SHOWN_PROBLEMS]
            )
            more = len(self.matters) - SHOWN_PROBLEMS
            if more > 0:
                listed += _("；另有 %(n)d 项。") % {"n": more}
            message = f"{message}{listed}"
        self.message = str(message)
        super().__init__(self.message)


def chunks(items, size=500):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def matter_rows(matter_ids, lock=False):
    """{id: row} with the revision pointers of the given matters; locks them on PostgreSQL so
    no editor can slip a revision in between the check and the release."""
    from cms_pages.models import MatterPage

    rows = {}
    for part in chunks(matter_ids):
        queryset = MatterPage.objects.filter(id__in=part)
        if lock:
            queryset = queryset.select_for_update(of=("self", "page_ptr"))
        for row in queryset.values(
            "id", "title", "code", "live", "live_revision_id", "latest_revision_id",
            "department_id", "department__title",
        ):  # fmt: skip
            rows[row["id"]] = row
    return rows


def stale_members(members, rows):
    """Members whose matter changed (or vanished) since they joined the batch."""
    problems = []
    for member in members:
        row = rows.get(member.matter_id)
        if row is None:
            problems.append(
                {"code": "", "title": f"#{member.matter_id}", "reason": _("事项已被删除")}
            )
        elif member.revision_id is None:
            problems.append(_problem(row, _("加入批次时的版本已被删除")))
        elif row["latest_revision_id"] != member.revision_id:
            problems.append(_problem(row, _("加入批次后事项又有修改，请重新加入最新版本")))
    return problems


def _problem(row, reason):
    return {"code": row["code"], "title": row["title"], "reason": str(reason)}


def unpublishable(matter_ids, user):
    """Ids of matters the user may not publish (a batch never widens anyone's rights)."""
    if user is None:
        return set()
    allowed = set()
    pages = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["publish"])
    for part in chunks(matter_ids):
        allowed.update(pages.filter(id__in=part).values_list("id", flat=True))
    return set(matter_ids) - allowed


def check_releasable(batch, user=None, lock=False):
    """Raise BatchReleaseError unless every member can be released now; return the rows."""
    members = list(batch.members.all())
    if not members:
        raise BatchReleaseError(_("批次中还没有事项，不能发布。"))
    ids = [m.matter_id for m in members]
    if len(set(ids)) != len(ids):
        raise BatchReleaseError(_("批次中有重复的事项。"))
    rows = matter_rows(ids, lock=lock)
    problems = stale_members(members, rows)
    if problems:
        raise BatchReleaseError(
            _("以下 %(n)d 个事项在加入批次后有变动，发布已停止，没有任何事项被发布：")
            % {"n": len(problems)},
            problems,
        )
    unreviewed = unreviewed_members(members)
    if unreviewed:
        raise BatchReleaseError(
            _("以下 %(n)d 个事项加入批次的版本未经部门审核，发布已停止，没有任何事项被发布：")
            % {"n": len(unreviewed)},
            [
                _problem(rows[m.matter_id], _("请部门审核后重新加入，或移出批次"))
                for m in unreviewed
            ],
        )
    refused = unpublishable(ids, user)
    if refused:
        raise BatchReleaseError(
            _("您没有发布以下事项的权限，发布已停止："),
            [_problem(rows[i], _("无发布权限")) for i in ids if i in refused],
        )
    return members, rows


def release_members(batch, batch_revision, user=None):
    """Publish every member revision and record the release; call inside a transaction.

    Returns the BatchRelease, or None when the batch was already released with the same
    members (a correction to the announcement republishes the page only)."""
    from .models import BatchRelease, ReleasedMatter

    active = batch.active_release
    if active is not None:
        released = set(active.matters.values_list("matter_id", "revision_id"))
        if released == {(m.matter_id, m.revision_id) for m in batch.members.all()}:
            return None
        raise BatchReleaseError(
            _("本批次已经发布，事项不能再增减或更换。请先撤回本批次，或新建一个批次。")
        )
    members, rows = check_releasable(batch, user=user, lock=True)
    before_live = live_figures(rows)
    revisions = revisions_by_id(m.revision_id for m in members)
    release = BatchRelease.objects.create(
        batch_id=batch.pk, revision=batch_revision, released_at=timezone.now(),
        released_by=user,
    )  # fmt: skip
    batch_note = {"reform_batch": {"id": batch.pk, "title": batch.title}}
    released = [
        capture(member, rows[member.matter_id], revisions[member.revision_id], before_live, n)
        for n, member in enumerate(members)
    ]
    for captured in released:
        captured.release = release
    publish_matters([revisions[m.revision_id] for m in members], rows, user, batch_note)
    ReleasedMatter.objects.bulk_create(released, batch_size=500)
    return release


def publish_matters(revisions, rows, user, log_data, as_latest=False):
    """Publish matter revisions in bulk; any failure becomes a BatchReleaseError that names the
    matter, and the caller's transaction undoes everything."""
    from cms_pages.models import MatterPage

    try:
        return publish_revisions(MatterPage, revisions, user=user, log_data=log_data,
                                 as_latest=as_latest)  # fmt: skip
    except MatterPublishError as error:
        raise BatchReleaseError(
            _("事项发布失败，整个批次已撤销，没有任何事项被发布："),
            [_problem(rows[error.page.pk], _reason(error.error))],
        ) from error
    except DatabaseError as error:
        raise BatchReleaseError(
            _("发布失败，整个批次已撤销，没有任何事项被发布：%(error)s") % {"error": error}
        ) from error


def _reason(error):
    if isinstance(error, ValidationError):
        return "；".join(error.messages)
    return str(error) or error.__class__.__name__


def batch_from_revision(revision):
    """Revision.as_object() for a batch, without its per-member reference checks (two queries
    per member; stale or deleted members are caught by check_releasable instead)."""
    from .models import BatchMember

    content = dict(revision.content)
    members = content.pop("members", [])
    batch = revision.content_object.with_content_json(content)
    batch.members = [model_from_serializable_data(BatchMember, m, check_fks=False) for m in members]
    return batch


def latest_draft(batch):
    """batch.get_latest_revision_as_object(), through batch_from_revision."""
    if batch.has_unpublished_changes and batch.latest_revision_id:
        return batch_from_revision(batch.latest_revision)
    return batch


class ReleaseBatchAction(HookedPagePublish):
    """Wagtail's page publish, with the members released in the same transaction."""

    def page_from_revision(self, revision):
        return batch_from_revision(revision)

    def around_publish(self, publish, batch):
        if batch.go_live_at and batch.go_live_at > timezone.now():
            # Approval ahead of the planned time only schedules; refuse a stale batch now
            # rather than at the release time.
            check_releasable(batch, user=self.user)
            result = publish()
            schedule_release(self.revision)
            return result
        with transaction.atomic(), search_outbox.gathered():
            release_members(batch, self.revision, user=self.user)
            # Saving the page saves each member row, and each save would rebuild the batch's
            # whole reference index: rebuild it once instead.
            with disable_reference_index_auto_update():
                result = publish()
            ReferenceIndex.create_or_update_for_object(batch)
            return result


def publish_batch_revision(revision, user=None, changed=True, log_action=True,
                           previous_revision=None, skip_permission_checks=False):  # fmt: skip
    action = ReleaseBatchAction(revision, user=user, changed=changed, log_action=log_action,
                                previous_revision=previous_revision)  # fmt: skip
    if log_action != SCHEDULED:
        return action.execute(skip_permission_checks=skip_permission_checks)
    try:
        return action.execute(skip_permission_checks=skip_permission_checks)
    except BatchReleaseError as error:
        # `publish_scheduled` must carry on with other pages: record the refusal and drop
        # the schedule so the reform office fixes the batch and approves it again.
        revision.approved_go_live_at = None
        revision.save(update_fields=["approved_go_live_at"])
        record_refusal(action.object, error)
        return None


def record_refusal(batch, error, user=None):
    log(instance=batch, action=REFUSED, user=user,
        data={"message": error.message, "matters": error.matters[:200]})  # fmt: skip


def latest_refusal(batch):
    """The refusal log entry of the last release attempt, if that attempt was refused."""
    from wagtail.models import PageLogEntry

    entry = (
        PageLogEntry.objects.filter(page_id=batch.pk, action__in=[REFUSED, "wagtail.publish",
                                                                  SCHEDULED])
        .order_by("-timestamp", "-id")
        .first()
    )  # fmt: skip
    return entry if entry is not None and entry.action == REFUSED else None


def approve_and_release(approve, task_state, user):
    """Run a workflow approval; a refused release undoes the approval too and sends the
    reviewer to the batch's release page, where the reason is shown."""
    batch = task_state.workflow_state.content_object.specific
    try:
        with transaction.atomic():
            approve()
    except BatchReleaseError as error:
        record_refusal(batch, error, user=user)
        return reverse("reform_admin:status", args=[batch.pk])
    return None


def rollback_batch(batch, user=None):
    """Republish, as one operation, what every matter of the batch showed before its release
    (matters that were new are unpublished again), and take the batch page offline."""
    from cms_pages.models import MatterPage

    from .models import BatchRelease

    with transaction.atomic(), search_outbox.gathered():
        release = (
            BatchRelease.objects.select_for_update()
            .filter(batch_id=batch.pk, rolled_back_at__isnull=True)
            .first()
        )
        if release is None:
            raise BatchReleaseError(_("本批次没有可撤回的发布。"))
        released = list(release.matters.all())
        rows = matter_rows([rm.matter_id for rm in released if rm.matter_id], lock=True)
        problems = []
        for rm in released:
            row = rows.get(rm.matter_id)
            if row is None:
                problems.append({"code": rm.code, "title": rm.title, "reason": _("事项已被删除")})
            elif (
                rm.revision_id is None
                or rm.revision_id != row["live_revision_id"]
                or (rm.revision_id != row["latest_revision_id"])
            ):
                problems.append(_problem(row, _("批次发布后事项又有修改")))
        refused = unpublishable(rows, user)
        problems += [_problem(rows[i], _("无发布权限")) for i in refused]
        if problems:
            raise BatchReleaseError(
                _("以下 %(n)d 个事项在批次发布后有变动或无权发布，不能整体撤回，没有任何改动：")
                % {"n": len(problems)},
                problems,
            )
        previous = revisions_by_id(rm.previous_revision_id for rm in released)
        summary = _("撤回“%(batch)s”") % {"batch": batch.title}
        now = timezone.now()
        copies = Revision.objects.bulk_create(
            [
                Revision(
                    content_type_id=old.content_type_id,
                    base_content_type_id=old.base_content_type_id, object_id=old.object_id,
                    user=user, created_at=now, object_str=old.object_str,
                    content={**old.content, "change_summary": summary},
                )
                for old in (previous[rm.previous_revision_id] for rm in released
                            if rm.previous_revision_id)
            ],
            batch_size=500,
        )  # fmt: skip
        note = {"reform_batch": {"id": batch.pk, "title": batch.title, "rollback": True}}
        publish_matters(copies, rows, user, note, as_latest=True)
        for rm in released:
            if rm.previous_revision_id is None:
                matter = MatterPage.objects.get(pk=rm.matter_id)
                UnpublishPageAction(matter, user=user).execute(skip_permission_checks=True)
        release.rolled_back_at = timezone.now()
        release.rolled_back_by = user
        release.save(update_fields=["rolled_back_at", "rolled_back_by"])
        page = batch.specific_class.objects.get(pk=batch.pk)
        if page.live:
            UnpublishPageAction(page, user=user).execute(skip_permission_checks=True)
    return release
