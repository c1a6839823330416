"""The reform office's admin: assemble, submit, approve (= release), refuse, roll back."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import PageLogEntry, TaskState

from reform.assembly import add_matters, join_batch
from tests.admin_forms import form_data
from tests.support.pages import matter, members_of, reload, save_draft

pytestmark = pytest.mark.django_db

BATCHES = Path(settings.BASE_DIR) / "demo_data" / "batches"


@pytest.fixture
def office(client, reform_officer):
    client.force_login(reform_officer)
    return client


def edit(client, page, **extra):
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = form_data(client.get(url).content.decode())
    data.update(extra)
    return client.post(url, data)


def submit_and_approve(client, batch):
    response = edit(client, batch, **{"action-submit": "submit"})
    assert response.status_code == 302, response.content.decode()[:2000]
    batch = reload(batch)
    assert batch.workflow_in_progress
    state = batch.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[batch.pk, "approve", state.pk])
    return client.post(url, {"comment": ""})


def test_submit_and_approve_releases_the_batch(office, new_batch):
    homestead = matter("农村村民宅基地审批")
    batch = new_batch()
    join_batch(batch, [save_draft(homestead, visits=1)])

    response = submit_and_approve(office, batch)

    assert response.status_code == 302
    assert reload(batch).live
    assert reload(homestead).visits == 1
    assert reload(batch).active_release.released_by.username == "shengaiban"


def test_approving_a_stale_batch_is_refused_with_the_reason(office, new_batch):
    relief = matter("临时救助")
    batch = new_batch()
    add_matters(batch, [relief])
    edit(office, batch, **{"action-submit": "submit"})
    save_draft(relief, notes="审核期间又改了")
    state = reload(batch).current_workflow_task_state

    response = office.post(
        reverse("wagtailadmin_pages:workflow_action", args=[batch.pk, "approve", state.pk]),
        {"comment": ""},
    )

    status_url = reverse("reform_admin:status", args=[batch.pk])
    assert response.status_code == 302 and response.url == status_url
    assert not reload(batch).live
    assert TaskState.objects.get(pk=state.pk).status == TaskState.STATUS_IN_PROGRESS
    html = office.get(status_url).content.decode()
    assert "发布被拒绝" in html and "临时救助" in html


def test_publish_button_releases_through_the_batch(client, admin_user, new_batch):
    client.force_login(admin_user)
    relief = matter("临时救助")
    batch = new_batch()
    join_batch(batch, [save_draft(relief, visits=0, visit_reason="", online_depth=4)])

    response = edit(client, batch, **{"action-publish": "publish"})

    assert response.status_code == 302
    assert reload(batch).live
    assert reload(relief).visits == 0
    log = PageLogEntry.objects.get(page=relief, action="wagtail.publish",
                                   data__reform_batch__id=batch.pk)  # fmt: skip
    assert log.user == admin_user


def test_publish_button_refuses_an_empty_batch_and_keeps_the_draft(client, admin_user, new_batch):
    client.force_login(admin_user)
    batch = new_batch()

    response = client.get(
        edit(client, batch, **{"action-publish": "publish"}).url, follow=True
    )  # fmt: skip

    assert "批次中还没有事项" in response.content.decode()
    assert not reload(batch).live


def test_add_all_matters_matching_a_filter(office, new_batch):
    """柳泉镇 matters with at most one visit: 临时救助 as it is, and 宅基地审批 because its
    pending draft lowers the visits from 2 to 1."""
    homestead = matter("农村村民宅基地审批")
    draft = save_draft(homestead, visits=1)
    batch = new_batch()
    criteria = {"department": homestead.department_id, "max_visits": "1"}

    preview = office.get(reverse("reform_admin:add", args=[batch.pk]), criteria)
    assert "符合条件的事项共 2 个" in preview.content.decode()
    response = office.post(reverse("reform_admin:add", args=[batch.pk]),
                           {**criteria, "note": "最多跑一次", "add_all": "1"})  # fmt: skip

    assert response.status_code == 302
    members = {m.matter.title: m for m in members_of(batch)}
    assert set(members) == {"农村村民宅基地审批", "临时救助"}
    assert members["农村村民宅基地审批"].revision_id == draft.pk
    assert members["临时救助"].note == "最多跑一次"


def test_adding_the_whole_catalogue_needs_a_condition(office, new_batch):
    batch = new_batch()
    response = office.post(reverse("reform_admin:add", args=[batch.pk]), {"add_all": "1"})
    assert "请至少选择一个筛选条件" in response.content.decode()
    assert not members_of(batch)


def test_import_a_batch_spreadsheet(office, new_batch):
    batch = new_batch()
    upload = SimpleUploadedFile("batch-02.xlsx", (BATCHES / "batch-02.xlsx").read_bytes())

    response = office.post(reverse("reform_admin:import", args=[batch.pk]), {"sheet": upload})

    assert response.status_code == 302
    members = members_of(batch)
    assert len(members) == 11
    assert {m.note for m in members} == {"全程网办，零跑腿", "最多跑一次"}


def test_import_refuses_a_file_that_is_not_a_spreadsheet(office, new_batch):
    batch = new_batch()
    upload = SimpleUploadedFile("清单.xlsx", b"this is not a workbook")

    response = office.post(reverse("reform_admin:import", args=[batch.pk]), {"sheet": upload})

    assert "内容不是 Excel 工作簿" in response.content.decode()
    assert not members_of(batch)


def test_editing_the_batch_keeps_its_members_and_their_revisions(office, new_batch):
    relief = matter("临时救助")
    draft = save_draft(relief, visits=0, visit_reason="")
    batch = new_batch()
    join_batch(batch, [draft])
    save_draft(relief, notes="加入后又改")

    response = edit(office, batch, title="第四批（修订标题）")

    assert response.status_code == 302
    saved = reload(batch).get_latest_revision_as_object()
    assert saved.title == "第四批（修订标题）"
    assert [(m.matter_id, m.revision_id) for m in saved.members.all()] == [(relief.pk, draft.pk)]


def test_members_cannot_change_during_moderation(office, new_batch):
    batch = new_batch()
    add_matters(batch, [matter("临时救助")])
    edit(office, batch, **{"action-submit": "submit"})

    response = office.post(reverse("reform_admin:remove", args=[batch.pk]),
                           {"matter": matter("临时救助").pk}, follow=True)  # fmt: skip

    assert "批次正在审核中" in response.content.decode()
    assert len(members_of(batch)) == 1


def test_rollback_from_the_admin(office, new_batch):
    homestead = matter("农村村民宅基地审批")
    batch = new_batch()
    join_batch(batch, [save_draft(homestead, visits=1)])
    reload(batch).get_latest_revision().publish()

    confirm = office.get(reverse("reform_admin:rollback", args=[batch.pk]))
    assert "确认撤回整个批次" in confirm.content.decode()
    response = office.post(reverse("reform_admin:rollback", args=[batch.pk]))

    assert response.status_code == 302
    assert reload(homestead).visits == 2
    assert not reload(batch).live


def test_department_editor_cannot_assemble_batches(client, new_batch):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    editor = get_user_model().objects.create_user("gongan", password="pw")
    editor.groups.add(Group.objects.get(name="公安局·编辑"))
    client.force_login(editor)
    batch = new_batch()

    response = client.post(reverse("reform_admin:add", args=[batch.pk]),
                           {"max_visits": "1", "add_all": "1"})  # fmt: skip

    assert response.status_code in (302, 403)
    assert not members_of(batch)
