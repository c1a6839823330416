import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

from cms_pages.models import DepartmentPage
from demo.management.commands.load_demo_content import editor_group_name


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every database test starts from the demo site; each test's changes roll back."""
    with django_db_blocker.unblock():
        call_command("load_demo_content", demo=True, verbosity=0)


@pytest.fixture
def site_client(client):
    client.defaults["HTTP_HOST"] = "localhost"
    return client


@pytest.fixture
def gongan_editor(client):
    """A client logged in as an editor of the public security bureau (公安局) only."""
    department = DepartmentPage.objects.get(slug="gongan")
    user = get_user_model().objects.create_user("gongan-editor", password="pw")
    user.groups.add(Group.objects.get(name=editor_group_name(department)))
    client.force_login(user)
    return client
