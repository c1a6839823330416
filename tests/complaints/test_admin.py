"""The case queue in the Wagtail admin: who sees which case, lights, steps, masking."""

from datetime import timedelta

import pytest
from django.test import Client

from complaints import flow
from complaints.calendar import today
from complaints.intake import file_complaint
from complaints.models import Case, CaseEvent
from tests.complaints import uploads

pytestmark = pytest.mark.django_db
PHONE = "13812345678"


def client_for(user):
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    return client


@pytest.fixture
def complaint(category, matter):
    case, _ = file_complaint(
        category=category,
        matter=matter,
        text="窗口人员推诿，不予办理。",
        contact_name="王五",
        contact_phone=PHONE,
        uploads=[(uploads.png(), ("image", "image/png", "png"))],
    )
    return case


@pytest.fixture
def dispatched(complaint, handler, gongan):
    case = flow.apply(complaint, "accept", handler)
    return flow.apply(case, "dispatch", handler, department=gongan)


def test_handler_queue_shows_lights_and_masked_contacts(complaint, handler, category):
    Case.objects.create(
        code="TSLATE",
        text="x",
        category=category,
        due_on=today() - timedelta(days=3),
        status=Case.HANDLING,
    )
    page = client_for(handler).get("/admin/complaints/").content.decode()
    assert complaint.code in page and "TSLATE" in page
    assert 'data-light="red"' in page
    assert PHONE not in page and "138****5678" in page
    red_only = client_for(handler).get("/admin/complaints/", {"light": "red"}).content.decode()
    assert "TSLATE" in red_only and complaint.code not in red_only


def test_export_is_masked(complaint, handler):
    response = client_for(handler).get("/admin/complaints/", {"export": "csv"})
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    assert complaint.code in content
    assert PHONE not in content and "王五" not in content and "王*" in content


def test_department_staff_see_only_cases_sent_to_them(
    complaint, dispatched, gongan_staff, other_staff
):
    assert complaint.code in client_for(gongan_staff).get("/admin/complaints/").content.decode()
    other = client_for(other_staff)
    assert complaint.code not in other.get("/admin/complaints/").content.decode()
    assert other.get(f"/admin/complaints/cases/{complaint.pk}/").status_code == 404


def test_undispatched_case_is_not_visible_to_the_department(complaint, gongan_staff):
    response = client_for(gongan_staff).get(f"/admin/complaints/cases/{complaint.pk}/")
    assert response.status_code == 404


def test_contact_shown_to_handlers_of_the_case_only(
    dispatched, handler, gongan_staff, reform_officer
):
    url = f"/admin/complaints/cases/{dispatched.pk}/"
    assert PHONE in client_for(handler).get(url).content.decode()
    assert PHONE in client_for(gongan_staff).get(url).content.decode()
    page = client_for(reform_officer).get(url).content.decode()
    assert PHONE not in page and "138****5678" in page
    attachment = dispatched.attachments.get()
    download = f"/admin/complaints/attachments/{attachment.pk}/"
    assert client_for(reform_officer).get(download).status_code == 404
    response = client_for(gongan_staff).get(download)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_users_without_a_role_are_refused(complaint, gongan):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    user = get_user_model().objects.create_user("nobody", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    response = client_for(user).get("/admin/complaints/")
    assert response.status_code == 302 and response["Location"] == "/admin/"  # Wagtail's refusal
    assert client_for(user).get(f"/admin/complaints/cases/{complaint.pk}/").status_code == 404


def test_steps_are_taken_from_the_case_page(complaint, handler, gongan, gongan_staff):
    url = f"/admin/complaints/cases/{complaint.pk}/"
    client = client_for(handler)
    assert "受理" in client.get(url).content.decode()
    client.post(url, {"action": "accept"})
    page = client.get(url).content.decode()
    assert "调度（转办）" in page
    client.post(url, {"action": "dispatch", "dispatch-department": gongan.pk})
    staff = client_for(gongan_staff)
    staff.post(url, {"action": "start"})
    response = staff.post(url, {"action": "reply", "reply-reply": ""})
    assert response.status_code == 200 and "请填写“公开答复" in response.content.decode()
    staff.post(url, {"action": "reply", "reply-reply": "已责令窗口当日办结。"})
    staff.post(url, {"action": "note", "note": "已与投诉人通话"})
    complaint.refresh_from_db()
    assert complaint.status == Case.REPLIED and complaint.department == gongan
    assert complaint.events.filter(action=CaseEvent.NOTE, user=gongan_staff).exists()
    response = staff.post(url, {"action": "close"}, follow=True)  # closing is the centre's
    assert "该操作现在不可用" in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.status == Case.REPLIED


def test_overdue_report_lists_only_overdue_unanswered_cases(complaint, handler, category):
    late = Case.objects.create(
        code="TSLATE",
        text="x",
        category=category,
        due_on=today() - timedelta(days=7),
        status=Case.DISPATCHED,
    )
    Case.objects.create(
        code="TSDONE",
        text="x",
        category=category,
        due_on=today() - timedelta(days=7),
        status=Case.CLOSED,
    )
    page = client_for(handler).get("/admin/complaints/overdue/").content.decode()
    assert late.code in page and "TSDONE" not in page and complaint.code not in page


def test_case_string_and_logs_carry_no_personal_data(dispatched, caplog):
    assert PHONE not in str(dispatched) and "王五" not in str(dispatched)
    assert all(PHONE not in record.getMessage() for record in caplog.records)
