"""Deadlines and their lights: green while there is time, yellow when near, red when overdue."""

from django.utils.translation import gettext_lazy as _

from .calendar import WorkingCalendar, local_day, today
from .models import ComplaintSettings

GREEN, YELLOW, RED = "green", "yellow", "red"
LIGHT_LABELS = {GREEN: _("正常"), YELLOW: _("临期"), RED: _("超期")}


def complaint_due(category, submitted_at, calendar=None):
    calendar = calendar or WorkingCalendar.current()
    return calendar.add_working_days(local_day(submitted_at), category.reply_days)


def rectification_due(day, calendar=None):
    calendar = calendar or WorkingCalendar.current()
    return calendar.add_working_days(day, ComplaintSettings.load().rectification_days)


class Lights:
    """Lights for many cases at once: the calendar and settings are read once."""

    def __init__(self, on=None, calendar=None, warning_days=None):
        self.today = on or today()
        self.calendar = calendar or WorkingCalendar.current()
        if warning_days is None:
            warning_days = ComplaintSettings.load().warning_days
        # Due before this day (and not yet past) means at most `warning_days` working days left.
        self.yellow_before = self.calendar.add_working_days(self.today, warning_days + 1)

    def light(self, case):
        if not case.awaiting_answer:
            return None
        if case.due_on < self.today:
            return RED
        if case.due_on < self.yellow_before:
            return YELLOW
        return GREEN

    def filter(self, queryset, light):
        """Cases of one light, as a database filter (the queue filters on it)."""
        queryset = queryset.awaiting_answer()
        if light == RED:
            return queryset.filter(due_on__lt=self.today)
        if light == YELLOW:
            return queryset.filter(due_on__gte=self.today, due_on__lt=self.yellow_before)
        if light == GREEN:
            return queryset.filter(due_on__gte=self.yellow_before)
        return queryset

    def working_days_left(self, case):
        if case.due_on < self.today:
            return -self.calendar.working_days_between(case.due_on, self.today)
        return self.calendar.working_days_between(self.today, case.due_on)
