"""Review screens show only real changes: a first edit in a browser (CRLF text areas) of an
imported matter is not a change to 受理条件 and moves no material; figures read "15 → 10",
yes/no reads 是/否; approving from the editor saves no empty revision; 等待你的审查 names
the department."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Revision

from cms_pages.compare import NumberComparison, YesNoComparison
from cms_pages.departments import reviewer_group_name
from cms_pages.models import DepartmentPage, MatterPage
from importers.views import _diff_html
from tests.admin_forms import page_edit_data

pytestmark = pytest.mark.django_db


def browser_post(client, matter, **changes):
    """The edit form as a browser posts it: every text area with CRLF line ends."""
    url = reverse("wagtailadmin_pages:edit", args=[matter.pk])
    data = page_edit_data(client.get(url).content.decode(), matter)
    data = {k: v.replace("\n", "\r\n") if isinstance(v, str) else v for k, v in data.items()}
    data.update(changes)
    return client.post(url, data)


def changed_fields(client, matter, before, after):
    url = reverse("wagtailadmin_pages:revisions_compare", args=[matter.pk, before, after])
    response = client.get(url)
    assert response.status_code == 200
    return {str(c.field_label()): c for c in response.context["comparison"] if c.has_changed()}


def test_first_browser_edit_shows_only_the_real_change(admin_client):
    matter = MatterPage.objects.filter(promised_days__gte=2, conditions__contains="\n").first()
    assert matter.materials.count() > 1
    before = matter.latest_revision_id
    response = browser_post(admin_client, matter, promised_days=str(matter.promised_days - 1))
    assert response.status_code == 302, response.content.decode()[:2000]
    after = MatterPage.objects.get(pk=matter.pk).latest_revision_id

    changed = changed_fields(admin_client, matter, before, after)
    assert set(changed) == {"承诺办结时限"}
    html = str(changed["承诺办结时限"].htmldiff())
    assert f">{matter.promised_days}</span> → <span" in html
    saved = Revision.objects.get(pk=after).content
    assert "\r" not in saved["conditions"]
    assert [m["sort_order"] for m in saved["materials"]] == list(range(len(saved["materials"])))


def test_numbers_and_yes_no_read_as_before_and_after():
    field = MatterPage._meta.get_field("promised_days")
    a, b = MatterPage(promised_days=15), MatterPage(promised_days=10)
    assert str(NumberComparison(field, a, b).htmldiff()) == (
        '<span class="deletion">15</span> → <span class="addition">10</span>'
    )
    fee = MatterPage._meta.get_field("fee_charged")
    no, yes = MatterPage(fee_charged=False), MatterPage(fee_charged=True)
    html = str(YesNoComparison(fee, no, yes).htmldiff())
    assert html == '<span class="deletion">否</span> → <span class="addition">是</span>'
    assert "False" not in html


def test_import_preview_reads_figures_as_before_and_after():
    assert str(_diff_html("15", "10")) == "<del>15</del> → <ins>10</ins>"
    assert str(_diff_html("否", "是")) == "<del>否</del> → <ins>是</ins>"
    assert "→" not in str(_diff_html("周一至周五", "周一至周六"))


@pytest.fixture
def gongan_reviewer(client):
    department = DepartmentPage.objects.get(slug="gongan")
    user = get_user_model().objects.create_user("gongan-reviewer", password="pw")
    user.groups.add(Group.objects.get(name=reviewer_group_name(department)))
    client.force_login(user)
    return client


def test_approving_in_the_editor_saves_no_revision_and_says_what_happened(gongan_reviewer):
    matter = MatterPage.objects.filter(department__slug="gongan").first()
    draft = matter.get_latest_revision_as_object()
    draft.notes = "部门审核测试"
    draft.save_revision()
    matter = MatterPage.objects.get(pk=matter.pk)
    matter.get_workflow().start(matter, None)
    revisions = Revision.objects.filter(object_id=str(matter.pk)).count()

    approve = {"action-workflow-action": "true", "workflow-action-name": "approve"}
    response = browser_post(gongan_reviewer, MatterPage.objects.get(pk=matter.pk), **approve)
    assert response.status_code == 302
    assert Revision.objects.filter(object_id=str(matter.pk)).count() == revisions
    matter = MatterPage.objects.get(pk=matter.pk)
    assert matter.current_workflow_task.name == "审改办审核"
    follow = gongan_reviewer.get(response["Location"])
    messages = [str(m) for m in follow.context["messages"]]
    assert any("已通过" in m and "审改办审核" in m for m in messages), messages


def test_an_approval_arriving_after_the_review_ended_is_turned_away(admin_client):
    """A second click, or a slow request the browser sent again, once the review has ended."""
    matter = MatterPage.objects.filter(department__slug="gongan").first()
    draft = matter.get_latest_revision_as_object()
    draft.notes = "两次批准"
    draft.save_revision()
    MatterPage.objects.get(pk=matter.pk).get_workflow().start(matter, None)
    approve = {"action-workflow-action": "true", "workflow-action-name": "approve"}
    for _step in ("部门审核", "审改办审核"):
        response = browser_post(admin_client, MatterPage.objects.get(pk=matter.pk), **approve)
        assert response.status_code == 302
    matter = MatterPage.objects.get(pk=matter.pk)
    assert matter.current_workflow_task is None and matter.notes == "两次批准"
    revisions = Revision.objects.filter(object_id=str(matter.pk)).count()

    response = browser_post(admin_client, matter, **approve)
    assert response.status_code == 302
    assert Revision.objects.filter(object_id=str(matter.pk)).count() == revisions
    follow = admin_client.get(response["Location"])
    messages = [str(m) for m in follow.context["messages"]]
    assert any("审核已经结束" in m for m in messages), messages


def test_awaiting_review_names_the_department(gongan_reviewer):
    matter = MatterPage.objects.filter(department__slug="gongan").first()
    matter.get_latest_revision_as_object().save_revision()
    matter = MatterPage.objects.get(pk=matter.pk)
    matter.get_workflow().start(matter, None)
    html = gongan_reviewer.get(reverse("wagtailadmin_home")).content.decode()
    panel = html[html.index('id="awaiting-review-section"') :]
    assert "部门" in panel and "青山市公安局" in panel
    assert matter.title in panel
