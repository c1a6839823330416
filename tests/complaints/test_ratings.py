"""好差评: rating pages, one rating per matter per visitor per day, 差评 → 整改 → published."""

import pytest
from django.core import mail
from django.test import Client

from cms_pages.models import ServiceWindow
from complaints import flow
from complaints.models import Case, Rating

pytestmark = pytest.mark.django_db


def rate(client, matter, channel="online", **data):
    return client.post(f"/ratings/{matter.code}/", {"channel": channel, **data})


def test_online_rating_carries_the_national_dimensions(site_client, matter):
    page = site_client.get(f"/ratings/{matter.code}/").content.decode()
    for label in ("整体满意度", "办事效率", "办事指南精确度", "办事便捷度", "平台操作性"):
        assert label in page
    response = rate(site_client, matter, dim_overall=5, dim_efficiency=4, comment="很快")
    assert response.status_code == 200 and "感谢您的评价" in response.content.decode()
    rating = Rating.objects.get()
    assert rating.channel == Rating.ONLINE and rating.grade == 5
    assert rating.dimensions == {"overall": 5, "efficiency": 4}
    assert rating.department == matter.department and not hasattr(rating, "rectification")


def test_in_person_rating_has_its_own_dimensions(site_client, matter):
    page = site_client.get(f"/ratings/{matter.code}/?channel=in_person").content.decode()
    for label in ("服务效率", "服务水平", "服务态度"):
        assert label in page
    assert "平台操作性" not in page
    rate(site_client, matter, "in_person", dim_overall=4, dim_attitude=5)
    assert Rating.objects.get().channel == Rating.IN_PERSON


def test_one_rating_per_matter_per_visitor_per_day(site_client, matter):
    assert rate(site_client, matter, dim_overall=5).status_code == 200
    second = rate(site_client, matter, dim_overall=1)
    assert second.status_code == 409 and "每人每天只能评价一次" in second.content.decode()
    assert Rating.objects.count() == 1
    assert rate(Client(HTTP_HOST="localhost"), matter, dim_overall=4).status_code == 200


def test_hall_tablet_lets_the_next_visitor_rate_the_same_window(site_client):
    window = ServiceWindow.objects.first()
    for grade in (5, 4):
        response = site_client.post("/ratings/hall/", {"window": window.pk, "dim_overall": grade})
        assert response.status_code == 200, response.content.decode()
    assert Rating.objects.filter(window=window, channel=Rating.IN_PERSON).count() == 2


def test_missing_grade_and_bad_values_get_chinese_errors(site_client, matter):
    response = rate(site_client, matter, dim_overall="9", contact_phone="12")
    page = response.content.decode()
    assert response.status_code == 400
    assert "评价等级无效" in page and "手机号" in page
    assert not Rating.objects.exists()


def test_bad_rating_opens_a_rectification_for_the_department(site_client, matter):
    response = rate(
        site_client,
        matter,
        dim_overall=1,
        comment="指南写的材料和窗口要的不一样",
        contact_name="赵六",
        contact_phone="13700001234",
    )
    rating = Rating.objects.get()
    case = rating.rectification
    assert case.kind == Case.RECTIFICATION and case.department == matter.department
    assert case.status == Case.DISPATCHED and case.code in response.content.decode()
    assert case.contact_phone == "13700001234" and rating.real_name


def test_rectification_deadline_follows_the_setting(site_client, matter):
    from complaints.calendar import WorkingCalendar, today
    from complaints.models import ComplaintSettings

    settings = ComplaintSettings.load()
    settings.rectification_days = 7
    settings.save()
    rate(site_client, matter, dim_overall=2)
    case = Case.objects.rectifications().get()
    assert case.due_on == WorkingCalendar.current().add_working_days(today(), 7)


def test_default_rectification_time_is_fifteen_working_days():
    from complaints.models import ComplaintSettings

    assert ComplaintSettings().rectification_days == 15


def test_published_rectification_shows_how_it_was_fixed_without_personal_data(
    site_client, matter, handler, gongan_staff
):
    rate(
        site_client,
        matter,
        dim_overall=1,
        comment="赵六 13700001234 排队两小时",
        contact_name="赵六",
        contact_phone="13700001234",
    )
    case = Case.objects.rectifications().get()
    case = flow.apply(case, "start", gongan_staff)
    case = flow.apply(
        case, "reply", gongan_staff, reply="已增设取号机并延长午间服务。", resolution=Case.RECTIFIED
    )
    case = flow.apply(case, "revisit", handler, note="回访赵六，认可")
    flow.apply(case, "close", handler)
    page = site_client.get("/complaints/rectifications/").content.decode()
    assert case.code in page and "已增设取号机并延长午间服务。" in page and "已整改" in page
    assert matter.title in page
    assert "赵六" not in page and "13700001234" not in page and "排队两小时" not in page


def test_rating_page_for_an_unknown_matter_is_a_404(site_client):
    assert site_client.get("/ratings/NO-SUCH-CODE/").status_code == 404


def test_reminder_task_reminds_yellow_and_escalates_red_once(
    category, gongan, gongan_staff, handler
):
    from datetime import timedelta

    from complaints.calendar import today
    from complaints.models import ComplaintSettings
    from complaints.tasks import send_case_reminders

    gongan_staff.email, handler.email = "staff@gongan.example", "handler@centre.example"
    gongan_staff.save()
    handler.save()
    settings = ComplaintSettings.load()
    settings.supervision_email = "duban@centre.example"
    settings.save()
    near = Case.objects.create(
        code="TSNEAR",
        text="x",
        category=category,
        department=gongan,
        due_on=today(),
        status=Case.HANDLING,
        contact_phone="13811112222",
    )
    late = Case.objects.create(
        code="TSLATE",
        text="x",
        category=category,
        department=gongan,
        due_on=today() - timedelta(days=10),
        status=Case.DISPATCHED,
    )
    result = send_case_reminders.enqueue()
    assert result.return_value == {"reminded": 1, "escalated": 1}
    subjects = {m.subject: m for m in mail.outbox}
    reminder = next(m for s, m in subjects.items() if "临期提醒" in s)
    assert reminder.to == ["staff@gongan.example"] and "TSNEAR" in reminder.body
    escalation = next(m for s, m in subjects.items() if "超期督办" in s)
    assert set(escalation.to) == {"handler@centre.example", "duban@centre.example"}
    assert "TSLATE" in escalation.body
    assert all("13811112222" not in m.body for m in mail.outbox)
    assert near.events.filter(action="remind").count() == 1
    assert late.events.filter(action="escalate").count() == 1
    mail.outbox.clear()
    again = send_case_reminders.enqueue()
    assert again.return_value == {"reminded": 0, "escalated": 0} and not mail.outbox
