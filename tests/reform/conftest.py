import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from cms_pages.models import MatterPage
from demo.management.commands.load_demo_content import REFORM_OFFICE_GROUP
from reform.models import BatchIndexPage, ReformBatchPage


@pytest.fixture
def reform_officer(db):
    user = get_user_model().objects.create_user("shengaiban", password="pw")
    user.groups.add(Group.objects.get(name=REFORM_OFFICE_GROUP))
    return user


@pytest.fixture
def new_batch(db):
    """A draft batch under 改革批次, saved as a first revision like the admin would."""

    def make(number=4, **fields):
        index = BatchIndexPage.objects.get()
        fields.setdefault("title", f"青山市第{number}批“最多跑一次”事项清单")
        batch = index.add_child(
            instance=ReformBatchPage(slug=f"test-{number}", number=number, live=False, **fields)
        )
        batch.save_revision()
        return ReformBatchPage.objects.get(pk=batch.pk)

    return make


def matter(title):
    return MatterPage.objects.get(title=title)


def save_draft(page, clean=True, **changes):
    """An editor's (or an import's) unpublished revision of a matter."""
    draft = reload(page).get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(draft, name, value)
    return draft.save_revision(clean=clean)


def reload(page):
    return type(page).objects.get(pk=page.pk)


def members_of(batch):
    """The members of the batch's latest revision (what would be reviewed and released)."""
    return list(reload(batch).get_latest_revision_as_object().members.all())
