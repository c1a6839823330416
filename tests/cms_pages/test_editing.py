import pytest
from django.contrib.auth import get_user_model

from cms_pages.models import DepartmentPage, MatterPage
from tests import factories
from tests.admin_forms import page_edit_data
from tests.support.built_once import built_once

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    """Not the demo site: this module builds its pages with tests/factories.py."""


@pytest.fixture(scope="module", autouse=True)
def two_departments(django_db_setup, django_db_blocker):
    """公安局 with a matter needing no visit, 民政局 with one of its own; built once, each
    test's edits roll back."""
    with built_once(django_db_blocker):
        factories.site()
        gongan = factories.department("测试市公安局", slug="gongan")
        minzheng = factories.department("测试市民政局", slug="minzheng")
        factories.matter(gongan, title="出生登记", visits=0, statutory_days=20, promised_days=5)
        factories.matter(minzheng, title="结婚登记", visits=1, visit_reason="双方到场签字")
        yield


def test_department_editor_can_edit_own_matter(gongan_editor):
    own = MatterPage.objects.filter(department__slug="gongan").first()
    response = gongan_editor.get(f"/admin/pages/{own.id}/edit/")
    assert response.status_code == 200


def test_department_editor_cannot_edit_or_change_other_department(gongan_editor):
    other = MatterPage.objects.filter(department__slug="minzheng").first()
    response = gongan_editor.get(f"/admin/pages/{other.id}/edit/")
    assert response.status_code in (302, 403)
    response = gongan_editor.post(f"/admin/pages/{other.id}/edit/", {"title": "被篡改"})
    assert response.status_code in (302, 403)
    assert MatterPage.objects.get(id=other.id).get_latest_revision_as_object().title != "被篡改"


def test_department_editor_cannot_publish_directly(gongan_editor):
    own = MatterPage.objects.filter(department__slug="gongan").first()
    perms = own.permissions_for_user(get_user_model().objects.get(username="gongan-editor"))
    assert perms.can_edit()
    assert not perms.can_publish()


def test_departments_go_through_two_step_workflow():
    department = DepartmentPage.objects.get(slug="gongan")
    workflow = department.get_workflow()
    tasks = [task.name for task in workflow.tasks]
    assert tasks == [f"{department.short_name}审核", "审改办审核"]


def edit_form(client, matter):
    """Post the matter's edit form as the edit screen shows it, with changes; one screen can
    take several attempts, as a refused attempt changes nothing."""
    url = f"/admin/pages/{matter.id}/edit/"
    form = page_edit_data(client.get(url).content.decode(), matter)
    return lambda **changes: client.post(url, {**form, **changes})


def edit_matter(client, matter, **changes):
    return edit_form(client, matter)(**changes)


def test_admin_saves_unchanged_matter(admin_client):
    matter = MatterPage.objects.get(title="出生登记")
    response = edit_matter(admin_client, matter, title="出生登记（新生儿）")
    assert response.status_code == 302, response.content.decode()[:3000]
    saved = MatterPage.objects.get(id=matter.id).get_latest_revision_as_object()
    assert saved.title == "出生登记（新生儿）"


def test_admin_refuses_promised_over_statutory(admin_client):
    matter = MatterPage.objects.get(title="出生登记")
    response = edit_matter(admin_client, matter, statutory_days="5", promised_days="9")
    html = response.content.decode()
    assert response.status_code == 200
    assert "承诺办结时限（9）不能超过法定办结时限（5）" in html
    assert MatterPage.objects.get(id=matter.id).promised_days != 9


def test_admin_requires_reason_when_visits_needed(admin_client):
    matter = MatterPage.objects.filter(visits=0).first()
    response = edit_matter(admin_client, matter, visits="1", visit_reason="")
    assert "须说明必须现场办理的原因" in response.content.decode()


def test_admin_refuses_duplicate_or_empty_code(admin_client):
    first, second = MatterPage.objects.all()[:2]
    post = edit_form(admin_client, second)
    response = post(code=first.code)
    assert "实施编码已被其他事项使用" in response.content.decode()
    response = post(code="   ")
    assert response.status_code == 200
    assert MatterPage.objects.get(id=second.id).code == second.code
