"""Before → after figures of batch members, captured from the revisions the batch releases."""

from wagtail.models import Revision

from .figures import FIGURE_NAMES, figures_of_content, live_figures, stated_before


def revisions_by_id(revision_ids):
    from .release import chunks

    found = {}
    for part in chunks(revision_id for revision_id in revision_ids if revision_id):
        found.update(Revision.objects.in_bulk(part))
    return found


def capture(member, row, revision, before_live, order):
    """An unsaved ReleasedMatter: the member's revision (after) against what is live now, or
    the baseline the revision states itself, or the one the batch list states (before)."""
    from .models import ReleasedMatter

    content = revision.content
    after = figures_of_content(content)
    before = {**before_live.get(row["id"], {}), **stated_before(content), **member.baseline}
    return ReleasedMatter(
        sort_order=order, matter_id=row["id"], code=content["code"], title=content["title"],
        department_id=row["department_id"], department_title=row["department__title"] or "",
        note=member.note, revision=revision,
        previous_revision_id=row["live_revision_id"] if row["live"] else None,
        time_unit=content.get("time_unit") or "",
        **{f"before_{name}": before.get(name) for name in FIGURE_NAMES},
        **{f"after_{name}": after[name] for name in FIGURE_NAMES},
    )  # fmt: skip


def preview_matters(batch):
    """What releasing the batch now would publish, for previews and the admin."""
    from .release import matter_rows

    members = list(batch.members.all())
    rows = matter_rows([m.matter_id for m in members])
    revisions = revisions_by_id(m.revision_id for m in members)
    before_live = live_figures(rows)
    return [
        capture(member, rows[member.matter_id], revisions[member.revision_id], before_live, n)
        for n, member in enumerate(members)
        if member.matter_id in rows and member.revision_id in revisions
    ]
