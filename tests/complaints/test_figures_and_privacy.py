"""Published figures against hand-computed values; masking; the retention purge."""

import itertools
import os
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from cms_pages.models import DepartmentPage
from complaints.calendar import today
from complaints.figures import compute_figures, matter_summary
from complaints.models import Case, CaseEvent, Rating
from complaints.privacy import mask_email, mask_name, mask_phone
from tests.complaints import uploads

pytestmark = pytest.mark.django_db


def complaint(category, department, n, **fields):
    defaults = {
        "text": "x",
        "category": category,
        "department": department,
        "due_on": today() + timedelta(days=10),
        "status": Case.HANDLING,
    }
    return Case.objects.create(code=f"TS{department.pk}X{n}", **{**defaults, **fields})


VISITORS = itertools.count()


def rating(department, grade, **fields):
    return Rating.objects.create(
        channel=Rating.ONLINE,
        grade=grade,
        department=department,
        visitor=f"visitor-{next(VISITORS)}",
        **fields,
    )


def test_figures_match_hand_computed_values(category, gongan, matter):
    other = DepartmentPage.objects.exclude(pk=gongan.pk).order_by("path").first()
    past = today() - timedelta(days=1)
    answered = {"status": Case.CLOSED, "replied_at": timezone.now()}
    complaint(category, gongan, 1, answered_on_time=True, reply_working_days=1, **answered)
    complaint(category, gongan, 2, answered_on_time=True, reply_working_days=3, **answered)
    complaint(category, gongan, 3, answered_on_time=False, reply_working_days=7, **answered)
    complaint(category, gongan, 4, due_on=past)  # overdue, unanswered
    complaint(category, gongan, 5)  # not yet due
    complaint(category, other, 1, answered_on_time=True, reply_working_days=2, **answered)
    for grade in (5, 5, 4, 3, 2, 1):
        rating(gongan, grade, matter=matter if grade != 3 else None)
    rating(gongan, 1, excluded=True, excluded_reason="申诉成立")
    rectified = rating(gongan, 2)
    Case.objects.create(
        kind=Case.RECTIFICATION,
        code="ZG1",
        text="x",
        department=gongan,
        due_on=past,
        status=Case.CLOSED,
        resolution=Case.RECTIFIED,
        rating=rectified,
    )

    figures = compute_figures()
    row = next(r for r in figures["rows"] if r["title"] == gongan.title)
    # Hand-computed: 5 received; due = 3 answered + 1 overdue = 4; on time 2 → 50.0 %;
    # median of 1, 3, 7 working days = 3; grades 5,5,4,3,2,1,2 (the excluded 1 not counted).
    assert row["received"] == 5
    assert (row["due"], row["on_time"], row["on_time_share"]) == (4, 2, 50.0)
    assert row["median_days"] == 3
    assert row["grades"] == [2, 1, 1, 2, 1]
    assert row["rated"] == 7 and row["satisfied_share"] == round(100 * 4 / 7, 1)
    assert row["rectified"] == 1
    total = figures["total"]
    assert total["received"] == 6 and total["on_time_share"] == 60.0
    assert total["median_days"] == 2.5  # 1, 2, 3, 7

    summary = matter_summary(matter.pk)
    assert summary == {"count": 5, "satisfied_share": 60.0}  # 5, 5, 4 of 5,5,4,2,1


def test_figures_page_shows_the_computed_values(site_client, category, gongan):
    complaint(
        category,
        gongan,
        1,
        answered_on_time=True,
        reply_working_days=2,
        status=Case.CLOSED,
        replied_at=timezone.now(),
    )
    page = site_client.get("/complaints/figures/").content.decode()
    assert gongan.title in page and "100.0%" in page


@pytest.mark.parametrize(
    "value, masked",
    [
        ("13812345678", "138****5678"),
        ("0536-5550100", "053****0100"),
        ("5550100", "*****00"),
        ("", ""),
    ],
)
def test_phone_masking(value, masked):
    assert mask_phone(value) == masked


def test_name_and_email_masking():
    assert mask_name("欧阳娜娜") == "欧***" and mask_name("王") == "王*"
    assert mask_email("zhangsan@example.com") == "z***@example.com"


def test_purge_removes_personal_data_of_old_closed_cases(category, gongan, settings):
    settings.COMPLAINTS_RETENTION_DAYS = 30
    old = complaint(
        category,
        gongan,
        1,
        status=Case.CLOSED,
        contact_name="孙七",
        contact_phone="13900000000",
        contact_email="a@b.cn",
        closed_at=timezone.now() - timedelta(days=31),
        public_reply="已处理",
    )
    from complaints import attachments

    upload = uploads.png()
    stored = attachments.store(old, upload, attachments.inspect(upload))
    path = stored.file.path
    CaseEvent.objects.create(case=old, action="note", note="孙七说……")
    recent = complaint(
        category,
        gongan,
        2,
        status=Case.CLOSED,
        contact_phone="13900000001",
        closed_at=timezone.now() - timedelta(days=5),
    )
    still_open = complaint(category, gongan, 3, contact_phone="13900000002")
    Case.objects.filter(pk=still_open.pk).update(submitted_at=timezone.now() - timedelta(days=400))

    call_command("purge_complaints", verbosity=0)
    old.refresh_from_db()
    assert old.purged_at and not (old.contact_name or old.contact_phone or old.contact_email)
    assert "孙七" not in old.text and not old.attachments.exists()
    assert not os.path.exists(path)
    assert not old.events.exclude(note="").exists()
    assert old.public_reply == "已处理" and old.department == gongan  # figures keep working
    recent.refresh_from_db()
    still_open.refresh_from_db()
    assert recent.contact_phone and still_open.contact_phone and not recent.purged_at


def test_demo_site_has_complaint_channels_and_a_calendar():
    from complaints.models import CalendarDay, ComplaintChannel

    assert ComplaintChannel.objects.filter(department=None, kind="hotline").count() == 1
    assert ComplaintChannel.objects.filter(department__slug="gongan").exists()
    assert CalendarDay.objects.filter(kind=CalendarDay.WORKDAY).exists()


def test_matter_page_shows_its_channels_and_rating_figures(site_client, matter, gongan):
    from complaints.models import ComplaintChannel

    ComplaintChannel.objects.filter(department=gongan).delete()
    page = site_client.get(matter.url).content.decode()
    assert "中心监督投诉电话" in page  # no channel of its own: the centre's
    assert "暂无评价" in page and f"/ratings/{matter.code}/" in page
    ComplaintChannel.objects.create(
        department=gongan, kind="phone", label="公安局督察热线", value="0536-5551234"
    )
    for grade in (5, 4, 1):
        rating(gongan, grade, matter=matter)
    from django.core.cache import cache

    cache.clear()
    page = site_client.get(matter.url).content.decode()
    assert "公安局督察热线" in page and "中心监督投诉电话" not in page
    assert "共 3 条评价，满意率 66.7%" in page


def test_complaint_channels_page_lists_channels_and_the_online_form(site_client):
    page = site_client.get("/complaints/").content.decode()
    assert "/complaints/new/" in page and "/complaints/status/" in page
    assert "“办不成事”反映窗口" in page and "12345" in page
    assert "/complaints/figures/" in page and "/complaints/rectifications/" in page
