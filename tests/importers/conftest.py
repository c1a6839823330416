import pytest

from tests.support.accounts import department_user


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


@pytest.fixture
def corpus_departments():
    """The implementing bodies of the 云溪县 corpus (tests/importers/corpus.py)."""
    from cms_pages.models import DepartmentIndexPage, DepartmentPage

    from .corpus import DEPARTMENTS

    index = DepartmentIndexPage.objects.get()
    return {
        slug: index.add_child(instance=DepartmentPage(title=title, slug=f"yunxi-{slug}",
                                                      short_name=title.removeprefix("云溪县")))
        for slug, title in DEPARTMENTS.items()
    }  # fmt: skip
