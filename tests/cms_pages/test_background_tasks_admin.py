"""后台任务: a superuser sees what the workers did with work nobody started from a page —
the reminder run from cron, the catalogue files rebuilt after a publish — with its result."""

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from complaints.tasks import send_case_reminders
from tests.support.accounts import department_user
from tests.support.tasks import work_off_queue

pytestmark = pytest.mark.django_db


def test_superuser_sees_cron_work_with_its_result(database_tasks, admin_client):
    call_command("complaint_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    page = admin_client.get("/admin/background-tasks/").content.decode()
    assert "工单临期提醒与超期督办" in page and "排队中" in page

    work_off_queue()
    page = admin_client.get("/admin/background-tasks/").content.decode()
    assert "已完成" in page and "&quot;reminded&quot;: 0" in page


def test_a_failed_task_shows_its_error(database_tasks, admin_client):
    result = send_case_reminders.enqueue()
    DBTaskResult.objects.filter(id=result.id).update(
        status="FAILED", finished_at=timezone.now(),
        traceback="Traceback …\nSMTPConnectError: mail server refused",
    )  # fmt: skip
    page = admin_client.get("/admin/background-tasks/").content.decode()
    assert "失败" in page and "SMTPConnectError: mail server refused" in page


def test_only_superusers_see_the_task_list(client, admin_client):
    assert "/admin/background-tasks/" in admin_client.get("/admin/").content.decode()
    client.force_login(department_user("gongan"))
    refused = client.get("/admin/background-tasks/")
    assert refused.status_code == 302 and refused.url == "/admin/"  # Wagtail's "no permission"
    assert "/admin/background-tasks/" not in client.get("/admin/").content.decode()
