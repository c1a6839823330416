"""The admin home per role: a department editor sees its drafts, submissions sent back and
recent imports; the reform office sees what waits for it, batches in progress, outdated
posters and overdue complaints; no outside avatar service."""

import pytest
from django.urls import reverse

from cms_pages.models import MatterPage
from tests.support.accounts import department_user

pytestmark = pytest.mark.django_db


def home(client, user):
    client.force_login(user)
    return client.get(reverse("wagtailadmin_home")).content.decode()


def test_department_editor_sees_drafts_and_what_was_sent_back(client):
    editor = department_user("gongan")
    reviewer = department_user("gongan", reviewer=True)
    drafted, sent_back = MatterPage.objects.filter(department__slug="gongan")[:2]
    for matter, note in ((drafted, "草稿"), (sent_back, "退回")):
        page = matter.get_latest_revision_as_object()
        page.notes = note
        page.save_revision(user=editor)
    page = MatterPage.objects.get(pk=sent_back.pk)
    page.get_workflow().start(page, editor)
    page = MatterPage.objects.get(pk=sent_back.pk)
    page.current_workflow_task.on_action(page.current_workflow_task_state, reviewer, "reject",
                                         comment="材料清单不全")  # fmt: skip

    html = home(client, editor)
    work = html[html.index('id="department-work-section"') :]
    assert "青山市公安局" in work and drafted.title in work
    rejected = work[work.index("退回修改") :]
    assert sent_back.title in rejected and "材料清单不全" in rejected
    assert 'id="recent-imports-section"' in html
    assert 'id="reform-office-section"' not in html
    assert "gravatar" not in html.lower()


def test_reform_office_home(client, reform_officer):
    html = home(client, reform_officer)
    for panel in ("reform-office", "batches-in-progress", "outdated-posters", "overdue-cases"):
        assert f'id="{panel}-section"' in html, panel
    office = html[html.index('id="reform-office-section"') :]
    assert "审改办审核" in office
    assert 'id="department-work-section"' not in html
