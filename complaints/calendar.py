"""Working days: weekends and configured holidays are off, official make-up days (调休) are on.

Deadlines for complaints and rectifications are promised in working days, so every date sum
goes through a `WorkingCalendar` built from the `CalendarDay` rows the centre maintains."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

# Longest stretch of days off in a row the calendar can describe (Spring Festival plus a
# weekend is nine); a guard against a misconfigured calendar looping forever.
MAX_DAYS_OFF_IN_A_ROW = 60


@dataclass(frozen=True)
class WorkingCalendar:
    holidays: frozenset = field(default_factory=frozenset)
    makeup_days: frozenset = field(default_factory=frozenset)

    @classmethod
    def current(cls):
        from .models import CalendarDay

        holidays, makeup_days = set(), set()
        for day, kind in CalendarDay.objects.values_list("day", "kind"):
            (makeup_days if kind == CalendarDay.WORKDAY else holidays).add(day)
        return cls(frozenset(holidays), frozenset(makeup_days))

    def is_working_day(self, day):
        if day in self.makeup_days:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5

    def add_working_days(self, start, days):
        """The day on which `days` working days after `start` have passed (start not counted).

        A case filed on Friday with 5 working days is due the next Friday; one filed on a
        Saturday is due the Friday after, as the clock starts on the next working day."""
        current, remaining, idle = start, days, 0
        while remaining > 0:
            current += timedelta(days=1)
            if self.is_working_day(current):
                remaining, idle = remaining - 1, 0
            else:
                idle += 1
                if idle > MAX_DAYS_OFF_IN_A_ROW:
                    raise ValueError(_("工作日历中连续休息日过多，请检查节假日设置。"))
        return current

    def working_days_between(self, start, end):
        """Working days after `start` up to and including `end` (0 when end ≤ start)."""
        count, current = 0, start
        while current < end:
            current += timedelta(days=1)
            count += self.is_working_day(current)
        return count


def today():
    return timezone.localdate()


def local_day(moment):
    return timezone.localtime(moment).date() if moment else None
