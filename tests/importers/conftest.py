import hashlib
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision

from cms_pages.models import DepartmentPage, MatterLegalBasis, MatterMaterial, MatterPage
from demo.management.commands.load_demo_content import (
    editor_group_name,
    reviewer_group_name,
)
from importers.models import MatterSyncState
from tests.reform.conftest import new_batch, reform_officer  # noqa: F401  (batch imports)

ROOT = Path(__file__).resolve().parents[2]
DEPARTMENTS = ROOT / "demo_data" / "departments"


@pytest.fixture(autouse=True)
def inline_imports(settings, tmp_path):
    """Admin imports run in the request (the background thread has its own connection)."""
    settings.IMPORTERS_RUN_IN_BACKGROUND = False
    settings.IMPORTERS_WORK_DIR = tmp_path / "imports"


def matter_tables_digest():
    """A fingerprint of everything an import may write."""
    hasher = hashlib.sha256()
    models = [Page, MatterPage, MatterMaterial, MatterLegalBasis, MatterPage.themes.through,
              Revision, PageLogEntry, MatterSyncState, ReferenceIndex]  # fmt: skip
    for model in models:
        for row in model.objects.order_by("pk").values_list():
            hasher.update(repr(row).encode())
    return hasher.hexdigest()


def department_user(slug, reviewer=False, username=None):
    department = DepartmentPage.objects.get(slug=slug)
    username = username or f"{slug}-{'reviewer' if reviewer else 'editor'}"
    user = get_user_model().objects.create_user(username, password="pw")
    name = reviewer_group_name(department) if reviewer else editor_group_name(department)
    user.groups.add(Group.objects.get(name=name))
    return user


@pytest.fixture
def gongan_editor():
    return department_user("gongan")


@pytest.fixture
def gongan_reviewer():
    return department_user("gongan", reviewer=True)
