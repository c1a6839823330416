"""Bodies a file names that the site lacks: created by the reform office, onboarded, never by
a department editor."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from wagtail.models import WorkflowPage

from cms_pages.departments import editor_group_name, reviewer_group_name
from cms_pages.models import DepartmentPage, MatterPage
from tests.support.imports import matter_tables_digest

from . import corpus

pytestmark = pytest.mark.django_db


def command(*args):
    out = StringIO()
    call_command("sync_department", *map(str, args), stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def corpus_file(tmp_path):
    path = tmp_path / "yunxi.xlsx"
    path.write_bytes(corpus.xlsx(corpus.catalogue()))
    return path


def test_reform_office_creates_the_bodies_a_file_names(corpus_file, reform_officer):
    preview = command(corpus_file, "--dry-run", "--create-departments",
                      "--user", reform_officer.username)  # fmt: skip
    assert f"将新建部门：{'、'.join(corpus.DEPARTMENTS.values())}" in preview
    assert not DepartmentPage.objects.filter(title__startswith="云溪县").exists()

    output = command(corpus_file, "--create-departments", "--user", reform_officer.username)
    assert "已新建部门" in output and f"新增 {len(corpus.MATTERS)}" in output
    for title in corpus.DEPARTMENTS.values():
        department = DepartmentPage.objects.get(title=title)
        assert department.live
        assert MatterPage.objects.child_of(department).exists()
        # Onboarded like every department: its groups and its two-step workflow.
        assert Group.objects.filter(name=editor_group_name(department)).exists()
        assert Group.objects.filter(name=reviewer_group_name(department)).exists()
        assert WorkflowPage.objects.filter(page=department).exists()
    # A second run finds them: nothing new, nothing created twice.
    again = command(corpus_file, "--dry-run", "--create-departments",
                    "--user", reform_officer.username)  # fmt: skip
    assert "将新建部门" not in again and f"未变 {len(corpus.MATTERS)}" in again


def test_without_the_option_unknown_bodies_are_row_errors(corpus_file):
    with pytest.raises(CommandError):
        command(corpus_file, "--dry-run")
    assert not DepartmentPage.objects.filter(title__startswith="云溪县").exists()


def test_a_department_editor_cannot_create_departments(corpus_file, gongan_editor):
    before = matter_tables_digest()
    with pytest.raises(CommandError, match="只有审改办可以在导入时新建部门"):
        command(corpus_file, "--create-departments", "--user", gongan_editor.username)
    assert matter_tables_digest() == before
    assert not DepartmentPage.objects.filter(title__startswith="云溪县").exists()


def test_the_upload_form_offers_creating_departments_to_the_reform_office_only(
    client, reform_officer, gongan_editor
):
    client.force_login(gongan_editor)
    assert 'name="create_departments"' not in client.get("/admin/imports/upload/").content.decode()
    client.force_login(reform_officer)
    assert 'name="create_departments"' in client.get("/admin/imports/upload/").content.decode()
