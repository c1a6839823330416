import pytest

from tests.support.accounts import department_user
from tests.support.built_once import built_once, every_test_asks_for


@pytest.fixture(autouse=True)
def demo(demo_site):
    """Tests here read the demo site unless their module overrides `demo`."""


@pytest.fixture(autouse=True)
def import_work_dir(settings, tmp_path):
    """Admin imports run in the request (the immediate task backend), in a throwaway folder."""
    settings.IMPORTERS_WORK_DIR = tmp_path / "imports"


@pytest.fixture
def gongan_editor():
    return department_user("gongan")


@pytest.fixture
def gongan_reviewer():
    return department_user("gongan", reviewer=True)


def add_corpus_departments():
    from cms_pages.models import DepartmentIndexPage, DepartmentPage

    from .corpus import DEPARTMENTS

    index = DepartmentIndexPage.objects.get()
    return {
        slug: index.add_child(instance=DepartmentPage(title=title, slug=f"yunxi-{slug}",
                                                      short_name=title.removeprefix("云溪县")))
        for slug, title in DEPARTMENTS.items()
    }  # fmt: skip


@pytest.fixture(scope="module")
def shared_corpus_departments(request, demo_site, django_db_blocker):
    """The corpus departments added once for a module whose every test asks for them (their
    primary keys); None in another, whose tests add their own."""
    if not every_test_asks_for(request, "corpus_departments"):
        yield None
        return
    with built_once(django_db_blocker):
        yield {slug: department.pk for slug, department in add_corpus_departments().items()}


@pytest.fixture
def corpus_departments(db, shared_corpus_departments):
    """The implementing bodies of the 云溪县 corpus (tests/importers/corpus.py)."""
    from cms_pages.models import DepartmentPage

    if shared_corpus_departments is None:
        return add_corpus_departments()
    # Read anew: a test's changes to the objects (a page's child count among them) would
    # outlive its rolled-back transaction.
    pages = DepartmentPage.objects.in_bulk(shared_corpus_departments.values())
    return {slug: pages[pk] for slug, pk in shared_corpus_departments.items()}
