"""Nobody skips review (审管分离): a department editor and a department reviewer cannot make a
matter's new content live by any route. Each test names the route; each is tried by both.

Routes: the editor's 发布 button; 发布 while creating a matter; the listing's bulk 发布;
approving a workflow step that is not theirs (and the reviewer approving their own step,
which only passes it on); `sync_department --publish`; the admin import with 直接发布;
the public and admin APIs; reform batches (their admin, creating one, importing into one);
scheduled publishing (`publish_scheduled`); copying with 发布副本; reverting to a revision.
"""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from cms_pages.models import DepartmentPage, MatterPage
from importers.batches import BatchJoinError
from importers.sync import sync_sheet
from reform.models import BatchIndexPage
from spreadsheets.reader import read_sheet
from tests.admin_forms import form_data, page_edit_data
from tests.importers.sheet_files import edit, sample_rows, xlsx_bytes
from tests.support.accounts import department_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]
MARK = "未经审核的修改"
ROLES = ["editor", "reviewer"]
# The admin answers a refused request with 403, or a redirect home with a message.
REFUSED = (302, 403)


@pytest.fixture
def matter():
    return MatterPage.objects.filter(department__slug="gongan", live=True).first()


@pytest.fixture(params=ROLES)
def staff(request, client):
    user = department_user("gongan", reviewer=request.param == "reviewer")
    client.force_login(user)
    client.user = user
    return client


def assert_not_live(matter):
    page = MatterPage.objects.get(pk=matter.pk)
    assert page.notes != MARK, "the unreviewed change went live"
    assert page.live_revision_id == matter.live_revision_id


def draft(matter, user, **changes):
    page = MatterPage.objects.get(pk=matter.pk).get_latest_revision_as_object()
    page.notes = MARK
    for name, value in changes.items():
        setattr(page, name, value)
    return page.save_revision(user=user)


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def post_edit(client, page, **extra):
    data = page_edit_data(client.get(edit_url(page)).content.decode(), page)
    data.update(extra)
    return client.post(edit_url(page), data)


def test_publish_button(staff, matter):
    html = staff.get(edit_url(matter)).content.decode()
    assert 'name="action-publish"' not in html
    data = page_edit_data(html, matter)  # the form as this screen shows it, posted back
    data.update(notes=MARK, **{"action-publish": "action-publish"})
    staff.post(edit_url(matter), data)
    assert_not_live(matter)
    assert MatterPage.objects.get(pk=matter.pk).get_latest_revision_as_object().notes == MARK


def test_publish_while_creating(staff, matter):
    department = DepartmentPage.objects.get(slug="gongan")
    url = reverse("wagtailadmin_pages:add", args=["cms_pages", "matterpage", department.pk])
    data = form_data(staff.get(url).content.decode())
    source = page_edit_data(staff.get(edit_url(matter)).content.decode(), matter)
    children = ("materials-", "legal_bases-", "fee_items-", "faqs-")
    data.update({k: v for k, v in source.items() if not k.startswith(children)})
    data.update(title="新建并直接发布", slug="xin-jian-fa-bu", code="NEW-PUBLISH-ROUTE-01",
                notes=MARK, **{"action-publish": "action-publish"})  # fmt: skip
    staff.post(url, data)
    created = MatterPage.objects.filter(code="NEW-PUBLISH-ROUTE-01").first()
    assert created is not None, "the create form was not accepted"
    assert not created.live


def test_bulk_publish(staff, matter):
    draft(matter, staff.user)
    url = f"/admin/bulk/wagtailcore/page/publish/?id={matter.pk}"
    staff.post(url, {"include_descendants": ""})
    assert_not_live(matter)


def approve_url(page, state):
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.pk])


def test_workflow_steps_that_are_not_theirs(client, matter, reform_officer):
    editor = department_user("gongan")
    reviewer = department_user("gongan", reviewer=True)
    draft(matter, editor)
    page = MatterPage.objects.get(pk=matter.pk)
    page.get_workflow().start(page, editor)
    page = MatterPage.objects.get(pk=matter.pk)

    client.force_login(editor)  # the editor cannot approve the department's step
    assert client.post(approve_url(page, page.current_workflow_task_state)).status_code in REFUSED
    client.force_login(reviewer)  # the reviewer approves it: it passes on, nothing goes live
    client.post(approve_url(page, page.current_workflow_task_state), {"comment": ""})
    page = MatterPage.objects.get(pk=matter.pk)
    assert page.current_workflow_task.name == "审改办审核"
    assert_not_live(matter)
    for user in (editor, reviewer):  # neither can approve the reform office's step
        client.force_login(user)
        response = client.post(approve_url(page, page.current_workflow_task_state))
        assert response.status_code in REFUSED
        assert_not_live(matter)
    client.force_login(reform_officer)  # the reform office's approval publishes
    client.post(approve_url(page, page.current_workflow_task_state), {"comment": ""})
    assert MatterPage.objects.get(pk=matter.pk).notes == MARK


def changed_sheet(tmp_path):
    header, rows = sample_rows("gongan")
    edit(rows, header, 0, "备注", MARK)
    path = tmp_path / "gongan.xlsx"
    path.write_bytes(xlsx_bytes(header, rows))
    return path, MatterPage.objects.get(code=rows[0][header.index("实施编码")])


@pytest.mark.parametrize("role", ROLES)
def test_sync_department_publish(role, tmp_path):
    path, matter = changed_sheet(tmp_path)
    user = department_user("gongan", reviewer=role == "reviewer")
    with pytest.raises(CommandError):
        call_command("sync_department", str(path), "--publish", "--user", user.username,
                     stdout=io.StringIO())  # fmt: skip
    assert_not_live(matter)


def test_admin_import_with_publish(staff, tmp_path, settings):
    settings.IMPORTERS_WORK_DIR = tmp_path / "imports"
    path, matter = changed_sheet(tmp_path)
    department = DepartmentPage.objects.get(slug="gongan")
    upload = staff.get("/admin/imports/upload/").content.decode()
    assert 'name="publish"' not in upload
    upload = SimpleUploadedFile("gongan.xlsx", path.read_bytes())
    staff.post("/admin/imports/upload/", {"file": upload, "department": department.pk,
                                          "publish": "on"})  # fmt: skip
    preview = re.search(
        r"/admin/imports/runs/(\d+)/", staff.get("/admin/imports/").content.decode()
    )
    staff.post(f"/admin/imports/runs/{preview.group(1)}/confirm/", {"publish": "on"})
    assert_not_live(matter)
    assert MatterPage.objects.get(pk=matter.pk).get_latest_revision_as_object().notes == MARK


def test_public_and_admin_apis(staff, matter):
    draft(matter, staff.user)
    for url in (f"/api/v2/pages/{matter.pk}/", f"/admin/api/main/pages/{matter.pk}/"):
        for method in ("post", "put", "patch", "delete"):
            response = getattr(staff, method)(url, {"notes": MARK}, content_type="application/json")
            assert response.status_code in (403, 404, 405), (url, method, response.status_code)
    assert_not_live(matter)


def test_reform_batches(staff, matter, new_batch, reform_officer):
    batch = new_batch()
    for name in ("status", "add", "import", "rollback"):
        assert staff.get(reverse(f"reform_admin:{name}", args=[batch.pk])).status_code in REFUSED
    index = BatchIndexPage.objects.get()
    add = reverse("wagtailadmin_pages:add", args=["reform", "reformbatchpage", index.pk])
    assert staff.get(add).status_code in REFUSED
    header, rows = sample_rows("gongan")
    edit(rows, header, 0, "备注", MARK)
    with pytest.raises(BatchJoinError):
        sync_sheet(read_sheet(xlsx_bytes(header, rows)), user=staff.user, dry_run=False,
                   batch=batch)  # fmt: skip
    assert_not_live(matter)


def test_scheduled_publishing(staff, matter):
    yesterday = timezone.now() - timezone.timedelta(days=1)
    post_edit(staff, matter, notes=MARK, go_live_at=yesterday.strftime("%Y-%m-%d %H:%M"))
    post_edit(staff, MatterPage.objects.get(pk=matter.pk), **{"action-submit": "action-submit"})
    page = MatterPage.objects.get(pk=matter.pk)
    if staff.user.groups.filter(name__endswith="·审核").exists():
        staff.post(approve_url(page, page.current_workflow_task_state), {"comment": ""})
    call_command("publish_scheduled", stdout=io.StringIO())
    assert_not_live(matter)


def test_copy_with_publish_copies(staff, matter):
    url = reverse("wagtailadmin_pages:copy", args=[matter.pk])
    copy = {"new_title": "复制的事项", "new_slug": "fu-zhi-de-shi-xiang",
            "new_parent_page": matter.get_parent().pk, "publish_copies": "on"}  # fmt: skip
    staff.post(url, copy)
    assert not MatterPage.objects.filter(title="复制的事项", live=True).exists()
    assert_not_live(matter)


def test_revert_to_a_revision_and_publish(staff, matter):
    old = draft(matter, staff.user)
    page = MatterPage.objects.get(pk=matter.pk).get_latest_revision_as_object()
    page.notes = "之后的草稿"
    page.save_revision(user=staff.user)
    url = reverse("wagtailadmin_pages:revisions_revert", args=[matter.pk, old.pk])
    data = page_edit_data(staff.get(url).content.decode(), matter)
    data.update(notes=MARK, revision=old.pk, **{"action-publish": "action-publish"})
    staff.post(edit_url(matter), data)
    assert_not_live(matter)
