from datetime import date

import pytest
from django.core.cache import cache

from cms_pages.models import DepartmentPage, MatterPage
from complaints.models import Category
from complaints.privacy import staff_departments
from demo.management.commands.load_demo_content import editor_group_name
from tests.support.accounts import make_user


@pytest.fixture(autouse=True)
def demo(demo_site):
    """Tests here read the demo site unless their module overrides `demo`."""


@pytest.fixture(autouse=True)
def complaint_files(settings, tmp_path):
    settings.COMPLAINTS_FILE_ROOT = tmp_path / "complaint-files"


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rate-limit counters and cached figures belong to one test only."""
    cache.clear()


@pytest.fixture
def category():
    return Category.objects.get(name="办事效率")


@pytest.fixture
def gongan():
    return DepartmentPage.objects.get(slug="gongan")


@pytest.fixture
def matter(gongan):
    return MatterPage.objects.live().filter(department=gongan).order_by("path").first()


@pytest.fixture
def handler():
    return make_user("handler", "投诉处理")


@pytest.fixture
def gongan_staff(gongan):
    user = make_user("gongan-staff", editor_group_name(gongan))
    assert staff_departments(user) == {gongan.pk}
    return user


@pytest.fixture
def other_staff():
    department = DepartmentPage.objects.exclude(slug="gongan").order_by("path").first()
    return make_user("other-staff", editor_group_name(department))


@pytest.fixture
def reform_officer():
    return make_user("reform-officer", "审改办")


@pytest.fixture
def monday():
    return date(2026, 9, 28)
