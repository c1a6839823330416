"""Assembling a batch: which matter revisions join it. Every change is a new revision of the
batch page, so moderation reviews exactly the list that will be released.

Public API (the department importer calls these to collect its drafts into a batch instead of
publishing them one by one):

    add_revision_to_batch(batch, revision, note="", user=None)
    join_batch(batch, revisions, user=None, note="")      # many revisions, one batch revision
    add_matters(batch, matters, user=None, note="")       # each matter's latest revision
    remove_matters(batch, matter_ids, user=None)
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from cms_pages.service_rules import rule_flags

from .release import BatchReleaseError, chunks, latest_draft


@dataclass
class JoinResult:
    added: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self):
        return _("新增 %(a)d 项，更新版本 %(u)d 项，未变 %(n)d 项。") % {
            "a": self.added,
            "u": self.updated,
            "n": self.unchanged,
        }


def batch_draft(batch):
    """The batch as its latest revision has it, refusing changes while that is not allowed.
    Call inside a transaction."""
    from .models import ReformBatchPage

    # Always from the database, locked: a caller's instance may predate another addition.
    batch = ReformBatchPage.objects.select_for_update().get(pk=getattr(batch, "pk", batch))
    if batch.workflow_in_progress:
        raise BatchReleaseError(_("批次正在审核中，不能修改事项；如需修改，请先撤回审核。"))
    if batch.active_release is not None:
        raise BatchReleaseError(_("批次已经发布，事项不能再修改；请先撤回本批次或新建批次。"))
    return latest_draft(batch)


def _join(batch, entries, user, baselines=None):
    """entries: (matter id, revision id, note or None) in the order they should appear;
    baselines: {matter id: pre-reform figures the batch list states}."""
    from .models import BatchMember

    with transaction.atomic():
        draft = batch_draft(batch)
        members = list(draft.members.all())
        by_matter = {m.matter_id: m for m in members}
        result = JoinResult()
        for matter_id, revision_id, note in entries:
            member = by_matter.get(matter_id)
            baseline = (baselines or {}).get(matter_id)
            if member is None:
                member = BatchMember(matter_id=matter_id, revision_id=revision_id, note=note or "",
                                     baseline=baseline or {})  # fmt: skip
                by_matter[matter_id] = member
                members.append(member)
                result.added += 1
            elif (
                member.revision_id != revision_id
                or (note is not None and member.note != note)
                or (baseline is not None and member.baseline != baseline)
            ):
                member.revision_id = revision_id
                member.note = member.note if note is None else note
                member.baseline = member.baseline if baseline is None else baseline
                result.updated += 1
            else:
                result.unchanged += 1
        if result.added or result.updated:
            draft.members = members
            draft.save_revision(user=user, log_action=True)
    return result


def join_batch(batch, revisions, user=None, note=None):
    """Add matter revisions (e.g. the drafts of a department import) to the batch; a matter
    already in the batch has its revision replaced by the given one."""
    from cms_pages.models import MatterPage

    matter_type = ContentType.objects.get_for_model(MatterPage)
    entries = []
    for revision in revisions:
        if revision.content_type_id != matter_type.id:
            raise ValueError(_("只有政务服务事项的版本可以加入改革批次。"))
        entries.append((int(revision.object_id), revision.pk, note))
    return _join(batch, entries, user)


def add_revision_to_batch(batch, revision, note=None, user=None):
    return join_batch(batch, [revision], user=user, note=note)


def latest_revisions(matter_ids, user=None):
    """{matter id: latest revision id}; a matter never saved as a revision (bulk-loaded) gets
    one now, a snapshot of what is live."""
    from cms_pages.models import MatterPage

    latest = {}
    for part in chunks(matter_ids):
        latest.update(
            MatterPage.objects.filter(id__in=part).values_list("id", "latest_revision_id")
        )
    missing = [matter_id for matter_id in matter_ids if matter_id not in latest]
    if missing:
        raise BatchReleaseError(_("以下事项不存在：%(ids)s") % {"ids": missing[:20]})
    for matter_id, revision_id in latest.items():
        if revision_id is None:
            matter = MatterPage.objects.get(pk=matter_id)
            latest[matter_id] = matter.save_revision(user=user, changed=False).pk
    return latest


def add_matters(batch, matters, user=None, note=None, notes=None, baselines=None):
    """Add matters (pages or ids) with their latest revision; `notes` maps id → note,
    `baselines` id → the pre-reform figures a batch list states."""
    ids = list(dict.fromkeys(getattr(m, "pk", m) for m in matters))
    with transaction.atomic():
        latest = latest_revisions(ids, user=user)
        entries = [
            (matter_id, latest[matter_id], (notes or {}).get(matter_id, note)) for matter_id in ids
        ]
        return _join(batch, entries, user, baselines)


def remove_matters(batch, matter_ids, user=None):
    drop = set(matter_ids)
    with transaction.atomic():
        draft = batch_draft(batch)
        members = [m for m in draft.members.all() if m.matter_id not in drop]
        removed = len(draft.members.all()) - len(members)
        if removed:
            draft.members = members
            draft.save_revision(user=user, log_action=True)
    return removed


@dataclass
class MatterCriteria:
    """A filter over the catalogue. Matters with a pending draft are judged on the values the
    draft would publish, the others on their live values."""

    department: int | None = None
    theme: int | None = None
    rules: tuple = field(default=())  # cms_pages.service_rules rules a matter must meet
    pending_only: bool = False
    text: str = ""

    def conditions(self):
        condition = Q()
        for rule in self.rules:
            condition &= rule.q()
        return condition

    def accepts(self, content):
        """The same conditions, on a revision's content."""
        flags = rule_flags(content)
        return all(flags[rule.name] for rule in self.rules)

    def matching_ids(self):
        from wagtail.models import Revision

        from cms_pages.models import MatterPage

        matters = MatterPage.objects.all()
        if self.department:
            matters = matters.filter(department_id=self.department)
        if self.theme:
            matters = matters.filter(themes__id=self.theme)
        if self.text:
            matters = matters.filter(Q(title__icontains=self.text) | Q(code__icontains=self.text))
        pending = dict(
            matters.filter(has_unpublished_changes=True, latest_revision__isnull=False)
            .values_list("latest_revision_id", "id")
            .distinct()
        )
        chosen = set()
        if not self.pending_only:
            settled = matters.filter(live=True, has_unpublished_changes=False)
            chosen.update(settled.filter(self.conditions()).values_list("id", flat=True))
        for part in chunks(pending):
            for revision_id, content in Revision.objects.filter(id__in=part).values_list(
                "id", "content"
            ):
                if self.accepts(content):
                    chosen.add(pending[revision_id])
        return in_tree_order(chosen)


def in_tree_order(matter_ids):
    """Ids sorted as the page tree lists them (by department, then position)."""
    from cms_pages.models import MatterPage

    paths = []
    for part in chunks(matter_ids):
        paths.extend(MatterPage.objects.filter(id__in=part).values_list("path", "id"))
    return [matter_id for _path, matter_id in sorted(paths)]
