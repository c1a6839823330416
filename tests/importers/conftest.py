import pytest

from tests.support.accounts import department_user


@pytest.fixture(autouse=True)
def demo(demo_site):
    """Tests here read the demo site unless their module overrides `demo`."""


@pytest.fixture(autouse=True)
def inline_imports(settings, tmp_path):
    """Admin imports run in the request (the background thread has its own connection)."""
    settings.IMPORTERS_RUN_IN_BACKGROUND = False
    settings.IMPORTERS_WORK_DIR = tmp_path / "imports"


@pytest.fixture
def gongan_editor():
    return department_user("gongan")


@pytest.fixture
def gongan_reviewer():
    return department_user("gongan", reviewer=True)
