"""Reading and changing pages the way editors do: reload, drafts, publishing."""

import uuid

from cms_pages.models import DepartmentPage, MatterPage
from reform.figures import STATED_BEFORE

MATTER_DEFAULTS = {
    "matter_type": "行政许可", "service_object": "natural", "level": "县级",
    "handling_office": "办公室", "conditions": "符合规定条件", "statutory_days": 20,
    "promised_days": 5,
}  # fmt: skip


def reload(page):
    return type(page).objects.get(pk=page.pk)


def matter(title):
    return MatterPage.objects.get(title=title)


def save_draft(page, clean=True, **changes):
    """An editor's (or an import's) unpublished revision of a matter."""
    draft = reload(page).get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(draft, name, value)
    return draft.save_revision(clean=clean)


def without_baseline(*pages):
    """Publish the matters without stated pre-reform figures (the demo catalogue states them),
    so a release compares a member with what was live before it."""
    for page in pages:
        live = reload(page).get_latest_revision_as_object()
        for field in STATED_BEFORE.values():
            setattr(live, field, None)
        live.save_revision().publish()


def members_of(batch):
    """The members of the batch's latest revision (what would be reviewed and released)."""
    return list(reload(batch).get_latest_revision_as_object().members.all())


def publish_matter(title, department="xingzheng-shenpi", **fields):
    """A new live matter under a department (by slug), published the way editors publish."""
    parent = DepartmentPage.objects.get(slug=department)
    code = fields.pop("code", f"TEST-{uuid.uuid4().hex[:16]}")
    matter = MatterPage(title=title, slug=f"m-{uuid.uuid4().hex[:10]}", code=code,
                        **{**MATTER_DEFAULTS, **fields})  # fmt: skip
    parent.add_child(instance=matter)
    matter.save_revision().publish()
    return MatterPage.objects.get(pk=matter.pk)
