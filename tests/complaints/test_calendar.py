"""Working-day deadlines: weekends and holidays are skipped, make-up working days count."""

from datetime import date, timedelta

import pytest

from complaints.calendar import WorkingCalendar
from complaints.deadlines import GREEN, RED, YELLOW, Lights, complaint_due
from complaints.models import CalendarDay, Case, Category
from tests.support.dates import at

pytestmark = pytest.mark.django_db

# 2026: National Day week Thu 1 Oct – Wed 7 Oct off; Sat 10 Oct is a make-up working day.
NATIONAL_DAY = [date(2026, 10, d) for d in range(1, 8)]
MAKEUP = date(2026, 10, 10)


@pytest.fixture
def national_day():
    CalendarDay.objects.all().delete()
    for day in NATIONAL_DAY:
        CalendarDay.objects.create(day=day, kind=CalendarDay.HOLIDAY, name="国庆节")
    CalendarDay.objects.create(day=MAKEUP, kind=CalendarDay.WORKDAY, name="国庆节调休")


def test_five_working_days_from_a_friday_skip_the_weekend():
    calendar = WorkingCalendar()
    assert calendar.add_working_days(date(2026, 9, 11), 5) == date(2026, 9, 18)


def test_clock_starts_on_the_next_working_day_when_filed_on_a_weekend():
    calendar = WorkingCalendar()
    assert calendar.add_working_days(date(2026, 9, 12), 1) == date(2026, 9, 14)
    assert calendar.add_working_days(date(2026, 9, 13), 5) == date(2026, 9, 18)


def test_holiday_is_skipped_and_make_up_saturday_counts(national_day):
    calendar = WorkingCalendar.current()
    # Filed Tue 29 Sep: Wed 30 Sep (1), holiday 1–7 Oct, Thu 8 (2), Fri 9 (3), Sat 10 make-up
    # (4), Sun 11 off, Mon 12 (5).
    assert calendar.add_working_days(date(2026, 9, 29), 5) == date(2026, 10, 12)
    assert not calendar.is_working_day(date(2026, 10, 5))  # a Monday, but National Day
    assert calendar.is_working_day(MAKEUP)  # a Saturday, but a make-up working day


def test_without_the_calendar_the_same_complaint_would_be_due_during_the_holiday():
    assert WorkingCalendar().add_working_days(date(2026, 9, 29), 5) == date(2026, 10, 6)


def test_working_days_between_counts_what_add_working_days_adds(national_day):
    calendar = WorkingCalendar.current()
    start = date(2026, 9, 25)
    for days in range(1, 15):
        end = calendar.add_working_days(start, days)
        assert calendar.working_days_between(start, end) == days


def test_category_deadline_is_used_for_a_complaint(national_day):
    quick = Category.objects.create(name="加急", reply_days=2)
    assert complaint_due(quick, at(date(2026, 9, 29))) == date(2026, 10, 8)
    assert complaint_due(Category.objects.get(name="其他"), at(date(2026, 9, 29))) == date(
        2026, 10, 12
    )


def test_default_reply_time_is_five_working_days():
    assert Category().reply_days == 5


def test_lights_green_yellow_red_around_a_holiday(national_day):
    lights = Lights(on=date(2026, 9, 30), warning_days=1)
    due = {
        d: Case(status=Case.HANDLING, due_on=d)
        for d in (date(2026, 9, 29), date(2026, 9, 30), date(2026, 10, 8), date(2026, 10, 9))
    }
    assert lights.light(due[date(2026, 9, 29)]) == RED
    assert lights.light(due[date(2026, 9, 30)]) == YELLOW  # due today
    assert lights.light(due[date(2026, 10, 8)]) == YELLOW  # next working day, after the holiday
    assert lights.light(due[date(2026, 10, 9)]) == GREEN
    answered = Case(status=Case.REPLIED, due_on=date(2026, 9, 1))
    assert lights.light(answered) is None


def test_light_filter_matches_the_light_of_each_case(national_day, category):
    days = [date(2026, 9, 28) + timedelta(days=n) for n in range(16)]
    for n, day in enumerate(days):
        Case.objects.create(
            code=f"T{n}", text="x", category=category, due_on=day, status=Case.HANDLING
        )
    lights = Lights(on=date(2026, 10, 2), warning_days=2)
    for light in (RED, YELLOW, GREEN):
        expected = {c.code for c in Case.objects.all() if lights.light(c) == light}
        assert {c.code for c in lights.filter(Case.objects.all(), light)} == expected
        assert expected
