"""Batches carry only reviewed content: a department editor's unreviewed draft is flagged in
the member tables (with the joined revision's own figures) and stops the release; once the
department's review approves it, the batch releases it."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from cms_pages.departments import editor_group_name, reviewer_group_name
from reform.assembly import join_batch
from reform.release import BatchReleaseError
from reform.reviews import APPROVED, PUBLISHED, REFORM_OFFICE, UNREVIEWED, review_states
from tests.support.pages import matter, reload

pytestmark = pytest.mark.django_db


def staff(slug, role):
    from cms_pages.models import DepartmentPage

    department = DepartmentPage.objects.get(slug=slug)
    name = editor_group_name(department) if role == "editor" else reviewer_group_name(department)
    user = get_user_model().objects.create_user(f"{slug}-{role}", password="pw")
    user.groups.add(Group.objects.get(name=name))
    return user


def editor_draft(page, user, **changes):
    draft = reload(page).get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(draft, name, value)
    return draft.save_revision(user=user)


@pytest.fixture
def unreviewed(new_batch, reform_officer):
    """宅基地审批 (柳泉镇): a department editor's draft promising 2 days instead of the live
    figure, joined to a batch by the reform office."""
    homestead = matter("农村村民宅基地审批")
    editor = staff("liuquan-zhen", "editor")
    live_days = homestead.promised_days
    draft = editor_draft(homestead, editor, promised_days=2)
    batch = new_batch()
    join_batch(batch, [draft], user=reform_officer)
    return reload(batch), homestead, draft, editor, live_days


def test_review_states_name_who_stands_behind_each_revision(unreviewed, reform_officer):
    batch, homestead, draft, editor, _days = unreviewed
    own = reload(homestead).get_latest_revision_as_object().save_revision(user=reform_officer)
    live = matter("临时救助")
    states = review_states([(homestead.pk, draft.pk), (homestead.pk, own.pk),
                            (live.pk, live.live_revision_id)])  # fmt: skip
    assert states == {draft.pk: UNREVIEWED, own.pk: REFORM_OFFICE, live.live_revision_id: PUBLISHED}


def test_unreviewed_member_blocks_the_release(unreviewed, reform_officer):
    batch, homestead, draft, _editor, live_days = unreviewed
    with pytest.raises(BatchReleaseError, match="未经部门审核") as refused:
        reload(batch).get_latest_revision().publish(user=reform_officer)
    assert refused.value.matters[0]["code"] == homestead.code
    assert not reload(batch).live
    assert reload(homestead).promised_days == live_days


def test_member_table_shows_the_joined_revision_and_flags_it(unreviewed, client, reform_officer):
    batch, homestead, draft, _editor, live_days = unreviewed
    assert live_days != 2
    client.force_login(reform_officer)
    html = client.get(reverse("reform_admin:status", args=[batch.pk])).content.decode()
    row = html[html.index(f"<td>{homestead.code}</td>") :]
    row = row[: row.index("</tr>")]
    assert "2 工作日" in row and f"{live_days} 工作日" not in row
    assert "未经部门审核" in row
    assert "批次不能发布" in html


def test_department_approval_clears_the_flag_and_the_batch_releases(unreviewed, reform_officer):
    batch, homestead, draft, editor, _days = unreviewed
    reviewer = staff("liuquan-zhen", "reviewer")
    page = reload(homestead)
    page.get_workflow().start(page, editor)
    page = reload(homestead)
    page.current_workflow_task.on_action(page.current_workflow_task_state, reviewer, "approve")
    assert not reload(homestead).live_revision_id == draft.pk  # waits for the reform office
    assert review_states([(homestead.pk, draft.pk)]) == {draft.pk: APPROVED}

    reload(batch).get_latest_revision().publish(user=reform_officer)
    assert reload(batch).live
    assert reload(homestead).promised_days == 2
    assert not reload(homestead).workflow_in_progress
